"""ui.planning"""
