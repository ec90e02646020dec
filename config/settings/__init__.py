"""Settings package: `base` defines everything; the others only change defaults."""
