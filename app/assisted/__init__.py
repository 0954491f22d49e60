"""Assisted mode: a process leader registers and acts for a resident at the meeting place."""
