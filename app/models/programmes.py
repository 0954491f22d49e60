"""Programmes, enrolments with consent, and outcomes."""
