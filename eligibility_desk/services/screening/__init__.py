"""services.screening"""
