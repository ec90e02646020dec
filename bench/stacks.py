"""Summarise a py-spy profile (`py-spy record --format raw`, collapsed stacks) of the check.

    stacks.py PROFILE.txt

py-spy leaves out idle samples (a thread waiting on a socket), so the shares are of the CPU the
Python process burnt, not of wall time. Two views:

- by step of the request: every sample counts for each step its stack passes through;
- by layer: each sample goes to the library its innermost frame is in.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

# (label, regular expression over one frame, or "A >> B": a frame matching A that calls one
# matching B directly); a sample counts for every step it passes through.
STEPS = [
    ("whole request (WSGI handler)", r"^WSGIHandler\.__call__"),
    ("  DRF view dispatch", r"^APIView\.dispatch|^\w+Api\.dispatch"),
    ("    authentication (service key)", r"ServiceTokenAuthentication\.authenticate"),
    ("    input validation (serializer)", r"\.is_valid \(rest_framework"),
    ("    message_check (service)", r"^message_check \(inbox/services"),
    ("      idempotency read (message_get)", r"^message_get "),
    ("      sender upsert (facts sent along)", r"^sender_upsert "),
    ("      active policy", r"^policy_get_active |^policy_rules "),
    (
        "      sender row (SELECT, FOR UPDATE if unsolicited)",
        r"^_message_decide_and_store >> ^QuerySet\.first ",
    ),
    ("      pair_is_connected", r"^pair_is_connected "),
    ("      recipient_prefs (freelancer, blocks, allowed)", r"^recipient_prefs "),
    ("      contact_counter", r"^contact_counter "),
    ("      decide (pure policy)", r"^decide \(inbox/policy"),
    (
        "      INSERT message / record / contact",
        r"^(_record|Manager\._insert|QuerySet\.create|QuerySet\.bulk_create) ",
    ),
    ("      commit (incl. on_commit hooks)", r"^Atomic\.__exit__ "),
    ("        enqueue scan (Celery publish)", r"^enqueue \(common/queue"),
    ("    response rendering", r"^Response\.rendered_content|^JSONRenderer\.render"),
    ("  output serializer", r"DecisionOutputSerializer|^Serializer\.data "),
]

LAYERS = [
    ("psycopg (driver, sockets)", r"psycopg/"),
    ("Django ORM: SQL compilation", r"django/db/models/sql/"),
    ("Django ORM: other (querysets, models, fields)", r"django/db/(models|backends)/|django/db/"),
    ("Celery / kombu / redis-py", r"celery/|kombu/|redis/|amqp/|vine/"),
    ("DRF", r"rest_framework/"),
    ("Django request handling (middleware, urls, http)", r"django/"),
    ("inbox / preferences code", r"\((inbox|preferences|config)/"),
    ("standard library", r"\(\w+\.py:|/lib/python3|<frozen"),
]


def passes(frames: list[str], parts: list[re.Pattern[str]]) -> bool:
    """Whether consecutive frames match the parts (one part: any frame matches it)."""
    width = len(parts)
    return any(
        all(part.search(frames[i + k]) for k, part in enumerate(parts))
        for i in range(len(frames) - width + 1)
    )


def main() -> int:
    path = Path(sys.argv[1])
    total = 0
    steps: dict[str, int] = defaultdict(int)
    layers: dict[str, int] = defaultdict(int)
    step_patterns = [
        (label, [re.compile(part) for part in pattern.split(" >> ")]) for label, pattern in STEPS
    ]
    layer_patterns = [(label, re.compile(pattern)) for label, pattern in LAYERS]
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = stack.split(";")
        if not any(f.startswith("WSGIHandler.__call__") for f in frames):
            continue  # start-up, warm-up bookkeeping
        count = int(count_text)
        total += count
        for label, parts in step_patterns:
            if passes(frames, parts):
                steps[label] += count
        leaf = frames[-1]
        for label, pattern in layer_patterns:
            if pattern.search(leaf):
                layers[label] += count
                break
        else:
            layers["other"] += count
    if not total:
        print("no request samples found")
        return 1
    print(f"{total:,} samples inside requests\n")
    print("By step (inclusive):")
    for label, _ in STEPS:
        print(f"  {label:56} {steps[label] / total:6.1%}")
    print("\nBy layer (innermost frame):")
    for label, count in sorted(layers.items(), key=lambda item: -item[1]):
        print(f"  {label:56} {count / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
