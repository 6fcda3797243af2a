"""Re-make manifest.jsonl and the DOCX primary files of the fresh corpus from texts/.

    python bench/fresh_corpus/make_files.py

The texts (texts/<id>.txt) are the ground truth and were written by hand. This script only
holds each document's metadata and renders the documents marked ``docx`` as Word files like
the dev corpus: a two-column header table (issuing body and number on the left, motto and
place/date on the right), then the title and the body, in Times New Roman.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# id: (doc_type, number, issued_date, place, province, issuer, subject, agencies, signer, primary)
DOCS = {
    "fr-001": ("ket_luan_thanh_tra", "345/KL-TTr", "2024-08-15", "Quy Nhơn", "Bình Định", "THANH TRA TỈNH BÌNH ĐỊNH", "Việc chấp hành pháp luật về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất thực hiện dự án Tuyến đường ven biển đoạn qua huyện Phù Mỹ", ["thanh_tra", "noi_chinh", "uy_ban_kiem_tra", "cong_an"], "Võ Minh Giả", "docx"),
    "fr-002": ("ket_luan_thanh_tra", "118/KL-TTr", "2023-05-22", "Vinh", "Nghệ An", "THANH TRA TỈNH NGHỆ AN", "Việc quản lý, sử dụng vốn đầu tư công tại Ban Quản lý dự án đầu tư xây dựng huyện Quỳnh Lưu giai đoạn 2020 - 2022", ["thanh_tra", "noi_chinh", "cong_an", "vien_kiem_sat"], "Hồ Văn Thí Nghiệm", "txt"),
    "fr-003": ("ke_hoach", "45-KH/BNCTU", "2024-01-10", "Vinh", "Nghệ An", "TỈNH ỦY NGHỆ AN BAN NỘI CHÍNH", "Công tác nội chính, phòng, chống tham nhũng, tiêu cực và cải cách tư pháp năm 2024", ["noi_chinh", "uy_ban_kiem_tra", "cong_an", "vien_kiem_sat", "toa_an", "thanh_tra"], "Nguyễn Văn Phép Thử", "docx"),
    "fr-004": ("bao_cao", "52-BC/BNCTU", "2023-12-05", "Tam Kỳ", "Quảng Nam", "TỈNH ỦY QUẢNG NAM BAN NỘI CHÍNH", "Kết quả công tác phòng, chống tham nhũng, tiêu cực năm 2023 và phương hướng, nhiệm vụ năm 2024", ["noi_chinh", "uy_ban_kiem_tra", "vien_kiem_sat", "toa_an", "thanh_tra"], "Phan Thị Mô Phỏng", "txt"),
    "fr-005": ("other", "06-HD/UBKTTW", "2022-09-20", "Hà Nội", None, "ỦY BAN KIỂM TRA TRUNG ƯƠNG", "Kiểm tra, giám sát việc kê khai, công khai tài sản, thu nhập của đảng viên là người có chức vụ, quyền hạn", ["uy_ban_kiem_tra", "thanh_tra"], "Trần Văn Kiểm Thử", "docx"),
    "fr-006": ("quyet_dinh", "112-QĐ/UBKTTU", "2024-03-18", "Thanh Hóa", "Thanh Hóa", "TỈNH ỦY THANH HÓA ỦY BAN KIỂM TRA", "Thi hành kỷ luật đảng viên", ["uy_ban_kiem_tra", "to_chuc"], "Lê Thị Ví Dụ", "txt"),
    "fr-007": ("thong_bao", "87-TB/UBKTTU", "2023-09-27", "Buôn Ma Thuột", "Đắk Lắk", "TỈNH ỦY ĐẮK LẮK ỦY BAN KIỂM TRA", "Kết luận kiểm tra khi có dấu hiệu vi phạm đối với Ban Thường vụ Huyện ủy Krông Pắc", ["uy_ban_kiem_tra", "thanh_tra"], "H'Lan Mẫu Thử", "docx"),
    "fr-008": ("quy_che", "03-QCPH/BNCTU-CAT-VKSND-TAND-TTr", "2022-06-14", "Tây Ninh", "Tây Ninh", "BAN NỘI CHÍNH TỈNH ỦY - CÔNG AN TỈNH - VIỆN KIỂM SÁT NHÂN DÂN TỈNH - TÒA ÁN NHÂN DÂN TỈNH - THANH TRA TỈNH TÂY NINH", "Trong công tác theo dõi, đôn đốc, hướng dẫn việc xử lý các vụ án, vụ việc tham nhũng, kinh tế, tiêu cực nghiêm trọng, phức tạp", ["noi_chinh", "cong_an", "vien_kiem_sat", "toa_an", "thanh_tra"], None, "docx"),
    "fr-009": ("cong_van", "512/TTr-NV3", "2023-06-02", "Vinh", "Nghệ An", "UBND TỈNH NGHỆ AN THANH TRA TỈNH", "V/v chuyển hồ sơ vụ việc có dấu hiệu tội phạm đến Cơ quan điều tra", ["thanh_tra", "cong_an", "vien_kiem_sat", "noi_chinh"], "Đặng Quốc Mẫu", "txt"),
    "fr-010": ("cong_van", "1456/VKS-P2", "2024-04-08", "Thanh Hóa", "Thanh Hóa", "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA", "V/v tăng cường kiểm sát việc tiếp nhận, giải quyết tố giác, tin báo về tội phạm và kiến nghị khởi tố", ["vien_kiem_sat", "thanh_tra", "cong_an", "noi_chinh"], "Bùi Văn Mô Hình", "txt"),
    "fr-011": ("quy_che", "05/QCPH-CAT-TTr", "2023-02-20", "Lạng Sơn", "Lạng Sơn", "CÔNG AN TỈNH LẠNG SƠN - THANH TRA TỈNH LẠNG SƠN", "Giữa Công an tỉnh và Thanh tra tỉnh trong việc phát hiện, chuyển giao, tiếp nhận và giải quyết vụ việc có dấu hiệu tội phạm qua hoạt động thanh tra", ["cong_an", "thanh_tra", "vien_kiem_sat", "noi_chinh"], None, "docx"),
    "fr-012": ("ke_hoach", "210/KH-TTr", "2023-11-28", "Vĩnh Long", "Vĩnh Long", "UBND TỈNH VĨNH LONG THANH TRA TỈNH", "Thanh tra năm 2024", ["thanh_tra", "noi_chinh"], "Trương Thị Giả Lập", "txt"),
    "fr-013": ("quyet_dinh", "12/2024/QĐ-UBND", "2024-03-05", "Vĩnh Long", "Vĩnh Long", "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "Ban hành Quy chế tổ chức hoạt động của Trụ sở tiếp công dân tỉnh Vĩnh Long", ["thanh_tra", "noi_chinh", "uy_ban_kiem_tra", "dan_van", "cong_an"], "Lữ Văn Mẫu Số", "docx"),
    "fr-014": ("thong_bao", "35/TB-BTCD", "2024-06-24", "Việt Trì", "Phú Thọ", "UBND TỈNH PHÚ THỌ BAN TIẾP CÔNG DÂN", "Lịch tiếp công dân định kỳ của Bí thư Tỉnh ủy và Chủ tịch UBND tỉnh tháng 7 năm 2024", ["noi_chinh", "uy_ban_kiem_tra", "dan_van", "thanh_tra", "cong_an"], "Đinh Công Giả Sử", "txt"),
    "fr-015": ("chi_thi", "18-CT/TU", "2023-07-12", "Rạch Giá", "Kiên Giang", "TỈNH ỦY KIÊN GIANG", "Của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng đối với công tác kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn", ["thanh_tra", "uy_ban_kiem_tra", "to_chuc", "noi_chinh"], "Danh Văn Thử Nghiệm", "docx"),
    "fr-016": ("bao_cao", "95/BC-TA", "2024-06-14", "Phú Thọ", "Phú Thọ", "TÒA ÁN NHÂN DÂN TỈNH PHÚ THỌ", "Kết quả giải quyết, xét xử các vụ án tham nhũng, kinh tế, chức vụ 6 tháng đầu năm 2024", ["toa_an", "noi_chinh", "vien_kiem_sat", "cong_an"], "Kiều Văn Mô Tả", "txt"),
    "fr-017": ("other", "15/NQ-HĐND", "2024-07-10", "Đắk Lắk", "Đắk Lắk", "HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK", "Về kết quả giám sát chuyên đề việc chấp hành pháp luật về đầu tư công trên địa bàn tỉnh giai đoạn 2021 - 2023", ["thanh_tra"], "Y Giả Niê", "docx"),
    "fr-018": ("bien_ban", "09-BB/ĐKT", "2024-05-21", "Lạng Sơn", "Lạng Sơn", "TỈNH ỦY LẠNG SƠN ĐOÀN KIỂM TRA SỐ 2", "Của Đoàn kiểm tra Ban Thường vụ Tỉnh ủy với Ban Thường vụ Đảng ủy Công an tỉnh về việc lãnh đạo, chỉ đạo công tác phòng, chống tham nhũng, tiêu cực", ["noi_chinh", "uy_ban_kiem_tra", "to_chuc", "thanh_tra", "cong_an"], None, "txt"),
    "fr-019": ("other", "24-HD/BTGTU", "2023-03-03", "Thanh Hóa", "Thanh Hóa", "TỈNH ỦY THANH HÓA BAN TUYÊN GIÁO", "Tuyên truyền về công tác phòng, chống tham nhũng, tiêu cực năm 2023", ["tuyen_giao", "noi_chinh"], "Mai Thị Giả Thiết", "docx"),
    "fr-020": ("ke_hoach", "31-KH/BDVTU", "2024-02-26", "Tây Ninh", "Tây Ninh", "TỈNH ỦY TÂY NINH BAN DÂN VẬN", "Thực hiện công tác dân vận trong giải quyết khiếu nại, tố cáo, tranh chấp đất đai và vận động nhân dân đồng thuận bàn giao mặt bằng năm 2024", ["dan_van", "noi_chinh", "thanh_tra"], "Lâm Thị Hình Mẫu", "txt"),
    "fr-021": ("cong_van", "412-CV/BTCTU", "2023-10-16", "Quy Nhơn", "Bình Định", "TỈNH ỦY BÌNH ĐỊNH BAN TỔ CHỨC", "V/v lấy ý kiến thẩm định tiêu chuẩn chính trị, tình hình chấp hành kỷ luật của cán bộ quy hoạch nhiệm kỳ 2025 - 2030", ["to_chuc", "uy_ban_kiem_tra", "noi_chinh", "cong_an", "thanh_tra"], "Đoàn Văn Đặt Tên", "docx"),
    "fr-022": ("don_khieu_nai", None, "2024-09-09", "Phù Mỹ", "Bình Định", None, "ĐƠN KHIẾU NẠI", [], "Nguyễn Văn Mẫu", "txt"),
    "fr-023": ("don_to_cao", None, "2022-11-14", "Nghệ An", "Nghệ An", None, "ĐƠN TỐ CÁO", ["uy_ban_kiem_tra", "thanh_tra"], "Trần Thị Giả Định", "docx"),
    "fr-024": ("don_kien_nghi", None, "2024-04-02", "Vĩnh Long", "Vĩnh Long", None, "ĐƠN KIẾN NGHỊ", [], "Lê Văn Thử", "txt"),
}

RIGHT = re.compile(r"^(CỘNG HÒA|Độc lập|ĐẢNG CỘNG SẢN|-{10,})|, ngày \d+ tháng \d+ năm \d{4}$")


def split_header(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Left header cell, right header cell, and the rest (title first)."""
    end = next(i for i, line in enumerate(lines) if re.search(r", ngày \d+ tháng", line)) + 1
    left = [line for line in lines[:end] if not RIGHT.search(line)]
    right = [line for line in lines[:end] if RIGHT.search(line)]
    return left, right, lines[end:]


def render_docx(lines: list[str], out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    left, right, rest = split_header(lines)
    table = doc.add_table(rows=1, cols=2)
    for cell, cell_lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = cell_lines[0] if cell_lines else ""
        for line in cell_lines[1:]:
            cell.add_paragraph(line)
        for para in cell.paragraphs:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(rest):
        para = doc.add_paragraph()
        run = para.add_run(line)
        if i == 0 or (i == 1 and not line.startswith(("Kính gửi", "Căn cứ", "Thực hiện", "-"))):
            run.bold = True
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # fixed core properties so re-running gives the same content
    doc.core_properties.author = "hoso fresh corpus"
    doc.save(str(out))


def main() -> None:
    (HERE / "files").mkdir(exist_ok=True)
    rows = []
    for doc_id, meta in DOCS.items():
        dtype, number, date, place, province, issuer, subject, agencies, signer, primary = meta
        text = (HERE / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        files = [{"path": f"texts/{doc_id}.txt", "format": "txt", "encoding": "unicode",
                  "primary": primary == "txt"}]
        if primary == "docx":
            render_docx(text.splitlines(), HERE / "files" / f"{doc_id}.docx")
            files.append({"path": f"files/{doc_id}.docx", "format": "docx",
                          "encoding": "unicode", "primary": True})
        rows.append({
            "id": doc_id, "source_url": None, "synthetic": True, "doc_type": dtype,
            "number": number, "issued_date": date, "place": place, "province": province,
            "issuer": issuer, "issuer_full": issuer, "subject": subject, "signer": signer,
            "agencies_mentioned": agencies, "text_file": f"texts/{doc_id}.txt",
            "n_chars": len(text), "files": files, "encoding": "unicode",
        })
    with (HERE / "manifest.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
