"""Partner organisations: directory, administration, idea links and their answers."""
