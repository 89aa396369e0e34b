"""Rendering an edition's snapshot: the participant book and the trainer's guide as print-ready PDF
(WeasyPrint, HTML/CSS paged media), and the reading version as HTML for phones.

Everything here reads the snapshot only, never the live package, so a rendition made today and one
made next year from the same edition say the same thing. The fixed words of the documents ("Daftar
Isi", "Halaman 3 dari 60") go through gettext in the edition's language, not the reader's.

Safety: the rich text in a snapshot was sanitised when it was written; on top of that WeasyPrint
gets a fetcher that opens the document fonts and the snapshot's own images (data URIs) and nothing
else, so no text in a package can make the renderer open a file or the network.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from serikat.membership.documents.fonts import FILES, font_dir, font_face_css
from serikat.training.models import Method, Rendition, Theme
from serikat.training.snapshot import IMAGE_SCHEME, MODULE_RICH, PACKAGE_RICH, SESSION_RICH, section_anchor

# Raised whenever the templates or their CSS change in a way that can move text between pages.
# Recorded with every edition and rendition: a newer template never silently re-paginates a print.
TEMPLATE_VERSION = "2026.2"

PAPERS = {Rendition.Paper.A4: "A4", Rendition.Paper.A5: "A5"}
MAX_BLEED_MM = 5

ProgressCallback = Callable[[int], None]


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # pragma: no cover - installed with the app
        return "unknown"


@functools.cache
def _font_hashes() -> dict[str, str]:
    folder = font_dir()
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()[:16] for name in FILES}


def renderer_versions() -> dict[str, Any]:
    """What makes the pages look as they do: engine, its PDF writer and hyphenation dictionaries,
    the template version and the font files (their hashes: a font update can move line breaks)."""
    return {
        "engine": "WeasyPrint",
        "weasyprint": _version("weasyprint"),
        "pydyf": _version("pydyf"),
        "pyphen": _version("pyphen"),
        "template": TEMPLATE_VERSION,
        "fonts": _font_hashes(),
    }


def renderer_label(versions: dict[str, Any] | None = None) -> str:
    """The short form stored on each rendition: 'WeasyPrint 70.0 · pydyf 0.13.0 · template 2026.1'."""
    v = versions or renderer_versions()
    return f"WeasyPrint {v['weasyprint']} · pydyf {v['pydyf']} · template {v['template']}"


# --- what the templates get ----------------------------------------------------------------------


def _image_uris(snapshot: dict[str, Any]) -> dict[str, str]:
    """sha256 -> data URI for every image the snapshot uses, read from its content-addressed file
    and checked against its hash (a file that changed is left out rather than printed)."""
    uris = {}
    for image in snapshot.get("images", []):
        try:
            with default_storage.open(image["file"], "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != image["sha256"]:
            continue
        encoded = base64.b64encode(data).decode("ascii")
        uris[image["sha256"]] = f"data:{image['content_type']};base64,{encoded}"
    return uris


_EDITION_IMAGE = re.compile(re.escape(IMAGE_SCHEME) + r"([0-9a-f]{64})")


def _with_images(html: str, uris: dict[str, str]) -> str:
    if not html or IMAGE_SCHEME not in html:
        return html
    return _EDITION_IMAGE.sub(lambda m: uris.get(m.group(1), ""), html)


def _minutes(minutes: int | None) -> str:
    """90 -> '1 jam 30 menit' in the current language."""
    if not minutes:
        return _("%(minutes)s min") % {"minutes": 0}
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(minutes)s min") % {"minutes": rest}


def _clock(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    return f"{hours:02d}.{rest:02d}"


def _css_string(text: str) -> str:
    """A CSS string literal: anything but plain letters, digits and a few marks as a hex escape, so
    no translation can end the string or the style element."""
    out = []
    for char in text:
        if (char.isalnum() and char.isascii()) or char in " .,:-_()/":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def page_of_pages_css() -> str:
    """The footer's CSS content, 'Halaman ' counter(page) ' dari ' counter(pages), from one
    translated sentence so a translator can reorder it."""
    sentence = _("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\((?:page|pages)\)s)", sentence)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(_css_string(part))
    return " ".join(out)


def _date_text(value: str) -> str:
    day = datetime.date.fromisoformat(value[:10])
    months = (
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    )
    return f"{day.day} {months[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Variant:
    kind: str
    paper: str = Rendition.Paper.A4
    bleed_mm: int = 0
    crop_marks: bool = False

    @property
    def is_guide(self) -> bool:
        return self.kind == Rendition.Kind.TRAINER_GUIDE


def context_for(
    snapshot: dict[str, Any], *, edition: dict[str, Any], variant: Variant, images: dict[str, str] | None = None
) -> dict[str, Any]:
    """The template context, derived from the snapshot and the edition's number and date alone.
    Call inside translation.override(the edition's language)."""
    uris = _image_uris(snapshot) if images is None else images
    package = dict(snapshot["package"])
    for name in PACKAGE_RICH:
        package[name] = _with_images(package.get(name, ""), uris)
    objectives = {o["number"]: o["text"] for o in snapshot["objectives"]}
    methods = dict(Method.choices)
    modules = []
    schedule = []
    elapsed = 0
    for module in snapshot["modules"]:
        row = dict(module)
        for name in MODULE_RICH:
            row[name] = _with_images(module.get(name, ""), uris)
        row["anchor"] = section_anchor(module["id"])
        row["minutes_text"] = _minutes(module["minutes"])
        sessions = []
        for session in module["sessions"]:
            srow = dict(session)
            for name in SESSION_RICH:
                srow[name] = _with_images(session.get(name, ""), uris)
            srow["anchor"] = section_anchor(module["id"], session["id"])
            srow["method_label"] = methods.get(session["method"], session["method"])
            srow["duration_text"] = _minutes(session["duration_minutes"])
            srow["objective_texts"] = [(n, objectives.get(n, "")) for n in session["objectives"]]
            srow["materials_lines"] = [line.strip() for line in session.get("materials", "").splitlines() if line]
            sessions.append(srow)
            schedule.append(
                {
                    "module": module["number"],
                    "number": f"{module['number']}.{session['number']}",
                    "title": session["title"],
                    "method": srow["method_label"],
                    "duration": srow["duration_text"],
                    "starts": _clock(elapsed),
                    "ends": _clock(elapsed + session["duration_minutes"]),
                }
            )
            elapsed += session["duration_minutes"]
        row["sessions"] = sessions
        modules.append(row)
    kind_label = Rendition.Kind(variant.kind).label
    title = f"{package['title']} · {kind_label} · " + _("Edition %(number)s") % {"number": edition["number"]}
    return {
        "s": snapshot,
        "package": package,
        "modules": modules,
        "schedule": schedule,
        "variant": variant,
        "is_guide": variant.is_guide,
        "kind_label": kind_label,
        "theme_label": dict(Theme.choices).get(package["theme"], package["theme"]),
        "edition": edition,
        "released_on_text": _date_text(edition["released_at"]) if edition.get("released_at") else "",
        "total_text": _minutes(snapshot.get("total_minutes")),
        "stated_text": _minutes(package["stated_minutes"]) if package.get("stated_minutes") else "",
        "document_title": title,
        "language": snapshot.get("language", "id"),
        "paper": PAPERS.get(variant.paper, "A4"),
        "bleed": f"{int(variant.bleed_mm)}mm" if variant.bleed_mm else "",
        "font_faces": font_face_css(),
        "footer_content": page_of_pages_css(),
    }


def book_html(snapshot: dict[str, Any], *, edition: dict[str, Any], variant: Variant) -> str:
    """The HTML WeasyPrint lays out, in the edition's language."""
    with translation.override(snapshot.get("language", "id")):
        return render_to_string("training/documents/book.html", context_for(snapshot, edition=edition, variant=variant))


def reading_html(snapshot: dict[str, Any], *, edition: dict[str, Any]) -> str:
    """The reading version: one HTML fragment (the site's page wraps it), anchors per section."""
    with translation.override(snapshot.get("language", "id")):
        context = context_for(
            snapshot, edition=edition, variant=Variant(Rendition.Kind.READING, Rendition.Paper.SCREEN)
        )
        return render_to_string("training/documents/reading.html", context)


# --- writing PDF ---------------------------------------------------------------------------------


def _fonts_and_images_only() -> Any:
    """A WeasyPrint fetcher that opens the document fonts and data URIs of images, nothing else."""
    from weasyprint.urls import URLFetcher

    allowed = {(font_dir() / name).as_uri() for name in FILES}

    class FontsAndImagesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in allowed or url.startswith("data:image/"):
                return super().fetch(url, headers)
            raise ValueError(f"not fetched: {url[:80]}")

    return FontsAndImagesOnly(allowed_protocols=("file", "data"))


@dataclass(frozen=True)
class Output:
    content: bytes
    pages: int | None


def render_pdf(
    snapshot: dict[str, Any], *, edition: dict[str, Any], variant: Variant, progress: ProgressCallback | None = None
) -> Output:
    """Lay out (WeasyPrint's longer stage) and write the PDF. `progress` hears 10 before the layout,
    60 after it and 100 when the bytes are written."""
    from weasyprint import HTML  # loading Pango costs time that only rendering needs

    report = progress or (lambda _percent: None)
    report(10)
    html = book_html(snapshot, edition=edition, variant=variant)
    document = HTML(string=html, url_fetcher=_fonts_and_images_only()).render()
    report(60)
    content = document.write_pdf()
    report(100)
    return Output(content=content, pages=len(document.pages))


def render_reading(
    snapshot: dict[str, Any], *, edition: dict[str, Any], progress: ProgressCallback | None = None
) -> Output:
    report = progress or (lambda _percent: None)
    report(10)
    content = reading_html(snapshot, edition=edition).encode("utf-8")
    report(100)
    return Output(content=content, pages=None)


def render_variant(
    snapshot: dict[str, Any], *, edition: dict[str, Any], variant: Variant, progress: ProgressCallback | None = None
) -> Output:
    if variant.kind == Rendition.Kind.READING:
        return render_reading(snapshot, edition=edition, progress=progress)
    return render_pdf(snapshot, edition=edition, variant=variant, progress=progress)
