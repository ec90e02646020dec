"""Bulk loader for the benchmark database (PostgreSQL only, psycopg COPY into the real tables).

    load.py base     freelancers, senders, connections, allowed senders; the request mix files
    load.py blocks N replace the block table with N blocks (indexes rebuilt after the COPY)
    load.py reset    empty messages (and what refers to them) and new contacts: runs start equal
    load.py mix      print the decisions stored since the last reset, as JSON

Everything is a deterministic function of the row number (and a fixed seed), so block j is the
same block at every table size: the blocked pairs the load generator targets exist at 10,000
blocks and at 10,000,000 alike, and every size is measured with the same request mix.

The database is DATABASE_URL (the benchmark's own, e.g. postgres://postgres@127.0.0.1/ig_bench);
the schema comes from `manage.py migrate`, this script only fills it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from psycopg import sql

SEED = 20261120
FREELANCERS = 100_000
SENDERS = 100_000
CONNECTIONS = 200_000
ALLOWED = 50_000
MIX_LINES = 100_000
BUSY_SENDERS = 20  # a few eligible senders that send much more than the daily limit allows
STRIDE = 7_919  # prime, coprime with SENDERS: a freelancer's k-th block names a different sender
CHUNK = 1 << 20  # bytes per COPY write

# The request mix: share of POST /api/v1/messages requests per kind of pair, in percent.
MIX: dict[str, float] = {
    "connected": 30.0,  # pair has a connection: not unsolicited -> deliver (keyword filters apply)
    "first_contact": 35.0,  # eligible sender, new freelancer -> hold for scan (or reject: mode off)
    "busy_sender": 5.0,  # 20 eligible senders spread over many freelancers -> daily limit reject
    "ineligible": 12.0,  # fails eligibility (billing, spend, age, payment) -> reject
    "bad_standing": 3.0,  # on_hold / suspended -> reject
    "blocked_account": 4.0,  # the freelancer blocked this sender -> quarantine
    "blocked_organization": 1.5,  # blocked another account of the sender's organization
    "blocked_linked": 1.5,  # blocked an account with the sender's identity key
    "keyword": 5.0,  # body contains a word the freelancer filters -> quarantine
    "allowed": 3.0,  # the freelancer trusts the sender -> skips eligibility etc., first one held
}

# Message bodies; the load generator picks one per request by index. Plain ASCII without quotes
# or backslashes, so the Lua side can put them into JSON as they are.
BODIES = [
    "Hi, are you available for a WordPress job next week?",
    "Hello! We are a small agency looking for a React developer to help us finish a client "
    "dashboard. The work is about 40 hours over the next three weeks, mostly components and "
    "charts. Would you be interested? Happy to share the design files and a short brief.",
    "Good morning. I saw your portfolio and liked the brand identity work for the coffee shop. "
    "We are opening a bakery in March and need a logo, a menu layout and signage. Budget is "
    "flexible for the right person. Can we schedule a call on Thursday or Friday?",
    "Hey, quick question about your Python experience: have you worked with Django and "
    "PostgreSQL in production? We have a reporting service that got slow and need someone to "
    "profile it and propose fixes. Estimated two weeks, fixed price or hourly, your choice.",
    "Hi there, I run an online shop and need product descriptions for 120 items, about 80 "
    "words each, friendly tone, SEO aware. I can send a spreadsheet with the product data and "
    "three examples of the style we like. What would your rate be per description?",
    "Hello, we need a mobile developer to fix crashes in our Flutter app on older Android "
    "phones. Logs and a test device list are ready. It is a short job, maybe 10 to 15 hours, "
    "but it could turn into a longer maintenance contract if it goes well. Interested?",
    "Thanks for the quick answer. Following up on the translation project: the files are "
    "ready, 6,000 words from German to English, technical manuals for garden machines.",
]
KEYWORD_BODY = len(BODIES)
BODIES.append(
    "Easy remote task, paid in crypto or by gift card. Contact me on telegram, an upfront "
    "payment of 50 dollars secures your place. Bitcoin also fine, wire transfer possible."
)
# Each freelancer with filters has one of these sets; KEYWORD_BODY matches every one of them.
KEYWORD_SETS = [
    ["crypto"],
    ["telegram", "whatsapp"],
    ["upfront payment", "gift card"],
    ["bitcoin", "wire transfer", "crypto"],
]


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", flush=True)


def ts(moment: datetime) -> str:
    return moment.isoformat()


# --- Deterministic population --------------------------------------------------------------


@dataclass(frozen=True)
class SenderRow:
    account_id: str
    organization_id: str
    identity_key: str
    billing_verified: bool
    spent_cents: int
    joined_at: datetime
    first_payment_at: datetime | None
    standing: str
    kind: str  # eligible | billing | spend | new | no_payment | on_hold | suspended


@dataclass(frozen=True)
class FreelancerRow:
    account_id: str
    direct_mode: str
    job_invite_mode: str
    keyword_filters: list[str]


def sender_account(index: int) -> str:
    return f"c-{index}"


def freelancer_account(index: int) -> str:
    return f"f-{index}"


def make_senders(now: datetime) -> list[SenderRow]:
    rng = random.Random(SEED)
    rows = []
    for index in range(SENDERS):
        # 30 % belong to an organization of 15 accounts; 20 % share an identity key with 2 others.
        organization = f"org-{index // 50}" if index % 10 < 3 else ""
        identity = f"idk-{index // 15}" if index % 5 == 0 else ""
        roll = rng.random()
        billing, standing = True, "good"
        spent = rng.randint(100_001, 5_000_000)
        joined = now - timedelta(days=rng.randint(100, 2_000), seconds=rng.randint(0, 86_399))
        paid: datetime | None = joined + timedelta(days=rng.randint(0, 5))
        kind = "eligible"
        if roll < 0.04:
            billing, kind = False, "billing"
        elif roll < 0.08:
            spent, kind = rng.randint(0, 100_000), "spend"
        elif roll < 0.11:
            joined, kind = now - timedelta(days=rng.randint(1, 85)), "new"
            paid = joined + timedelta(days=1) if rng.random() < 0.5 else None
        elif roll < 0.14:
            paid, kind = None, "no_payment"
        elif roll < 0.165:
            standing, kind = "on_hold", "on_hold"
        elif roll < 0.175:
            standing, kind = "suspended", "suspended"
        rows.append(
            SenderRow(
                sender_account(index),
                organization,
                identity,
                billing,
                spent,
                joined,
                paid,
                standing,
                kind,
            )
        )
    return rows


def make_freelancers() -> list[FreelancerRow]:
    rng = random.Random(SEED + 1)
    rows = []
    for index in range(FREELANCERS):
        roll = rng.random()
        direct = "requests" if roll < 0.08 else "off" if roll < 0.12 else ""
        roll = rng.random()
        invite = "requests" if roll < 0.05 else "off" if roll < 0.07 else ""
        filters = KEYWORD_SETS[rng.randrange(len(KEYWORD_SETS))] if rng.random() < 0.10 else []
        rows.append(FreelancerRow(freelancer_account(index), direct, invite, filters))
    return rows


def block_of(j: int, senders: list[SenderRow]) -> tuple[int, int, str]:
    """Return (freelancer index, sender index, scope) of block number j (any table size)."""
    freelancer = j % FREELANCERS
    k = j // FREELANCERS
    start = (freelancer * 2_654_435_761) % SENDERS
    sender = (start + k * STRIDE) % SENDERS
    roll = ((j * 2_654_435_761) >> 7) % 100
    scope = "account"
    if roll >= 92 and senders[sender].identity_key:
        scope = "linked"
    elif 80 <= roll < 92 and senders[sender].organization_id:
        scope = "organization"
    return freelancer, sender, scope


def connection_pairs(count: int) -> list[tuple[int, int, str]]:
    rng = random.Random(SEED + 2)
    kinds = ["contract", "proposal", "invite_accepted", "reply"]
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, int, str]] = []
    while len(out) < count:
        pair = (rng.randrange(SENDERS), rng.randrange(FREELANCERS))
        if pair in seen:
            continue
        seen.add(pair)
        out.append((pair[0], pair[1], kinds[rng.randrange(len(kinds))]))
    return out


def allowed_pairs(count: int) -> list[tuple[int, int]]:
    rng = random.Random(SEED + 3)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, int]] = []
    while len(out) < count:
        pair = (rng.randrange(SENDERS), rng.randrange(FREELANCERS))
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


# --- COPY helpers --------------------------------------------------------------------------


def model_defaults(conn: psycopg.Connection, table: str, columns: list[str]) -> dict[str, str]:
    """Return COPY text for the table's other NOT NULL columns without a database default.

    The schema grows (new fields with a Python-side default); their values come from the Django
    model's field defaults, so the loader keeps working when a field is added.
    """
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = %s AND is_nullable = 'NO' AND column_default IS NULL "
        "AND is_identity = 'NO'",
        (table,),
    ).fetchall()
    missing = [name for (name,) in rows if name not in columns]
    if not missing:
        return {}
    sys.path.insert(0, os.environ.get("BENCH_SRC") or str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django
    from django.apps import apps

    django.setup()
    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    by_column = {field.column: field for field in model._meta.concrete_fields}
    values = {}
    for name in missing:
        default = by_column[name].get_default()
        if isinstance(default, bool):
            values[name] = "t" if default else "f"
        elif isinstance(default, (dict, list)):
            values[name] = json.dumps(default)
        elif isinstance(default, datetime):
            values[name] = ts(default)
        elif default is None:
            raise SystemExit(f"{table}.{name} is NOT NULL without a default; teach load.py it")
        else:
            values[name] = str(default)
    log(f"  {table}: model defaults for {', '.join(f'{k}={v!r}' for k, v in values.items())}")
    return values


def copy_lines(
    conn: psycopg.Connection, table: str, columns: list[str], lines: Iterator[str]
) -> int:
    """COPY tab-separated text lines into `table`; return the number of rows. Other NOT NULL
    columns get the model's default."""
    extra = model_defaults(conn, table, columns)
    suffix = "".join(f"\t{value}" for value in extra.values()) + "\n"
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, [*columns, *extra]))
    )
    count = 0
    with conn.cursor() as cursor, cursor.copy(statement) as copy:
        buffer: list[str] = []
        size = 0
        for line in lines:
            if extra:
                line = line[:-1] + suffix
            buffer.append(line)
            size += len(line)
            count += 1
            if size >= CHUNK:
                copy.write("".join(buffer))
                buffer, size = [], 0
        if buffer:
            copy.write("".join(buffer))
    return count


def reset_identity(conn: psycopg.Connection, table: str) -> None:
    conn.execute(
        sql.SQL(
            "SELECT setval(pg_get_serial_sequence({t}, 'id'), "
            "COALESCE((SELECT max(id) FROM {i}), 0) + 1, false)"
        ).format(t=sql.Literal(table), i=sql.Identifier(table))
    )


def secondary_indexes(conn: psycopg.Connection, table: str) -> tuple[list[str], list[str]]:
    """Return (DROP statements, CREATE statements) for a table's constraints and indexes, pkey
    excepted, so a bulk load can run without them and rebuild them afterwards."""
    drops: list[str] = []
    creates: list[str] = []
    constraints = conn.execute(
        "SELECT conname, pg_get_constraintdef(oid), conindid FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
        (table,),
    ).fetchall()
    constraint_indexes = {row[2] for row in constraints}
    for name, definition, _ in constraints:
        drops.append(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        creates.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    indexes = conn.execute(
        "SELECT i.indexrelid, c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass "
        "AND NOT i.indisprimary",
        (table,),
    ).fetchall()
    for oid, name, definition in indexes:
        if oid in constraint_indexes:
            continue
        drops.append(f'DROP INDEX "{name}"')
        creates.append(definition)
    # Unique constraints and plain indexes first, foreign keys (which need them) last.
    creates.sort(key=lambda statement: "FOREIGN KEY" in statement)
    return drops, creates


# --- Commands ------------------------------------------------------------------------------


def cmd_base(conn: psycopg.Connection, out_dir: Path) -> None:
    now = datetime.now(UTC)
    stamp = ts(now)
    senders = make_senders(now)
    freelancers = make_freelancers()
    connections = connection_pairs(CONNECTIONS)
    allowed = allowed_pairs(ALLOWED)
    log(
        f"emptying the tables; loading {FREELANCERS:,} freelancers, {SENDERS:,} senders, "
        f"{len(connections):,} connections, {len(allowed):,} allowed senders"
    )
    with conn.transaction():
        load_base(conn, stamp, senders, freelancers, connections, allowed)
    for table in BASE_TABLES:
        conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
    write_mix(out_dir, senders, freelancers, connections, allowed)


BASE_TABLES = (
    "preferences_freelancer",
    "inbox_sender",
    "inbox_connection",
    "preferences_allowedsender",
)


def load_base(
    conn: psycopg.Connection,
    stamp: str,
    senders: list[SenderRow],
    freelancers: list[FreelancerRow],
    connections: list[tuple[int, int, str]],
    allowed: list[tuple[int, int]],
) -> None:
    conn.execute(
        "TRUNCATE inbox_decisionrecord, inbox_message, inbox_newcontact, inbox_connection, "
        "preferences_block, preferences_allowedsender, preferences_freelancer, inbox_sender "
        "RESTART IDENTITY CASCADE"
    )
    copy_lines(
        conn,
        "preferences_freelancer",
        [
            "id",
            "account_id",
            "direct_mode",
            "job_invite_mode",
            "keyword_filters",
            "digest_enabled",
            "created_at",
            "updated_at",
        ],
        (
            f"{i + 1}\t{f.account_id}\t{f.direct_mode}\t{f.job_invite_mode}\t"
            f"{json.dumps(f.keyword_filters)}\tf\t{stamp}\t{stamp}\n"
            for i, f in enumerate(freelancers)
        ),
    )
    copy_lines(
        conn,
        "inbox_sender",
        [
            "id",
            "account_id",
            "display_name",
            "organization_id",
            "identity_key",
            "billing_verified",
            "spent_last_12_months_cents",
            "joined_at",
            "first_payment_at",
            "standing",
            "updated_at",
        ],
        (
            f"{i + 1}\t{s.account_id}\tClient {i}\t{s.organization_id}\t{s.identity_key}\t"
            f"{'t' if s.billing_verified else 'f'}\t{s.spent_cents}\t{ts(s.joined_at)}\t"
            f"{ts(s.first_payment_at) if s.first_payment_at else chr(92) + 'N'}\t{s.standing}\t"
            f"{stamp}\n"
            for i, s in enumerate(senders)
        ),
    )
    copy_lines(
        conn,
        "inbox_connection",
        ["client_id", "freelancer_id", "kind", "created_at"],
        (
            f"{sender_account(s)}\t{freelancer_account(f)}\t{kind}\t{stamp}\n"
            for s, f, kind in connections
        ),
    )
    copy_lines(
        conn,
        "preferences_allowedsender",
        ["freelancer_id", "sender_id", "created_at"],
        (f"{f + 1}\t{sender_account(s)}\t{stamp}\n" for s, f in allowed),
    )
    for table in BASE_TABLES:
        reset_identity(conn, table)


def write_mix(
    out_dir: Path,
    senders: list[SenderRow],
    freelancers: list[FreelancerRow],
    connections: list[tuple[int, int, str]],
    allowed: list[tuple[int, int]],
) -> None:
    """Write the request mix for the Lua load generator: one pair per line, tab-separated:
    category, sender_id, recipient_id, kind, body index, sender facts JSON or "-"."""
    rng = random.Random(SEED + 4)
    eligible = [i for i, row in enumerate(senders) if row.kind == "eligible"]
    ineligible = [
        i for i, row in enumerate(senders) if row.kind in ("billing", "spend", "new", "no_payment")
    ]
    bad_standing = [i for i, row in enumerate(senders) if row.kind in ("on_hold", "suspended")]
    busy = rng.sample(eligible, BUSY_SENDERS)
    filtering = [
        i for i, f in enumerate(freelancers) if f.keyword_filters and f.direct_mode != "off"
    ]
    by_org: dict[str, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for i, row in enumerate(senders):
        if row.organization_id:
            by_org.setdefault(row.organization_id, []).append(i)
        if row.identity_key:
            by_key.setdefault(row.identity_key, []).append(i)
    # Blocked pairs come from the first 10,000 blocks, which exist at every table size.
    blocked: dict[str, list[tuple[int, int]]] = {"account": [], "organization": [], "linked": []}
    for j in range(10_000):
        freelancer, sender, scope = block_of(j, senders)
        target = senders[sender]
        if scope == "account":
            candidates = [sender]
        elif scope == "organization":
            candidates = by_org[target.organization_id]
        else:
            candidates = by_key[target.identity_key]
        candidates = [c for c in candidates if senders[c].standing == "good"]
        if candidates:
            blocked[scope].append((rng.choice(candidates), freelancer))

    def body() -> int:
        return rng.randrange(KEYWORD_BODY)  # any body but the keyword one

    lines = []
    for category, share in MIX.items():
        for _ in range(round(MIX_LINES * share / 100)):
            kind = "direct" if rng.random() < 0.8 else "job_invite"
            if category == "connected":
                s, f, _kind = connections[rng.randrange(len(connections))]
                kind = rng.choice(["direct", "reply", "reply", "job_invite"])
            elif category == "first_contact":
                s, f = rng.choice(eligible), rng.randrange(FREELANCERS)
            elif category == "busy_sender":
                s, f = rng.choice(busy), rng.randrange(FREELANCERS)
            elif category == "ineligible":
                s, f = rng.choice(ineligible), rng.randrange(FREELANCERS)
            elif category == "bad_standing":
                s, f = rng.choice(bad_standing), rng.randrange(FREELANCERS)
            elif category.startswith("blocked_"):
                s, f = rng.choice(blocked[category.removeprefix("blocked_")])
            elif category == "keyword":
                s, f = rng.choice(eligible), rng.choice(filtering)
            else:  # allowed
                s, f = allowed[rng.randrange(len(allowed))]
            facts = "-"
            if rng.random() < 0.05:  # some requests carry the sender's facts (upserted first)
                facts = json.dumps(sender_facts(senders[s], s), separators=(",", ":"))
            lines.append(
                f"{category}\t{sender_account(s)}\t{freelancer_account(f)}\t{kind}\t"
                f"{KEYWORD_BODY if category == 'keyword' else body()}\t{facts}\n"
            )
    rng.shuffle(lines)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "pairs.tsv").write_text("".join(lines))
    (out_dir / "bodies.txt").write_text("".join(f"{b}\n" for b in BODIES))
    log(f"request mix: {len(lines):,} pairs in {out_dir / 'pairs.tsv'}")


def sender_facts(sender: SenderRow, index: int) -> dict[str, object]:
    return {
        "display_name": f"Client {index}",
        "organization_id": sender.organization_id or None,
        "identity_key": sender.identity_key or None,
        "billing_verified": sender.billing_verified,
        "spent_last_12_months_cents": sender.spent_cents,
        "joined_at": ts(sender.joined_at),
        "first_payment_at": ts(sender.first_payment_at) if sender.first_payment_at else None,
        "standing": sender.standing,
    }


def cmd_blocks(conn: psycopg.Connection, count: int) -> None:
    started = time.monotonic()
    # Only organization and identity are needed per sender; they do not depend on the clock.
    senders = make_senders(datetime.now(UTC))
    table = "preferences_block"
    stamp = ts(datetime.now(UTC))
    organization = [s.organization_id for s in senders]
    identity = [s.identity_key for s in senders]
    accounts = [sender_account(i) for i in range(SENDERS)]

    def rows() -> Iterator[str]:
        for j in range(count):
            freelancer, sender, scope = block_of(j, senders)
            yield (
                f"{j + 1}\t{freelancer + 1}\t{accounts[sender]}\t{scope}\t{organization[sender]}\t"
                f"{identity[sender]}\t{stamp}\n"
            )
            if j and j % 1_000_000 == 0:
                log(f"  {j:,} blocks written")

    log(f"loading {count:,} blocks (indexes dropped during the COPY, rebuilt after it)")
    # One transaction: a failure leaves the previous table and all of its indexes in place.
    with conn.transaction():
        drops, creates = secondary_indexes(conn, table)
        conn.execute(f'TRUNCATE "{table}" RESTART IDENTITY')
        for statement in drops:
            conn.execute(statement)
        copied = copy_lines(
            conn,
            table,
            [
                "id",
                "freelancer_id",
                "sender_id",
                "scope",
                "organization_id",
                "identity_key",
                "created_at",
            ],
            rows(),
        )
        log(f"  COPY of {copied:,} rows took {time.monotonic() - started:.0f} s; building indexes")
        conn.execute("SET LOCAL maintenance_work_mem = '1GB'")
        conn.execute("SET LOCAL max_parallel_maintenance_workers = 2")
        for statement in creates:
            conn.execute(statement)
        reset_identity(conn, table)
    conn.execute(f'VACUUM (ANALYZE) "{table}"')
    size = conn.execute(
        "SELECT pg_size_pretty(pg_total_relation_size('preferences_block'))"
    ).fetchone()
    took = time.monotonic() - started
    log(f"{copied:,} blocks in {took:.0f} s; table and indexes: {size[0] if size else '?'}")


def cmd_reset(conn: psycopg.Connection) -> None:
    # CASCADE: the decision records and whatever else refers to messages (events, fingerprints).
    conn.execute("TRUNCATE inbox_message, inbox_newcontact RESTART IDENTITY CASCADE")


def cmd_mix(conn: psycopg.Connection) -> None:
    rows = conn.execute(
        "SELECT decision, count(*) FROM inbox_message GROUP BY decision ORDER BY 2 DESC"
    ).fetchall()
    reasons = conn.execute(
        "SELECT r->>'code', count(*) FROM inbox_message, jsonb_array_elements(reasons) r "
        "GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    print(json.dumps({"decisions": dict(rows), "reasons": dict(reasons)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["base", "blocks", "reset", "mix"])
    parser.add_argument("count", nargs="?", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at the benchmark's PostgreSQL database", file=sys.stderr)
        return 2
    with psycopg.connect(url, autocommit=True) as conn:
        if args.command == "base":
            cmd_base(conn, args.out)
        elif args.command == "blocks":
            cmd_blocks(conn, args.count)
        elif args.command == "reset":
            cmd_reset(conn)
        else:
            cmd_mix(conn)
    return 0


if __name__ == "__main__":
    sys.exit(main())
