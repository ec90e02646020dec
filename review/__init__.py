"""Trust & safety review: the queue, claims, campaigns, senders and standing, audit, policy."""
