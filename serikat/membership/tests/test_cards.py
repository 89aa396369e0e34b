"""KTA cards as PDF: read back with pypdf (pages, sizes, text, fonts) and decoded with zxing-cpp
(the QR code, from the page as pdfium renders it)."""

from __future__ import annotations

import io

import pytest

from serikat.membership import services
from serikat.membership.documents import cards as card_documents
from serikat.membership.documents.cards import CardFace, render_cards, render_faces, typst_source, typst_string
from serikat.membership.models import MemberCard
from serikat.membership.tests.cards_helpers import (
    active_member,
    fonts_of,
    images_on,
    page_size_mm,
    page_size_pt,
    pdf_reader,
    qr_codes,
    text_of,
)

pytestmark = pytest.mark.django_db

ID1_PT = (85.6 / 25.4 * 72, 54 / 25.4 * 72)
A4_PT = (210 / 25.4 * 72, 297 / 25.4 * 72)
BASE = "https://serikat.example.org"
# Typst's markup and code characters, a quote and a backslash, a line break, a label and a comment.
HOSTILE = 'Siti "Ra\\"hayu" #panic("x") [*b*] $x^2$ _i_ <lbl> @ref // c /* d */ \\ end'


def face(**extra):
    fields = {
        "name": "Siti Rahayu",
        "kta": "FSPMI-2025-0000041",
        "unit": "PUK SPL PT Maju Logam",
        "federation": "DPP FSPMI",
        "url": f"{BASE}/verify/{'a' * 43}/",
        "issued": "1 Maret 2025",
    }
    return CardFace(**{**fields, **extra})


@pytest.fixture
def siti(tree):
    membership = active_member(tree.admin, tree.puk_a, full_name="Siti Rahayu")
    card = services.issue_card(actor=tree.admin, membership=membership)
    return membership, card


def test_one_card_is_two_id1_pages_with_name_kta_and_embedded_dejavu(siti):
    membership, card = siti
    pdf = card_documents.render_card(card, base_url=BASE)
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = page_size_pt(page)
        assert abs(width - ID1_PT[0]) < 0.5 and abs(height - ID1_PT[1]) < 0.5
    assert [round(v, 1) for v in page_size_mm(reader.pages[0])] == [85.6, 54.0]
    front, back = text_of(reader.pages[0]), text_of(reader.pages[1])
    assert "Siti Rahayu" in front
    assert membership.kta_number in front
    assert "FSPMI" in front and "PUK-A" in front
    url = f"{BASE}/verify/{card.token}/"
    assert url in back
    fonts = fonts_of(pdf)
    assert fonts, "no font found: the text would not be there"
    assert [name for name, embedded in fonts if not embedded] == []
    assert all("DejaVuSans" in name for name, _embedded in fonts)


def test_the_qr_code_on_the_back_decodes_to_the_verification_url(siti):
    _membership, card = siti
    pdf = card_documents.render_card(card, base_url=BASE)
    codes = qr_codes(pdf, 1)
    assert [text for text, _x, _y in codes] == [f"{BASE}/verify/{card.token}/"]
    assert qr_codes(pdf, 0) == []  # the front has none


def test_the_back_links_to_the_verification_page(siti):
    _membership, card = siti
    back = pdf_reader(card_documents.render_card(card, base_url=BASE)).pages[1]
    uris = {annotation.get_object()["/A"]["/URI"] for annotation in back["/Annots"]}
    assert uris == {f"{BASE}/verify/{card.token}/"}


def test_a_photo_is_printed_when_the_member_has_one(tree, siti, tmp_path, settings):
    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = str(tmp_path)
    membership, card = siti
    without_photo = card_documents.render_card(card, base_url=BASE, language="en")
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 30, 30)).save(buffer, format="PNG")
    membership.member.photo.save("siti.png", ContentFile(buffer.getvalue()))
    with_photo = card_documents.render_card(MemberCard.objects.get(pk=card.pk), base_url=BASE, language="en")
    assert (images_on(without_photo, 0), images_on(with_photo, 0)) == (0, 1)
    assert "No photo" in text_of(pdf_reader(without_photo).pages[0])
    assert "No photo" not in text_of(pdf_reader(with_photo).pages[0])


def test_an_unreadable_photo_prints_the_card_without_it(tree, siti, tmp_path, settings):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = str(tmp_path)
    membership, card = siti
    membership.member.photo.save("broken.jpg", ContentFile(b"not an image"))
    pdf = card_documents.render_card(MemberCard.objects.get(pk=card.pk), base_url=BASE, language="en")
    assert "No photo" in text_of(pdf_reader(pdf).pages[0])


def test_typst_string_escapes_quotes_backslashes_and_control_characters():
    assert typst_string('a"b\\c\nd\te\x00') == '"a\\"b\\\\c\\u{a}d\\u{9}e\\u{0}"'
    assert typst_string("#let x = [y] $z$") == '"#let x = [y] $z$"'


@pytest.mark.parametrize(
    "name",
    [
        HOSTILE,
        '"); #panic("injected"); ("',
        "\\",
        "Budi\nSantoso",
        "#{panic()}",
        "]#panic()[",
    ],
)
def test_member_text_never_becomes_typst_markup(name):
    pdf = render_faces([face(name=name, unit=name, federation=name, kta=name)], layout="single", language="en")
    front = text_of(pdf_reader(pdf).pages[0])
    assert " ".join(name.split()) in front


def test_the_hostile_name_shows_exactly_as_typed_in_every_field():
    pdf = render_faces([face(name=HOSTILE)], layout="single", language="en")
    assert HOSTILE in text_of(pdf_reader(pdf).pages[0])
    source = typst_source([face(name=HOSTILE)], layout="single", language="en", photo_paths=[None])
    assert typst_string(HOSTILE) in source
    assert HOSTILE not in source  # only ever inside an escaped string literal


def _batch(tree, count):
    memberships = [
        active_member(tree.admin, tree.puk_a, n, full_name=f"Anggota {n:02d} Contoh") for n in range(1, count + 1)
    ]
    for membership in memberships:
        services.issue_card(actor=tree.admin, membership=membership)
    return memberships


def test_23_cards_make_3_a4_sheets_of_fronts_then_mirrored_backs_in_one_compile(tree, monkeypatch):
    memberships = _batch(tree, 23)
    compiles = []
    real = card_documents.typst.Compiler

    class Counting:
        def __init__(self, *args, **kwargs):
            self.compiler = real(*args, **kwargs)

        def compile_with_warnings(self, *args, **kwargs):
            compiles.append(1)
            return self.compiler.compile_with_warnings(*args, **kwargs)

    monkeypatch.setattr(card_documents.typst, "Compiler", Counting)
    pdf = render_cards(memberships, base_url=BASE)
    assert compiles == [1]
    reader = pdf_reader(pdf)
    # 3 sheets, each printed on both sides: fronts of cards 1-10, their backs, 11-20, backs, 21-23, backs.
    assert len(reader.pages) == 6
    for page in reader.pages:
        width, height = page_size_pt(page)
        assert abs(width - A4_PT[0]) < 0.5 and abs(height - A4_PT[1]) < 0.5
    fronts = [text_of(reader.pages[i]) for i in (0, 2, 4)]
    assert [sum(f"Anggota {n:02d}" in text for n in range(1, 24)) for text in fronts] == [10, 10, 3]
    assert "Anggota 21" in fronts[2] and "Anggota 20" not in fronts[2]
    tokens = {m.pk: m.cards.get().token for m in memberships}
    back = qr_codes(pdf, 1, scale=3.0)
    assert sorted(text for text, _x, _y in back) == sorted(f"{BASE}/verify/{tokens[m.pk]}/" for m in memberships[:10])
    # Mirrored: the first card's front is top left, so its back is top right.
    first = next((x, y) for text, x, y in back if tokens[memberships[0].pk] in text)
    second = next((x, y) for text, x, y in back if tokens[memberships[1].pk] in text)
    assert first[0] > 0.5 > second[0] and first[1] < 0.2 and second[1] < 0.2
    last_sheet = qr_codes(pdf, 5, scale=3.0)
    assert len(last_sheet) == 3


def test_render_cards_refuses_memberships_without_a_current_card(tree):
    membership = active_member(tree.admin, tree.puk_a)
    with pytest.raises(ValueError, match="no current card"):
        render_cards([membership], base_url=BASE)


def test_render_cards_prints_the_newest_unrevoked_card(tree):
    membership = active_member(tree.admin, tree.puk_a)
    old = services.issue_card(actor=tree.admin, membership=membership)
    new = services.issue_card(actor=tree.admin, membership=membership)
    pdf = render_cards([membership], base_url=BASE, layout="single")
    back = text_of(pdf_reader(pdf).pages[1])
    assert new.token in back and old.token not in back
