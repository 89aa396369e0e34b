"""Make the English catalogue complete: msgids are English, so every msgstr is its msgid.

Usage: python scripts/fill_en_catalogue.py serikat/locale/en/LC_MESSAGES/django.po

Entries are parsed whole (msgid and msgstr may span several quoted lines, as makemessages wraps
them). Every entry's msgstr is set to its msgid (plural: msgstr[0] = msgid, msgstr[1] =
msgid_plural), which also replaces the guesses that makemessages marks as fuzzy; fuzzy flags and
previous-msgid comments are dropped. The header entry is left as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _fields(lines: list[str]) -> dict[str, list[str]]:
    """keyword -> its quoted lines, for one entry (comments excluded)."""
    fields: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith('"'):
            if current is not None:
                fields[current].append(line)
            continue
        keyword, _, rest = line.partition(" ")
        current = keyword
        fields[current] = [rest]
    return fields


def _quoted(key: str, values: list[str]) -> list[str]:
    return [f"{key} {values[0]}", *values[1:]]


def fill(text: str) -> str:
    out = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        comments = [
            line.replace(", fuzzy", "")
            for line in lines
            if line.startswith("#") and not line.startswith("#|") and line.strip() != "#, fuzzy"
        ]
        comments = [line for line in comments if line.strip() != "#,"]
        fields = _fields([line for line in lines if not line.startswith("#")])
        msgid = fields.get("msgid")
        if msgid is None or msgid == ['""']:  # the header, or something that is not an entry
            out.append(block)
            continue
        entry = [*comments]
        if "msgctxt" in fields:
            entry += _quoted("msgctxt", fields["msgctxt"])
        entry += _quoted("msgid", msgid)
        if "msgid_plural" in fields:
            entry += _quoted("msgid_plural", fields["msgid_plural"])
            entry += _quoted("msgstr[0]", msgid) + _quoted("msgstr[1]", fields["msgid_plural"])
        else:
            entry += _quoted("msgstr", msgid)
        out.append("\n".join(entry))
    return "\n\n".join(out) + "\n"


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
