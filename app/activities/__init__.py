"""Activities: create, list, sign up with a waiting list, and mark attendance."""
