"""Partnership agreements (samverkansavtal), their indicators and measurements."""
