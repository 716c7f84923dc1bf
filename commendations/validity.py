"""Dated data: one meaning of "in force on a date" for every table whose rows hold from one day
to another (units and their versions, service records, rule sets, legal bases, prize rules,
base salaries).

A row is in force on day d when valid_from <= d < valid_to. `valid_to` is the first day the row
no longer holds (empty: still in force), so a regime that ends on 31/12/2023 has valid_to
01/01/2024, the same day its successor's valid_from: on every day exactly one of them applies.

Every domain package may import this module; it imports nothing from them."""

import datetime
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.migrations.operations.base import Operation
from django.utils.translation import gettext_lazy as _


def in_force_q(on: datetime.date, prefix: str = "") -> models.Q:
    """The condition "in force on `on`" on a dated row (through `prefix`, e.g. "versions__")."""
    return models.Q(**{f"{prefix}valid_from__lte": on}) & (
        models.Q(**{f"{prefix}valid_to__isnull": True}) | models.Q(**{f"{prefix}valid_to__gt": on})
    )


def covers(start: datetime.date, end: datetime.date | None, on: datetime.date) -> bool:
    """The period [start, end) holds on `on` (end None: no end), for rows read as plain values."""
    return start <= on and (end is None or on < end)


def periods_overlap(
    start: datetime.date,
    end: datetime.date | None,
    other_start: datetime.date,
    other_end: datetime.date | None,
) -> bool:
    """Two half-open periods [start, end) share a day (None: no end)."""
    return (end is None or other_start < end) and (other_end is None or start < other_end)


class ValidityQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date) -> "ValidityQuerySet":
        """The rows in force on `on`."""
        return self.filter(in_force_q(on))

    def overlapping(
        self, valid_from: datetime.date, valid_to: datetime.date | None
    ) -> "ValidityQuerySet":
        """The rows in force on at least one day of [valid_from, valid_to)."""
        rows = self.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=valid_from))
        return rows if valid_to is None else rows.filter(valid_from__lt=valid_to)


def period_constraint(name: str) -> models.CheckConstraint:
    """A row ends after it starts (a row in force for one day has valid_to = valid_from + 1)."""
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
        name=name,
    )


class Versioned(models.Model):
    """The abstract base of a dated table. A concrete model names in `validity_key` the fields
    that make two rows versions of the same thing (("unit",) for a unit's versions; () when the
    whole table is one thing, like the base salary): versions of one thing never overlap, which
    `clean()` checks and, on PostgreSQL, an exclusion constraint enforces (`ExcludeOverlap`).
    `validity_key = None`: every row is a thing of its own (a unit's lifetime) and nothing can
    overlap it. A concrete model keeps the period check with `period_constraint` in its Meta."""

    valid_from = models.DateField(_("có hiệu lực từ ngày"))
    valid_to = models.DateField(
        _("hết hiệu lực từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên không còn hiệu lực; để trống nếu vẫn còn hiệu lực."),
    )

    validity_key: ClassVar[tuple[str, ...] | None] = None

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_in_force(self, on: datetime.date) -> bool:
        return covers(self.valid_from, self.valid_to, on)

    def same_thing(self) -> models.QuerySet | None:
        """The other versions of what this row is a version of (None: the key is not filled in
        yet, the field's own check says so)."""
        fields = {}
        for name in self.validity_key or ():
            field = self._meta.get_field(name)
            value = getattr(self, field.attname)
            if value is None and not field.null:
                return None
            fields[field.attname] = value
        return type(self)._default_manager.filter(**fields).exclude(pk=self.pk)

    def validity_errors(self) -> dict[str, list[Any]]:
        """What is wrong with the period: it ends before it starts, or another version of the
        same thing is in force on one of its days."""
        if self.valid_from is None:
            return {}
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            return {
                "valid_to": [_("Ngày hết hiệu lực phải sau ngày có hiệu lực (ít nhất một ngày).")]
            }
        if self.validity_key is None:
            return {}
        others = self.same_thing()
        if others is None:
            return {}
        other = others.overlapping(self.valid_from, self.valid_to).order_by("valid_from").first()
        if other is None:
            return {}
        return {"valid_from": [_("Thời gian hiệu lực trùng với “%(other)s”.") % {"other": other}]}

    def clean(self) -> None:
        super().clean()
        errors = self.validity_errors()
        if errors:
            raise ValidationError(errors)


class ExcludeOverlap(Operation):
    """On PostgreSQL, an exclusion constraint that refuses two versions of the same thing in force
    on one day: equality on `key` (a nullable column compared through COALESCE, so two "any award
    type" rows are the same thing) and && on daterange(valid_from, valid_to, '[)'). Other
    databases get nothing: `Versioned.clean()` is their check. Needs the btree_gist extension,
    which the operation creates."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, key: Sequence[str], name: str) -> None:
        self.model_name = model_name
        self.key = tuple(key)
        self.name = name

    def deconstruct(self) -> tuple[str, list, dict]:
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "key": self.key, "name": self.name},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _sql(self, model: type[models.Model], schema_editor: Any) -> str:
        quote = schema_editor.quote_name
        parts = []
        for name in self.key:
            field = model._meta.get_field(name)
            column = quote(field.column)
            if field.null:
                text = field.get_internal_type() in ("CharField", "TextField")
                empty = "''" if text else "0"
                column = f"(COALESCE({column}, {empty}))"
            parts.append(f"{column} WITH =")
        parts.append(f"daterange({quote('valid_from')}, {quote('valid_to')}, '[)') WITH &&")
        return (
            f"ALTER TABLE {quote(model._meta.db_table)} ADD CONSTRAINT {quote(self.name)} "
            f"EXCLUDE USING gist ({', '.join(parts)})"
        )

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(self._sql(model, schema_editor))

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        schema_editor.execute(
            f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} "
            f"DROP CONSTRAINT IF EXISTS {schema_editor.quote_name(self.name)}"
        )

    def describe(self) -> str:
        return f"Exclude overlapping versions of {self.model_name} (PostgreSQL)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_{self.name}"
