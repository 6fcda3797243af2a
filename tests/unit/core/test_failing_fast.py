"""The pieces that make failures cheap: the circuit breaker, the once-per-interval log
filter, and the back-off of retries by time."""

from __future__ import annotations

import logging
import sys

import pytest

from indexer.engine import CircuitBreaker, OncePerInterval, SearchUnavailable, is_outage
from indexer.retrying import RETRY_MAX_S, backoff_s


def test_the_breaker_opens_after_repeated_outages_and_lets_one_call_try_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr("indexer.engine.time.monotonic", lambda: clock[0])
    breaker = CircuitBreaker(failures=3, open_s=15)
    for _ in range(2):
        breaker.before("http://node")
        breaker.failed()
    breaker.before("http://node")  # still closed after two
    breaker.failed()
    with pytest.raises(SearchUnavailable) as opened:
        breaker.before("http://node")
    assert opened.value.retry_after == pytest.approx(15)
    clock[0] += 16
    breaker.before("http://node")  # half open: this one call goes through ...
    with pytest.raises(SearchUnavailable):
        breaker.before("http://node")  # ... the others still do not
    breaker.succeeded()
    breaker.before("http://node")  # closed again


def test_only_outages_count_against_the_engine() -> None:
    class Refused(Exception):
        status_code = 400

    class Busy(Exception):
        status_code = 429

    assert not is_outage(Refused())
    assert is_outage(Busy()) and is_outage(ConnectionError())


def test_repeated_failures_are_logged_once_per_interval_without_traceback() -> None:
    log_filter = OncePerInterval(interval_s=60)
    try:
        raise ConnectionError("connection refused\nmore detail")
    except ConnectionError:
        exc_info = sys.exc_info()
    records = [
        logging.LogRecord("opensearch", logging.WARNING, __file__, 1, "GET %s", ("/x",), exc_info)
        for _ in range(5)
    ]
    passed = [record for record in records if log_filter.filter(record)]
    assert len(passed) == 1
    assert passed[0].exc_info is None
    assert passed[0].getMessage() == "GET /x: connection refused"


def test_retry_back_off_grows_with_jitter_and_is_capped() -> None:
    first = [backoff_s(0) for _ in range(50)]
    assert all(1.0 <= wait <= 2.0 for wait in first) and len(set(first)) > 1
    assert all(RETRY_MAX_S / 2 <= backoff_s(n) <= RETRY_MAX_S for n in (6, 10, 40))
