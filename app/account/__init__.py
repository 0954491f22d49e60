"""My account: name and language, the private calendar link, sign-ins on every device, export
and deletion of one's data."""
