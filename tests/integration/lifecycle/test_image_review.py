"""OCR review of an uploaded photo (JPG): its page image is shown beside the text, and a
saved correction reads the document's metadata again and returns to the document."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from records.db import Database
from tests.support.auth import csrf_token
from tests.support.ingest import signed_in, upload, wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow]

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CORRECTED = (
    "UỶ BAN NHÂN DÂN TỈNH THÁI BÌNH\nSố: 77/QĐ-UBND\nThái Bình, ngày 12 tháng 3 năm 2024\n"
    "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác kiểm tra đất đai\n"
)


def _photo(path: Path) -> Path:
    """A photographed page: a few printed lines on white, saved as JPEG."""
    if not FONT.exists():
        pytest.skip("no DejaVu font to draw the page")
    image = Image.new("RGB", (1240, 800), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 34)
    for row, line in enumerate(["UY BAN NHAN DAN", "So: 7?/QD-UBND", "QUYET DINH", "Ve viec"]):
        draw.text((80, 80 + row * 90), line, fill="black", font=font)
    image.save(path, "JPEG", quality=90)
    return path


def test_a_photo_is_reviewed_beside_its_image_and_a_correction_refreshes_the_metadata(
    app, db: Database, hoso_settings, worker, tmp_path: Path
) -> None:
    document_id = upload(db, hoso_settings, _photo(tmp_path / "anh-chup.jpg"))
    wait_for(db, [document_id], ("indexed",), timeout_s=180)
    officer, _ = signed_in(app, db, "chuyen-vien", roles=("officer",))

    review = officer.get(f"/documents/{document_id}/pages/1").get_data(as_text=True)
    assert f"/documents/{document_id}/pages/1.png" in review
    image = officer.get(f"/documents/{document_id}/pages/1.png?w=480")
    assert image.status_code == 200 and image.mimetype == "image/png"

    token = csrf_token(review)
    saved = officer.post(
        f"/documents/{document_id}/pages/1", data={"csrf_token": token, "text": CORRECTED}
    )
    assert saved.status_code == 302
    assert saved.headers["Location"].endswith(f"/documents/{document_id}")
    done = wait_for(db, [document_id], ("indexed",), timeout_s=180)[document_id]
    assert done.number == "77/QĐ-UBND"
    assert done.doc_type == "quyet_dinh"
