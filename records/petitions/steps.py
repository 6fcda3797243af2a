"""What each step of a petition's handling checks and does: its own legal conditions
(guards beyond kind, state and role, which :mod:`records.petitions.guards` checks) and its
effect on the petition. :data:`records.petitions.transitions.TRANSITIONS` names them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.deadlines import NoRuleInForce, compute, rule_for_petition
from records.deadlines.rules import LAW_2026
from records.messages import N_
from records.models import Agency, Petition, PetitionDocument, PetitionEvent
from records.models.petition import PetitionLink
from records.petitions import clock, identity
from records.petitions import transfer as petition_transfer
from records.petitions.codes import DocumentRole, Kind, State, level_rank
from records.petitions.register import open_second_complaint
from records.petitions.step import ROLE_LABELS, ROLE_REFUSED, Step, refuse
from records.policy import can_assign_handler


# -- helpers used by the steps ----------------------------------------------------------------
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
        raise refuse(
            N_(
                "Đơn được xác định thuộc thẩm quyền của cơ quan tiếp nhận: hãy thụ lý hoặc "
                "xác định lại thẩm quyền, không chuyển hoặc hướng dẫn."
            )
        )


# -- the steps --------------------------------------------------------------------------------
def triage(step: Step) -> None:
    petition, values = step.petition, step.values
    competent_self = values["competent_self"]
    agency: Agency | None = values.get("competent_agency")
    name = values.get("competent_name") or ""
    if not competent_self and agency is None and not name:
        raise refuse(N_("Đơn không thuộc thẩm quyền: cần ghi cơ quan có thẩm quyền giải quyết."))
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


def accept(step: Step) -> None:
    petition = step.petition
    if not petition.competent_self:
        raise refuse(
            N_(
                "Đơn không thuộc thẩm quyền của cơ quan tiếp nhận nên không thể thụ lý: hãy "
                "chuyển đơn hoặc hướng dẫn người gửi đơn."
            )
        )
    if petition.anonymous and petition.kind == Kind.DENUNCIATION:
        raise refuse(
            N_(
                "Tố cáo nặc danh, mạo danh không được thụ lý giải quyết theo Luật Tố cáo "
                "(LTC Điều 23, 25): hãy lưu đơn hoặc thanh tra, kiểm tra phục vụ quản lý."
            )
        )
    if petition.anonymous and petition.kind == Kind.COMPLAINT:
        raise refuse(
            N_("Đơn khiếu nại không có chữ ký hoặc điểm chỉ không được thụ lý (LKN Điều 11(5)).")
        )
    if petition.kind == Kind.COMPLAINT and petition.is_mass:
        needs_representative = petition.received_on >= LAW_2026
        people = identity.load(step.session, [petition.id])
        if needs_representative and not any(person.representative for person in people):
            raise refuse(
                N_(
                    "Khiếu nại nhiều người chỉ được thụ lý khi có văn bản cử người đại diện: "
                    "hãy đánh dấu người đại diện (NĐ 124/2020 Điều 16(1), sửa đổi bởi "
                    "NĐ 155/2026 Điều 10)."
                )
            )
    petition.accepted_on = step.on


def reject(step: Step) -> None:
    step.petition.reason_code = step.values["reason"]
    _close(step)


def forward(step: Step) -> None:
    petition = step.petition
    _not_competent(step)
    agency, name = step.values.get("to_agency"), step.values.get("to_name") or ""
    if agency is None and not name:
        raise refuse(N_("Cần ghi cơ quan nhận đơn chuyển đến."))
    if agency is not None and agency.id == petition.owner_agency_id:
        raise refuse(N_("Không thể chuyển đơn cho chính cơ quan tiếp nhận."))
    if petition.kind == Kind.DENUNCIATION:
        for other in _same_content(step):
            if other.state == State.FORWARDED:
                raise refuse(
                    N_(
                        "Đơn tố cáo cùng nội dung đã được chuyển một lần (đơn số %(number)s): "
                        "chỉ chuyển đơn một lần (TT 05/2021/TT-TTCP Điều 14(1)). Nếu không "
                        "trùng nội dung, hãy bỏ gợi ý đơn trùng trước."
                    ),
                    number=other.register_no,
                )
    _route(step, agency, name)
    _close(step)


def guide(step: Step) -> None:
    _not_competent(step)
    for other in _same_content(step):
        if other.state == State.GUIDED:
            raise refuse(
                N_(
                    "Người gửi đơn đã được hướng dẫn một lần với cùng nội dung (đơn số "
                    "%(number)s): đơn lặp lại không đủ điều kiện xử lý, hãy lưu đơn "
                    "(TT 07/2014/TT-TTCP Điều 6(2))."
                ),
                number=other.register_no,
            )
    _route(step, None, step.values["to_name"])
    _close(step)


def file(step: Step) -> None:
    if step.values["reason"] == "khac" and not step.values.get("note"):
        raise refuse(N_("Cần ghi rõ lý do lưu đơn."))
    step.petition.reason_code = step.values["reason"]
    step.note = step.values.get("note") or ""
    _close(step)


def merge(step: Step) -> None:
    petition, session = step.petition, step.session
    root: Petition = step.values["duplicate_of"]
    seen = {petition.id}
    while root.duplicate_of_id is not None and root.id not in seen:
        seen.add(root.id)
        root = session.get(Petition, root.duplicate_of_id) or root
    if root.id == petition.id:
        raise refuse(N_("Không thể gộp đơn vào chính nó."))
    if root.kind != petition.kind:
        raise refuse(N_("Chỉ gộp đơn trùng cùng loại (cùng người gửi, cùng nội dung)."))
    petition.duplicate_of_id = root.id
    link = session.get(PetitionLink, (petition.id, root.id))
    if link is None:
        link = PetitionLink(petition_id=petition.id, other_id=root.id, score=1.0)
        session.add(link)
    link.status = "confirmed"
    link.decided_by_id = step.user.id
    # The duplicate's letters join the open file (docs/domain.md §2.2, "Đơn trùng").
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


def to_party(step: Step) -> None:
    _route(step, step.values["to_agency"], "")
    _close(step)


def to_investigation(step: Step) -> None:
    agency: Agency = step.values["to_agency"]
    if step.values["basis"] == "khac" and not step.values.get("basis_text"):
        raise refuse(N_("Căn cứ khác: cần ghi rõ căn cứ pháp lý của việc chuyển."))
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


def record_outcome(step: Step) -> None:
    transfer = petition_transfer.of(step.session, step.petition)
    if transfer is not None and transfer.pending:
        if not petition_transfer.may_answer(step.user, transfer):
            raise refuse(N_("Bạn không có quyền ghi nhận kết quả của việc chuyển hồ sơ này."))
        petition_transfer.answer(step, transfer)
    step.detail["outcome"] = step.values["outcome"]
    step.note = step.values.get("note") or ""
    clock.enter_state(step.petition, State.CLOSED, step.on, step.ctx)
    _close(step)


def verify(step: Step) -> None:
    handler = step.values.get("handler")
    if handler is not None and handler.id != step.petition.handler_id:
        if not can_assign_handler(step.user, step.petition):
            raise refuse(ROLE_REFUSED, action=N_("Giao người xử lý"), roles=[ROLE_LABELS["leader"]])
        step.petition.handler_id = handler.id
        step.detail["handler"] = handler.username


def dialogue(step: Step) -> None:
    petition, notice_on, dialogue_on = step.petition, step.on, step.values["dialogue_on"]
    if dialogue_on < notice_on:
        raise refuse(N_("Ngày đối thoại không được trước ngày thông báo."))
    try:
        rule = rule_for_petition("K6", petition.received_on, notice_on)
    except NoRuleInForce:
        rule = None
    if rule is not None and (dialogue_on - notice_on).days < rule.limit:
        raise refuse(
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


def decide(step: Step) -> None:
    petition = step.petition
    if petition.complaint_round == 2 and petition.state != State.DIALOGUE:
        raise refuse(
            N_(
                "Giải quyết khiếu nại lần hai phải tổ chức đối thoại trước khi ra quyết định "
                "(LKN Điều 39; NĐ 124/2020 Điều 28(2))."
            )
        )
    petition.decided_on = step.on


def close_step(step: Step) -> None:
    step.note = step.values.get("note") or ""
    _close(step)


def _first_round_over(step: Step, basis: str) -> None:
    petition = step.petition
    if petition.complaint_round != 1:
        raise refuse(
            N_(
                "Khiếu nại đã có quyết định giải quyết lần hai không được khiếu nại tiếp "
                "(LKN Điều 11(7))."
            )
        )
    if petition.state != State.DECIDED and not (
        petition.due_on is not None and step.ctx.today > petition.due_on
    ):
        raise refuse(
            N_(
                "Chỉ khi đã có quyết định giải quyết lần đầu hoặc đã hết thời hạn giải quyết "
                "(%(due)s) mà chưa được giải quyết (%(basis)s)."
            ),
            due=petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—",
            basis=basis,
        )


def first_round_offered(petition: Petition, today: date) -> bool:
    """After a first decision, or once the first resolution is overdue (LKN Art. 33)."""
    if petition.complaint_round != 1:
        return False
    return petition.state == State.DECIDED or (
        petition.due_on is not None and today > petition.due_on
    )


def second_complaint(step: Step) -> None:
    _first_round_over(step, "LKN Điều 33(1)")
    step.created = open_second_complaint(step)
    step.detail["child"] = step.created.register_no
    _route(step, step.created.owner_agency, "")
    _close(step)


def lawsuit(step: Step) -> None:
    _first_round_over(step, "LKN Điều 33(2)")
    step.note = step.values.get("note") or ""
    _close(step)


def extend(step: Step) -> None:
    petition = step.petition
    rule = clock.current_rule(petition, step.on)
    maximum = rule.max_extensions if rule else 0
    if petition.extensions >= maximum:
        raise refuse(
            N_("Đã gia hạn %(count)s lần, tối đa %(maximum)s lần (LTC Điều 30(3))."),
            count=petition.extensions,
            maximum=maximum,
        )
    if not petition.is_complex:
        raise refuse(
            N_(
                "Chỉ gia hạn giải quyết tố cáo với vụ việc phức tạp: hãy ghi nhận căn cứ xác "
                "định vụ việc phức tạp trước (LTC Điều 30(2); NĐ 31/2019 Điều 3)."
            )
        )
    if petition.extensions == 1 and not step.values["especially_complex"]:
        raise refuse(
            N_("Gia hạn lần hai chỉ áp dụng với vụ việc đặc biệt phức tạp (LTC Điều 30(3)).")
        )
    if petition.due_on is not None and step.on > petition.due_on:
        raise refuse(
            N_("Quyết định gia hạn phải ban hành trước khi hết thời hạn giải quyết (%(due)s)."),
            due=petition.due_on.strftime("%d/%m/%Y"),
        )
    petition.extensions += 1
    petition.extension_days += step.values["days"]
    step.detail.update(extension=petition.extensions, days=step.values["days"])


def conclude(step: Step) -> None:
    step.petition.decided_on = step.on


def handle(step: Step) -> None:
    step.note = step.values["note"]


def publish(step: Step) -> None:
    step.note = step.values.get("note") or ""
    _close(step)


def suspend(step: Step) -> None:
    petition = step.petition
    if petition.kind == Kind.COMPLAINT:
        try:
            rule_for_petition("K7", petition.received_on, step.on)
        except NoRuleInForce:
            raise refuse(
                N_(
                    "Trước ngày 01/07/2026 pháp luật chưa quy định tạm đình chỉ giải quyết khiếu "
                    "nại (LKN Điều 11a; NĐ 124/2020 Điều 28b, bổ sung bởi NĐ 155/2026)."
                )
            ) from None
    petition.reason_code = step.values["reason"]
    petition.suspended_from = petition.state
    used = clock.pause(petition, step.on, step.ctx)
    step.detail.update(used=used, rule=petition.due_rule)


def resume(step: Step) -> None:
    petition = step.petition
    suspended_on = last_step_on(step.session, petition, "suspend")
    if suspended_on is not None and step.on < suspended_on:
        raise refuse(N_("Ngày tiếp tục giải quyết không được trước ngày tạm đình chỉ."))
    step.target = petition.suspended_from or State.VERIFYING
    petition.suspended_from = None
    petition.reason_code = None


def terminate(step: Step) -> None:
    step.petition.reason_code = step.values["reason"]
    _close(step)


def withdraw(step: Step) -> None:
    petition = step.petition
    if petition.kind == Kind.DENUNCIATION and not step.values.get("no_grounds"):
        raise refuse(
            N_(
                "Người giải quyết phải xác nhận hành vi bị tố cáo không có dấu hiệu vi phạm và "
                "việc rút tố cáo không do bị đe dọa, mua chuộc; nếu có, vẫn phải tiếp tục giải "
                "quyết (LTC Điều 33(3))."
            )
        )
    _close(step)


def set_flags(step: Step) -> None:
    petition, values = step.petition, step.values
    for flag in ("remote", "complex"):
        on, basis = values[f"is_{flag}"], values.get(f"{flag}_basis") or ""
        if on and not basis:
            raise refuse(
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


def assign(step: Step) -> None:
    step.petition.handler_id = step.values["handler"].id
    step.detail["handler"] = step.values["handler"].username


def link_case(step: Step) -> None:
    step.petition.case_id = step.values["case"].id
    step.detail["case"] = step.values["case"].code


def dismiss_repeat(step: Step) -> None:
    other: Petition = step.values["other"]
    petition = step.petition
    links = [
        step.session.get(PetitionLink, (petition.id, other.id)),
        step.session.get(PetitionLink, (other.id, petition.id)),
    ]
    found = [link for link in links if link is not None]
    if not found:
        raise refuse(
            N_("Đơn số %(number)s không được gợi ý là đơn trùng."), number=other.register_no
        )
    for link in found:
        link.status = "dismissed"
        link.decided_by_id = step.user.id
    step.detail["other"] = other.register_no


def last_step_on(session: Session, petition: Petition, action: str) -> date | None:
    return session.scalar(
        select(PetitionEvent.happened_on)
        .where(PetitionEvent.petition_id == petition.id, PetitionEvent.action == action)
        .order_by(PetitionEvent.id.desc())
        .limit(1)
    )
