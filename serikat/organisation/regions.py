"""Loading the Kemendagri region codes from the idn-area-data package (npm, data under ODbL 1.0).

See docs/regions.md for source, vintage and licence.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from serikat.core.errors import DomainError
from serikat.organisation.models import Region

FILES = ("provinces.csv", "regencies.csv", "districts.csv")


def _kind_of_regency(code: str, name: str) -> str:
    # Kemendagri numbers kabupaten 01-69 and kota 71-99.
    return Region.Kind.CITY if int(code.split(".")[1]) >= 71 or name.startswith("Kota ") else Region.Kind.REGENCY


def dataset_source(directory: Path) -> str:
    package = directory.parent / "package.json"
    version = json.loads(package.read_text())["version"] if package.is_file() else "?"
    return f"idn-area-data {version}"


@transaction.atomic
def load_regions(directory: Path) -> dict[str, int]:
    """Insert or update every province, regency/city and district. Idempotent; returns counts."""
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise DomainError(
            _("Region files not found in %(dir)s: %(files)s. Run `make setup` (npm install) first.")
            % {"dir": directory, "files": ", ".join(missing)}
        )
    source = dataset_source(directory)
    rows: list[Region] = []
    with (directory / "provinces.csv").open(encoding="utf-8") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            if not record.get("code") or not record.get("name"):
                raise DomainError(_("provinces.csv, row %(row)s: code or name is empty.") % {"row": line})
            rows.append(Region(code=record["code"], name=record["name"], kind=Region.Kind.PROVINCE, source=source))
    with (directory / "regencies.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            rows.append(
                Region(
                    code=record["code"],
                    name=record["name"],
                    kind=_kind_of_regency(record["code"], record["name"]),
                    parent_id=record["province_code"],
                    source=source,
                )
            )
    with (directory / "districts.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            rows.append(
                Region(
                    code=record["code"],
                    name=record["name"],
                    kind=Region.Kind.DISTRICT,
                    parent_id=record["regency_code"],
                    source=source,
                )
            )
    Region.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "parent", "source"],
    )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    return counts
