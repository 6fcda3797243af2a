"""The only module that talks to the search engine.

OpenSearch (opensearch-py) or Elasticsearch 8.x (the official client), chosen by
``HOSO_SEARCH_ENGINE``; both receive the same JSON. Indexes are versioned
(``<alias>-v<schema version>-<timestamp>``) and always reached through an alias, so a
reindex builds a new index and swaps the alias in one atomic call.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from records.metrics import search_timer

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas" / "index"


@dataclass(frozen=True)
class BulkError:
    doc_id: str
    reason: str


class SearchUnavailable(Exception):
    """The search engine cannot be reached or refused the request; the message says which."""


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

    def __init__(self, url: str, engine: str = "opensearch", *, timeout: float = 30) -> None:
        self.url = url
        self.engine = engine
        self.hosts = split_urls(url)
        self.timeout = timeout

    @cached_property
    def _connection(self) -> tuple[Any, Any]:
        """The client and its bulk helpers, made on first use: a command that never talks to
        the engine does not pay for importing its client library."""
        retries = max(2, len(self.hosts))
        if self.engine == "elasticsearch":
            from elasticsearch import Elasticsearch
            from elasticsearch import helpers as es_helpers

            client: Any = Elasticsearch(
                self.hosts,
                request_timeout=self.timeout,
                max_retries=retries,
                retry_on_timeout=True,
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
            max_retries=retries,
            retry_on_timeout=True,
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
        try:
            response = fn(*args, **kwargs)
        except Exception as err:  # both clients raise their own hierarchies
            raise SearchUnavailable(f"search engine at {self.url}: {what} failed: {err}") from err
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
        self, name: str, schema: Mapping[str, Any], *, shards: int = 1, replicas: int = 0
    ) -> None:
        settings = dict(schema.get("settings", {}))
        index_settings = dict(settings.get("index", {}))
        index_settings.update({"number_of_shards": shards, "number_of_replicas": replicas})
        settings["index"] = index_settings
        body = {"settings": settings, "mappings": schema["mappings"]}
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

    def swap_alias(self, alias: str, new_index: str) -> list[str]:
        """Point ``alias`` at ``new_index`` only, atomically; return the indexes it left."""
        old = [name for name in self.indices_for(alias) if name != new_index]
        actions: list[dict[str, Any]] = [{"add": {"index": new_index, "alias": alias}}]
        actions += [{"remove": {"index": name, "alias": alias}} for name in old]
        self._call(
            f"swap alias {alias}", self._client.indices.update_aliases, body={"actions": actions}
        )
        return old

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
    def bulk(self, actions: Iterable[dict[str, Any]], *, refresh: bool = False) -> list[BulkError]:
        """Send index/delete actions in one request; return the items that failed."""
        try:
            _, errors = self._helpers.bulk(
                self._client,
                actions,
                raise_on_error=False,
                raise_on_exception=True,
                refresh="wait_for" if refresh else False,
                max_retries=3,
                initial_backoff=1,
            )
        except Exception as err:
            raise SearchUnavailable(f"search engine at {self.url}: bulk failed: {err}") from err
        failures = []
        for item in errors:
            result = next(iter(item.values()), {})
            reason = json.dumps(result.get("error", result), ensure_ascii=False)[:500]
            failures.append(BulkError(doc_id=str(result.get("_id", "")), reason=reason))
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

    def delete(self, index: str, doc_id: str) -> None:
        try:
            self._call(f"delete {doc_id}", self._client.delete, index=index, id=doc_id)
        except SearchUnavailable as err:
            if not self._missing(err):
                raise

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
