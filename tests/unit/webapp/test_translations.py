"""Every string the app shows has its English translation: templates, Python code (labels,
messages, notification texts) — extracted as ``pybabel extract`` would, with webapp/babel.cfg."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "webapp" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [
    ("webapp/**.py", "python"),
    ("records/**.py", "python"),
    ("webapp/templates/**.html", "jinja2"),
    ("webapp/templates/**.txt", "jinja2"),
]
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_pgettext": ((1, "c"), 2),
}


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def test_every_message_has_an_english_translation() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    missing = set()
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT, METHODS, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if not msgid:
            continue
        entry = catalogue.get(msgid, context=context)
        if entry is None or not _translated(entry.string):
            missing.add(f"{filename}:{lineno}: {msgid!r}")
    assert not missing, "untranslated:\n" + "\n".join(sorted(missing))
