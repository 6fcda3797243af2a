"""Every figure of the dashboard and of the periodic report, for one :class:`Scope`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Agency
from records.reports.cases import CaseFigures, case_figures
from records.reports.period import Bucket
from records.reports.petitions import PetitionFigures, petition_figures
from records.reports.requests import RequestFigures, request_figures
from records.reports.scope import Scope
from records.reports.transfers import TransferFigures, transfer_figures

#: Rows of each list shown on the dashboard page (exports carry up to EXPORT_ROWS).
PAGE_ROWS = 20
EXPORT_ROWS = 10_000


@dataclass
class BucketRow:
    bucket: Bucket
    petitions_received: int
    petitions_settled: int
    cases_opened: int
    transfers_sent: int
    requests_sent: int


@dataclass
class Dashboard:
    scope: Scope
    petitions: PetitionFigures
    cases: CaseFigures
    transfers: TransferFigures
    requests: RequestFigures

    @property
    def by_bucket(self) -> list[BucketRow]:
        """Counts over time: by month, or by year for periods over 13 months."""
        return [
            BucketRow(
                bucket,
                self.petitions.received_by_bucket.get(bucket.key, 0),
                self.petitions.settled_by_bucket.get(bucket.key, 0),
                self.cases.opened_by_bucket.get(bucket.key, 0),
                self.transfers.sent_by_bucket.get(bucket.key, 0),
                self.requests.sent_by_bucket.get(bucket.key, 0),
            )
            for bucket in self.scope.period.buckets()
        ]


def agency_codes(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Agency.id, Agency.code)).all())


def build(session: Session, scope: Scope, rows: int = PAGE_ROWS) -> Dashboard:
    """Compute the dashboard; each list holds at most ``rows`` rows (counts are complete)."""
    codes = agency_codes(session)
    return Dashboard(
        scope=scope,
        petitions=petition_figures(session, scope, codes, rows),
        cases=case_figures(session, scope, codes, rows),
        transfers=transfer_figures(session, scope, codes, rows),
        requests=request_figures(session, scope, codes, rows),
    )
