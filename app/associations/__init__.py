"""Associations and cooperatives: starting one, statutes, founding meeting, membership."""
