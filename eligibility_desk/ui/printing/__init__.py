"""ui.printing"""
