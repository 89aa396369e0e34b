"""Make the English catalogue complete: msgids are English, so each empty msgstr takes its msgid.

Usage: python scripts/fill_en_catalogue.py serikat/locale/en/LC_MESSAGES/django.po
Plural entries get msgstr[0] = msgid and msgstr[1] = msgid_plural. Fuzzy flags are dropped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def fill(text: str) -> str:
    entries = text.split("\n\n")
    result = []
    for entry in entries:
        lines = [line for line in entry.split("\n") if line != "#, fuzzy" and not line.startswith("#| ")]
        entry = "\n".join(lines).replace(", fuzzy", "")
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if msgid and msgid.group(1).strip() != '""':
            plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', entry, re.M)
            single = msgid.group(1).rstrip("\n")
            if plural:
                entry = re.sub(r'^msgstr\[0\] ""$', "msgstr[0] " + single, entry, flags=re.M)
                entry = re.sub(r'^msgstr\[1\] ""$', "msgstr[1] " + plural.group(1).rstrip("\n"), entry, flags=re.M)
            elif re.search(r'^msgstr ""\Z', entry, re.M) or entry.rstrip().endswith('msgstr ""'):
                entry = re.sub(r'^msgstr ""\s*\Z', "msgstr " + single, entry.rstrip(), flags=re.M)
        result.append(entry)
    return "\n\n".join(result)


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
