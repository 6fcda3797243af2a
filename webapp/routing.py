"""How every request is read, before any view: URL converters and form parsing."""

from __future__ import annotations

from typing import Any

from flask import Flask, Request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, Map

#: The largest key a database integer column holds (signed 64 bits).
MAX_ID = 2**63 - 1


class DatabaseInteger(IntegerConverter):
    """``<int:...>``: a number a database key can hold. A larger one does not match the route
    (404) instead of reaching the database (on SQLite an OverflowError, a 500)."""

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


def init_app(app: Flask) -> None:
    app.request_class = HosoRequest
    app.url_map.converters["int"] = DatabaseInteger
