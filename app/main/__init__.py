"""The home page, the language choice and the health check."""
