"""Offline work on the detectors: training, evaluation, retraining; never imported at run time."""
