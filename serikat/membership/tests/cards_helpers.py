"""Helpers of the card and verification-list tests (no tests here): members made through the
services, and PDFs read back with real readers (pypdf for text, pages and fonts; pdfium to
rasterise a page and zxing-cpp to decode the QR codes on it)."""

from __future__ import annotations

import datetime
import io
from typing import Any

from serikat.membership import services

JOINED = datetime.date(2024, 1, 15)
MM_PER_PT = 25.4 / 72


def nik(n: int) -> str:
    """A valid NIK from Kabupaten Bekasi, district 01, born 17 Aug 1985, a woman; serial n."""
    return f"3216015708850{n:03d}"


def active_member(actor: Any, unit: Any, n: int = 1, *, full_name: str = "Siti Rahayu", **fields: Any) -> Any:
    membership = services.register_member(
        actor=actor, unit=unit, nik=nik(n), full_name=full_name, joined_on=JOINED, **fields
    )
    return services.activate_membership(actor=actor, membership=membership)


def pdf_reader(content: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content))


def page_size_mm(page: Any) -> tuple[float, float]:
    box = page.mediabox
    return float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT


def page_size_pt(page: Any) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def text_of(page: Any) -> str:
    return " ".join(page.extract_text().split())


def _fonts_in(resources: Any, seen: set[int], found: list[Any]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    for ref in (resources.get("/Font") or {}).values():
        found.append(ref.get_object())
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        key = id(xobject) if not hasattr(ref, "idnum") else ref.idnum
        if key in seen:
            continue
        seen.add(key)
        _fonts_in(xobject.get("/Resources"), seen, found)


def images_on(content: bytes, page_index: int) -> int:
    """How many raster images a page draws, directly or through forms."""
    page = pdf_reader(content).pages[page_index]
    count, seen = 0, set()

    def walk(resources: Any) -> None:
        nonlocal count
        if resources is None:
            return
        for ref in (resources.get_object().get("/XObject") or {}).values():
            xobject = ref.get_object()
            key = getattr(ref, "idnum", id(xobject))
            if key in seen:
                continue
            seen.add(key)
            if xobject.get("/Subtype") == "/Image":
                count += 1
            else:
                walk(xobject.get("/Resources"))

    walk(page.get("/Resources"))
    return count


def fonts_of(content: bytes) -> list[tuple[str, bool]]:
    """(base font name, embedded?) of every font a page or a form on it uses."""
    reader = pdf_reader(content)
    found: list[Any] = []
    seen: set[int] = set()
    for page in reader.pages:
        _fonts_in(page.get("/Resources"), seen, found)
    result = []
    for font in found:
        if font.get("/Subtype") == "/Type3":
            result.append((str(font.get("/Name", "Type3")), True))  # glyphs drawn in the file itself
            continue
        targets = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        for target in targets:
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            result.append((str(target.get("/BaseFont", font.get("/BaseFont"))), embedded))
    return result


def qr_codes(content: bytes, page_index: int, *, scale: float = 6.0) -> list[tuple[str, float, float]]:
    """The QR codes zxing-cpp reads on a page rendered by pdfium: (text, centre x, centre y) as
    fractions of the page's width and height."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(content)
    try:
        image = document[page_index].render(scale=scale).to_pil()
    finally:
        document.close()
    results = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        corners = code.position
        xs = [corners.top_left.x, corners.top_right.x, corners.bottom_left.x, corners.bottom_right.x]
        ys = [corners.top_left.y, corners.top_right.y, corners.bottom_left.y, corners.bottom_right.y]
        results.append((code.text, sum(xs) / 4 / image.width, sum(ys) / 4 / image.height))
    return results
