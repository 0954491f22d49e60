"""Residents' budget rounds: costed ideas, approval ballots, the count."""
