"""Rich text of training packages: what the editor may store, and its plain text.

Everything a trainer writes in the editor (summaries, introductions, activities, handouts, notes)
is stored as HTML after `clean_html`, which keeps a small, printable subset and drops the rest:
paragraphs, headings h2-h4, lists, bold/italic/underline, links to http, https or mailto, simple
tables (with colspan and rowspan), block quotes, and images only when they point at an image of
the same package (served by the package's own scoped view, never an outside address). Scripts,
event handlers, styles, frames, SVG and data: URIs never survive, whoever sends them (the editor,
the API, a pasted document).

The sanitiser is nh3 (the Rust ammonia library): an allow-list parser that builds a new tree, so
malformed markup cannot smuggle anything through the way regular expressions could.
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "b", "em", "i", "u",
        "a", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "img",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "img": {"src", "alt"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Contents dropped with their tag (text inside these is code or markup, never prose).
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
)

_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_SPAN = re.compile(r"^[1-9][0-9]?$")  # colspan/rowspan: 1-99


def image_url(package_id: int, image_id: int) -> str:
    """The address of a package's image: the only `src` an <img> of that package may carry."""
    return f"/training/packages/{package_id}/images/{image_id}/"


def _image_pattern(package_id: int | None) -> re.Pattern[str] | None:
    if package_id is None:
        return None
    return re.compile(rf"^/training/packages/{int(package_id)}/images/[0-9]+/$")


def clean_html(text: str | None, *, package_id: int | None = None) -> str:
    """The allowed subset of `text`; images survive only when they are images of `package_id`."""
    if not text:
        return ""
    images = _image_pattern(package_id)

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            return value if _LINK.match(value.strip()) else None
        if element == "img" and attribute == "src":
            return value if images is not None and images.match(value.strip()) else None
        if attribute in {"colspan", "rowspan"}:
            return value if _SPAN.match(value.strip()) else None
        if attribute == "scope":
            return value if value in {"row", "col"} else None
        return value

    cleaned = nh3.clean(
        text,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=keep,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An image whose address was refused is useless: drop the element rather than keep <img alt>.
    cleaned = re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned)
    return cleaned.strip()


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|td|th|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def plain_text(text: str | None) -> str:
    """The words of stored rich text, without markup (block ends become spaces, entities decoded)."""
    if not text:
        return ""
    spaced = _BLOCK_END.sub(" ", text)
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", spaced))).strip()
