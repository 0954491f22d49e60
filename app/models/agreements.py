"""Agreements between partners in an area, indicators and measurements."""
