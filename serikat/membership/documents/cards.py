"""KTA cards as PDF, set by Typst: one card in ID-1 size (85.6 x 54 mm, front and back), or a batch
on A4 sheets of 2 x 5 cards (fronts, then the mirrored backs, for double-sided printing).

The Typst source is generated from data: the layout lives in card.typ, and in front of it this
module writes `labels` and `cards`, where every value is a Typst *string literal* made by
`typst_string()`. Strings are only ever shown as text, never evaluated, so a name such as
`Siti "#panic()" [x] $y$ \\` prints exactly as typed.

The QR code on the back is made with segno as SVG and embedded into the document; it encodes the
card's public verification URL (/verify/<token>/), which is also printed below it and is a link
in the PDF. A member's photo, when there is one, is read once, normalised to a small JPEG and
handed to Typst as a file in a temporary root folder.

A whole batch is one Typst compile (render_cards); the only real work per card in Python is the QR
code (qr.py).
"""

from __future__ import annotations

import functools
import io
import logging
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from serikat.membership.documents.fonts import font_dir
from serikat.membership.documents.qr import qr_svgs

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).with_name("card.typ")
PHOTO_MAX_PX = (300, 400)  # 3:4, about 360 dpi at the printed 21 x 28 mm
SINGLE = "single"
SHEETS = "sheets"

# Typst string literals know \\ \" \n \r \t and \u{...}; everything else stands for itself.
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"'}
_ESCAPES.update({code: f"\\u{{{code:x}}}" for code in [*range(0x20), 0x7F, 0x2028, 0x2029]})


def typst_string(value: Any) -> str:
    """`value` as a Typst string literal: quotes, backslashes and control characters escaped."""
    return '"' + str(value).translate(_ESCAPES) + '"'


def typst_value(value: Any) -> str:
    """A Typst literal for a str, None, a dict of those, or a list of those."""
    if value is None:
        return "none"
    if isinstance(value, str):
        return typst_string(value)
    if isinstance(value, dict):
        if not value:
            return "(:)"
        return "(" + ", ".join(f"{key}: {typst_value(item)}" for key, item in value.items()) + ")"
    if isinstance(value, list | tuple):
        # A trailing comma keeps a one-element array an array.
        return "(" + "".join(f"{typst_value(item)}, " for item in value) + ")"
    raise TypeError(f"no Typst literal for {type(value).__name__}")


@dataclass(frozen=True)
class CardFace:
    """What one card shows; plain strings, already chosen and formatted."""

    name: str
    kta: str
    unit: str
    federation: str
    url: str
    issued: str
    photo: bytes | None = None


def public_base_url() -> str:
    """Where the verification pages are served, for documents made without a request (batch jobs).

    `SERIKAT_PUBLIC_URL` (e.g. https://serikat.kspi.or.id) when set; otherwise the first allowed
    host over HTTPS; otherwise the development server."""
    configured = getattr(settings, "SERIKAT_PUBLIC_URL", "")
    if configured:
        return configured.rstrip("/")
    for host in settings.ALLOWED_HOSTS:
        if host and host not in ("*", "testserver") and not host.startswith("."):
            scheme = "https" if getattr(settings, "SECURE", False) else "http"
            return f"{scheme}://{host}"
    return "http://127.0.0.1:8000"


def verification_url(token: str, base_url: str | None = None) -> str:
    """The public page a card's QR code opens."""
    return (base_url or public_base_url()).rstrip("/") + reverse("verify:card", args=[token])


def normalise_photo(data: bytes) -> bytes | None:
    """A member's photo as a small RGB JPEG, upright; None when it cannot be read as an image."""
    from PIL import Image, ImageOps  # WeasyPrint's dependency; imported here, only cards with photos need it

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (PHOTO_MAX_PX[0] * 2, PHOTO_MAX_PX[1] * 2))
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail(PHOTO_MAX_PX)
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85)
            return out.getvalue()
    except Exception:  # any unreadable upload: print the card without the photo
        logger.warning("member photo could not be read; the card is printed without it", exc_info=True)
        return None


def _labels(language: str) -> dict[str, str]:
    return {
        "lang": language,
        "document-title": _("Membership card (KTA)"),
        "card-title": _("Membership card"),
        "name": _("Name"),
        "kta": _("KTA number"),
        "union": _("Union"),
        "no-photo": _("No photo"),
        "verify-title": _("Check this card"),
        "verify-note": _(
            "Scan the QR code or open the address below: the union's page says whether the card is valid today."
        ),
        "issued": _("Issued on"),
        "return-note": _("This card belongs to the union. If found, please return it to the union office."),
    }


@functools.cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


@functools.cache
def _fonts() -> typst.Fonts:
    # The DejaVu files and nothing else: no system fonts, none of Typst's own.
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir())])


def typst_source(faces: Sequence[CardFace], *, layout: str, language: str, photo_paths: Sequence[str | None]) -> str:
    """The complete Typst document for `faces` (exposed for tests of the escaping)."""
    with translation.override(language):
        labels = _labels(language)
    codes = qr_svgs([face.url for face in faces])
    cards = [
        {
            "name": face.name,
            "kta": face.kta,
            "unit": face.unit,
            "federation": face.federation,
            "url": face.url,
            "issued": face.issued,
            "qr": code,
            "photo": photo,
        }
        for face, photo, code in zip(faces, photo_paths, codes, strict=True)
    ]
    parts = [
        f"#let layout = {typst_string(layout)}\n",
        f"#let labels = {typst_value(labels)}\n",
        "#let cards = (\n",
        *(f"  {typst_value(card)},\n" for card in cards),
        ")\n",
        _template(),
    ]
    return "".join(parts)


class CardRenderError(RuntimeError):
    """Typst refused the generated document, or warned about a font (text would be missing)."""


def render_faces(faces: Sequence[CardFace], *, layout: str = SHEETS, language: str = "id") -> bytes:
    """One PDF for all `faces`, in one Typst compile."""
    if layout not in (SINGLE, SHEETS):
        raise ValueError(f"unknown card layout {layout!r}")
    if not faces:
        raise ValueError("no cards to render")
    with tempfile.TemporaryDirectory(prefix="serikat-cards-") as root:
        photo_paths: list[str | None] = []
        for index, face in enumerate(faces):
            photo = normalise_photo(face.photo) if face.photo else None
            if photo is None:
                photo_paths.append(None)
                continue
            name = f"photo-{index}.jpg"
            (Path(root) / name).write_bytes(photo)
            photo_paths.append(f"/{name}")
        source = typst_source(faces, layout=layout, language=language, photo_paths=photo_paths)
        compiler = typst.Compiler(root=root, font_paths=_fonts(), ignore_system_fonts=True)
        try:
            pdf, warnings = compiler.compile_with_warnings(source.encode("utf-8", "replace"), format="pdf")
        except typst.TypstError as error:
            raise CardRenderError(f"Typst could not set the cards: {error.message}") from error
    font_warnings = [w.message for w in warnings if "font" in w.message.lower()]
    if font_warnings:
        raise CardRenderError("; ".join(font_warnings))
    if not isinstance(pdf, bytes):
        raise CardRenderError("Typst returned no PDF")
    return pdf


# --- from registry rows to faces -------------------------------------------------------------


def _read_photo(member: Any) -> bytes | None:
    if not member.photo:
        return None
    try:
        with member.photo.open("rb") as handle:
            return handle.read()
    except OSError:
        logger.warning("photo of member %s is missing from storage", member.pk)
        return None


def face_for(card: Any, *, base_url: str | None = None, language: str = "id") -> CardFace:
    """The face of a MemberCard (with membership, member, unit and federation loaded)."""
    membership = card.membership
    with translation.override(language):
        issued = formats.date_format(card.issued_at.astimezone(_tz()).date(), "j F Y")
    return CardFace(
        name=membership.member.full_name,
        kta=membership.kta_number,
        unit=membership.unit.name,
        federation=membership.federation.name,
        url=verification_url(card.token, base_url),
        issued=issued,
        photo=_read_photo(membership.member),
    )


def _tz() -> Any:
    from django.utils import timezone

    return timezone.get_current_timezone()


def render_card(card: Any, *, base_url: str | None = None, language: str = "id") -> bytes:
    """One card as two ID-1 pages (front, back). No scope check: services call this."""
    return render_faces([face_for(card, base_url=base_url, language=language)], layout=SINGLE, language=language)


def current_cards(memberships: Iterable[Any]) -> list[Any]:
    """The newest unrevoked card of each membership, in the memberships' order, with everything a
    face needs loaded in one query per 500 memberships. Memberships without one are left out."""
    from serikat.membership.models import MemberCard

    ids = [m.pk if hasattr(m, "pk") else int(m) for m in memberships]
    found: dict[int, Any] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = (
            MemberCard.objects.filter(membership_id__in=chunk, revoked_at__isnull=True)
            .select_related("membership__member", "membership__unit", "membership__federation")
            .order_by("membership_id", "-issued_at", "-id")
        )
        for card in rows:
            found.setdefault(card.membership_id, card)
    return [found[pk] for pk in ids if pk in found]


def render_cards(
    memberships: Iterable[Any], *, base_url: str | None = None, layout: str = SHEETS, language: str = "id"
) -> bytes:
    """A batch of cards as one PDF (A4 sheets by default), one Typst compile for the whole batch.

    Each membership must have a current (unrevoked) card: its token is what the QR code carries.
    Memberships given as ids or rows. No scope check and no audit: services_documents does both.
    """
    memberships = list(memberships)
    cards = current_cards(memberships)
    if len(cards) != len(memberships):
        raise ValueError(f"{len(memberships) - len(cards)} of the memberships have no current card")
    with translation.override(language):  # once for the batch, not once per card
        faces = [face_for(card, base_url=base_url, language=language) for card in cards]
    return render_faces(faces, layout=layout, language=language)
