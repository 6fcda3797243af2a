"""Word lists the corpus generator composes documents from (bench/generator.py).

Written for the generator: names of places, people, bodies and topics of a provincial
internal-affairs commission's daily work, and sentence patterns with ``{slots}``. Nothing
here is copied from the shared corpus; all people are fictional.
"""

from __future__ import annotations

PROVINCES = (
    "Thái Bình", "Nam Định", "Ninh Bình", "Hà Nam", "Hưng Yên", "Hải Dương", "Bắc Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Phú Yên", "Bình Định",
    "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Gia Lai", "Long An", "Tiền Giang", "Bến Tre",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
    "Lào Cai", "Yên Bái", "Tuyên Quang", "Phú Thọ", "Thái Nguyên", "Lạng Sơn", "Hòa Bình",
)  # fmt: skip

DISTRICTS = (
    "Đông Hưng", "Tiền Hải", "Kiến Xương", "Vũ Thư", "Quỳnh Phụ", "Hưng Hà", "Thái Thụy",
    "Yên Lập", "Tam Nông", "Thanh Sơn", "Cẩm Khê", "Lâm Thao", "Phù Ninh", "Đoan Hùng",
    "Hạ Hòa", "Thanh Ba", "Tân Sơn", "Hoằng Hóa", "Quảng Xương", "Nông Cống", "Triệu Sơn",
    "Thọ Xuân", "Yên Định", "Vĩnh Lộc", "Cam Lộ", "Gio Linh", "Hải Lăng", "Phong Điền",
)  # fmt: skip

COMMUNES = (
    "An Bình", "Hòa Lạc", "Tân Phong", "Đông Xuân", "Minh Tân", "Quang Trung", "Hồng Phong",
    "Thanh Tân", "Bình Minh", "Phú Lương", "Vĩnh Hòa", "Nam Cao", "Tây Sơn", "Hiệp Hòa",
    "Song Lãng", "Trung An", "Phúc Thành", "Đại Đồng", "Tự Tân", "Xuân Hòa",
)  # fmt: skip

FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Phan", "Trịnh", "Đinh", "Lương", "Đào", "Mai", "Tạ", "Cao",
)  # fmt: skip
MIDDLE_NAMES_MALE = ("Văn", "Hữu", "Đức", "Công", "Minh", "Quang", "Xuân", "Thanh", "Đình")
MIDDLE_NAMES_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Phương")
GIVEN_NAMES_MALE = (
    "Hùng", "Dũng", "Cường", "Thắng", "Toàn", "Khải", "Lâm", "Sơn", "Tuấn", "Hải", "Long",
    "Phong", "Quyết", "Trung", "Thành", "Nghĩa", "Hiếu", "Bình", "Đạt", "Kiên", "Vượng",
)  # fmt: skip
GIVEN_NAMES_FEMALE = (
    "Lan", "Hoa", "Huệ", "Hương", "Nga", "Thủy", "Yến", "Hạnh", "Loan", "Trang", "Nhung",
    "Hằng", "Oanh", "Thảo", "Vân", "Liên",
)  # fmt: skip

#: What documents are about: (subject phrase, short name for the body text).
TOPICS = (
    ("công tác phòng, chống tham nhũng, tiêu cực", "phòng, chống tham nhũng"),
    ("công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "tiếp công dân"),
    ("việc thu hồi tiền, tài sản bị chiếm đoạt, thất thoát trong các vụ án tham nhũng",
     "thu hồi tài sản"),
    ("việc kê khai, kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn",
     "kê khai tài sản, thu nhập"),
    ("công tác cải cách tư pháp và phối hợp giữa các cơ quan tiến hành tố tụng",
     "cải cách tư pháp"),
    ("việc quản lý, sử dụng đất đai và bồi thường, giải phóng mặt bằng",
     "quản lý đất đai"),
    ("việc quản lý, sử dụng vốn đầu tư xây dựng cơ bản từ ngân sách nhà nước",
     "đầu tư xây dựng cơ bản"),
    ("việc phát hiện, chuyển giao nguồn tin về tội phạm có dấu hiệu tham nhũng",
     "chuyển nguồn tin về tội phạm"),
    ("công tác kiểm tra, giám sát và thi hành kỷ luật trong Đảng", "kiểm tra, giám sát"),
    ("việc thực hiện quy chế dân chủ ở cơ sở", "quy chế dân chủ ở cơ sở"),
    ("công tác phòng, chống lãng phí trong chi thường xuyên", "phòng, chống lãng phí"),
    ("việc giải quyết các vụ án, vụ việc tham nhũng, kinh tế nghiêm trọng, phức tạp",
     "vụ án, vụ việc tham nhũng"),
    ("công tác bảo vệ bí mật nhà nước", "bảo vệ bí mật nhà nước"),
    ("việc xử lý đơn thư phản ánh cán bộ, đảng viên vi phạm", "xử lý đơn thư"),
)  # fmt: skip

PERIODS = (
    "quý I năm {year}", "6 tháng đầu năm {year}", "9 tháng năm {year}", "năm {year}",
    "tháng {month} năm {year}", "giai đoạn {year} - {year_end}",
)  # fmt: skip

#: Bodies the text may name (each one tagged by hoso's agency matcher).
MENTIONED_BODIES = (
    "Ban Nội chính Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Viện kiểm sát nhân dân tỉnh",
    "Tòa án nhân dân tỉnh", "Công an tỉnh", "Thanh tra tỉnh",
)  # fmt: skip

#: Sentence patterns of a body paragraph; every slot is filled from the lists above.
SENTENCES = (
    "{body} đã chủ động tham mưu, phối hợp với các cơ quan liên quan triển khai {topic}.",
    "Trong kỳ, {body} tiếp nhận {n} đơn thư, trong đó {m} đơn thuộc thẩm quyền, đã giải "
    "quyết dứt điểm {k} đơn.",
    "Qua kiểm tra tại {unit}, phát hiện một số sai phạm trong {topic} với tổng số tiền "
    "{money} triệu đồng.",
    "Đề nghị {body} tiếp tục chỉ đạo làm rõ trách nhiệm của tập thể, cá nhân có liên quan "
    "và xử lý nghiêm theo quy định.",
    "Các cơ quan chức năng đã chuyển {k} vụ việc có dấu hiệu tội phạm đến Cơ quan Cảnh sát "
    "điều tra để xem xét, xử lý theo quy định của pháp luật.",
    "Việc phối hợp giữa {body} và {other} được duy trì thường xuyên, trao đổi thông tin "
    "kịp thời, đúng quy chế.",
    "Một số cấp ủy, chính quyền cơ sở chưa quan tâm đúng mức đến {topic}; công tác nắm "
    "tình hình ở {unit} còn hạn chế.",
    "Thực hiện kết luận của Thường trực Tỉnh ủy, {body} đã thành lập {k} đoàn kiểm tra, "
    "giám sát chuyên đề về {topic}.",
    "Tổng số tiền, tài sản kiến nghị thu hồi là {money} triệu đồng, đã thu hồi được "
    "{money2} triệu đồng.",
    "Đến nay, {body} đã hoàn thành {n} nhiệm vụ trong chương trình công tác, còn {k} nhiệm "
    "vụ đang tiếp tục thực hiện.",
    "Yêu cầu {unit} rà soát, báo cáo kết quả thực hiện về {body} trước ngày {day}/{month}.",
    "Nguyên nhân chủ yếu là do công tác quản lý, kiểm tra của {unit} chưa chặt chẽ, thiếu "
    "thường xuyên.",
    "Giao {body} chủ trì, phối hợp với {other} theo dõi, đôn đốc việc thực hiện.",
    "Các vụ án tham nhũng được đưa ra xét xử đúng người, đúng tội, đúng pháp luật, không "
    "để xảy ra oan, sai.",
)  # fmt: skip

UNITS = (
    "Ủy ban nhân dân xã {commune}", "Ủy ban nhân dân huyện {district}",
    "Ban Quản lý dự án đầu tư xây dựng huyện {district}", "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng", "Trung tâm Phát triển quỹ đất huyện {district}",
    "Hợp tác xã dịch vụ nông nghiệp xã {commune}", "Bệnh viện Đa khoa huyện {district}",
    "Phòng Giáo dục và Đào tạo huyện {district}", "Chi cục Thuế khu vực {district}",
)  # fmt: skip

HEADINGS = (
    "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN", "ĐÁNH GIÁ CHUNG", "HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", "KIẾN NGHỊ, ĐỀ XUẤT", "TỔ CHỨC THỰC HIỆN",
)  # fmt: skip

LEGAL_BASES = (
    "Căn cứ Luật Phòng, chống tham nhũng ngày 20 tháng 11 năm 2018;",
    "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013;",
    "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;",
    "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;",
    "Căn cứ Luật Thanh tra ngày 14 tháng 11 năm 2022;",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Quy định số 22-QĐ/TW ngày 28 tháng 7 năm 2021 của Ban Chấp hành Trung ương về "
    "công tác kiểm tra, giám sát và kỷ luật của Đảng;",
)  # fmt: skip

#: Petition wording: what a citizen complains about, denounces or asks for.
GRIEVANCES = (
    "thu hồi {area} m2 đất nông nghiệp của gia đình tôi nhưng bồi thường không đúng "
    "giá đất",
    "cán bộ địa chính xã {commune} thu tiền khi làm thủ tục cấp giấy chứng nhận quyền "
    "sử dụng đất mà không cấp biên lai",
    "Chủ tịch Ủy ban nhân dân xã {commune} không kê khai trung thực tài sản, thu nhập",
    "chậm giải quyết đơn của gia đình tôi đã quá thời hạn luật định",
    "lập hồ sơ hưởng chế độ chính sách sai đối tượng tại xã {commune}",
    "công trình đường giao thông nông thôn xã {commune} thi công kém chất lượng",
)  # fmt: skip
