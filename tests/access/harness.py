"""Runs every registered endpoint over the world and compares each cell with the table."""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from indexer.engine import SearchEngine
from records.codes import CONFIDENTIALITY
from records.config import Settings
from records.db import Database
from records.models import Agency, Case, Document, User
from records.policy import case_access_agency_ids
from tests.access import policy_table as table
from tests.access.registry import REGISTRY, SELF, CountEndpoint, ListEndpoint, ObjectEndpoint
from tests.access.world import Principal, World
from tests.support.auth import PASSWORD, Account, login


@dataclass(frozen=True)
class TokenRef:
    key: str
    id: int
    owner_id: int


@dataclass(frozen=True)
class RegisterTarget:
    """Registering a document for ``agency`` at ``level``."""

    key: str
    id: int
    agency: str
    level: str


@dataclass
class Result:
    cells: int = 0
    mismatches: list[str] = field(default_factory=list)


def load_endpoint_modules() -> list[Any]:
    """Import every ``tests/access/endpoints_*.py`` (each registers its endpoints)."""
    package = Path(__file__).parent
    for module in pkgutil.iter_modules([str(package)]):
        if module.name.startswith("endpoints_"):
            importlib.import_module(f"tests.access.{module.name}")
    return list(REGISTRY)


class Harness:
    def __init__(
        self, app: Any, db: Database, settings: Settings, engine: SearchEngine, world: World
    ) -> None:
        self.app = app
        self.db = db
        self.settings = settings
        self.engine = engine
        self.world = world
        self.session: Session = db.sessionmaker()
        self._clients: dict[str, Any] = {}
        self.api_client = app.test_client(use_cookies=False)
        users = self.session.scalars(select(User)).all()
        self.users = {user.id: user for user in users}
        docs = self.session.scalars(
            select(Document).options(selectinload(Document.shared_with))
        ).all()
        self.documents = {doc.id: doc for doc in docs}
        self.cases = {case.id: case for case in self.session.scalars(select(Case)).all()}
        self.case_agencies = {
            ref.id: case_access_agency_ids(self.session, ref.id) for ref in world.documents
        }
        self.tokens = [
            TokenRef(f"token-of-{p.key}", p.victim_token_id, p.id) for p in world.users[::9]
        ]
        self.agencies = {a.code: a for a in self.session.scalars(select(Agency))}
        self.register_targets = [
            RegisterTarget(f"{code}-{level}", self.agencies[code].id, code, level)
            for code in ("noi_chinh", "thanh_tra", "cong_an", "toa_an")
            for level in CONFIDENTIALITY
        ]

    # -- calling --------------------------------------------------------------------------
    def client(self, principal: Principal) -> Any:
        """A browser signed in as ``principal`` (anonymous when the account cannot sign in)."""
        if principal.key not in self._clients:
            client = self.app.test_client()
            number = len(self._clients) + 1
            client.environ_base["REMOTE_ADDR"] = f"10.9.{number // 200}.{number % 200 + 1}"
            if principal.facts.active:
                account = Account(
                    principal.id, principal.username, PASSWORD,
                    principal.totp_secret,
                )  # fmt: skip
                login(client, account)
            self._clients[principal.key] = client
        return self._clients[principal.key]

    def api(self, principal: Principal, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {principal.token}"}
        return self.api_client.open(path, method=method, headers=headers, **kwargs)

    def search(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.engine.search(self.settings.index_alias, body)

    # -- expectations ---------------------------------------------------------------------
    def objects(self, kind: str) -> list[Any]:
        return {
            "document": self.world.documents,
            "case": self.world.cases,
            "audit_event": self.world.events,
            "account": self.world.users[::9],
            "token": self.tokens,
            "register": self.register_targets,
            "vetting": self.world.vettings,
            "meeting": self.world.meetings,
            "follow-up": self.world.follow_ups,
            "plan": self.world.plans,
            "proposal": self.world.proposals,
        }[kind]

    def expected(self, kind: str, action: str, user: Principal, obj: Any) -> bool:
        facts = user.facts
        if kind == "document":
            return table.allowed_document(facts, action, obj.facts)
        if kind == "case":
            return table.allowed_case(facts, action, obj.facts)
        if kind == "audit_event":
            return table.may_read_event(facts, obj.facts)
        if kind == "account":
            return table.allowed_account(facts, action, own=obj.id == user.id)
        if kind == "token":
            return table.allowed_account(facts, action, own=obj.owner_id == user.id)
        if kind == "register":
            return table.allowed_register(facts, obj.agency, obj.level)
        if kind == "report":
            return table.allowed_report(facts, action)
        if kind == "retention":
            return table.allowed_retention(facts, action)
        if kind in ("meeting", "follow-up"):
            return table.allowed_meeting(facts, kind, action, obj.facts)
        if kind == "proposal":
            return table.allowed_proposal(facts, action, obj.proposal)
        if kind == "scorecard":
            return table.allowed_scorecard(facts, action, getattr(obj, "body", None))
        if kind == "plan":
            return table.allowed_plan(facts, action, getattr(obj, "plan", None))
        if kind == "vetting":
            return table.allowed_vetting(facts, action, getattr(obj, "vetting", None))
        raise ValueError(kind)

    # -- running --------------------------------------------------------------------------
    def run(self, endpoint: Any) -> Result:
        if isinstance(endpoint, ObjectEndpoint):
            return self._run_object(endpoint)
        if isinstance(endpoint, ListEndpoint):
            return self._run_list(endpoint)
        if isinstance(endpoint, CountEndpoint):
            return self._run_count(endpoint)
        raise TypeError(endpoint)

    def _run_object(self, endpoint: ObjectEndpoint) -> Result:
        result = Result()
        for user in self.world.users:
            if endpoint.objects == SELF:
                objects = [user]
            elif callable(endpoint.objects):
                objects = endpoint.objects(self)
            else:
                objects = self.objects(endpoint.kind)
            for obj in objects:
                got = endpoint.call(self, user, obj)
                want = self.expected(endpoint.kind, endpoint.action, user, obj)
                result.cells += 1
                if got != want:
                    result.mismatches.append(f"{user.key} × {obj.key}: got {got}, want {want}")
        return result

    def _run_list(self, endpoint: ListEndpoint) -> Result:
        result = Result()
        objects = self.objects(endpoint.kind)
        ids = {obj.id for obj in objects}
        for user in self.world.users:
            got = endpoint.call(self, user) & ids
            want = {o.id for o in objects if self.expected(endpoint.kind, "see", user, o)}
            result.cells += len(objects)
            keys = {o.id: o.key for o in objects}
            for extra in sorted(got - want):
                result.mismatches.append(f"{user.key}: shows {keys[extra]}")
            for missing in sorted(want - got):
                result.mismatches.append(f"{user.key}: misses {keys[missing]}")
        return result

    def _run_count(self, endpoint: CountEndpoint) -> Result:
        result = Result()
        objects = self.objects(endpoint.kind)
        for user in self.world.users:
            visible = [o for o in objects if self.expected(endpoint.kind, "see", user, o)]
            want = Counter(bucket for o in visible for bucket in endpoint.bucket(o))
            got = {key: count for key, count in endpoint.call(self, user).items() if count}
            result.cells += len({*want, *got}) or 1
            if got != dict(want):
                result.mismatches.append(f"{user.key}: got {got}, want {dict(want)}")
        return result
