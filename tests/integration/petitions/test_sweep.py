"""The deadline sweep: overdue marked, handlers and leaders notified once, deadlines
recomputed when the calendar changes, and the periodic task run by a real worker."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import select

from indexer.celery_app import celery
from jobs.petitions import petition_deadlines
from records.models import CalendarDay, Notification, Petition, PetitionEvent
from records.petitions import sweep
from records.petitions.machine import perform
from tests.integration.petitions.conftest import World
from tests.support.petitions import context, petition

pytestmark = pytest.mark.services


def _notes(world: World, user) -> list[Notification]:
    return list(world.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def test_overdue_and_near_due_are_notified_once(world: World) -> None:
    # K2 from 01/07/2026: 7 WD. Received Mon 02/11/2026 -> due Wed 11/11/2026.
    late = petition(
        world.session, world.clerk, world.ctx, register_no="1/2026", received_on=date(2026, 11, 2)
    )
    assert late.due_on == date(2026, 11, 11)
    # Received Thu 19/11/2026: 20, 23, (24/11 Ngày Văn hóa Việt Nam, a holiday from 2026),
    # 25, 26, 27, 30/11, 01/12 -> due Tue 01/12/2026, near from Thu 26/11 (3 WD before).
    near = petition(
        world.session,
        world.clerk,
        world.ctx,
        register_no="2/2026",
        received_on=date(2026, 11, 19),
        summary="Khiếu nại việc cấp giấy phép xây dựng sai quy định.",
    )
    perform(world.session, world.leader, near, "assign", {"handler": world.officer.id}, world.ctx)
    world.session.commit()

    result = sweep.run(world.session, world.ctx)
    world.session.commit()
    assert (result.overdue, result.near) == (1, 1)
    assert late.overdue and not near.overdue
    assert [n.title for n in _notes(world, world.clerk)] == [
        "Đơn số 1/2026 đã quá hạn K2 (11/11/2026)"
    ]
    assert [n.title for n in _notes(world, world.leader)] == [
        "Đơn số 1/2026 đã quá hạn K2 (11/11/2026)"
    ]
    assert [n.title for n in _notes(world, world.officer)] == [
        "Đơn số 2/2026 sắp đến hạn K2 (01/12/2026)"
    ]
    assert _notes(world, world.police) == []
    assert _notes(world, world.clerk)[0].link == f"/petitions/{late.id}"

    again = sweep.run(world.session, world.ctx)
    world.session.commit()
    assert again.notifications == 0 and again.overdue == 0
    events = world.session.scalars(
        select(PetitionEvent.action).where(PetitionEvent.petition_id == late.id)
    ).all()
    assert events.count("overdue") == 1


def test_a_calendar_change_recomputes_running_deadlines(world: World) -> None:
    item = petition(world.session, world.clerk, world.ctx, received_on=date(2026, 11, 19))
    assert item.due_on == date(2026, 12, 1)
    # The government gives Friday 27/11/2026 off (a hypothetical announcement).
    world.session.add(
        CalendarDay(day=date(2026, 11, 27), working=False, note="Nghỉ bù (thử nghiệm)")
    )
    world.session.commit()
    ctx = context(world.session, date(2026, 11, 26))
    assert ctx.calendar.version != item.calendar_version
    result = sweep.run(world.session, ctx)
    world.session.commit()
    assert result.recomputed == 1
    assert (item.due_on, item.calendar_version) == (date(2026, 12, 2), ctx.calendar.version)
    recompute = world.session.scalars(
        select(PetitionEvent).where(
            PetitionEvent.petition_id == item.id, PetitionEvent.action == "recompute"
        )
    ).one()
    assert recompute.detail["previous"] == "2026-12-01" and recompute.due_on == date(2026, 12, 2)


def test_beat_runs_the_sweep_in_a_real_worker(world: World, worker) -> None:
    assert celery.conf.beat_schedule["petition-deadlines"]["task"] == petition_deadlines.name
    late = petition(world.session, world.clerk, world.ctx, received_on=date(2020, 3, 2))
    world.session.commit()
    petition_deadlines.apply_async(queue=world.settings.queue)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        world.session.expire_all()
        if world.session.get(Petition, late.id).overdue:
            break
        time.sleep(0.3)
    assert world.session.get(Petition, late.id).overdue
    assert [n.object_id for n in _notes(world, world.clerk)] == [str(late.id)]
