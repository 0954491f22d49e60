"""Residents' ideas: proposing (with a photo), the list, votes and comment threads."""
