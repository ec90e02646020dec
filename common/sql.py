"""Raw SQL helpers for the few statements the hot path writes by hand."""

from __future__ import annotations

import functools
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model


def insert_statement(obj: Model, *, given: dict[str, str] | None = None) -> tuple[str, list[Any]]:
    """Return `INSERT INTO … VALUES (…)` for an unsaved object, and its parameters.

    The values are the ones `save()` would write (defaults, `auto_now_add`, JSON adapted for the
    database), taken from the model's fields, so a field added later is written here as well.
    Every concrete field but the primary key is included; `given` maps a field's name to an SQL
    expression written in its place instead of a parameter (another statement's result).
    """
    connection = connections[DEFAULT_DB_ALIAS]  # once: each use of the proxy costs a lookup
    sql, fields = _insert_shape(type(obj), tuple(sorted((given or {}).items())), connection.vendor)
    return sql, [
        field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in fields
    ]


@functools.cache
def _insert_shape(
    model: type[Model], given: tuple[tuple[str, str], ...], vendor: str
) -> tuple[str, tuple[Field[Any, Any], ...]]:
    """The statement's text, and the fields whose values are its parameters, in order: the same
    for every object of a model, so built once per process."""
    expressions = dict(given)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(quote(field.column or field.attname) for field in fields)
    marks = ", ".join(expressions.get(field.name, "%s") for field in fields)
    table = quote(model._meta.db_table)
    # Names come from the model, and `given` from the calling code; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    return sql, tuple(field for field in fields if field.name not in expressions)


def update_statement(model: type[Model], values: dict[str, Any]) -> tuple[str, list[Any]]:
    """Return `UPDATE … SET …` (the caller adds its `WHERE`) for `values`, by field name, and
    its parameters, adapted for the database as `save()` would adapt them."""
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [field for field in model._meta.concrete_fields if field.name in values]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column or field.attname)} = %s" for field in fields)
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    # Names come from the model; every value is a parameter.
    return f"UPDATE {quote(model._meta.db_table)} SET {assignments}", params  # noqa: S608
