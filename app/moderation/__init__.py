"""Moderation: the leaders' queue, their decisions and the area's public moderation log."""
