"""Raw SQL helpers for the few statements the hot path writes by hand."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Model


def insert_statement(obj: Model, *, given: dict[str, str] | None = None) -> tuple[str, list[Any]]:
    """Return `INSERT INTO … VALUES (…)` for an unsaved object, and its parameters.

    The values are the ones `save()` would write (defaults, `auto_now_add`, JSON adapted for the
    database), taken from the model's fields, so a field added later is written here as well.
    Every concrete field but the primary key is included; `given` maps a field's name to an SQL
    expression written in its place instead of a parameter (another statement's result).
    """
    given = given or {}
    fields = [field for field in obj._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column or field.attname) for field in fields)
    marks = ", ".join(given.get(field.name, "%s") for field in fields)
    values = [
        field.get_db_prep_save(field.pre_save(obj, add=True), connection)
        for field in fields
        if field.name not in given
    ]
    table = quote(obj._meta.db_table)
    # Names come from the model, and `given` from the calling code; every value is a parameter.
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})", values  # noqa: S608


def update_statement(model: type[Model], values: dict[str, Any]) -> tuple[str, list[Any]]:
    """Return `UPDATE … SET …` (the caller adds its `WHERE`) for `values`, by field name, and
    its parameters, adapted for the database as `save()` would adapt them."""
    fields = [field for field in model._meta.concrete_fields if field.name in values]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column or field.attname)} = %s" for field in fields)
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    # Names come from the model; every value is a parameter.
    return f"UPDATE {quote(model._meta.db_table)} SET {assignments}", params  # noqa: S608
