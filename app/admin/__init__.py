"""The administrator's pages: areas, and who holds which role in them."""
