"""Signals only invalidate caches; they hold no logic."""
