"""Load the curated partner file (``directory/data/partners_2024-03.json``) into the directory.

Idempotent and respectful of staff edits (docs/directory.md):

* rows are matched by their stable ``source_key``, never by name;
* a missing organisation or office is created (through the services, so it is validated and
  its history reads "Loaded from the directory file");
* on an existing row, only fields that are still **empty** are filled from the file; a value a
  person typed is never overwritten, and yes/no fields are never touched after creation;
* offices of an organisation that staff archived are not created;
* running it again changes nothing (no save, no history row).

Used by ``manage.py load_directory`` and by ``seed_demo``.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import services
from .models import Office, Organisation

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "partners_2024-03.json"

# Fields never filled on an existing row: yes/no answers have no "empty" value, and the kind
# and country always hold one.
NEVER_FILLED = frozenset(
    {"name_inferred", "needs_completion", "danger_for_asylum_seekers", "kind", "country"}
)


class DirectoryFileError(Exception):
    """The file is malformed; the message names the row (``source_key``)."""


@dataclass
class LoadReport:
    organisations_created: list[str] = field(default_factory=list)
    organisations_filled: list[str] = field(default_factory=list)
    offices_created: list[str] = field(default_factory=list)
    offices_filled: list[str] = field(default_factory=list)
    offices_skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.organisations_created
            or self.organisations_filled
            or self.offices_created
            or self.offices_filled
        )

    def summary(self) -> str:
        return (
            f"organisations: {len(self.organisations_created)} created, "
            f"{len(self.organisations_filled)} completed; offices: "
            f"{len(self.offices_created)} created, {len(self.offices_filled)} completed, "
            f"{len(self.offices_skipped)} skipped (organisation archived)"
        )


def read_file(path: Path = DEFAULT_FILE) -> dict:
    """The parsed file, with its keys checked to be unique."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    keys: list[str] = []
    for entry in data["organisations"]:
        keys.append(entry["source_key"])
        keys += [office["source_key"] for office in entry.get("offices", [])]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise DirectoryFileError(f"duplicate source_key in the file: {', '.join(duplicates)}")
    return data


def organisation_fields(entry: dict, source: dict) -> dict:
    """The organisation's service fields from a file entry (defaults from the file header)."""
    data = {key: value for key, value in entry.items() if key in services.ORGANISATION_FIELDS}
    data.setdefault("source", source["description"])
    verified = entry.get("last_verified_on", source["last_verified_on"])
    data["last_verified_on"] = datetime.date.fromisoformat(verified) if verified else None
    return data


def office_fields(entry: dict) -> dict:
    return {key: value for key, value in entry.items() if key in services.OFFICE_FIELDS}


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _missing(instance, data: dict) -> dict:
    """The file's values for the fields still empty on ``instance``."""
    return {
        name: value
        for name, value in data.items()
        if name not in NEVER_FILLED and _is_empty(getattr(instance, name)) and not _is_empty(value)
    }


@transaction.atomic
def load_directory(path: Path = DEFAULT_FILE) -> LoadReport:
    """Create what is missing and fill what is empty (see the module docstring)."""
    data = read_file(path)
    source = data["source"]
    report = LoadReport()
    organisations = {row.source_key: row for row in Organisation.objects.exclude(source_key="")}
    offices = {row.source_key: row for row in Office.objects.exclude(source_key="")}
    for entry in data["organisations"]:
        key = entry["source_key"]
        fields = organisation_fields(entry, source)
        try:
            organisation = organisations.get(key)
            if organisation is None:
                organisation = services.organisation_create(by=None, data=fields, source_key=key)
                report.organisations_created.append(key)
            else:
                missing = _missing(organisation, fields)
                if missing:
                    services.organisation_update(
                        organisation=organisation,
                        by=None,
                        data=missing,
                        version=None,
                        reason=_("Completed from the directory file"),
                    )
                    report.organisations_filled.append(key)
            for office_entry in entry.get("offices", []):
                _load_office(organisation, office_entry, offices, report)
        except ValidationError as error:
            raise DirectoryFileError(f"{key}: {'; '.join(error.messages)}") from error
    return report


def _load_office(organisation, entry: dict, offices: dict, report: LoadReport) -> None:
    key = entry["source_key"]
    fields = office_fields(entry)
    office = offices.get(key)
    if office is None:
        if organisation.archived_at is not None:
            report.offices_skipped.append(key)
            return
        services.office_create(organisation=organisation, by=None, data=fields, source_key=key)
        report.offices_created.append(key)
        return
    missing = _missing(office, fields)
    if missing:
        services.office_update(
            office=office,
            by=None,
            data=missing,
            version=None,
            reason=_("Completed from the directory file"),
        )
        report.offices_filled.append(key)
