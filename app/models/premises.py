"""Premises, opening hours, closed dates and bookings."""
