"""Programmes with consented enrolment and outcomes per participant."""
