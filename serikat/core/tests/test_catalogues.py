"""The translation catalogues: complete, placeholders intact, and compiled from the current .po files.

Bahasa Indonesia is the first language of the screens, so an untranslated or fuzzy entry in
serikat/locale/id is a bug: Django would show the English msgid (or, for a fuzzy entry, nothing
compiled at all). The English catalogue repeats each msgid (scripts/fill_en_catalogue.py).

After `make messages` adds new strings, these tests fail until they are translated and
compiled (`make compilemessages`). The .po parser is a small one of our own: the stdlib has
none and the catalogues use only plain gettext syntax.
"""

from __future__ import annotations

import gettext
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
# Language code -> the Plural-Forms header its catalogue must carry.
PLURAL_FORMS = {
    "id": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
}

# printf-style (named and positional), str.format-style, and HTML tags and entities.
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"
    r"|</?[A-Za-z][^>]*>"
    r"|&[A-Za-z]+;|&#\d+;"
)
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields["msgid"]

    @property
    def plural(self) -> str | None:
        return self.fields.get("msgid_plural")

    @property
    def context(self) -> str | None:
        return self.fields.get("msgctxt")

    @property
    def translations(self) -> list[str]:
        """msgstr, or msgstr[0], msgstr[1], ... in order."""
        if "msgstr" in self.fields:
            return [self.fields["msgstr"]]
        indexes = sorted(int(key[7:-1]) for key in self.fields if key.startswith("msgstr["))
        return [self.fields[f"msgstr[{i}]"] for i in indexes]

    @property
    def plural_indexes(self) -> list[int]:
        return sorted(int(key[7:-1]) for key in self.fields if key.startswith("msgstr["))


def _unquote(text: str, where: str) -> str:
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{where}: expected a quoted string, got {text!r}")

    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if char not in ESCAPES:
            raise ValueError(f"{where}: unknown escape \\{char}")
        return ESCAPES[char]

    return re.sub(r"\\(.)", replace, text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Entries in file order, the header (msgid "") first. Obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    keyword: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        where = f"{path}:{number}"
        if not line:
            current, keyword = None, None
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is None or current.fields:
                current = Entry(line=number)
                entries.append(current)
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if match:
            keyword = match.group(1)
            # A new msgctxt/msgid after a msgstr starts a new entry even without a blank line.
            has_msgstr = current is not None and any(key.startswith("msgstr") for key in current.fields)
            if current is None or (keyword in ("msgctxt", "msgid") and has_msgstr):
                current = Entry(line=number)
                entries.append(current)
            if keyword in current.fields:
                raise ValueError(f"{where}: {keyword} twice in one entry")
            current.fields[keyword] = _unquote(match.group(2), where)
        elif line.startswith('"') and current is not None and keyword is not None:
            current.fields[keyword] += _unquote(line, where)
        else:
            raise ValueError(f"{where}: cannot read {raw!r}")
    entries = [entry for entry in entries if "msgid" in entry.fields]
    if not entries or entries[0].msgid != "" or entries[0].context is not None:
        raise ValueError(f'{path}: the header entry (msgid "") must come first')
    return entries


def header_fields(entry: Entry) -> dict[str, str]:
    pairs = (line.split(":", 1) for line in entry.translations[0].splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def messages(language: str) -> list[Entry]:
    return parse_po(po_path(language))[1:]


LANGUAGES = sorted(PLURAL_FORMS)


def test_every_catalogue_language_is_checked():
    present = sorted(path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))
    assert present == LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_names_the_language_charset_and_plural_forms(language):
    header = parse_po(po_path(language))[0]
    fields = header_fields(header)
    assert "fuzzy" not in header.flags
    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == PLURAL_FORMS[language]
    assert fields["Project-Id-Version"] == "Serikat"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_untranslated_or_fuzzy(language):
    entries = messages(language)
    assert len(entries) > 100  # the parser really read the catalogue
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    untranslated = [entry.msgid for entry in entries if not entry.translations or "" in entry.translations]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgids_are_unique(language):
    keys = [(entry.context, entry.msgid) for entry in messages(language)]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_one_msgstr_per_plural_form(language):
    nplurals = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[language]).group(1))
    entries = messages(language)
    plural_entries = [entry for entry in entries if entry.plural is not None]
    assert plural_entries  # the catalogues have plural entries (unit_move.html)
    for entry in plural_entries:
        assert entry.plural_indexes == list(range(nplurals)), entry.msgid
    for entry in entries:
        if entry.plural is None:
            assert "msgstr" in entry.fields and entry.plural_indexes == [], entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for entry in messages(language):
        sources = [entry.msgid] if entry.plural is None else [entry.msgid, entry.plural]
        expected = {tuple(placeholders(source)) for source in sources}
        for translation in entry.translations:
            if tuple(placeholders(translation)) not in expected:
                wrong.append((entry.msgid, translation))
        # Leading and trailing whitespace is layout, not wording: keep it.
        for translation in entry.translations:
            if (
                translation[: len(translation) - len(translation.lstrip())]
                != entry.msgid[: len(entry.msgid) - len(entry.msgid.lstrip())]
                or translation[len(translation.rstrip()) :] != entry.msgid[len(entry.msgid.rstrip()) :]
            ):
                wrong.append((entry.msgid, translation))
    assert wrong == []


def test_placeholder_pattern_finds_each_kind():
    text = "%(name)s has %d of %s {count} <strong>now</strong>&nbsp;100%%"
    assert placeholders(text) == sorted(["%(name)s", "%d", "%s", "{count}", "<strong>", "</strong>", "&nbsp;"])


def test_english_catalogue_repeats_the_msgids():
    for entry in messages("en"):
        expected = [entry.msgid] if entry.plural is None else [entry.msgid, entry.plural]
        assert entry.translations == expected


def mo_string_count(path: Path) -> int:
    """The number of strings in a GNU .mo file, header included (its third 32-bit word)."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    return struct.unpack(order + "I", data[8:12])[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    mo = po_path(language).with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `make compilemessages`"
    entries = messages(language)
    # msgfmt writes one string per entry plus the header; fuzzy entries would be left out.
    assert mo_string_count(mo) == len(entries) + 1, "the .mo is stale: run `make compilemessages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        if entry.plural is None:
            got = [compiled.pgettext(entry.context, entry.msgid) if entry.context else compiled.gettext(entry.msgid)]
            want = entry.translations
        else:
            counts = (1, 2, 5)
            plural_index = {"id": lambda n: 0, "en": lambda n: int(n != 1)}[language]
            if entry.context:
                got = [compiled.npgettext(entry.context, entry.msgid, entry.plural, n) for n in counts]
            else:
                got = [compiled.ngettext(entry.msgid, entry.plural, n) for n in counts]
            want = [entry.translations[plural_index(n)] for n in counts]
        if got != want:
            stale.append((entry.msgid, got, want))
    assert stale == [], "the .mo differs from the .po: run `make compilemessages`"


@pytest.mark.django_db
def test_the_catalogues_reach_the_screens(client, settings):
    """Django itself finds the compiled catalogues: the sign-in page is in Indonesian unless English is chosen."""
    indonesian = {entry.msgid: entry.translations[0] for entry in messages("id")}
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="id">' in body
    assert f">{indonesian['Sign in']}</h1>" in body
    assert indonesian["Username"] in body
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in body
    assert ">Sign in</h1>" in body
