"""The asynchronous half: scans, campaigns, pull-back on block, retention, digests, and the
Celery tasks that run them.

Every piece of work has a durable marker in the database (a message's `scan_state`, a block's
`pulled_back_at`, an event's `state`), and tasks only carry ids. A task that finds its work done
is a no-op; a sweep re-enqueues work whose lease ran out, so a lost task (worker killed, broker
down) is done later rather than lost. Each unit of work commits in one transaction with its
history rows and events.
"""
