"""ui.scores"""
