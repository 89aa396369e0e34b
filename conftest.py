"""Fixtures shared by every app's tests: a small two-axis tree and users granted roles in it.

tree (codes):
  KSPI
  ├── FSPMI (two axes)
  │   ├── FSPMI-SPL (PP)                 sector axis
  │   │   ├── PC-SPL-BKS  (territory KC-BKS)
  │   │   │   ├── PUK-A   (territory KC-BKS)
  │   │   │   └── PUK-B   (territory KC-BKS)
  │   │   ├── PC-SPL-KRW  (territory KC-KRW)
  │   │   │   └── PUK-C   (territory KC-KRW)
  │   │   └── PC-SPL-TNG  (territory KC-TNG)
  │   │       └── PUK-D   (territory KC-TNG)
  │   ├── DPW-JABAR                      territorial axis
  │   │   ├── KC-BKS
  │   │   └── KC-KRW
  │   └── DPW-BANTEN
  │       └── KC-TNG
  └── SPN (one axis)
      └── SPN-DPD-JABAR
          └── SPN-DPC-BKS
              └── SPN-PUK-S
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client

from serikat.accounts.models import Grant, Role, User
from serikat.organisation.bootstrap import bootstrap_confederation
from serikat.organisation.models import Level, Region, Unit
from serikat.organisation.services import create_federation, create_unit

REGIONS = [
    ("31", "DKI Jakarta", "province", None),
    ("32", "Jawa Barat", "province", None),
    ("36", "Banten", "province", None),
    ("32.16", "Kabupaten Bekasi", "regency", "32"),
    ("32.15", "Kabupaten Karawang", "regency", "32"),
    ("36.03", "Kabupaten Tangerang", "regency", "36"),
    ("32.16.01", "Tarumajaya", "district", "32.16"),
]


@pytest.fixture
def regions(db):
    for code, name, kind, parent in REGIONS:
        Region.objects.create(code=code, name=name, kind=kind, parent_id=parent, source="test")
    return {code: Region.objects.get(code=code) for code, *_ in REGIONS}


@pytest.fixture
def tree(regions):
    root = bootstrap_confederation(code="KSPI", name="KSPI", admin_username="root-admin", admin_password="x")
    admin = User.objects.get(username="root-admin")
    fspmi = create_federation(actor=admin, confederation=root, code="FSPMI", name="FSPMI", template="two_axis")
    spn = create_federation(actor=admin, confederation=root, code="SPN", name="SPN", template="standard")
    lv = {(lvl.federation_id, lvl.code): lvl for lvl in Level.objects.all()}

    def lvl_lookup(fed, code):
        return lv[(fed.pk, code)]

    def add(parent, code, level_code, fed, **kw):
        return create_unit(actor=admin, parent=parent, level=lvl_lookup(fed, level_code), code=code, name=code, **kw)

    spl = add(fspmi, "FSPMI-SPL", "PP", fspmi)
    dpw_jabar = add(fspmi, "DPW-JABAR", "DPW", fspmi, region=regions["32"])
    dpw_banten = add(fspmi, "DPW-BANTEN", "DPW", fspmi, region=regions["36"])
    kc_bks = add(dpw_jabar, "KC-BKS", "KC", fspmi, region=regions["32.16"])
    kc_krw = add(dpw_jabar, "KC-KRW", "KC", fspmi, region=regions["32.15"])
    kc_tng = add(dpw_banten, "KC-TNG", "KC", fspmi, region=regions["36.03"])
    pc_bks = add(spl, "PC-SPL-BKS", "PC", fspmi, territory=kc_bks, region=regions["32.16"])
    pc_krw = add(spl, "PC-SPL-KRW", "PC", fspmi, territory=kc_krw, region=regions["32.15"])
    pc_tng = add(spl, "PC-SPL-TNG", "PC", fspmi, territory=kc_tng, region=regions["36.03"])
    puk_a = add(pc_bks, "PUK-A", "PUK", fspmi)
    puk_b = add(pc_bks, "PUK-B", "PUK", fspmi)
    puk_c = add(pc_krw, "PUK-C", "PUK", fspmi)
    puk_d = add(pc_tng, "PUK-D", "PUK", fspmi)
    spn_dpd = add(spn, "SPN-DPD-JABAR", "DPD", spn, region=regions["32"])
    spn_dpc = add(spn_dpd, "SPN-DPC-BKS", "DPC", spn, region=regions["32.16"])
    spn_puk = add(spn_dpc, "SPN-PUK-S", "PUK", spn)
    units = {u.code: u for u in Unit.objects.all()}
    return SimpleNamespace(
        admin=admin,
        root=units["KSPI"],
        fspmi=units["FSPMI"],
        spn=units["SPN"],
        spl=units[spl.code],
        dpw_jabar=units[dpw_jabar.code],
        dpw_banten=units[dpw_banten.code],
        kc_bks=units[kc_bks.code],
        kc_krw=units[kc_krw.code],
        kc_tng=units[kc_tng.code],
        pc_bks=units[pc_bks.code],
        pc_krw=units[pc_krw.code],
        pc_tng=units[pc_tng.code],
        puk_a=units[puk_a.code],
        puk_b=units[puk_b.code],
        puk_c=units[puk_c.code],
        puk_d=units[puk_d.code],
        spn_dpd=units[spn_dpd.code],
        spn_dpc=units[spn_dpc.code],
        spn_puk=units[spn_puk.code],
        units=units,
        level=lvl_lookup,
    )


@pytest.fixture
def make_user(db):
    """make_user("secretariat", unit) -> a user holding that role at that unit (None: no grant)."""
    counter = {"n": 0}

    def make(role_code: str | None = None, unit: Unit | None = None, *, username: str | None = None, **extra):
        counter["n"] += 1
        user = User.objects.create_user(username=username or f"user{counter['n']}", password="pw-Serikat-123", **extra)
        if role_code and unit is not None:
            Grant.objects.create(user=user, role=Role.objects.get(code=role_code), unit=unit)
        return user

    return make


@pytest.fixture
def client_for():
    """client_for(user) -> a signed-in test client. Its pages come in English (the msgids the
    assertions use) unless `language="id"` asks for the product's default, Bahasa Indonesia."""

    def make(user: User | None, *, language: str = "en") -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def today():
    return datetime.date.today()  # noqa: DTZ011 - the local calendar day, as services use
