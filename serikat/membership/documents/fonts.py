"""The fonts the membership documents are set in, given to the engines explicitly.

Both engines get the same files: DejaVu Sans (and DejaVu Sans Mono for numbers and addresses), from
Debian's fonts-dejavu-core, which CI installs. Typst is told to use these files and nothing else
(no system fonts, none of its own), so a card looks the same on every machine and a missing font
stops the render instead of silently dropping the text. WeasyPrint gets them through @font-face.
Both embed (subsets of) the fonts in the PDF.

`SERIKAT_DOCUMENT_FONT_DIR` (a Django setting, optional) names another folder holding the same
file names, for systems that keep DejaVu elsewhere.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

SANS = "DejaVuSans.ttf"
SANS_BOLD = "DejaVuSans-Bold.ttf"
MONO = "DejaVuSansMono.ttf"
MONO_BOLD = "DejaVuSansMono-Bold.ttf"
FILES = (SANS, SANS_BOLD, MONO, MONO_BOLD)

# Debian and Ubuntu, Fedora, Arch, Alpine.
CANDIDATE_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu",
)


class FontsMissing(RuntimeError):
    """The DejaVu fonts were not found: install fonts-dejavu-core or set SERIKAT_DOCUMENT_FONT_DIR."""


@functools.cache
def font_dir() -> Path:
    configured = getattr(settings, "SERIKAT_DOCUMENT_FONT_DIR", "")
    candidates = [configured] if configured else list(CANDIDATE_DIRS)
    for candidate in candidates:
        folder = Path(candidate)
        if all((folder / name).is_file() for name in FILES):
            return folder
    raise FontsMissing(
        f"DejaVu fonts ({', '.join(FILES)}) not found in {', '.join(candidates)}: "
        "install fonts-dejavu-core or set SERIKAT_DOCUMENT_FONT_DIR."
    )


def font_files() -> list[Path]:
    folder = font_dir()
    return [folder / name for name in FILES]


def font_face_css() -> str:
    """@font-face rules for WeasyPrint naming the very files Typst uses."""
    rules = []
    for name, family, weight in (
        (SANS, "Serikat Sans", "normal"),
        (SANS_BOLD, "Serikat Sans", "bold"),
        (MONO, "Serikat Mono", "normal"),
        (MONO_BOLD, "Serikat Mono", "bold"),
    ):
        uri = (font_dir() / name).as_uri()
        rules.append(f'@font-face {{ font-family: "{family}"; src: url("{uri}"); font-weight: {weight}; }}')
    return "\n".join(rules)
