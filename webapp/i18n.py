"""Vietnamese first, English available: locale choice and catalogue compilation."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, request, session

from records.errors import RuleError, fill, plain
from records.refusals import MESSAGES
from webapp.extensions import babel

LOCALES = ("vi", "en")
TRANSLATIONS = Path(__file__).with_name("translations")


def init_app(app: Flask) -> None:
    compile_catalogues()
    babel.init_app(app, locale_selector=select_locale)


def select_locale() -> str:
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or "vi"


def compile_catalogues(folder: Path = TRANSLATIONS) -> None:
    """Compile each ``messages.po`` whose ``.mo`` is missing or older (cheap, pure Python).

    Set-up and ``hoso run`` call this before any web worker starts; the workers call it again
    at import, and as several may do so at once, each writes its own temporary file and
    renames it into place atomically: a reader sees the old catalogue or the new, never half.
    """
    for po_path in folder.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        fd, tmp_name = tempfile.mkstemp(prefix="messages.", suffix=".mo.tmp", dir=mo_path.parent)
        try:
            with os.fdopen(fd, "wb") as mo_file:
                write_mo(mo_file, catalog)
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, mo_path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise


def in_english(err: RuleError) -> str:
    """A refusal's message in English, outside any request: the account commands of the CLI
    answer in English."""
    compile_catalogues()
    english = Translations.load(str(TRANSLATIONS), ["en"])
    template = MESSAGES.get(err.code)
    if template is None:
        return err.code
    return fill(english.gettext(template), {key: plain(v) for key, v in err.params.items()})
