"""How every request is read, before any view: URL converters, form parsing, and text no
database or document can hold."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask, Request, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, Map

from records.sqltypes import MAX_KEY

#: The largest number a URL, form or JSON body may give as an id: the largest key.
MAX_ID = MAX_KEY
#: Characters no value typed into a query string has: C0 controls except tab and newlines.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class DatabaseInteger(IntegerConverter):
    """``<int:...>``: a number a database key can hold. A larger one does not match the route
    (404) instead of reaching the database (PostgreSQL: out of range; SQLite: OverflowError)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        super().__init__(url_map, *args, **kwargs)
        self.max = MAX_ID if self.max is None else min(self.max, MAX_ID)


class HosoRequest(Request):
    """A request whose form holds only named fields: a multipart part without a name (which
    no browser sends) is refused with a 400 instead of failing wherever a field is read."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        if None in self.form or None in self.files:
            self.form = MultiDict([(k, v) for k, v in self.form.items(multi=True) if k])
            self.files = MultiDict([(k, v) for k, v in self.files.items(multi=True) if k])
            raise BadRequest("a form field has no name")


def refuse_unstorable_text() -> None:
    """A NUL character anywhere, or a control character in the query string, is a 400:
    PostgreSQL stores no NUL in text, and no document or report holds such characters."""
    if any(_CONTROLS.search(k + v) for k, v in request.args.items(multi=True)):
        raise BadRequest("the query string holds a control character")
    values = [k + v for k, v in request.form.items(multi=True)]
    values += [v for v in (request.view_args or {}).values() if isinstance(v, str)]
    if request.is_json:
        values.append(json.dumps(request.get_json(silent=True)))
    if any("\x00" in value or "\\u0000" in value for value in values):
        raise BadRequest("the request holds a NUL character")


def init_app(app: Flask) -> None:
    app.request_class = HosoRequest
    app.url_map.converters["int"] = DatabaseInteger
    app.before_request(refuse_unstorable_text)
