"""The print-ready PDFs, opened with pypdf: pages, the table of contents against the pages the
headings really are on, running footers in the edition's language, embedded fonts, bleed and trim
boxes, A5 size, metadata, hyphenation, and what each book leaves out.

The books are rendered once per module from a snapshot (the renderer reads nothing else)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from serikat.training.documents.render import Variant, book_html, render_pdf
from serikat.training.tests.editions_world import PARAGRAPH

MM = 72 / 25.4
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
EDITION = {"number": 2, "released_at": "2026-03-05T09:00:00+07:00"}


def snapshot(modules: int = 4, sessions: int = 3, paragraphs: int = 3) -> dict:
    """A snapshot as take_snapshot writes it (the format the renderer reads)."""
    rows = []
    for m in range(1, modules + 1):
        rows.append(
            {
                "id": 100 + m,
                "number": m,
                "title": f"Judul Modul Nomor {m}",
                "introduction": f"<p>{PARAGRAPH}</p>" * paragraphs,
                "minutes": 45 * sessions,
                "sessions": [
                    {
                        "id": 1000 + m * 10 + s,
                        "number": s,
                        "title": f"Sesi Latihan {m}-{s}",
                        "objectives": [1],
                        "duration_minutes": 45,
                        "method": "role_play",
                        "materials": "Kertas plano\nSpidol",
                        "activities": f"<p>{PARAGRAPH}</p>" * paragraphs,
                        "handout": "<p>Bahan bacaan peserta.</p><table><tr><th>Hak</th><th>Dasar</th></tr>"
                        "<tr><td>Berserikat</td><td>UU 21/2000</td></tr></table>",
                        "facilitator_notes": "<p>Catatan khusus pelatih.</p>",
                        "questions": [
                            {
                                "id": 1,
                                "kind": "choice",
                                "text": "Siapa yang berhak berserikat?",
                                "options": ["Semua pekerja", "Hanya pekerja tetap"],
                                "answer_guide": "Kunci jawaban rahasia.",
                            }
                        ],
                    }
                    for s in range(1, sessions + 1)
                ],
            }
        )
    return {
        "format": 1,
        "language": "id",
        "package": {
            "id": 1,
            "code": "KB-01",
            "title": "Kebebasan Berserikat",
            "theme": "foa",
            "audience": "Pengurus PUK",
            "stated_minutes": modules * sessions * 45,
            "unit": {"id": 1, "code": "KSPI", "name": "Konfederasi Serikat Pekerja Indonesia"},
            "summary": f"<p>{PARAGRAPH}</p>",
            "implementation_guide": "<p>Panduan pelaksanaan untuk pelatih.</p>",
        },
        "objectives": [{"id": 1, "number": 1, "text": "Menjelaskan hak berserikat"}],
        "glossary": [{"term": "PKB", "definition": "Perjanjian kerja bersama"}],
        "modules": rows,
        "total_minutes": modules * sessions * 45,
        "images": [],
    }


def _render(**variant) -> tuple[PdfReader, int, bytes]:
    output = render_pdf(snapshot(), edition=EDITION, variant=Variant(**variant))
    reader = PdfReader(io.BytesIO(output.content))
    return reader, output.pages, output.content


@pytest.fixture(scope="module")
def book():
    return _render(kind="participant_book")


@pytest.fixture(scope="module")
def guide():
    return _render(kind="trainer_guide")


@pytest.fixture(scope="module")
def printer_a5():
    return _render(kind="participant_book", paper="a5", bleed_mm=3, crop_marks=True)


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def toc_entries(pages: list[str]) -> dict[str, int]:
    """'Modul 2. Judul Modul Nomor 2 ........ 7' -> {'Modul 2. Judul Modul Nomor 2': 7}."""
    entries = {}
    for text in pages:
        for line in text.splitlines():
            found = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)$", line.strip())
            if found:
                entries[found.group(1).strip()] = int(found.group(2))
    return entries


def first_page_with(pages: list[str], pattern: str) -> int:
    """1-based number of the first page (after the cover and contents) where `pattern` starts a line."""
    for number, text in enumerate(pages, start=1):
        if number > 2 and re.search(pattern, text, re.MULTILINE):
            return number
    raise AssertionError(f"{pattern!r} is on no page")


def test_the_page_count_is_what_the_renderer_reports(book, guide):
    reader, pages, _content = book
    assert len(reader.pages) == pages and pages >= 14
    assert len(guide[0].pages) == guide[1] > pages  # the guide adds its guide, schedule and notes


@pytest.mark.parametrize("which", ["book", "guide"])
def test_the_table_of_contents_gives_the_page_each_module_and_session_starts_on(which, request):
    reader = request.getfixturevalue(which)[0]
    pages = texts(reader)
    entries = toc_entries(pages)
    assert pages[1].startswith("Daftar isi")
    for m in range(1, 5):
        heading = first_page_with(pages, rf"^MODUL {m}$")
        assert entries[f"Modul {m}. Judul Modul Nomor {m}"] == heading
        for s in range(1, 4):
            session = first_page_with(pages, rf"^Sesi {m}\.{s} Sesi Latihan {m}-{s}$")
            assert entries[f"{m}.{s} Sesi Latihan {m}-{s}"] == session
    assert entries["Glosarium"] == first_page_with(pages, r"^Glosarium$")


def test_every_page_but_the_cover_says_halaman_x_dari_y_and_carries_running_headers(book):
    reader, count, _content = book
    pages = texts(reader)
    assert "Halaman" not in pages[0]
    assert [f"Halaman {n} dari {count}" in pages[n - 1] for n in range(2, count + 1)] == [True] * (count - 1)
    heading = first_page_with(pages, r"^MODUL 3$")
    # The page after a module's first page is headed by the package title and that module's title.
    assert "Kebebasan Berserikat" in pages[heading] and "Judul Modul Nomor 3" in pages[heading]


def test_every_font_is_embedded(book, printer_a5):
    for reader, _count, _content in (book, printer_a5):
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = (
                    font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                    if font["/Subtype"] == "/Type0"
                    else font["/FontDescriptor"]
                ).get_object()
                fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert fonts and all(fonts.values()), fonts
        # Subsets of the document fonts only (DejaVu under its @font-face family), no system fallback.
        assert {re.sub(r"^/[A-Z]{6}\+", "", name) for name in fonts} == {"Serikat-Sans", "Serikat-Sans-Bold"}


def _box(page, name):
    box = page.get(name)
    return None if box is None else [round(float(v), 2) for v in box]


def test_bleed_and_trim_boxes_are_3_mm_larger_only_when_bleed_is_asked(book, printer_a5):
    bleed = round(3 * MM, 2)
    a5 = printer_a5[0].pages[0]
    assert _box(a5, "/TrimBox") == [0, 0, *A5]
    assert _box(a5, "/BleedBox") == [-bleed, -bleed, round(A5[0] + bleed, 2), round(A5[1] + bleed, 2)]
    assert _box(a5, "/MediaBox") == _box(a5, "/BleedBox")
    plain = book[0].pages[0]
    assert _box(plain, "/MediaBox") == [0, 0, *A4]
    assert _box(plain, "/TrimBox") in (None, [0, 0, *A4])
    assert _box(plain, "/BleedBox") in (None, [0, 0, *A4])


def test_an_a5_book_has_a5_pages_and_more_of_them(book, printer_a5):
    reader, count, _content = printer_a5
    sizes = {(round(float(p.trimbox.width), 2), round(float(p.trimbox.height), 2)) for p in reader.pages}
    assert sizes == {A5}
    assert count > book[1]
    assert f"Halaman {count} dari {count}" in reader.pages[-1].extract_text()


def test_crop_marks_are_drawn_only_when_asked():
    html = book_html(snapshot(1, 1, 1), edition=EDITION, variant=Variant("participant_book", "a5", 3, True))
    assert "marks: crop cross;" in html and "bleed: 3mm;" in html
    plain = book_html(snapshot(1, 1, 1), edition=EDITION, variant=Variant("participant_book"))
    assert "marks:" not in plain and "bleed:" not in plain


def test_the_metadata_names_the_package_the_owning_unit_and_the_language(book):
    reader = book[0]
    meta = reader.metadata
    assert meta["/Title"] == "Kebebasan Berserikat · Buku peserta · Edisi 2"
    assert meta["/Author"] == "Konfederasi Serikat Pekerja Indonesia"
    assert reader.trailer["/Root"]["/Lang"] == "id"
    assert meta["/Producer"] == "WeasyPrint 70.0"


def test_indonesian_text_is_hyphenated(book):
    lines = [line for text in texts(book[0]) for line in text.splitlines()]
    assert sum(1 for line in lines if line.endswith("\u2010")) >= 5


def test_the_participant_book_has_no_answers_or_trainer_notes_and_the_guide_has_both(book, guide):
    book_text, guide_text = "\n".join(texts(book[0])), "\n".join(texts(guide[0]))
    assert "Siapa yang berhak berserikat?" in book_text and "Siapa yang berhak berserikat?" in guide_text
    assert ("Kunci jawaban rahasia." in book_text, "Kunci jawaban rahasia." in guide_text) == (False, True)
    assert ("Catatan khusus pelatih." in book_text, "Catatan khusus pelatih." in guide_text) == (False, True)
    assert ("Panduan pelaksanaan" in book_text, "Panduan pelaksanaan" in guide_text) == (False, True)
    assert "Jadwal" in guide_text and "00.00–00.45" in guide_text and "08.15–09.00" in guide_text


def test_the_renderer_fetches_fonts_and_image_data_only():
    from serikat.training.documents.render import _fonts_and_images_only

    fetcher = _fonts_and_images_only()
    for url in ("file:///etc/hostname", "https://example.org/x.png", "data:text/html,<p>x</p>"):
        with pytest.raises(ValueError, match="not fetched"):
            fetcher.fetch(url)
    answer = fetcher.fetch("data:image/png;base64,iVBORw0KGgo=")
    assert answer is not None


def test_a_reference_to_a_local_file_in_the_content_does_not_reach_the_pdf():
    data = snapshot(1, 1, 1)
    data["modules"][0]["introduction"] = '<p>Teks.</p><img src="file:///etc/hostname"><p>Akhir.</p>'
    output = render_pdf(data, edition=EDITION, variant=Variant("participant_book"))
    text = "\n".join(texts(PdfReader(io.BytesIO(output.content))))
    assert "Akhir." in text
    assert b"/Subtype /Image" not in output.content and b"/Subtype/Image" not in output.content
