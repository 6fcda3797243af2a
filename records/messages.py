"""Marking user-facing messages of the domain core for translation.

``records`` does not import Flask, so it cannot translate. It writes its messages in
Vietnamese inside :func:`N_` (a Babel default keyword, extracted through ``webapp/babel.cfg``)
and the web layer translates them when it shows them. The messages of refusals are in one
catalogue, ``records.refusals``.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message
