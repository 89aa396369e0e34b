from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from serikat.organisation.models import Region


@pytest.mark.django_db
def test_loads_every_province_regency_and_district_and_is_idempotent():
    call_command("load_regions", verbosity=0)
    call_command("load_regions", verbosity=0)
    assert Region.objects.filter(kind=Region.Kind.PROVINCE).count() == 38
    assert Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).count() == 514
    assert Region.objects.filter(kind=Region.Kind.CITY).count() == 98
    assert Region.objects.filter(kind=Region.Kind.DISTRICT).count() == 7285
    bekasi = Region.objects.get(code="32.16")
    assert (bekasi.name, bekasi.kind, bekasi.parent_id) == ("Kabupaten Bekasi", "regency", "32")
    assert Region.objects.get(code="32.75").kind == "city"
    assert Region.objects.get(code="32").source.startswith("idn-area-data ")


@pytest.mark.django_db
def test_missing_dataset_names_the_folder_and_the_files(tmp_path: Path):
    with pytest.raises(CommandError) as error:
        call_command("load_regions", dir=str(tmp_path))
    assert str(tmp_path) in str(error.value)
    assert "provinces.csv" in str(error.value)
    assert Region.objects.count() == 0


def test_dataset_is_installed_from_the_npm_registry():
    assert (Path(settings.BASE_DIR) / "node_modules" / "idn-area-data" / "package.json").is_file()
