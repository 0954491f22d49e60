"""Worked hours (the youth's own, and per area for leaders) and the leader's day view."""
