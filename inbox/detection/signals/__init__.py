"""Marketplace signals: small, general detectors of how scams and spam work."""

from .detector import signals_for
from .links import is_lookalike_domain

__all__ = ["is_lookalike_domain", "signals_for"]
