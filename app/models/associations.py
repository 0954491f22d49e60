"""Associations: kinds, founders, members, statutes versions, founding meeting."""
