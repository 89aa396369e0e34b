"""Standard board positions and industry sectors."""

from django.db import migrations

POSITIONS = [
    # code, name, kind, rank
    ("ketua", "Ketua", "chair", 10),
    ("wakil-ketua", "Wakil Ketua", "deputy_chair", 20),
    ("sekretaris", "Sekretaris", "secretary", 30),
    ("wakil-sekretaris", "Wakil Sekretaris", "deputy_secretary", 40),
    ("bendahara", "Bendahara", "treasurer", 50),
    ("wakil-bendahara", "Wakil Bendahara", "deputy_treasurer", 60),
    ("ketua-bidang", "Ketua Bidang", "portfolio", 70),
    ("anggota-pengurus", "Anggota Pengurus", "member", 90),
]
SECTORS = [
    ("metal", "Logam", "Metal"),
    ("electronics", "Elektronik dan elektrik", "Electronics and electrical"),
    ("automotive", "Otomotif, mesin dan komponen", "Automotive, machinery and components"),
    ("shipbuilding", "Perkapalan dan jasa maritim", "Shipbuilding and maritime services"),
    ("aerospace", "Dirgantara", "Aerospace"),
    ("garment", "Garmen, tekstil dan alas kaki", "Garment, textile and footwear"),
    ("food", "Makanan dan minuman", "Food and beverages"),
    ("chemicals", "Kimia", "Chemicals"),
    ("energy", "Energi dan pertambangan", "Energy and mining"),
    ("pharma", "Farmasi", "Pharmaceuticals"),
    ("health", "Kesehatan", "Health care"),
    ("banking", "Perbankan dan keuangan", "Banking and finance"),
    ("retail", "Perdagangan dan ritel", "Trade and retail"),
    ("services", "Jasa lainnya", "Other services"),
    ("plantation", "Perkebunan", "Plantations"),
    ("logistics", "Transportasi dan logistik", "Transport and logistics"),
]


def create(apps, schema_editor):
    Position = apps.get_model("organisation", "Position")
    Sector = apps.get_model("organisation", "Sector")
    for code, name, kind, rank in POSITIONS:
        Position.objects.update_or_create(code=code, defaults={"name": name, "kind": kind, "rank": rank})
    for code, name, name_en in SECTORS:
        Sector.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


def remove(apps, schema_editor):
    apps.get_model("organisation", "Position").objects.filter(code__in=[p[0] for p in POSITIONS]).delete()
    apps.get_model("organisation", "Sector").objects.filter(code__in=[s[0] for s in SECTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
