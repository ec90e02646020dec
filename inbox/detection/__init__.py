"""Text detection: normalisation, contact details, spam/scam scoring, campaign fingerprints."""
