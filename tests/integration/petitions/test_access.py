"""Who sees a petition and who may know who sent it (LTC Art. 56), in one object and in SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from records.models import Petition
from records.petitions import identity, queries
from records.petitions.machine import perform
from records.policy import Action, can_petition, may_see_identity, petition_clause
from tests.integration.petitions.conftest import World
from tests.support.petitions import document, make_user, petition

pytestmark = pytest.mark.services


def _visible(world: World, user) -> set[int]:
    return set(world.session.scalars(select(Petition.id).where(petition_clause(user))))


def test_denouncer_identity_only_for_leaders_and_the_handler(world: World) -> None:
    denunciation = petition(world.session, world.clerk, world.ctx, kind="to_cao")
    admin = make_user(world.session, "quantri", ["administrator"], clearance="tuyet_mat")
    allowed = {
        world.leader: True,
        world.officer: False,
        world.clerk: False,  # registered it, but may not look it up again
        world.viewer: False,
        world.police: False,
        admin: False,
    }
    for user, expected in allowed.items():
        assert may_see_identity(user, denunciation) is expected, user
        people = identity.petitioners_for(world.session, user, denunciation)
        assert (people is not None) is expected, user
    perform(
        world.session,
        world.leader,
        denunciation,
        "assign",
        {"handler": world.officer.id},
        world.ctx,
    )
    assert may_see_identity(world.officer, denunciation)


def test_other_kinds_are_known_to_the_owner_body_staff(world: World) -> None:
    complaint = petition(world.session, world.clerk, world.ctx, kind="khieu_nai")
    assert may_see_identity(world.clerk, complaint) and may_see_identity(world.officer, complaint)
    assert not may_see_identity(world.viewer, complaint)
    assert not may_see_identity(world.police, complaint)


def test_visibility_by_body_routing_and_clearance(world: World) -> None:
    ours = petition(world.session, world.clerk, world.ctx, kind="to_cao", register_no="A")
    secret = petition(
        world.session, world.leader, world.ctx, register_no="B", confidentiality="toi_mat"
    )
    assert _visible(world, world.clerk) == {ours.id}  # clearance "mat" < "toi_mat"
    assert _visible(world, world.leader) == {ours.id, secret.id}
    assert _visible(world, world.police) == set()
    assert not can_petition(world.police, Action.SEE, ours)
    # Transferred to the police: they see the petition now, still not the denouncer.
    perform(world.session, world.leader, ours, "triage", {"competent_self": "1"}, world.ctx)
    transfer = document(world.session, world.settings, world.leader)
    perform(
        world.session,
        world.leader,
        ours,
        "to_investigation",
        {"to_agency": "cong_an"},
        world.ctx,
        [transfer],
    )
    assert _visible(world, world.police) == {ours.id}
    assert can_petition(world.police, Action.SEE, ours)
    assert not can_petition(world.police, Action.EDIT, ours)
    assert not may_see_identity(world.police, ours)


def test_searching_by_name_only_where_the_identity_may_be_known(world: World) -> None:
    denunciation = petition(world.session, world.clerk, world.ctx, kind="to_cao", register_no="TC")
    complaint = petition(world.session, world.clerk, world.ctx, kind="khieu_nai", register_no="KN")

    def found(user) -> set[str]:
        query = queries.select_petitions(user, queries.Filters(text="nguyen van an"), world.ctx)
        return {p.register_no for p in world.session.scalars(query)}

    assert found(world.leader) == {"TC", "KN"}
    assert found(world.clerk) == {"KN"}
    assert found(world.viewer) == set()
    assert denunciation.id and complaint.id


def test_letters_of_a_denunciation_are_classified(world: World) -> None:
    from records.policy import letter_confidentiality

    assert letter_confidentiality("to_cao", "thuong") == "mat"
    assert letter_confidentiality("to_cao", "toi_mat") == "toi_mat"
    assert letter_confidentiality("khieu_nai", "thuong") == "thuong"
