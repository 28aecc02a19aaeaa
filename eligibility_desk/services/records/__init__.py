"""services.records"""
