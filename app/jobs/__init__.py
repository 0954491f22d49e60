"""Summer jobs: postings, applications, placements (with a guardian's consent for minors)."""
