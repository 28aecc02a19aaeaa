"""ui.screening"""
