"""End-to-end tests: the web UI in a real headless Chromium."""
