"""Vietnamese first, English available: locale choice and catalogue compilation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request, session
from flask_babel import get_locale

from webapp.extensions import babel

LOCALES = ("vi", "en")
TRANSLATIONS = Path(__file__).with_name("translations")


def init_app(app: Flask) -> None:
    compile_catalogues()
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale


def select_locale() -> str:
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or "vi"


def compile_catalogues() -> None:
    """Compile each ``messages.po`` whose ``.mo`` is missing or older (cheap, pure Python)."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        tmp.replace(mo_path)
