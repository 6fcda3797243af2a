"""Text from users and documents comes back escaped on every page that shows it.

Add places in ``tests/access/endpoints_<area>.py`` with ``register_xss`` (registry.py):
document text and highlights on the search page, petitioners' names on petition pages.
"""

from __future__ import annotations

import pytest
from markupsafe import escape

from tests.access.harness import Harness, load_endpoint_modules
from tests.access.registry import XSS_PROBES

pytestmark = pytest.mark.services

load_endpoint_modules()
#: No slash: a filename keeps only its last path component.
PAYLOAD = '"><svg onload=alert(1)><img src=x onerror="alert(2)">'


@pytest.mark.parametrize("probe", XSS_PROBES, ids=lambda p: p.name)
def test_payload_is_shown_escaped(harness: Harness, probe) -> None:
    probe.plant(harness, PAYLOAD)
    page = probe.render(harness)
    assert str(escape(PAYLOAD)) in page, "the payload is not shown at all: the probe checks nothing"
    assert "<svg onload" not in page and "<img src=x" not in page
