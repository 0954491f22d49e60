"""The results page: aggregates per area and for all areas, with the fewer-than-5 rule."""
