"""Areas (bostadsområden): their pages, roles, verification of residents and invite codes."""
