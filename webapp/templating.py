"""What every template reaches without being passed it: the app-wide filters, globals and
context processors, all registered here."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from indexer.highlight import sanitize
from indexer.metadata_review import fields_to_review
from records import policy
from records.policy import Action
from webapp import labels, links, navigation, paging, thumbnails
from webapp.blueprints import bulk, meetings, petitions, plans, proposals, versions, vetting
from webapp.db_session import db_session
from webapp.features.denouncers import shown_document
from webapp.features.notifications import unread_count
from webapp.features.vetting import OBJECT_TYPES
from webapp.reasons import failure_reason
from webapp.services import services


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(highlighted=highlighted, vndate=links.vndate, when=links.when)
    app.jinja_env.globals.update(
        get_locale=get_locale,
        main_menu=navigation.menu,
        active_endpoint=navigation.active_endpoint,
        has_endpoint=links.has_endpoint,
        document_url=links.document_url,
        page_args=paging.page_args,
        thumbnail_urls=thumbnails.thumbnail_urls,
        **_labels(),
        **_document_helpers(),
        bulk_choices=bulk.choices,
        petition_labels=petitions.petition_labels,
        PROPOSAL_STATUSES=proposals.PROPOSAL_STATUSES,
        PLAN_KINDS=plans.PLAN_KINDS,
        PLAN_STATUSES=plans.PLAN_STATUSES,
        OVERLAP_REASONS=plans.OVERLAP_REASONS,
        MEETING_KINDS=meetings.MEETING_KINDS,
        MEETING_STATUSES=meetings.MEETING_STATUSES,
        FOLLOW_UP_STATUSES=meetings.FOLLOW_UP_STATUSES,
        VETTING_STATUSES=vetting.VETTING_STATUSES,
        VETTING_ANSWER_STATUSES=vetting.ANSWER_STATUSES,
        VETTING_FINDINGS=vetting.FINDINGS,
        VETTING_MATCH_REASONS=vetting.MATCH_REASONS,
        VETTING_MATCH_STATES=vetting.MATCH_STATES,
        VETTING_OBJECT_TYPES=OBJECT_TYPES,
        VETTING_MATCH_LINKS=vetting.MATCH_LINKS,
    )
    app.context_processor(_bell)


def highlighted(markup: str | None) -> Markup:
    """Highlight HTML from indexer.highlight, sanitised again at render time: only
    ``<mark>`` survives, every other character of the document is escaped text."""
    return Markup(sanitize(markup or ""))  # noqa: S704 - sanitised to <mark> only


def _labels() -> dict[str, Any]:
    return {
        "label": labels.label,
        "role_label": labels.role_label,
        "level_label": labels.level_label,
        "CASE_KINDS": labels.CASE_KINDS,
        "CASE_STATUSES": labels.CASE_STATUSES,
        "DETACH_REASONS": labels.DETACH_REASONS,
        "MONITORING_LEVELS": labels.MONITORING_LEVELS,
        "LEGAL_BASES": labels.LEGAL_BASES,
        "OUTCOMES": labels.OUTCOMES,
        "REQUEST_STATUSES": labels.REQUEST_STATUSES,
        "CONFIDENTIALITY_LABELS": labels.CONFIDENTIALITY,
        "PARTY_KINDS": labels.PARTY_KINDS,
        "DOC_TYPE_LABELS": labels.DOC_TYPES,
        "METADATA_FIELDS": labels.METADATA_FIELDS,
        "URGENCY_LABELS": labels.URGENCY,
        "STATUS_LABELS": labels.STATUSES,
        "DOCUMENT_STATES": labels.DOCUMENT_STATES,
        "EVENT_LABELS": labels.EVENTS,
        "DISPOSAL_STATES": labels.DISPOSAL_STATES,
        "DISPOSAL_ITEMS": labels.DISPOSAL_ITEMS,
        "DISPOSAL_OUTCOMES": labels.DISPOSAL_OUTCOMES,
        "DISPOSAL_GROUNDS": labels.DISPOSAL_GROUNDS,
        "AUDIT_OUTCOMES": labels.AUDIT_OUTCOMES,
        "suggestion_reason": labels.suggestion_reason,
        "AUDIT_OBJECTS": labels.AUDIT_OBJECTS,
    }


def _document_helpers() -> dict[str, Any]:
    """What the document page and the lists of documents show of a document and offer to
    do with it (see ``documents/_actions.html``)."""
    return {
        "as_seen": lambda document: shown_document(db_session(), current_user, document)[0],
        "may_edit_document": lambda d: policy.can(current_user, Action.EDIT, d),
        "may_trash_document": lambda d: policy.can(current_user, Action.TRASH, d),
        "may_hold_document": lambda d: policy.can_retain(current_user, Action.HOLD, d),
        "failure_reason": failure_reason,
        "fields_to_review": fields_to_review,
        "document_versions": versions.document_versions,
        "ocr_review_threshold": lambda: services().settings.ocr_review_threshold,
    }


def _bell() -> dict[str, Any]:
    """The bell in the top bar: the unread count of the signed-in user."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: unread_count(db_session(), current_user)}
