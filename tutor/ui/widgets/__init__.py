"""Widgets of the tutor's screens, one per module."""
