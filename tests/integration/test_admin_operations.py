"""Admin operations that cannot collide, and an index that cannot be replaced by one the
engine made up: the admin lock, writes through aliases only, a reindex that fails unless
every document was written, ``hoso check`` and ``/readyz`` verifying the live index."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from indexer import pipeline, runtime
from indexer.admin_lock import AdminBusy, LockLost, admin_lock
from indexer.engine import SearchEngine, SearchUnavailable, load_schema
from indexer.reindex import ReindexFailed, reindex
from records.config import Settings
from records.db import Database
from records.models import Document, DocumentPage
from tests.support.files import make_letters
from tests.support.ingest import upload
from webapp import create_app
from webapp.cli import main
from webapp.cli.recovery import EXIT_BUSY, EXIT_DRIFT

pytestmark = pytest.mark.services


def _ingest_here(db: Database, settings: Settings, paths: list[Path]) -> list[int]:
    ids = [upload(db, settings, path, queue=False) for path in paths]
    for doc_id in ids:
        assert pipeline.parse(doc_id)
    assert sorted(pipeline.index(ids)) == sorted(ids)
    return ids


def _hoso(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("database", ["postgresql", "sqlite"])
def test_the_admin_lock_admits_one_holder_and_names_it(
    database: str, db: Database, hoso_settings: Settings, tmp_path: Path
) -> None:
    target = db if database == "postgresql" else Database(f"sqlite:///{tmp_path / 'hoso.db'}")
    lock_args = (target, hoso_settings.broker_url, hoso_settings.index_alias)
    with admin_lock("reindex", *lock_args) as held:
        held.confirm()
        with (
            pytest.raises(AdminBusy, match=r"check --repair refused: .*reindex"),
            admin_lock("check --repair", *lock_args),
        ):
            pass
    with admin_lock("restore", *lock_args) as again:  # released: the next one gets it
        again.confirm()
    if database == "sqlite":
        import redis

        client = redis.Redis.from_url(hoso_settings.broker_url)
        with admin_lock("reindex", *lock_args) as held:
            client.delete(f"hoso:{hoso_settings.index_alias}:admin-lock")  # expired meanwhile
            with pytest.raises(LockLost):
                held.confirm()


def test_check_repair_during_a_reindex_refuses_and_search_never_fails(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    ids = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 8))
    alias = hoso_settings.index_alias
    search_engine.refresh(alias)
    filled_once = threading.Event()
    repair_tried = threading.Event()
    failures: list[str] = []
    answers: list[int] = []
    stop = threading.Event()

    def pause_after_first_batch(done: int, _total: int) -> None:
        if done and not filled_once.is_set():
            filled_once.set()
            assert repair_tried.wait(120)

    def search_loop() -> None:
        while not stop.is_set():
            try:
                hits = search_engine.search(alias, {"query": {"match": {"content.folded": "mau3"}}})
                answers.append(hits["hits"]["total"]["value"])
            except Exception as err:
                failures.append(str(err))

    outcome: dict[str, object] = {}

    def rebuild() -> None:
        try:
            outcome["report"] = reindex(
                batch_size=3, progress=pause_after_first_batch, old_index_grace_s=0.2
            )
        except Exception as err:
            outcome["error"] = err

    searches = threading.Thread(target=search_loop)
    rebuilding = threading.Thread(target=rebuild)
    searches.start()
    rebuilding.start()
    try:
        assert filled_once.wait(120), outcome
        code, out = _hoso("check", "--repair")
        assert code == EXIT_BUSY, out
        assert "another admin operation is running" in out and "reindex" in out
        assert _hoso("reindex")[0] == EXIT_BUSY
        # A plain check may run: the index being filled is not reported as a stray one.
        code, out = _hoso("check", "--json")
        assert json.loads(out)["drift"]["stray_indexes"] == [], out
    finally:
        repair_tried.set()
        rebuilding.join(timeout=300)
        stop.set()
        searches.join()
    assert "error" not in outcome, outcome
    assert failures == []
    assert len(answers) > 5 and set(answers) == {1}
    report = outcome["report"]
    assert search_engine.indices_for(alias) == [report.index]  # type: ignore[attr-defined]
    assert search_engine.count(alias) == len(ids)
    assert _hoso("check", "--repair")[0] == 0  # the lock is free again, nothing to repair


def test_an_index_the_engine_created_for_a_stray_write_is_reported_and_replaced(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    ids = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 3, docx_every=0))
    alias = hoso_settings.index_alias
    (good,) = search_engine.indices_for(alias)
    search_engine.delete_index(good)

    # hoso's own writes go through the alias only: nothing is created in its absence.
    refusals = search_engine.bulk([{"_index": alias, "_id": "1", "_source": {"id": "1"}}])
    assert refusals and "require_alias" in refusals[0].reason
    assert search_engine.indices_matching(f"{alias}*") == []

    # A stray write by name (another tool, an old version) makes the engine create one.
    search_engine.bulk(
        [{"_index": alias, "_id": "1", "_source": {"id": "1", "subject": "x"}}],
        refresh=True,
        require_alias=False,
    )
    code, out = _hoso("check", "--json")
    drift = json.loads(out)["drift"]
    assert code == EXIT_DRIFT
    assert any("is an index, not an alias" in problem for problem in drift["index_problems"])
    ready = create_app(hoso_settings).test_client().get("/readyz")
    assert ready.status_code == 503 and ready.json["failing"] == ["search"]
    with pytest.raises(SearchUnavailable):
        pipeline.index(ids[:1])  # it does not write into the stray index either
    assert _hoso("check", "--repair")[0] == EXIT_DRIFT  # repair cannot fix a definition

    code, out = _hoso("reindex")
    assert code == 0, out
    assert not search_engine.is_concrete_index(alias)
    assert search_engine.count(alias) == len(ids)
    assert search_engine.index_problems(alias, load_schema()) == []
    code, out = _hoso("check")
    assert code == 0, out
    assert create_app(hoso_settings).test_client().get("/readyz").status_code == 200


def test_check_reports_an_index_whose_analysis_differs_from_the_schema(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 1, docx_every=0))
    alias = hoso_settings.index_alias
    schema = load_schema()
    schema["settings"]["analysis"]["analyzer"]["vi_folded"]["filter"] = ["lowercase"]  # no folding
    drifted = f"{alias}-v3-drifted"
    search_engine.create_index(drifted, schema)
    search_engine.swap_alias(alias, drifted)
    code, out = _hoso("check", "--json")
    problems = json.loads(out)["drift"]["index_problems"]
    assert code == EXIT_DRIFT
    assert any("analyzer [vi_folded] differs" in problem for problem in problems), problems


def test_a_reindex_that_cannot_write_every_document_fails_and_keeps_the_old_index(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    ids = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 3, docx_every=0))
    alias = hoso_settings.index_alias
    before = search_engine.indices_for(alias)
    refused = ids[1]
    with db.session() as session:  # more pages than the engine takes nested objects
        document = session.get(Document, refused)
        session.add_all(
            DocumentPage(document_id=refused, page_no=n, text="trang", original="trang")
            for n in range(2, 10_003)
        )
        document.touch()

    with pytest.raises(ReindexFailed, match=rf"refused documents {refused} .*nested"):
        reindex(batch_size=2, old_index_grace_s=0)
    assert search_engine.indices_for(alias) == before
    assert search_engine.indices_matching(f"{alias}-v*") == before
    code, out = _hoso("reindex")
    assert code == 1 and "still serves the old index" in out

    # Indexing it as workers do marks it failed with the engine's reason, at once.
    assert pipeline.index([refused]) == []
    with db.session() as session:
        status, error_code, params = session.execute(
            select(Document.status, Document.error_code, Document.error_params).where(
                Document.id == refused
            )
        ).one()
    assert status == "failed" and error_code == "index_refused"
    assert "nested" in params["detail"]
    report = reindex(batch_size=2, old_index_grace_s=0)
    assert report.documents == len(ids) - 1
    runtime.reset()


def test_a_disposal_waits_while_another_admin_operation_holds_the_lock(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, tmp_path: Path
) -> None:
    from datetime import UTC, date, datetime

    from celery.exceptions import Retry

    from jobs.retention import execute_disposal
    from records.calendar import local_today
    from records.models import DisposalList, RetentionStart, User
    from records.retention import disposal
    from tests.support.auth import make_user

    (doc_id,) = _ingest_here(db, hoso_settings, make_letters(tmp_path / "in", 1, docx_every=0))
    make_user(db, "luutru", roles=("archivist",))
    with db.session() as session:
        document = session.get(Document, doc_id)
        document.doc_type, document.issued_date = "cong_van", date(2010, 1, 4)  # kept 10 years
        document.uploaded_at = datetime(2011, 1, 4, tzinfo=UTC)  # past the archive grace
        session.add(RetentionStart(document_id=doc_id, starts_on=date(2011, 1, 1)))
        draft = disposal.propose(session, None, local_today(), hoso_settings.trash_days)
        archivist = session.scalar(select(User).where(User.username == "luutru"))
        disposal.approve(session, archivist, draft)
        list_id = draft.id
    lock_args = (db, hoso_settings.broker_url, hoso_settings.index_alias)

    with admin_lock("reindex", *lock_args), pytest.raises(Retry):
        execute_disposal(list_id)  # scheduled again a minute later
    with db.session() as session:
        assert session.get(DisposalList, list_id).state == "approved"
        assert session.get(Document, doc_id).status == "indexed"

    assert execute_disposal(list_id) == [doc_id]
    with db.session() as session:
        assert session.get(Document, doc_id).status == "disposed"
    assert search_engine.get(hoso_settings.index_alias, str(doc_id)) is None
