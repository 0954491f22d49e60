"""Notices to people: queued with the event, listed in the app, delivered by email or SMS."""
