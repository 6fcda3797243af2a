"""The form that corrects a document's metadata and sets its sharing."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import Length, Optional

from indexer.corrections import CORRECTABLE
from records import policy
from records.codes import DOC_TYPES, URGENCY
from records.models import Agency, Document, User
from webapp.labels import CONFIDENTIALITY
from webapp.labels import DOC_TYPES as DOC_TYPE_LABELS
from webapp.labels import URGENCY as URGENCY_LABELS


class CheckboxList(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class DocumentForm(FlaskForm):
    doc_type = SelectField(_l("Loại văn bản"))
    number = StringField(_l("Số, ký hiệu"), [Optional(), Length(max=128)])
    issued_date = DateField(_l("Ngày ban hành"), [Optional()])
    place = StringField(_l("Địa danh"), [Optional(), Length(max=255)])
    issuer = StringField(_l("Cơ quan ban hành"), [Optional(), Length(max=512)])
    subject = TextAreaField(_l("Trích yếu"), [Optional(), Length(max=4000)])
    signer = StringField(_l("Người ký"), [Optional(), Length(max=255)])
    confidentiality = SelectField(_l("Độ mật"))
    level_reason = StringField(_l("Lý do hạ độ mật (chỉ lãnh đạo)"), [Optional(), Length(max=1000)])
    urgency = SelectField(_l("Độ khẩn"))
    shared_all = BooleanField(_l("Chia sẻ với tất cả cơ quan phối hợp"))
    shared_with = CheckboxList(_l("Chia sẻ với các cơ quan"))

    @classmethod
    def for_document(
        cls, document: Document, user: User, agencies: Sequence[Agency]
    ) -> DocumentForm:
        """The form filled with the document's current values (or the values posted)."""
        form = cls(
            data={
                "doc_type": document.doc_type or "other",
                "number": document.number,
                "issued_date": document.issued_date,
                "place": document.place,
                "issuer": document.issuer,
                "subject": document.subject,
                "signer": document.signer,
                "confidentiality": document.confidentiality,
                "urgency": document.urgency or "",
                "shared_all": document.shared_all,
                "shared_with": [agency.code for agency in document.shared_with],
            }
        )
        form.doc_type.choices = [(code, str(DOC_TYPE_LABELS[code])) for code in DOC_TYPES]
        form.confidentiality.choices = [
            (code, str(CONFIDENTIALITY[code])) for code in policy.classification_levels(user)
        ]
        form.urgency.choices = [("", str(_l("Không")))] + [
            (code, str(URGENCY_LABELS[code])) for code in URGENCY
        ]
        form.shared_with.choices = [
            (agency.code, agency.name)
            for agency in agencies
            if agency.id != document.owner_agency_id
        ]
        return form

    def corrections(self) -> dict[str, object]:
        """The metadata as posted, field by field (``indexer.corrections`` keeps what changed)."""
        return {field: getattr(self, field).data for field in CORRECTABLE}

    def add_error(self, field: str, message: str) -> None:
        target = getattr(self, field, None)
        if target is not None:
            target.errors = [*target.errors, message]
