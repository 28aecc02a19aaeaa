"""services.scores"""
