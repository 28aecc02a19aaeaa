"""services.printing"""
