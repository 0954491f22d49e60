"""Residents reading each other across languages: machine translation on demand, cached."""
