"""Café shifts: workplaces, shifts, sign-ups with the rules for minors, arrival."""
