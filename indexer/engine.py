"""The only module that talks to the search engine.

OpenSearch (opensearch-py) or Elasticsearch 8.x (the official client), chosen by
``HOSO_SEARCH_ENGINE``; both receive the same JSON. Indexes are versioned
(``<alias>-v<schema version>-<timestamp>``) and always reached through an alias, so a
reindex builds a new index and swaps the alias in one atomic call.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from records.metrics import search_timer

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas" / "index"


#: Item statuses a later attempt may get past: the node is busy, restarting or moving
#: shards, or the index is missing for a moment (an alias being created or replaced).
TRANSIENT_STATUSES = frozenset({404, 408, 409, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class BulkError:
    doc_id: str
    reason: str
    status: int = 0

    @property
    def permanent(self) -> bool:
        """The engine refused the document itself (mapping, parsing, a limit): sending it
        again cannot help."""
        return 400 <= self.status < 500 and self.status not in TRANSIENT_STATUSES


class SearchUnavailable(Exception):
    """The search engine cannot be reached or refused the request; the message says which.

    ``outage`` is True when the engine is away or overloaded (see :func:`is_outage`), not
    refusing this one request; ``retry_after`` (seconds) is set when the circuit breaker
    answered for the engine.
    """

    def __init__(
        self, message: str, *, outage: bool = True, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.outage = outage
        self.retry_after = retry_after


class CircuitBreaker:
    """Stops calling an engine that keeps failing, so requests fail at once instead of
    each waiting for its own timeouts.

    After ``failures`` outages in a row (no connection, timeout, 429 or 5xx) the breaker
    opens for ``open_s`` seconds: calls raise SearchUnavailable without trying. Then one
    call is let through; its success closes the breaker, its failure opens it again.
    """

    def __init__(self, failures: int = 3, open_s: float = 15.0) -> None:
        self.failures = failures
        self.open_s = open_s
        self._lock = threading.Lock()
        self._failed = 0
        self._open_until = 0.0

    def before(self, url: str) -> None:
        with self._lock:
            remaining = self._open_until - time.monotonic()
            if remaining > 0:
                raise SearchUnavailable(
                    f"search engine at {url} failed {self._failed} times in a row; "
                    f"not trying again for {remaining:.0f} s",
                    retry_after=remaining,
                )
            if self._failed >= self.failures:
                # Half open: let this call through, but keep the others out meanwhile.
                self._open_until = time.monotonic() + self.open_s

    def succeeded(self) -> None:
        with self._lock:
            self._failed = 0
            self._open_until = 0.0

    def failed(self) -> None:
        with self._lock:
            self._failed += 1
            if self._failed >= self.failures:
                self._open_until = time.monotonic() + self.open_s


def is_outage(err: BaseException) -> bool:
    """The engine is away or overloaded (no connection, timeout, 429, 5xx), as opposed to
    refusing this particular request (a bad query, a missing document)."""
    status = getattr(err, "status_code", None)
    meta = getattr(err, "meta", None)
    if not isinstance(status, int) and meta is not None:
        status = getattr(meta, "status", None)
    if not isinstance(status, int):
        return True
    return status == 429 or status >= 500


def load_schema(name: str = "documents") -> dict[str, Any]:
    """The versioned index definition ``schemas/index/<name>.json``."""
    return json.loads((SCHEMAS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def split_urls(url: str) -> list[str]:
    """The node URLs in ``HOSO_SEARCH_URL``: one, or several separated by commas."""
    urls = [part.strip() for part in url.split(",") if part.strip()]
    if not urls:
        raise SearchUnavailable("no search engine URL configured (HOSO_SEARCH_URL is empty)")
    return urls


class SearchEngine:
    """A client over one node or a whole cluster.

    With several URLs the client spreads requests over the nodes and, when one refuses the
    connection or times out, marks it dead for a while and sends the request to the next:
    a killed node costs a retry, not a failed search. Sniffing stays off, so the client
    only ever talks to the addresses it was given (nodes may publish addresses that are not
    reachable from here, e.g. inside containers).
    """

    def __init__(
        self,
        url: str,
        engine: str = "opensearch",
        *,
        timeout: float = 30,
        retries: int | None = None,
        retry_on_timeout: bool = True,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        """``retries``: further nodes tried after a failed request (default: every node,
        at least two), also after a timeout unless ``retry_on_timeout`` is False;
        ``breaker``: fail at once while the engine keeps failing. Web requests use all
        three with a short ``timeout``, so a dead or hung node never holds a page long."""
        self.url = url
        self.engine = engine
        self.hosts = split_urls(url)
        self.timeout = timeout
        self.retries = max(2, len(self.hosts)) if retries is None else retries
        self.retry_on_timeout = retry_on_timeout
        self.breaker = breaker

    @cached_property
    def _connection(self) -> tuple[Any, Any]:
        """The client and its bulk helpers, made on first use: a command that never talks to
        the engine does not pay for importing its client library."""
        quiet_client_logs()
        if self.engine == "elasticsearch":
            from elasticsearch import Elasticsearch
            from elasticsearch import helpers as es_helpers

            client: Any = Elasticsearch(
                self.hosts,
                request_timeout=self.timeout,
                max_retries=self.retries,
                retry_on_timeout=self.retry_on_timeout,
                sniff_on_start=False,
                sniff_before_requests=False,
                sniff_on_node_failure=False,
            )
            return client, es_helpers
        from opensearchpy import OpenSearch
        from opensearchpy import helpers as os_helpers

        client = OpenSearch(
            hosts=self.hosts,
            timeout=self.timeout,
            max_retries=self.retries,
            retry_on_timeout=self.retry_on_timeout,
            sniff_on_start=False,
            sniff_on_connection_fail=False,
            sniffer_timeout=None,
        )
        return client, os_helpers

    @property
    def _client(self) -> Any:
        return self._connection[0]

    @property
    def _helpers(self) -> Any:
        return self._connection[1]

    # -- plumbing ---------------------------------------------------------------------
    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if self.breaker is not None:
            self.breaker.before(self.url)
        try:
            response = fn(*args, **kwargs)
        except Exception as err:  # both clients raise their own hierarchies
            outage = is_outage(err)
            if self.breaker is not None:
                (self.breaker.failed if outage else self.breaker.succeeded)()
            raise SearchUnavailable(
                f"search engine at {self.url}: {what} failed: {err}", outage=outage
            ) from err
        if self.breaker is not None:
            self.breaker.succeeded()
        return dict(getattr(response, "body", response))

    @staticmethod
    def _missing(err: Exception) -> bool:
        return getattr(err.__cause__, "status_code", None) == 404 or "404" in str(err)[:200]

    # -- cluster ----------------------------------------------------------------------
    def _health_args(self, wait_for: str, timeout_s: int) -> dict[str, Any]:
        """Arguments for a health call that waits: the clients spell the server timeout
        differently, and the HTTP request must outlast it."""
        if self.engine == "elasticsearch":
            return {"wait_for_status": wait_for, "timeout": f"{timeout_s}s"}
        return {
            "params": {"wait_for_status": wait_for, "timeout": f"{timeout_s}s"},
            "request_timeout": timeout_s + 10,
        }

    def health(self, wait_for: str | None = None, timeout_s: int = 30) -> dict[str, Any]:
        params = self._health_args(wait_for, timeout_s) if wait_for else {}
        return self._call("cluster health", self._client.cluster.health, **params)

    def wait_for_index(self, index: str, status: str, timeout_s: int) -> str:
        """Wait up to ``timeout_s`` for ``index`` to reach ``status``; return the one it has."""
        response = self._call(
            f"health of {index}",
            self._client.cluster.health,
            index=index,
            **self._health_args(status, timeout_s),
        )
        return str(response.get("status", "red"))

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except Exception:
            return False

    # -- indexes and aliases -----------------------------------------------------------
    def create_index(
        self,
        name: str,
        schema: Mapping[str, Any],
        *,
        shards: int = 1,
        replicas: int = 0,
        aliases: Sequence[str] = (),
    ) -> None:
        """Create ``name`` from ``schema``, reachable at once through ``aliases``."""
        settings = dict(schema.get("settings", {}))
        index_settings = dict(settings.get("index", {}))
        index_settings.update({"number_of_shards": shards, "number_of_replicas": replicas})
        settings["index"] = index_settings
        body: dict[str, Any] = {"settings": settings, "mappings": schema["mappings"]}
        if aliases:
            body["aliases"] = {alias: {} for alias in aliases}
        self._call(f"create index {name}", self._client.indices.create, index=name, body=body)

    def delete_index(self, name: str) -> None:
        self._call(f"delete index {name}", self._client.indices.delete, index=name)

    def indices_for(self, alias: str) -> list[str]:
        try:
            response = self._call("get alias", self._client.indices.get_alias, name=alias)
        except SearchUnavailable as err:
            if self._missing(err):
                return []
            raise
        return sorted(response)

    def indices_matching(self, pattern: str) -> list[str]:
        """Names of the existing indexes that match a wildcard pattern."""
        response = self._call(
            f"list indexes {pattern}",
            self._client.indices.get_alias,
            index=pattern,
            ignore_unavailable=True,
            allow_no_indices=True,
        )
        return sorted(response)

    def new_index_name(self, alias: str, schema: Mapping[str, Any]) -> str:
        return (
            f"{alias}-v{schema['version']}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 1000}"
        )

    def ensure_alias(
        self, alias: str, schema: Mapping[str, Any], *, shards: int = 1, replicas: int = 0
    ) -> str:
        """Create the first versioned index behind ``alias`` if there is none; return its name.

        Several workers may find no index at once: the first index has a fixed name, so they
        all create (or find) the same one and point the alias at it, never at two indexes.
        """
        existing = self.indices_for(alias)
        if existing:
            return existing[-1]
        if self.is_concrete_index(alias):
            raise SearchUnavailable(
                f"{alias} is an index the engine created for a stray write, not hoso's alias; "
                "hoso reindex replaces it"
            )
        name = f"{alias}-v{schema['version']}-00000000000000-0"
        try:
            self.create_index(name, schema, shards=shards, replicas=replicas)
        except SearchUnavailable as err:
            if "resource_already_exists" not in str(err):
                raise
        self._call(
            f"add alias {alias}",
            self._client.indices.update_aliases,
            body={"actions": [{"add": {"index": name, "alias": alias}}]},
        )
        return name

    def swap_alias(self, alias: str, new_index: str, *, drop_alias: str | None = None) -> list[str]:
        """Point ``alias`` at ``new_index`` only, atomically; return the indexes it left.

        ``drop_alias`` (the alias the new index was filled through) goes in the same call,
        and so does an index named like ``alias`` itself: only a write that let the engine
        create an index in the alias's absence makes one, and it never held hoso's mapping.
        """
        old = [name for name in self.indices_for(alias) if name != new_index]
        actions: list[dict[str, Any]] = [{"add": {"index": new_index, "alias": alias}}]
        actions += [{"remove": {"index": name, "alias": alias}} for name in old]
        if drop_alias:
            actions.append({"remove": {"index": new_index, "alias": drop_alias}})
        if self.is_concrete_index(alias):
            actions.append({"remove_index": {"index": alias}})
        self._call(
            f"swap alias {alias}", self._client.indices.update_aliases, body={"actions": actions}
        )
        return old

    def is_concrete_index(self, name: str) -> bool:
        """True when ``name`` is an index of its own (not an alias, not absent)."""
        return name in self.indices_matching(name)

    def index_problems(self, alias: str, schema: Mapping[str, Any]) -> list[str]:
        """Why the index behind ``alias`` cannot serve hoso's searches (empty: it can).

        The live index must be reached through the alias, be one index, and hold the
        schema's analysis (every analyzer, filter and char filter with the same definition)
        and field mappings (type, analyzers, sub-fields). No index at all is no problem:
        searches find nothing, and the first write creates one from the schema.
        """
        if self.is_concrete_index(alias):
            return [
                f"{alias} is an index, not an alias: a write created it while the alias was "
                "missing, without hoso's analysis (hoso reindex replaces it)"
            ]
        live = self.indices_for(alias)
        if not live:
            return []
        if len(live) > 1:
            return [f"{alias} points at {len(live)} indexes ({', '.join(live)}), not one"]
        (index,) = live
        indices = self._client.indices
        settings = self._call(f"settings of {index}", indices.get_settings, index=index)
        mappings = self._call(f"mappings of {index}", indices.get_mapping, index=index)
        live_settings = next(iter(settings.values()), {}).get("settings", {}).get("index", {})
        live_mappings = next(iter(mappings.values()), {}).get("mappings", {})
        problems = _analysis_drift(schema["settings"].get("analysis", {}), live_settings)
        problems += _mapping_drift(schema["mappings"].get("properties", {}), live_mappings)
        if str(live_mappings.get("dynamic")) != str(schema["mappings"].get("dynamic")).lower():
            problems.append(f"dynamic mapping is {live_mappings.get('dynamic')!r}")
        return [f"{index}: {problem}" for problem in problems]

    def put_settings(self, index: str, settings: Mapping[str, Any]) -> None:
        self._call(
            f"update settings of {index}",
            self._client.indices.put_settings,
            index=index,
            body=dict(settings),
        )

    def refresh(self, index: str) -> None:
        self._call(f"refresh {index}", self._client.indices.refresh, index=index)

    # -- documents --------------------------------------------------------------------
    def bulk(
        self,
        actions: Iterable[dict[str, Any]],
        *,
        refresh: bool = False,
        require_alias: bool = True,
    ) -> list[BulkError]:
        """Send index/delete actions in one request; return the items that failed.

        Every action must name an alias (``require_alias``): a write to an alias that is
        missing, or whose index was deleted, fails instead of letting the engine create
        an index without hoso's analysis. Only scratch indexes of tests and benchmarks
        are written by name, with ``require_alias=False``.
        """
        try:
            _, errors = self._helpers.bulk(
                self._client,
                actions,
                raise_on_error=False,
                raise_on_exception=True,
                refresh="wait_for" if refresh else False,
                require_alias=require_alias,
                max_retries=3,
                initial_backoff=1,
            )
        except Exception as err:
            raise SearchUnavailable(f"search engine at {self.url}: bulk failed: {err}") from err
        failures = []
        for item in errors:
            result = next(iter(item.values()), {})
            reason = json.dumps(result.get("error", result), ensure_ascii=False)[:500]
            failures.append(
                BulkError(
                    doc_id=str(result.get("_id", "")),
                    reason=reason,
                    status=int(result.get("status", 0) or 0),
                )
            )
        return failures

    def get(self, index: str, doc_id: str) -> dict[str, Any] | None:
        try:
            return self._call(f"get {doc_id}", self._client.get, index=index, id=doc_id)
        except SearchUnavailable as err:
            if self._missing(err):
                return None
            raise

    def search(self, index: str, body: Mapping[str, Any], **params: Any) -> dict[str, Any]:
        with search_timer():
            return self._call("search", self._client.search, index=index, body=dict(body), **params)

    def msearch(self, index: str, bodies: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Several searches in one request; each answer may hold an ``error`` of its own."""
        if not bodies:
            return []
        lines: list[dict[str, Any]] = []
        for body in bodies:
            lines += [{"index": index}, dict(body)]
        response = self._call("multi-search", self._client.msearch, body=lines)
        return [dict(item) for item in response["responses"]]

    def count(self, index: str, query: Mapping[str, Any] | None = None) -> int:
        body = {"query": query} if query else None
        response = self._call("count", self._client.count, index=index, body=body)
        return int(response["count"])

    def delete(self, alias: str, doc_id: str) -> None:
        """Remove one document (gone already is fine), through the alias like every write."""
        for error in self.bulk([{"_op_type": "delete", "_index": alias, "_id": doc_id}]):
            if "not_found" not in error.reason:
                raise SearchUnavailable(f"delete {doc_id} from {alias} failed: {error.reason}")

    def scan_ids(self, index: str) -> Iterable[tuple[str, dict[str, Any]]]:
        """Every (id, _source subset) in the index; used by ``hoso check``."""
        try:
            for hit in self._helpers.scan(
                self._client,
                index=index,
                query={"query": {"match_all": {}}, "_source": ["changed_at", "pipeline_version"]},
                size=1000,
            ):
                yield hit["_id"], hit.get("_source", {})
        except Exception as err:
            raise SearchUnavailable(f"search engine at {self.url}: scan failed: {err}") from err


#: The clients' own loggers, which log every failed attempt with a full traceback.
CLIENT_LOGGERS = ("opensearch", "elastic_transport.transport", "elastic_transport.node_pool")


class OncePerInterval(logging.Filter):
    """Lets a message through once per ``interval_s`` (per logger and first words), and
    keeps tracebacks for the debug level: an engine that is down for ten minutes makes a
    few short lines, not megabytes of repeated stack traces."""

    def __init__(self, interval_s: float = 60.0) -> None:
        super().__init__()
        self.interval_s = interval_s
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG:
            return True
        if record.exc_info and not logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {_short(error)}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        key = (record.name, str(record.msg)[:60])
        now = time.monotonic()
        if now - self._last.get(key, -self.interval_s) < self.interval_s:
            return False
        self._last[key] = now
        return True


_QUIET = OncePerInterval()


def quiet_client_logs() -> None:
    """Install :class:`OncePerInterval` on the engine clients' loggers (once)."""
    for name in CLIENT_LOGGERS:
        logger = logging.getLogger(name)
        if _QUIET not in logger.filters:
            logger.addFilter(_QUIET)


def _short(error: BaseException | None) -> str:
    text = str(error or "").strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def _analysis_drift(expected: Mapping[str, Any], live_index: Mapping[str, Any]) -> list[str]:
    """Differences between the schema's analysis and the live index's (values compared as
    the engine returns them: strings)."""
    live = live_index.get("analysis", {})
    problems = []
    for section, components in expected.items():
        for name, definition in components.items():
            have = live.get(section, {}).get(name)
            if have is None:
                problems.append(f"analysis {section} [{name}] is missing")
            elif _as_strings(have) != _as_strings(definition):
                problems.append(f"analysis {section} [{name}] differs from the schema")
    return problems


def _mapping_drift(
    expected: Mapping[str, Any], live: Mapping[str, Any], path: str = ""
) -> list[str]:
    """Fields of the schema missing from the live mapping or mapped differently."""
    have = live.get("properties", {})
    problems = []
    for field_name, definition in expected.items():
        where = f"{path}{field_name}"
        actual = have.get(field_name)
        if actual is None:
            problems.append(f"field {where} is not mapped")
            continue
        for key in ("type", "analyzer", "search_analyzer", "normalizer"):
            if key in definition and str(actual.get(key)) != str(definition[key]):
                problems.append(
                    f"field {where} has {key} {actual.get(key)!r}, the schema {definition[key]!r}"
                )
        if "properties" in definition:
            problems += _mapping_drift(definition["properties"], actual, f"{where}.")
        if "fields" in definition:
            problems += _mapping_drift(
                definition["fields"], {"properties": actual.get("fields", {})}, f"{where}."
            )
    return problems


def _as_strings(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _as_strings(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_as_strings(item) for item in value]
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
