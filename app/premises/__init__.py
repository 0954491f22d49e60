"""Premises (meeting places) and bookings of them."""
