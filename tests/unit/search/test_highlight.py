"""Highlighted passages are escaped text in which only <mark> is markup."""

from __future__ import annotations

from indexer.highlight import plain, sanitize, to_html
from indexer.query import MARK_END, MARK_START


def test_document_markup_is_shown_as_text() -> None:
    fragment = f'<script>alert("x")</script> {MARK_START}tham nhũng{MARK_END} & <b>đất</b>'
    html = to_html(fragment)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>tham nhũng</mark>" in html
    assert "&lt;b&gt;đất&lt;/b&gt;" in html and "&amp;" in html


def test_adjacent_marks_merge_and_unbalanced_marks_are_closed() -> None:
    assert to_html(f"{MARK_START}bảo{MARK_END} {MARK_START}vệ{MARK_END}") == "<mark>bảo vệ</mark>"
    assert to_html(f"{MARK_START}mở") == "<mark>mở</mark>"


def test_sanitize_keeps_only_mark_without_attributes() -> None:
    dirty = '<mark onclick="x()" class="y">a</mark><img src=x onerror=alert(1)><a href="j">b</a>'
    assert sanitize(dirty) == "<mark>a</mark>b"
    assert sanitize(to_html("&lt;script&gt;")) == to_html("&lt;script&gt;")  # idempotent


def test_plain_text_drops_the_marks() -> None:
    assert plain(f"  {MARK_START}a{MARK_END}\n b ") == "a b"
