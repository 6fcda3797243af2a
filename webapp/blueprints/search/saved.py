"""Saved searches: save from the search page, list, run, rename, delete, alert on/off."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import func, select

from indexer.alerts import take_baseline
from indexer.query import Filters
from records.models import SavedSearch
from records.models.base import utcnow
from records.policy import can_saved_search, saved_search_clause
from webapp import labels
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.search import bp
from webapp.db_session import db_session
from webapp.search_params import filters_from, query_string, search_args, sort_from
from webapp.services import services

MAX_PER_USER = 200
MAX_NAME = 255


@bp.get("/saved")
def saved() -> ResponseReturnValue:
    session = db_session()
    rows = session.scalars(
        select(SavedSearch)
        .where(saved_search_clause(current_actor()))
        .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
    ).all()
    return render_template(
        "search/saved.html",
        searches=rows,
        run_links={s.id: url_for("search.run_saved", search_id=s.id) for s in rows},
        agencies=labels.agency_names(session),
        labels=labels,
    )


@bp.post("/saved")
def save() -> ResponseReturnValue:
    session = db_session()
    user = current_actor()
    form = request.form
    text = form.get("q", "").strip()[:500]
    filters = filters_from(form)
    count = session.scalar(select(func.count(SavedSearch.id)).where(saved_search_clause(user)))
    if (count or 0) >= MAX_PER_USER:
        flash(_("Đã đạt số tìm kiếm lưu tối đa (%(n)d); hãy xóa bớt.", n=MAX_PER_USER), "error")
        return redirect(url_for("search.saved"))
    name = " ".join(form.get("name", "").split())[:MAX_NAME] or text[:MAX_NAME]
    if not name:
        name = _("Tìm kiếm ngày %(day)s", day=utcnow().strftime("%d/%m/%Y"))
    saved_search = SavedSearch(
        user_id=user.id,
        name=name,
        query=text,
        filters=filters.to_dict(),
        sort=sort_from(form),
        alert=form.get("alert") == "on",
    )
    session.add(saved_search)
    session.flush()
    audit(
        "saved_search.create",
        object_type="saved_search",
        object_id=saved_search.id,
        query=text,
        filters=saved_search.filters,
        alert=saved_search.alert,
    )
    if saved_search.alert:
        _baseline(saved_search)
    flash(_("Đã lưu tìm kiếm «%(name)s».", name=name), "success")
    return redirect(url_for("search.saved"))


@bp.get("/saved/<int:search_id>")
def run_saved(search_id: int) -> ResponseReturnValue:
    saved_search = _own_or_404(search_id)
    saved_search.last_run_at = utcnow()
    pairs = search_args(
        saved_search.query, Filters.from_dict(saved_search.filters), saved_search.sort
    )
    return redirect(url_for("search.index") + "?" + query_string(pairs))


@bp.post("/saved/<int:search_id>/rename")
def rename_saved(search_id: int) -> ResponseReturnValue:
    saved_search = _own_or_404(search_id)
    name = " ".join(request.form.get("name", "").split())[:MAX_NAME]
    if not name:
        flash(_("Tên tìm kiếm không được để trống."), "error")
        return redirect(url_for("search.saved"))
    audit(
        "saved_search.rename",
        object_type="saved_search",
        object_id=saved_search.id,
        old=saved_search.name,
        new=name,
    )
    saved_search.name = name
    flash(_("Đã đổi tên."), "success")
    return redirect(url_for("search.saved"))


@bp.post("/saved/<int:search_id>/alert")
def toggle_alert(search_id: int) -> ResponseReturnValue:
    saved_search = _own_or_404(search_id)
    saved_search.alert = request.form.get("alert") == "on"
    audit(
        "saved_search.alert",
        object_type="saved_search",
        object_id=saved_search.id,
        alert=saved_search.alert,
    )
    if saved_search.alert:
        _baseline(saved_search)
    if saved_search.alert:
        flash(_("Sẽ báo khi có tài liệu mới khớp «%(name)s».", name=saved_search.name), "success")
    else:
        flash(_("Đã tắt cảnh báo của «%(name)s».", name=saved_search.name), "success")
    return redirect(url_for("search.saved"))


def _baseline(saved_search: SavedSearch) -> None:
    """What the search matches now does not alert later (see indexer.alerts)."""
    svc = services()
    take_baseline(db_session(), svc.engine, svc.settings.index_alias, saved_search)


@bp.post("/saved/<int:search_id>/delete")
def delete_saved(search_id: int) -> ResponseReturnValue:
    saved_search = _own_or_404(search_id)
    audit(
        "saved_search.delete",
        object_type="saved_search",
        object_id=saved_search.id,
        name=saved_search.name,
    )
    session = db_session()
    session.delete(saved_search)
    flash(_("Đã xóa tìm kiếm «%(name)s».", name=saved_search.name), "success")
    return redirect(url_for("search.saved"))


def _own_or_404(search_id: int) -> SavedSearch:
    saved_search = db_session().get(SavedSearch, search_id)
    if saved_search is None or not can_saved_search(current_actor(), saved_search):
        abort(404)
    return saved_search
