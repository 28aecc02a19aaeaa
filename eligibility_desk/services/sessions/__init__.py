"""services.sessions"""
