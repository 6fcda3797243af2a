"""The handling of a petition as a state machine with guards (domain.md §2.4).

Every step is a :class:`Transition`: the states it may start from for each kind of
petition, the state it leads to, the fields and the document it needs, and a function that
checks the step's legal conditions and applies it. :func:`perform` runs the generic checks
in a fixed order — kind, state, role (through ``records.policy``), fields, document — then
the step's own guards, and records the step in the petition's history and the audit log.
A refused step raises :class:`TransitionRefused` with a Vietnamese message saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit
from records.deadlines import NoRuleInForce, compute, rule_for_petition
from records.deadlines.rules import LAW_2026
from records.messages import N_, UserError
from records.models import Agency, Document, Petition, PetitionDocument, PetitionEvent, User
from records.models.base import utcnow
from records.models.petition import PetitionLink
from records.petitions import clock, identity
from records.petitions import transfer as petition_transfer
from records.petitions.codes import (
    DOCUMENT_ROLE_LABELS,
    FILE_REASONS,
    KIND_LABELS,
    LEVEL_LABELS,
    OPEN_STATES,
    REJECT_REASONS,
    STATE_LABELS,
    SUSPEND_REASONS,
    TERMINATE_REASONS,
    DocumentRole,
    Kind,
    State,
    level_rank,
)
from records.petitions.context import Context
from records.petitions.documents import attach
from records.petitions.fields import Field, clean
from records.petitions.protection import touch_documents
from records.petitions.register import open_second_complaint
from records.policy import can_assign_handler, can_link_document, can_transition
from records.policy.petitions import transition_roles

ROLE_LABELS = {
    "leader": N_("lãnh đạo"),
    "officer": N_("chuyên viên"),
    "clerk": N_("văn thư"),
}


ROLE_REFUSED = N_(
    "Bạn không có quyền «%(action)s» đối với đơn này: cần là %(roles)s của cơ quan tiếp nhận đơn."
)


class TransitionRefused(UserError):
    """A step that the law, the petition's state or the user's role does not allow."""


@dataclass
class Step:
    """One step being taken: its input, checked values, and what it records."""

    session: Session
    user: User
    petition: Petition
    transition: Transition
    values: dict[str, Any]
    documents: Sequence[Document]
    ctx: Context
    target: str | None
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    created: Petition | None = None  # a child petition (second complaint)

    @property
    def on(self) -> date:
        return self.values.get("on") or self.ctx.today


Apply = Callable[[Step], None]


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # msgid, a verb phrase ("Thụ lý")
    sources: Mapping[str, frozenset[str]]  # kind -> states the step may start from
    target: str | None  # None: the petition stays in its state
    apply: Apply
    fields: tuple[Field, ...] = ()
    document: DocumentRole | None = None
    document_required: Callable[[Petition], bool] | bool = False
    basis: str = ""
    #: Whether to offer the step now at all (a cheap precondition; the guards decide).
    offered: Callable[[Petition, date], bool] | None = None

    def applies_to(self, petition: Petition) -> bool:
        return petition.state in self.sources.get(petition.kind, frozenset())

    def needs_document(self, petition: Petition) -> bool:
        required = self.document_required
        return required(petition) if callable(required) else required


# -- helpers used by the steps ----------------------------------------------------------------
def _refuse(msgid: str, **params: Any) -> TransitionRefused:
    return TransitionRefused(msgid, **params)


def _close(step: Step) -> None:
    step.petition.closed_on = step.on
    step.petition.overdue = False


def _route(step: Step, agency: Agency | None, name: str) -> None:
    petition = step.petition
    petition.routed_to_agency_id = agency.id if agency else None
    petition.routed_to_name = name or (agency.name if agency else "")
    step.detail["routed_to"] = petition.routed_to_name


def _same_content(step: Step) -> list[Petition]:
    """Petitions recorded as the same matter: merged into/from this one, or suggested as a
    repeat and not dismissed."""
    petition, session = step.petition, step.session
    ids = set()
    links = session.scalars(
        select(PetitionLink).where(
            (PetitionLink.petition_id == petition.id) | (PetitionLink.other_id == petition.id),
            PetitionLink.status != "dismissed",
        )
    )
    for link in links:
        ids.add(link.other_id if link.petition_id == petition.id else link.petition_id)
    if petition.duplicate_of_id:
        ids.add(petition.duplicate_of_id)
    ids.update(session.scalars(select(Petition.id).where(Petition.duplicate_of_id == petition.id)))
    ids.discard(petition.id)
    if not ids:
        return []
    return list(session.scalars(select(Petition).where(Petition.id.in_(ids))))


def _not_competent(step: Step) -> None:
    if step.petition.competent_self:
        raise _refuse(
            N_(
                "Đơn được xác định thuộc thẩm quyền của cơ quan tiếp nhận: hãy thụ lý hoặc "
                "xác định lại thẩm quyền, không chuyển hoặc hướng dẫn."
            )
        )


# -- the steps --------------------------------------------------------------------------------
def _triage(step: Step) -> None:
    petition, values = step.petition, step.values
    competent_self = values["competent_self"]
    agency: Agency | None = values.get("competent_agency")
    name = values.get("competent_name") or ""
    if not competent_self and agency is None and not name:
        raise _refuse(N_("Đơn không thuộc thẩm quyền: cần ghi cơ quan có thẩm quyền giải quyết."))
    if agency is not None and agency.id == petition.owner_agency_id:
        competent_self = True
    petition.competent_self = competent_self
    petition.competent_level = values["competent_level"]
    petition.competent_agency_id = agency.id if agency else None
    petition.competent_name = name or (agency.name if agency else "")
    petition.bypass_level = level_rank(petition.addressed_level) > level_rank(
        petition.competent_level
    )
    step.detail.update(competent_self=competent_self, bypass_level=petition.bypass_level)


def _accept(step: Step) -> None:
    petition = step.petition
    if not petition.competent_self:
        raise _refuse(
            N_(
                "Đơn không thuộc thẩm quyền của cơ quan tiếp nhận nên không thể thụ lý: hãy "
                "chuyển đơn hoặc hướng dẫn người gửi đơn."
            )
        )
    if petition.anonymous and petition.kind == Kind.DENUNCIATION:
        raise _refuse(
            N_(
                "Tố cáo nặc danh, mạo danh không được thụ lý giải quyết theo Luật Tố cáo "
                "(LTC Điều 23, 25): hãy lưu đơn hoặc thanh tra, kiểm tra phục vụ quản lý."
            )
        )
    if petition.anonymous and petition.kind == Kind.COMPLAINT:
        raise _refuse(
            N_("Đơn khiếu nại không có chữ ký hoặc điểm chỉ không được thụ lý (LKN Điều 11(5)).")
        )
    if petition.kind == Kind.COMPLAINT and petition.is_mass:
        needs_representative = petition.received_on >= LAW_2026
        people = identity.load(step.session, [petition.id])
        if needs_representative and not any(person.representative for person in people):
            raise _refuse(
                N_(
                    "Khiếu nại nhiều người chỉ được thụ lý khi có văn bản cử người đại diện: "
                    "hãy đánh dấu người đại diện (NĐ 124/2020 Điều 16(1), sửa đổi bởi "
                    "NĐ 155/2026 Điều 10)."
                )
            )
    petition.accepted_on = step.on


def _reject(step: Step) -> None:
    step.petition.reason_code = step.values["reason"]
    _close(step)


def _forward(step: Step) -> None:
    petition = step.petition
    _not_competent(step)
    agency, name = step.values.get("to_agency"), step.values.get("to_name") or ""
    if agency is None and not name:
        raise _refuse(N_("Cần ghi cơ quan nhận đơn chuyển đến."))
    if agency is not None and agency.id == petition.owner_agency_id:
        raise _refuse(N_("Không thể chuyển đơn cho chính cơ quan tiếp nhận."))
    if petition.kind == Kind.DENUNCIATION:
        for other in _same_content(step):
            if other.state == State.FORWARDED:
                raise _refuse(
                    N_(
                        "Đơn tố cáo cùng nội dung đã được chuyển một lần (đơn số %(number)s): "
                        "chỉ chuyển đơn một lần (TT 05/2021/TT-TTCP Điều 14(1)). Nếu không "
                        "trùng nội dung, hãy bỏ gợi ý đơn trùng trước."
                    ),
                    number=other.register_no,
                )
    _route(step, agency, name)
    _close(step)


def _guide(step: Step) -> None:
    _not_competent(step)
    for other in _same_content(step):
        if other.state == State.GUIDED:
            raise _refuse(
                N_(
                    "Người gửi đơn đã được hướng dẫn một lần với cùng nội dung (đơn số "
                    "%(number)s): đơn lặp lại không đủ điều kiện xử lý, hãy lưu đơn "
                    "(TT 07/2014/TT-TTCP Điều 6(2))."
                ),
                number=other.register_no,
            )
    _route(step, None, step.values["to_name"])
    _close(step)


def _file(step: Step) -> None:
    if step.values["reason"] == "khac" and not step.values.get("note"):
        raise _refuse(N_("Cần ghi rõ lý do lưu đơn."))
    step.petition.reason_code = step.values["reason"]
    step.note = step.values.get("note") or ""
    _close(step)


def _merge(step: Step) -> None:
    petition, session = step.petition, step.session
    root: Petition = step.values["duplicate_of"]
    seen = {petition.id}
    while root.duplicate_of_id is not None and root.id not in seen:
        seen.add(root.id)
        root = session.get(Petition, root.duplicate_of_id) or root
    if root.id == petition.id:
        raise _refuse(N_("Không thể gộp đơn vào chính nó."))
    if root.kind != petition.kind:
        raise _refuse(N_("Chỉ gộp đơn trùng cùng loại (cùng người gửi, cùng nội dung)."))
    petition.duplicate_of_id = root.id
    link = session.get(PetitionLink, (petition.id, root.id))
    if link is None:
        link = PetitionLink(petition_id=petition.id, other_id=root.id, score=1.0)
        session.add(link)
    link.status = "confirmed"
    link.decided_by_id = step.user.id
    # The duplicate's letters join the open file (domain.md §2.2, "Đơn trùng").
    own_documents = session.scalars(
        select(PetitionDocument).where(PetitionDocument.petition_id == petition.id)
    ).all()
    for link_doc in own_documents:
        if session.get(PetitionDocument, (root.id, link_doc.document_id)) is None:
            session.add(
                PetitionDocument(
                    petition_id=root.id,
                    document_id=link_doc.document_id,
                    role=DocumentRole.ATTACHMENT,
                    added_by_id=step.user.id,
                )
            )
    step.detail["duplicate_of"] = root.register_no
    _close(step)


def _to_party(step: Step) -> None:
    _route(step, step.values["to_agency"], "")
    _close(step)


def _to_investigation(step: Step) -> None:
    agency: Agency = step.values["to_agency"]
    if step.values["basis"] == "khac" and not step.values.get("basis_text"):
        raise _refuse(N_("Căn cứ khác: cần ghi rõ căn cứ pháp lý của việc chuyển."))
    rule = rule_for_petition("H1", step.petition.received_on, step.on)
    due = compute(rule, step.on, step.ctx.calendar).due_on
    transfer = petition_transfer.send(step, agency, due)
    _route(step, agency, "")
    step.note = petition_transfer.BASES[step.values["basis"]]
    step.detail["transfer"] = {
        "id": transfer.id,
        "to": agency.code,
        "basis": transfer.legal_basis,
        "sent_on": step.on.isoformat(),
        "due": due.isoformat(),
    }


def _record_outcome(step: Step) -> None:
    transfer = petition_transfer.of(step.session, step.petition)
    if transfer is not None and transfer.pending:
        if not petition_transfer.may_answer(step.user, transfer):
            raise _refuse(N_("Bạn không có quyền ghi nhận kết quả của việc chuyển hồ sơ này."))
        petition_transfer.answer(step, transfer)
    step.detail["outcome"] = step.values["outcome"]
    step.note = step.values.get("note") or ""
    clock.enter_state(step.petition, State.CLOSED, step.on, step.ctx)
    _close(step)


def _verify(step: Step) -> None:
    handler = step.values.get("handler")
    if handler is not None and handler.id != step.petition.handler_id:
        if not can_assign_handler(step.user, step.petition):
            raise _refuse(
                ROLE_REFUSED, action=N_("Giao người xử lý"), roles=[ROLE_LABELS["leader"]]
            )
        step.petition.handler_id = handler.id
        step.detail["handler"] = handler.username


def _dialogue(step: Step) -> None:
    petition, notice_on, dialogue_on = step.petition, step.on, step.values["dialogue_on"]
    if dialogue_on < notice_on:
        raise _refuse(N_("Ngày đối thoại không được trước ngày thông báo."))
    try:
        rule = rule_for_petition("K6", petition.received_on, notice_on)
    except NoRuleInForce:
        rule = None
    if rule is not None and (dialogue_on - notice_on).days < rule.limit:
        raise _refuse(
            N_(
                "Thông báo đối thoại phải gửi trước ngày đối thoại ít nhất %(days)s ngày "
                "(%(basis)s): với thông báo ngày %(notice)s, ngày đối thoại sớm nhất là "
                "%(earliest)s."
            ),
            days=rule.limit,
            basis=rule.basis,
            notice=notice_on.strftime("%d/%m/%Y"),
            earliest=date.fromordinal(notice_on.toordinal() + rule.limit).strftime("%d/%m/%Y"),
        )
    step.detail["dialogue_on"] = dialogue_on.isoformat()


def _decide(step: Step) -> None:
    petition = step.petition
    if petition.complaint_round == 2 and petition.state != State.DIALOGUE:
        raise _refuse(
            N_(
                "Giải quyết khiếu nại lần hai phải tổ chức đối thoại trước khi ra quyết định "
                "(LKN Điều 39; NĐ 124/2020 Điều 28(2))."
            )
        )
    petition.decided_on = step.on


def _close_step(step: Step) -> None:
    step.note = step.values.get("note") or ""
    _close(step)


def _first_round_over(step: Step, basis: str) -> None:
    petition = step.petition
    if petition.complaint_round != 1:
        raise _refuse(
            N_(
                "Khiếu nại đã có quyết định giải quyết lần hai không được khiếu nại tiếp "
                "(LKN Điều 11(7))."
            )
        )
    if petition.state != State.DECIDED and not (
        petition.due_on is not None and step.ctx.today > petition.due_on
    ):
        raise _refuse(
            N_(
                "Chỉ khi đã có quyết định giải quyết lần đầu hoặc đã hết thời hạn giải quyết "
                "(%(due)s) mà chưa được giải quyết (%(basis)s)."
            ),
            due=petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—",
            basis=basis,
        )


def _first_round_offered(petition: Petition, today: date) -> bool:
    """After a first decision, or once the first resolution is overdue (LKN Art. 33)."""
    if petition.complaint_round != 1:
        return False
    return petition.state == State.DECIDED or (
        petition.due_on is not None and today > petition.due_on
    )


def _second_complaint(step: Step) -> None:
    _first_round_over(step, "LKN Điều 33(1)")
    step.created = open_second_complaint(step)
    step.detail["child"] = step.created.register_no
    _route(step, step.created.owner_agency, "")
    _close(step)


def _lawsuit(step: Step) -> None:
    _first_round_over(step, "LKN Điều 33(2)")
    step.note = step.values.get("note") or ""
    _close(step)


def _extend(step: Step) -> None:
    petition = step.petition
    rule = clock.current_rule(petition, step.on)
    maximum = rule.max_extensions if rule else 0
    if petition.extensions >= maximum:
        raise _refuse(
            N_("Đã gia hạn %(count)s lần, tối đa %(maximum)s lần (LTC Điều 30(3))."),
            count=petition.extensions,
            maximum=maximum,
        )
    if not petition.is_complex:
        raise _refuse(
            N_(
                "Chỉ gia hạn giải quyết tố cáo với vụ việc phức tạp: hãy ghi nhận căn cứ xác "
                "định vụ việc phức tạp trước (LTC Điều 30(2); NĐ 31/2019 Điều 3)."
            )
        )
    if petition.extensions == 1 and not step.values["especially_complex"]:
        raise _refuse(
            N_("Gia hạn lần hai chỉ áp dụng với vụ việc đặc biệt phức tạp (LTC Điều 30(3)).")
        )
    if petition.due_on is not None and step.on > petition.due_on:
        raise _refuse(
            N_("Quyết định gia hạn phải ban hành trước khi hết thời hạn giải quyết (%(due)s)."),
            due=petition.due_on.strftime("%d/%m/%Y"),
        )
    petition.extensions += 1
    petition.extension_days += step.values["days"]
    step.detail.update(extension=petition.extensions, days=step.values["days"])


def _conclude(step: Step) -> None:
    step.petition.decided_on = step.on


def _handle(step: Step) -> None:
    step.note = step.values["note"]


def _publish(step: Step) -> None:
    step.note = step.values.get("note") or ""
    _close(step)


def _suspend(step: Step) -> None:
    petition = step.petition
    if petition.kind == Kind.COMPLAINT:
        try:
            rule_for_petition("K7", petition.received_on, step.on)
        except NoRuleInForce:
            raise _refuse(
                N_(
                    "Trước ngày 01/07/2026 pháp luật chưa quy định tạm đình chỉ giải quyết khiếu "
                    "nại (LKN Điều 11a; NĐ 124/2020 Điều 28b, bổ sung bởi NĐ 155/2026)."
                )
            ) from None
    petition.reason_code = step.values["reason"]
    petition.suspended_from = petition.state
    used = clock.pause(petition, step.on, step.ctx)
    step.detail.update(used=used, rule=petition.due_rule)


def _resume(step: Step) -> None:
    petition = step.petition
    suspended_on = last_step_on(step.session, petition, "suspend")
    if suspended_on is not None and step.on < suspended_on:
        raise _refuse(N_("Ngày tiếp tục giải quyết không được trước ngày tạm đình chỉ."))
    step.target = petition.suspended_from or State.VERIFYING
    petition.suspended_from = None
    petition.reason_code = None


def _terminate(step: Step) -> None:
    step.petition.reason_code = step.values["reason"]
    _close(step)


def _withdraw(step: Step) -> None:
    petition = step.petition
    if petition.kind == Kind.DENUNCIATION and not step.values.get("no_grounds"):
        raise _refuse(
            N_(
                "Người giải quyết phải xác nhận hành vi bị tố cáo không có dấu hiệu vi phạm và "
                "việc rút tố cáo không do bị đe dọa, mua chuộc; nếu có, vẫn phải tiếp tục giải "
                "quyết (LTC Điều 33(3))."
            )
        )
    _close(step)


def _set_flags(step: Step) -> None:
    petition, values = step.petition, step.values
    for flag in ("remote", "complex"):
        on, basis = values[f"is_{flag}"], values.get(f"{flag}_basis") or ""
        if on and not basis:
            raise _refuse(
                N_(
                    "Việc xác định vùng sâu, vùng xa hoặc vụ việc phức tạp phải có căn cứ bằng "
                    "văn bản (NĐ 124/2020 Điều 3a(2)): hãy ghi căn cứ."
                )
            )
        setattr(petition, f"is_{flag}", on)
        setattr(petition, f"{flag}_basis", basis if on else "")
    step.detail.update(is_remote=petition.is_remote, is_complex=petition.is_complex)
    if petition.state != State.SUSPENDED:
        clock.recompute(petition, step.ctx)


def _assign(step: Step) -> None:
    step.petition.handler_id = step.values["handler"].id
    step.detail["handler"] = step.values["handler"].username


def _link_case(step: Step) -> None:
    step.petition.case_id = step.values["case"].id
    step.detail["case"] = step.values["case"].code


def _dismiss_repeat(step: Step) -> None:
    other: Petition = step.values["other"]
    petition = step.petition
    links = [
        step.session.get(PetitionLink, (petition.id, other.id)),
        step.session.get(PetitionLink, (other.id, petition.id)),
    ]
    found = [link for link in links if link is not None]
    if not found:
        raise _refuse(
            N_("Đơn số %(number)s không được gợi ý là đơn trùng."), number=other.register_no
        )
    for link in found:
        link.status = "dismissed"
        link.decided_by_id = step.user.id
    step.detail["other"] = other.register_no


# -- the table of steps ------------------------------------------------------------------------
ALL_KINDS = tuple(Kind)
K, T, P, F = Kind.COMPLAINT, Kind.DENUNCIATION, Kind.PROPOSAL, Kind.FEEDBACK
S = State


def _states(*states: str) -> frozenset[str]:
    return frozenset(states)


def _for(kinds: tuple[str, ...], *states: str) -> dict[str, frozenset[str]]:
    return {kind: _states(*states) for kind in kinds}


ON = Field("on", N_("Ngày"), "date", default="today")


def _level_choices(_petition: Petition) -> Mapping[str, str]:
    return LEVEL_LABELS


def _reject_choices(petition: Petition) -> Mapping[str, str]:
    return REJECT_REASONS.get(Kind(petition.kind), {})


def _basis_choices(_petition: Petition) -> Mapping[str, str]:
    return petition_transfer.BASES


def _basis(petition: Petition) -> str:
    """A denunciation goes under LTC Art. 27(1); other letters as crime reports (BLTTHS 145)."""
    return "ltc_27_1" if petition.kind == Kind.DENUNCIATION else "blths_145"


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "triage",
        N_("Xử lý đơn: xác định thẩm quyền"),
        _for(ALL_KINDS, S.RECEIVED),
        S.TRIAGE,
        _triage,
        (
            Field(
                "competent_level",
                N_("Cấp có thẩm quyền giải quyết"),
                "level",
                choices=_level_choices,
                default="tinh",
            ),
            Field("competent_self", N_("Thuộc thẩm quyền của cơ quan tiếp nhận"), "bool"),
            Field(
                "competent_agency",
                N_("Cơ quan có thẩm quyền (trong danh mục)"),
                "agency",
                required=False,
            ),
            Field("competent_name", N_("Cơ quan có thẩm quyền (ghi tên)"), "text", required=False),
        ),
        basis="TT 05/2021/TT-TTCP; LTC Điều 24(1)",
    ),
    Transition(
        "accept",
        N_("Thụ lý"),
        _for(ALL_KINDS, S.TRIAGE),
        S.ACCEPTED,
        _accept,
        (ON,),
        DocumentRole.NOTICE,
        basis="LKN Điều 27, 36; LTC Điều 29",
    ),
    Transition(
        "reject",
        N_("Không thụ lý"),
        _for((K, T), S.TRIAGE),
        S.REJECTED,
        _reject,
        (Field("reason", N_("Lý do không thụ lý"), "choice", choices=_reject_choices), ON),
        DocumentRole.NOTICE,
        basis="LKN Điều 11; LTC Điều 29(1)",
    ),
    Transition(
        "forward",
        N_("Chuyển đơn"),
        _for((T, P, F), S.TRIAGE),
        S.FORWARDED,
        _forward,
        (
            Field(
                "to_agency",
                N_("Chuyển đến cơ quan (trong danh mục)"),
                "agency",
                required=False,
                default="=competent_agency_id",
            ),
            Field(
                "to_name",
                N_("Chuyển đến cơ quan (ghi tên)"),
                "text",
                required=False,
                default="=competent_name",
            ),
            ON,
        ),
        DocumentRole.FORWARDING,
        document_required=True,
        basis="LTC Điều 24(2); TT 05/2021/TT-TTCP Điều 14(1); LTCD Điều 26(2)(b)",
    ),
    Transition(
        "guide",
        N_("Hướng dẫn người gửi đơn"),
        _for(ALL_KINDS, S.TRIAGE),
        S.GUIDED,
        _guide,
        (Field("to_name", N_("Hướng dẫn gửi đến"), "text", default="=competent_name"), ON),
        DocumentRole.NOTICE,
        basis="LTCD Điều 26(1)(b); LTC Điều 24(2)",
    ),
    Transition(
        "file",
        N_("Lưu đơn"),
        _for(ALL_KINDS, S.TRIAGE),
        S.FILED,
        _file,
        (
            Field("reason", N_("Lý do lưu đơn"), "choice", choices=FILE_REASONS),
            Field("note", N_("Ghi chú"), "text", required=False),
            ON,
        ),
        basis="LTC Điều 24(3), 25; TT 07/2014/TT-TTCP Điều 6(2)",
    ),
    Transition(
        "merge",
        N_("Gộp vào đơn trùng"),
        _for(ALL_KINDS, S.RECEIVED, S.TRIAGE),
        S.MERGED,
        _merge,
        (Field("duplicate_of", N_("Đơn đang giải quyết (số hiệu trong hệ thống)"), "petition"), ON),
    ),
    Transition(
        "to_party",
        N_("Chuyển Ủy ban Kiểm tra"),
        _for((T,), S.TRIAGE),
        S.TO_PARTY,
        _to_party,
        (Field("to_agency", N_("Cơ quan nhận"), "agency", default="uy_ban_kiem_tra"), ON),
        DocumentRole.FORWARDING,
        document_required=True,
        basis="TT 05/2021/TT-TTCP Điều 15",
    ),
    Transition(
        "to_investigation",
        N_("Chuyển hồ sơ cho cơ quan điều tra"),
        {
            K: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
            T: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.EXTENDED),
            P: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING),
            F: _states(S.TRIAGE, S.ACCEPTED, S.VERIFYING),
        },
        S.TO_INVESTIGATION,
        _to_investigation,
        (
            Field(
                "to_agency",
                N_("Cơ quan điều tra, viện kiểm sát"),
                "agency",
                default="cong_an",
                investigative=True,
            ),
            Field("basis", N_("Căn cứ pháp lý"), "choice", choices=_basis_choices, default=_basis),
            Field("basis_text", N_("Căn cứ khác (ghi rõ)"), "text", required=False),
            Field("reference", N_("Số, ký hiệu văn bản chuyển"), "text", required=False),
            ON,
        ),
        DocumentRole.TRANSFER,
        document_required=True,
        basis="LTC Điều 27(1); BLTTHS Điều 144–147",
    ),
    Transition(
        "record_outcome",
        N_("Ghi nhận kết quả của cơ quan điều tra"),
        _for(ALL_KINDS, S.TO_INVESTIGATION),
        None,
        _record_outcome,
        (
            Field("outcome", N_("Kết quả"), "choice", choices=petition_transfer.ANSWERS),
            Field("note", N_("Ghi chú"), "text", required=False),
            ON,
        ),
        DocumentRole.RESPONSE,
        basis="BLTTHS Điều 147",
    ),
    Transition(
        "verify",
        N_("Xác minh"),
        _for(ALL_KINDS, S.ACCEPTED),
        S.VERIFYING,
        _verify,
        (Field("handler", N_("Người xác minh"), "user", required=False), ON),
        basis="LKN Điều 29; LTC Điều 31",
    ),
    Transition(
        "dialogue",
        N_("Tổ chức đối thoại"),
        _for((K,), S.VERIFYING),
        S.DIALOGUE,
        _dialogue,
        (
            Field("dialogue_on", N_("Ngày đối thoại"), "date", future=True),
            Field("on", N_("Ngày gửi thông báo"), "date", default="today"),
        ),
        DocumentRole.NOTICE,
        basis="LKN Điều 30, 39; NĐ 124/2020 Điều 28",
    ),
    Transition(
        "decide",
        N_("Ra quyết định giải quyết"),
        _for((K,), S.VERIFYING, S.DIALOGUE),
        S.DECIDED,
        _decide,
        (ON,),
        DocumentRole.DECISION,
        document_required=True,
        basis="LKN Điều 31, 40",
    ),
    Transition(
        "close",
        N_("Kết thúc"),
        {
            K: _states(S.DECIDED),
            P: _states(S.ACCEPTED, S.VERIFYING),
            F: _states(S.ACCEPTED, S.VERIFYING),
        },
        S.CLOSED,
        _close_step,
        (Field("note", N_("Ghi chú"), "text", required=False), ON),
        DocumentRole.RESPONSE,
    ),
    Transition(
        "second_complaint",
        N_("Khiếu nại lần hai"),
        _for((K,), S.DECIDED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
        S.SECOND_COMPLAINT,
        _second_complaint,
        (
            Field("received_on", N_("Ngày nhận khiếu nại lần hai"), "date", default="today"),
            Field(
                "to_agency", N_("Cơ quan giải quyết lần hai"), "agency", default="=owner_agency_id"
            ),
            Field("register_no", N_("Số vào sổ của đơn lần hai"), "text", required=False),
        ),
        basis="LKN Điều 33(1)",
        offered=_first_round_offered,
    ),
    Transition(
        "lawsuit",
        N_("Khởi kiện vụ án hành chính"),
        _for((K,), S.DECIDED, S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
        S.LAWSUIT,
        _lawsuit,
        (Field("note", N_("Tòa án thụ lý"), "text", required=False), ON),
        basis="LKN Điều 33(2)",
        offered=_first_round_offered,
    ),
    Transition(
        "extend",
        N_("Gia hạn thời hạn giải quyết"),
        _for((T,), S.VERIFYING, S.EXTENDED),
        S.EXTENDED,
        _extend,
        (
            Field("days", N_("Số ngày gia hạn"), "int", default="30", minimum=1, maximum=30),
            Field("especially_complex", N_("Vụ việc đặc biệt phức tạp"), "bool"),
            ON,
        ),
        DocumentRole.DECISION,
        document_required=True,
        basis="LTC Điều 30(2)–(4)",
    ),
    Transition(
        "conclude",
        N_("Kết luận nội dung tố cáo"),
        _for((T,), S.VERIFYING, S.EXTENDED),
        S.CONCLUDED,
        _conclude,
        (ON,),
        DocumentRole.CONCLUSION,
        document_required=True,
        basis="LTC Điều 35",
    ),
    Transition(
        "handle",
        N_("Xử lý kết luận"),
        _for((T,), S.CONCLUDED),
        S.HANDLED,
        _handle,
        (Field("note", N_("Biện pháp xử lý"), "longtext"), ON),
        DocumentRole.DECISION,
        basis="LTC Điều 36",
    ),
    Transition(
        "publish",
        N_("Công khai kết luận"),
        _for((T,), S.HANDLED),
        S.PUBLISHED,
        _publish,
        (Field("note", N_("Hình thức công khai"), "text", required=False), ON),
        basis="LTC Điều 40",
    ),
    Transition(
        "suspend",
        N_("Tạm đình chỉ"),
        {
            K: _states(S.ACCEPTED, S.VERIFYING, S.DIALOGUE),
            T: _states(S.ACCEPTED, S.VERIFYING, S.EXTENDED),
        },
        S.SUSPENDED,
        _suspend,
        (Field("reason", N_("Căn cứ tạm đình chỉ"), "choice", choices=SUSPEND_REASONS), ON),
        DocumentRole.DECISION,
        document_required=True,
        basis="LKN Điều 11a; LTC Điều 34(1)",
    ),
    Transition(
        "resume",
        N_("Tiếp tục giải quyết"),
        _for((K, T), S.SUSPENDED),
        S.VERIFYING,  # the state it was suspended in; set by the step
        _resume,
        (ON,),
        DocumentRole.DECISION,
        document_required=True,
        basis="NĐ 124/2020 Điều 28b(2); LTC Điều 34(2)",
    ),
    Transition(
        "terminate",
        N_("Đình chỉ giải quyết"),
        {
            K: _states(S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED),
            T: _states(S.ACCEPTED, S.VERIFYING, S.EXTENDED, S.SUSPENDED),
        },
        S.TERMINATED,
        _terminate,
        (Field("reason", N_("Căn cứ đình chỉ"), "choice", choices=TERMINATE_REASONS), ON),
        DocumentRole.DECISION,
        document_required=True,
        basis="LKN Điều 10, 11a(2); LTC Điều 34(3)",
    ),
    Transition(
        "withdraw",
        N_("Rút đơn"),
        {
            K: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED),
            T: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING, S.EXTENDED, S.SUSPENDED),
            P: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING),
            F: _states(S.RECEIVED, S.TRIAGE, S.ACCEPTED, S.VERIFYING),
        },
        S.WITHDRAWN,
        _withdraw,
        (
            Field(
                "no_grounds",
                N_("Không có căn cứ phải tiếp tục giải quyết (LTC Điều 33(3))"),
                "bool",
            ),
            ON,
        ),
        DocumentRole.WITHDRAWAL,
        document_required=lambda petition: petition.kind in (Kind.COMPLAINT, Kind.DENUNCIATION),
        basis="LKN Điều 10; LTC Điều 33",
    ),
    Transition(
        "set_flags",
        N_("Vùng sâu, vùng xa; vụ việc phức tạp"),
        _for(ALL_KINDS, *OPEN_STATES),
        None,
        _set_flags,
        (
            Field("is_remote", N_("Vùng sâu, vùng xa đi lại khó khăn"), "bool"),
            Field(
                "remote_basis",
                N_("Căn cứ xác định vùng sâu, vùng xa"),
                "text",
                required=False,
                default="=remote_basis",
            ),
            Field("is_complex", N_("Vụ việc phức tạp"), "bool"),
            Field(
                "complex_basis",
                N_("Căn cứ xác định vụ việc phức tạp"),
                "text",
                required=False,
                default="=complex_basis",
            ),
        ),
        basis="LKN Điều 28, 37; NĐ 124/2020 Điều 3a",
    ),
    Transition(
        "assign",
        N_("Giao người xử lý"),
        _for(ALL_KINDS, *OPEN_STATES),
        None,
        _assign,
        (Field("handler", N_("Người xử lý"), "user"),),
    ),
    Transition(
        "link_case",
        N_("Gắn với vụ việc"),
        _for(ALL_KINDS, *State),
        None,
        _link_case,
        (Field("case", N_("Vụ việc (mã hoặc số hiệu)"), "case"),),
    ),
    Transition(
        "dismiss_repeat",
        N_("Không phải đơn trùng"),
        _for(ALL_KINDS, *State),
        None,
        _dismiss_repeat,
        (Field("other", N_("Đơn được gợi ý"), "petition"),),
    ),
)
BY_ACTION = {transition.action: transition for transition in TRANSITIONS}
#: History lines that are not steps of a user.
EVENT_LABELS = {
    "register": N_("Vào sổ"),
    "overdue": N_("Quá hạn"),
    "recompute": N_("Tính lại thời hạn theo lịch làm việc mới"),
    "transfer_answered": N_("Cơ quan điều tra đã trả lời"),
    "transfer_extended": N_("Gia hạn thời hạn trả lời của cơ quan điều tra"),
}
#: Steps offered as buttons on the petition page only in some situations.
HIDDEN_ACTIONS = frozenset({"dismiss_repeat"})


def last_step_on(session: Session, petition: Petition, action: str) -> date | None:
    return session.scalar(
        select(PetitionEvent.happened_on)
        .where(PetitionEvent.petition_id == petition.id, PetitionEvent.action == action)
        .order_by(PetitionEvent.id.desc())
        .limit(1)
    )


def _state_list(states: frozenset[str]) -> list[str]:
    order = list(State)
    return [STATE_LABELS[State(state)] for state in sorted(states, key=order.index)]


def check_allowed(user: User, petition: Petition, transition: Transition) -> None:
    """The generic checks: kind, state, then role. Raise TransitionRefused."""
    if petition.kind not in transition.sources:
        raise _refuse(
            N_("Thao tác «%(action)s» không áp dụng cho đơn %(kind)s."),
            action=transition.label,
            kind=KIND_LABELS[Kind(petition.kind)],
        )
    allowed = transition.sources[petition.kind]
    if petition.state not in allowed:
        raise _refuse(
            N_(
                "Không thể «%(action)s» khi đơn đang ở trạng thái «%(state)s». Thao tác này chỉ "
                "thực hiện được khi đơn ở trạng thái: %(allowed)s."
            ),
            action=transition.label,
            state=STATE_LABELS[State(petition.state)],
            allowed=_state_list(allowed),
        )
    if not can_transition(user, petition, transition.action):
        raise _refuse(
            ROLE_REFUSED,
            action=transition.label,
            roles=[ROLE_LABELS[role] for role in transition_roles(transition.action)],
        )


def available(user: User, petition: Petition, today: date | None = None) -> list[Transition]:
    """The steps ``user`` may offer on ``petition`` now (guards are checked on submit)."""
    found = []
    for transition in TRANSITIONS:
        if transition.action in HIDDEN_ACTIONS:
            continue
        if transition.offered and today and not transition.offered(petition, today):
            continue
        try:
            check_allowed(user, petition, transition)
        except TransitionRefused:
            continue
        found.append(transition)
    return found


def perform(
    session: Session,
    user: User,
    petition: Petition,
    action: str,
    raw: Mapping[str, Any],
    ctx: Context,
    documents: Sequence[Document] = (),
) -> PetitionEvent:
    """Take step ``action`` on ``petition`` with the input ``raw``; return its history line.

    ``documents`` are already received Documents (the letter of the step: a decision, a
    forwarding slip...). Raises TransitionRefused, leaving the petition unchanged.
    """
    transition = BY_ACTION.get(action)
    if transition is None:
        raise _refuse(N_("Thao tác không tồn tại: %(action)s."), action=action)
    check_allowed(user, petition, transition)
    values = clean(session, user, petition, transition.fields, raw, ctx.today)
    if transition.needs_document(petition) and not documents:
        raise _refuse(
            N_("Cần kèm theo văn bản: %(role)s."),
            role=DOCUMENT_ROLE_LABELS[transition.document or DocumentRole.ATTACHMENT],
        )
    for document in documents:
        if not can_link_document(user, petition.owner_agency_id, document):
            raise _refuse(
                N_(
                    "Không gắn được văn bản số hiệu %(id)s: chỉ gắn văn bản của cơ quan mình "
                    "mà bạn được xem."
                ),
                id=document.id,
            )
    step = Step(session, user, petition, transition, values, documents, ctx, transition.target)
    from_state = petition.state
    transition.apply(step)
    if step.target is not None:
        petition.state = step.target
        if transition.action == "resume":
            clock.resume(petition, step.on, ctx)
        elif step.target != State.SUSPENDED:  # a suspension paused the clock in its step
            clock.enter_state(petition, step.target, step.on, ctx)
    petition.updated_at = utcnow()
    for document in documents:
        attach(session, user, petition, document, transition.document or DocumentRole.ATTACHMENT)
    if petition.kind == Kind.DENUNCIATION:  # its handler, and so who may read, may change
        touch_documents(session, [petition.id])
    return record(session, user, petition, step, from_state)


def record(
    session: Session, user: User | None, petition: Petition, step: Step, from_state: str
) -> PetitionEvent:
    """Write the step into the petition's history and the audit log."""
    detail = dict(step.detail)
    if step.documents:
        detail["documents"] = [document.id for document in step.documents]
    event = PetitionEvent(
        petition_id=petition.id,
        actor_id=user.id if user else None,
        action=step.transition.action,
        from_state=from_state,
        to_state=petition.state,
        happened_on=step.on,
        due_on=petition.due_on,
        due_rule=petition.due_rule,
        calendar_version=petition.calendar_version,
        note=step.note,
        detail=detail,
    )
    petition.events.append(event)
    session.flush()
    audit.record(
        session,
        user,
        f"petition.{step.transition.action}",
        object_type="petition",
        object_id=petition.id,
        ip=step.ctx.ip,
        level=petition.confidentiality,
        from_state=from_state,
        to_state=petition.state,
        due_on=petition.due_on.isoformat() if petition.due_on else None,
        due_rule=petition.due_rule,
    )
    return event


def record_refusal(
    session: Session, user: User, petition: Petition, action: str, refusal: UserError, ip: str = ""
) -> None:
    """Audit a refused step (call after rolling the step's work back)."""
    audit.record(
        session,
        user,
        f"petition.{action}",
        object_type="petition",
        object_id=petition.id,
        outcome="denied",
        ip=ip,
        level=petition.confidentiality,
        reason=refusal.message,
    )
