"""The letters of make-letters.py: each with what a careful clerk
registers from it (`want`), decided by hand from the letter."""

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
SEP_L = "_______________"
SEP_R = "________________________"

DIST = ["Nơi nhận:", "- Như trên;", "- Bộ trưởng (để b/c);", "- Lưu: VT, VP."]
DIST_UB = ["Nơi nhận:", "- Như trên;", "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
           "- CT, các PCT UBND tỉnh;", "- Lưu: VT, KT."]

N = [0]
LETTERS = []


def L(slug, gist, wrap, want, **kw):
    N[0] += 1
    n = N[0]
    spec = {
        "n": n, "slug": slug, "gist": gist, "wrap": wrap, "want": want,
        "from": ("Văn thư", "vanthu@example.gov.vn"),
        "date": "Mon, 07 Dec 2026 08:%02d:00 +0700" % n,
        "mid": "%08X.%d@example.gov.vn" % (0x5A1B2C00 + n, n),
        "subject": "Công văn",
        "to": ["Kính gửi: Văn phòng Bộ Công Thương"],
        "dist": DIST, "title": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
    }
    spec.update(kw)
    spec["want"] = dict(want)
    LETTERS.append(spec)


def head(issuer, number, subject, place_date, issuer2=None):
    left = [issuer] + ([issuer2] if issuer2 else []) + [SEP_L, number] + subject
    right = MOTTO + [SEP_R, "", place_date]
    return left, right


def W(number, date, place, subject, recipients, signer, deadline):
    return {"number": number, "date": date, "place": place, "subject": subject,
            "recipients": recipients, "signer": signer, "deadline": deadline}


# 1
left, right = head("BỘ CÔNG THƯƠNG", "Số: 1234 /BCT-KH",
                   ["V/v xây dựng kế hoạch phát triển", "ngành Công Thương năm 2027"],
                   "Hà Nội, ngày 05 tháng 12 năm 2026")
L("bct-outlook-tab", "Outlook, Word table as tabs; number with a space before '/'; subject over two "
  "lines; a cited decree dated 2020 before the deadline.", "outlook",
  W("1234/BCT-KH", "2026-12-05", "Hà Nội",
    "xây dựng kế hoạch phát triển ngành Công Thương năm 2027",
    ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"], "Nguyễn Sinh Nhật Tân", "2026-12-15"),
  from_=None, left=left, right=right,
  to=["Kính gửi:", "- Bộ Tài chính;", "- Bộ Kế hoạch và Đầu tư."],
  body=["Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ, Bộ Công "
        "Thương đề nghị Quý Bộ cho ý kiến về dự thảo Kế hoạch phát triển ngành Công Thương năm "
        "2027 (gửi kèm).",
        "Ý kiến của Quý Bộ đề nghị gửi về Bộ Công Thương (qua Vụ Kế hoạch - Tài chính) trước "
        "ngày 15/12/2026 để tổng hợp./."],
  name="Nguyễn Sinh Nhật Tân", subject="V/v xây dựng kế hoạch phát triển ngành Công Thương năm 2027")

# 2
left, right = head("ỦY BAN NHÂN DÂN", "Số: 123/UBND-KT",
                   ["V/v triển khai thực hiện Chỉ thị số 05/CT-TTg", "của Thủ tướng Chính phủ"],
                   "Quảng Ninh, ngày  05  tháng 12 năm 2026", issuer2="TỈNH QUẢNG NINH")
L("ubnd-gmail-fwd", "Gmail forward of a provincial committee's letter, columns stacked; extra "
  "spaces in the date; a deadline without its year at a time of day.", "gmail-fwd",
  W("123/UBND-KT", "2026-12-05", "Quảng Ninh",
    "triển khai thực hiện Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ",
    ["Các sở, ban, ngành thuộc tỉnh", "UBND các huyện, thị xã, thành phố"], "Cao Tường Huy",
    "2026-12-15"),
  style="stack", left=left, right=right,
  orig=("UBND tỉnh Quảng Ninh", "vanthu@quangninh.gov.vn", "Sat, Dec 5, 2026 at 4:12 PM",
        "V/v triển khai thực hiện Chỉ thị số 05/CT-TTg"),
  from_=("Trần Thị Lan", "tranthilan.vp@gmail.com"),
  to=["Kính gửi:", "- Các sở, ban, ngành thuộc tỉnh;", "- UBND các huyện, thị xã, thành phố."],
  body=["Thực hiện Chỉ thị số 05/CT-TTg ngày 20/11/2026 của Thủ tướng Chính phủ, Ủy ban nhân dân "
        "tỉnh yêu cầu các đơn vị báo cáo kết quả triển khai về Sở Kế hoạch và Đầu tư trước 16h00 "
        "ngày 15/12 để tổng hợp, báo cáo Thủ tướng Chính phủ."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Cao Tường Huy")

# 3
left, right = head("BỘ TÀI CHÍNH", "Số: 12458/BTC-NSNN",
                   ["V/v hướng dẫn khóa sổ kế toán", "ngân sách nhà nước năm 2026"],
                   "Hà Nội, ngày 04 tháng 12 năm 2026")
L("btc-pdf-cover", "PDF (two columns, as Word exports it) with a covering mail naming the number; "
  "'chậm nhất vào ngày' in words.", "pdf",
  W("12458/BTC-NSNN", "2026-12-04", "Hà Nội",
    "hướng dẫn khóa sổ kế toán ngân sách nhà nước năm 2026",
    ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"], "Võ Thành Hưng", "2027-01-20"),
  left=left, right=right, pdf_name="12458-BTC-NSNN.signed.pdf",
  cover="Kính gửi Văn phòng,\n\nXin gửi công văn số 12458/BTC-NSNN của Bộ Tài chính.\n\n"
        "Trân trọng.\nVăn thư Bộ Tài chính\n",
  to=["Kính gửi: Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"],
  body=["Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015, Bộ Tài chính "
        "hướng dẫn khóa sổ kế toán ngân sách nhà nước năm 2026 như sau.",
        "Các đơn vị gửi báo cáo quyết toán về Bộ Tài chính chậm nhất vào ngày 20 tháng 01 năm "
        "2027./."],
  name="Võ Thành Hưng")

# 4
left, right = head("BỘ NỘI VỤ", "Số:        /BNV-TCBC",
                   ["V/v đăng ký chỉ tiêu biên chế năm 2027"],
                   "Hà Nội, ngày      tháng 12 năm 2026")
L("bnv-blank-date", "The number and the day left blank for hand-filling (a draft sent ahead); "
  "the place is still Hà Nội; calendar days from receipt (no date deadline).", "outlook",
  W(None, None, "Hà Nội", "đăng ký chỉ tiêu biên chế năm 2027",
    ["Các Bộ, cơ quan ngang Bộ"], "Trương Hải Long", None),
  left=left, right=right,
  to=["Kính gửi: Các Bộ, cơ quan ngang Bộ"],
  body=["Để có cơ sở tổng hợp, Bộ Nội vụ đề nghị các Bộ gửi văn bản đăng ký chỉ tiêu biên chế "
        "năm 2027 trong thời hạn 07 ngày kể từ ngày nhận được văn bản này."],
  name="Trương Hải Long")

# 5
left, right = head("ỦY BAN NHÂN DÂN", "Số: 4567/UBND-VX",
                   ["V/v tổ chức các hoạt động chào mừng", "năm mới 2027"],
                   "TP. Hồ Chí Minh, ngày 03 tháng 12 năm 2026", issuer2="THÀNH PHỐ HỒ CHÍ MINH")
L("hcm-tl-chanh-vp", "TP. Hồ Chí Minh; 'TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG'; 'trước thứ Sáu, ngày "
  "11/12/2026'.", "gmail",
  W("4567/UBND-VX", "2026-12-03", "TP. Hồ Chí Minh",
    "tổ chức các hoạt động chào mừng năm mới 2027",
    ["Sở Văn hóa và Thể thao", "Sở Du lịch"], "Võ Ngọc Quốc Thuận", "2026-12-11"),
  left=left, right=right,
  to=["Kính gửi: Sở Văn hóa và Thể thao; Sở Du lịch."],
  body=["Ủy ban nhân dân Thành phố giao Sở Văn hóa và Thể thao chủ trì xây dựng kế hoạch, trình "
        "Ủy ban nhân dân Thành phố trước thứ Sáu, ngày 11/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- TTUB: CT, các PCT;", "- Lưu: VT, (VX/Th)."],
  title=["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], name="Võ Ngọc Quốc Thuận")

# 6
left, right = head("TẬP ĐOÀN ĐIỆN LỰC", "Số: 07/CV-EVN",
                   ["V/v cung cấp số liệu phụ tải", "phục vụ lập kế hoạch vận hành năm 2027"],
                   "Hà Nội, ngày 02 tháng 12 năm 2026", issuer2="VIỆT NAM")
L("evn-corp", "A corporation: issuer over two lines, 'Số: 07/CV-EVN', 'KT. TỔNG GIÁM ĐỐC'; "
  "a deadline with the hour in words.", "outlook",
  W("07/CV-EVN", "2026-12-02", "Hà Nội",
    "cung cấp số liệu phụ tải phục vụ lập kế hoạch vận hành năm 2027",
    ["Bộ Công Thương"], "Nguyễn Xuân Nam", "2026-12-10"),
  left=left, right=right, to=["Kính gửi: Bộ Công Thương"],
  body=["Tập đoàn Điện lực Việt Nam kính đề nghị Bộ Công Thương cung cấp số liệu phụ tải dự "
        "báo năm 2027 trước 17 giờ ngày 10 tháng 12 năm 2026 để Tập đoàn kịp tổng hợp./."],
  dist=["Nơi nhận:", "- Như trên;", "- HĐTV (để b/c);", "- Lưu: VT, KH."],
  title=["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"], name="Nguyễn Xuân Nam")

# 7
L("company-no-number", "A company's letter with no number at all; place and date on their own "
  "line; relative working days.", "gmail",
  W(None, "2026-12-01", "Hải Phòng", "đề nghị gia hạn thời gian nộp hồ sơ",
    ["Sở Công Thương thành phố Hải Phòng"], "Phạm Văn Đức", None),
  style="stack",
  left=["CÔNG TY CỔ PHẦN CẢNG HẢI PHÒNG", SEP_L, "V/v đề nghị gia hạn thời gian nộp hồ sơ"],
  right=MOTTO + [SEP_R, "", "Hải Phòng, ngày 01 tháng 12 năm 2026"],
  to=["Kính gửi: Sở Công Thương thành phố Hải Phòng"],
  body=["Công ty kính đề nghị Sở xem xét và trả lời trong 05 ngày làm việc kể từ ngày nhận "
        "được văn bản này."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: VT, HC."], title=["TỔNG GIÁM ĐỐC"],
  name="Phạm Văn Đức")

# 8
left, right = head("BỘ TƯ PHÁP", "Số: 4821/BTP-PLDSKT",
                   ["V/v góp ý dự thảo Nghị định sửa đổi, bổ sung", "Nghị định số 15/2020/NĐ-CP"],
                   "Hà Nội, ngày 30 tháng 11 năm 2026")
L("btp-flat", "Columns flattened with single spaces (text extraction); cited decree with its "
  "date in words; 'đề nghị ... gửi về Bộ ... trước ngày'.", "plain",
  W("4821/BTP-PLDSKT", "2026-11-30", "Hà Nội",
    "góp ý dự thảo Nghị định sửa đổi, bổ sung Nghị định số 15/2020/NĐ-CP",
    ["Bộ Thông tin và Truyền thông"], "Nguyễn Thanh Tịnh", "2026-12-14"),
  style="flat", left=left, right=right, to=["Kính gửi: Bộ Thông tin và Truyền thông"],
  body=["Bộ Tư pháp nhận được dự thảo Nghị định sửa đổi, bổ sung Nghị định số 15/2020/NĐ-CP "
        "ngày 03 tháng 02 năm 2020 của Chính phủ. Ngày 25/11/2026, Bộ đã tổ chức họp.",
        "Đề nghị Quý Bộ gửi hồ sơ bổ sung về Bộ Tư pháp trước ngày 14/12/2026."],
  name="Nguyễn Thanh Tịnh")

# 9
left, right = head("SỞ Y TẾ", "Số: 2105/SYT-NVY", ["V/v tăng cường phòng, chống dịch bệnh", "mùa đông xuân"],
                   "Hà Nội, ngày 04 tháng 12 năm 2026", issuer2="THÀNH PHỐ HÀ NỘI")
left[0], left[1] = "UBND THÀNH PHỐ HÀ NỘI", "SỞ Y TẾ"
L("syt-wide", "A department (Sở) under the city; Outlook's plain text of the table padded with "
  "spaces; 'Q. GIÁM ĐỐC'.", "outlook",
  W("2105/SYT-NVY", "2026-12-04", "Hà Nội", "tăng cường phòng, chống dịch bệnh mùa đông xuân",
    ["Các bệnh viện trực thuộc", "Trung tâm Y tế các quận, huyện, thị xã"], "Vũ Cao Cương",
    "2026-12-18"),
  style="wide", left=left, right=right,
  to=["Kính gửi:", "- Các bệnh viện trực thuộc;", "- Trung tâm Y tế các quận, huyện, thị xã."],
  body=["Sở Y tế yêu cầu các đơn vị báo cáo tình hình trước ngày 18/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- UBND Thành phố (để b/c);", "- Lưu: VT, NVY."],
  title=["Q. GIÁM ĐỐC"], name="Vũ Cao Cương")

# 10
left, right = head("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 9876/BKHĐT-TH",
                   ["V/v báo cáo tình hình thực hiện", "kế hoạch đầu tư công năm 2026"],
                   "Hà Nội, ngày 27 tháng 11 năm 2026")
L("bkhdt-nfd", "Apple Mail in NFD; the Đ of the symbol.", "nfd",
  W("9876/BKHĐT-TH", "2026-11-27", "Hà Nội",
    "báo cáo tình hình thực hiện kế hoạch đầu tư công năm 2026",
    ["Các Bộ, cơ quan trung ương", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
    "Trần Quốc Phương", "2026-12-20"),
  left=left, right=right,
  to=["Kính gửi:", "- Các Bộ, cơ quan trung ương;",
      "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương."],
  body=["Đề nghị các Bộ, cơ quan và địa phương gửi báo cáo về Bộ Kế hoạch và Đầu tư trước ngày "
        "20 tháng 12 năm 2026."],
  name="Trần Quốc Phương")

# 11
left, right = head("UY BAN NHAN DAN", "So: 1536/UBND-NC",
                   ["V/v tang cuong cong tac phong chay", "chua chay dip Tet Nguyen dan"],
                   "Bac Ninh, ngay 02 thang 12 nam 2026", issuer2="TINH BAC NINH")
right[0], right[1] = "CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc"
L("bacninh-ascii", "Typed without diacritics throughout.", "plain",
  W("1536/UBND-NC", "2026-12-02", "Bac Ninh",
    "tang cuong cong tac phong chay chua chay dip Tet Nguyen dan",
    ["Cong an tinh", "UBND cac huyen, thi xa, thanh pho"], "Nguyen Huong Giang", "2026-12-25"),
  left=left, right=right, ascii=True,
  to=["Kính gửi:", "- Công an tỉnh;", "- UBND các huyện, thị xã, thành phố."],
  body=["Yêu cầu các đơn vị báo cáo kết quả thực hiện về UBND tỉnh (qua Công an tỉnh) chậm nhất "
        "ngày 25/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Nguyễn Hương Giang")

# 12
left, right = head("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 6543/BGDĐT-GDTrH",
                   ["V/v hướng dẫn tổ chức kiểm tra", "cuối học kỳ I năm học 2026-2027"],
                   "Hà Nội, ngày 01 tháng 12 năm 2026")
L("bgddt-cp1258", "Outlook writing windows-1258 (tones as combining marks).", "cp1258",
  W("6543/BGDĐT-GDTrH", "2026-12-01", "Hà Nội",
    "hướng dẫn tổ chức kiểm tra cuối học kỳ I năm học 2026-2027",
    ["Các Sở Giáo dục và Đào tạo"], "Phạm Ngọc Thưởng", "2027-01-15"),
  left=left, right=right, to=["Kính gửi: Các Sở Giáo dục và Đào tạo"],
  body=["Các Sở báo cáo kết quả về Bộ (qua Vụ Giáo dục Trung học) trước ngày 15/01/2027."],
  name="Phạm Ngọc Thưởng")

# 13
left, right = head("VĂN PHÒNG CHÍNH PHỦ", "Số: 8765/VPCP-KTTH",
                   ["V/v triển khai Nghị quyết phiên họp", "Chính phủ thường kỳ tháng 11 năm 2026"],
                   "Hà Nội, ngày 03 tháng 12 năm 2026")
L("vpcp-html", "Webmail HTML only, the header a table.", "html",
  W("8765/VPCP-KTTH", "2026-12-03", "Hà Nội",
    "triển khai Nghị quyết phiên họp Chính phủ thường kỳ tháng 11 năm 2026",
    ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"], "Trần Văn Sơn", "2026-12-12"),
  left=left, right=right,
  to=["Kính gửi: Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"],
  body=["Văn phòng Chính phủ đề nghị các Bộ báo cáo tình hình thực hiện trước ngày 12/12/2026 để "
        "tổng hợp."],
  title=["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"], name="Trần Văn Sơn")

# 14
left, right = head("BỘ NÔNG NGHIỆP", "Số: 7890/BNN-KH",
                   ["V/v rà soát danh mục dự án", "đầu tư công trung hạn"],
                   "Hà Nội, ngày 26 tháng 11 năm 2026", issuer2="VÀ PHÁT TRIỂN NÔNG THÔN")
L("bnn-outlook-fwd", "Forwarded by a clerk from Outlook in Vietnamese ('Từ: ... Đã gửi: ...').",
  "outlook-fwd",
  W("7890/BNN-KH", "2026-11-26", "Hà Nội", "rà soát danh mục dự án đầu tư công trung hạn",
    ["Các Cục, Vụ thuộc Bộ"], "Nguyễn Hoàng Hiệp", "2026-12-09"),
  left=left, right=right,
  orig=("Văn thư Bộ NN&PTNT", "vanthu@mard.gov.vn", "Thứ Năm, 26 tháng 11, 2026 4:30 CH",
        "V/v rà soát danh mục dự án đầu tư công trung hạn"),
  from_=("Nguyễn Thị Hoa", "hoa.nt@example.gov.vn"),
  to=["Kính gửi: Các Cục, Vụ thuộc Bộ"],
  body=["Bộ yêu cầu các đơn vị rà soát, gửi kết quả về Vụ Kế hoạch trước ngày 09/12/2026."],
  name="Nguyễn Hoàng Hiệp")

# 15
left, right = head("BỘ XÂY DỰNG", "Số: 5432/BXD-HĐXD",
                   ["V/v hướng dẫn thực hiện Luật Xây dựng"],
                   "Hà Nội, ngày 24 tháng 11 năm 2026")
L("bxd-tbird-fwd", "Thunderbird forward; numeric date after the place.", "tbird-fwd",
  W("5432/BXD-HĐXD", "2026-11-24", "Hà Nội", "hướng dẫn thực hiện Luật Xây dựng",
    ["Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương"], "Bùi Hồng Minh", "2026-12-24"),
  left=left, right=right,
  orig=("Văn thư Bộ Xây dựng", "vanthu@moc.gov.vn", "24/11/2026 15:02",
        "V/v hướng dẫn thực hiện Luật Xây dựng"),
  from_=("Lê Văn Khánh", "khanh.lv@example.gov.vn"),
  to=["Kính gửi: Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương"],
  body=["Đề nghị các Sở báo cáo những vướng mắc trước ngày 24/12/2026."],
  name="Bùi Hồng Minh")

# 16
L("qd-ve-viec", "A decision: 'QUYẾT ĐỊNH / Về việc ...'; its date before the effect clause; no "
  "deadline (the date it takes effect is none).", "outlook",
  W("1520/QĐ-UBND", "2026-12-02", "Đà Nẵng",
    "phê duyệt Kế hoạch chuyển đổi số năm 2027", [], "Lê Trung Chinh", None),
  left=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG", SEP_L, "Số: 1520/QĐ-UBND"],
  right=MOTTO + [SEP_R, "Đà Nẵng, ngày 02 tháng 12 năm 2026"],
  to=["QUYẾT ĐỊNH", "Về việc phê duyệt Kế hoạch chuyển đổi số năm 2027", "",
      "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG"],
  body=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Điều 1. Phê duyệt Kế hoạch chuyển đổi số năm 2027 (kèm theo).",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."],
  dist=["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, KGVX."], title=["CHỦ TỊCH"],
  name="Lê Trung Chinh")

# 17
left, right = head("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 4410/BTTTT-CĐSQG",
                   ["V/v giấy mời họp trực tuyến về", "chuyển đổi số quốc gia"],
                   "Hà Nội, ngày 04 tháng 12 năm 2026")
L("btttt-giay-moi", "An invitation: the meeting's time is no deadline, the registration's is.",
  "gmail",
  W("4410/BTTTT-CĐSQG", "2026-12-04", "Hà Nội", "giấy mời họp trực tuyến về chuyển đổi số quốc gia",
    ["Các Bộ, cơ quan ngang Bộ"], "Phạm Đức Long", "2026-12-10"),
  left=left, right=right, to=["Kính gửi: Các Bộ, cơ quan ngang Bộ"],
  body=["Thời gian: 08 giờ 00, ngày 15/12/2026.", "Địa điểm: Phòng họp trực tuyến, 18 Nguyễn Du.",
        "Đề nghị các đơn vị đăng ký danh sách đại biểu trước ngày 10/12/2026."],
  name="Phạm Đức Long")

# 18
left, right = head("NGÂN HÀNG NHÀ NƯỚC", "Số: 9012/NHNN-TT",
                   ["V/v bảo đảm thanh toán dịp cuối năm"],
                   "Hà Nội, ngày 03 tháng 12 năm 2026", issuer2="VIỆT NAM")
L("nhnn-deadline-later", "A past 'trước ngày' before the letter's date, then the real one; "
  "'Thời hạn gửi báo cáo: trước ngày'.", "outlook",
  W("9012/NHNN-TT", "2026-12-03", "Hà Nội", "bảo đảm thanh toán dịp cuối năm",
    ["Các tổ chức tín dụng"], "Phạm Tiến Dũng", "2026-12-25"),
  left=left, right=right, to=["Kính gửi: Các tổ chức tín dụng"],
  body=["Thực hiện Công văn số 123/VPCP-KTTH ngày 01/12/2026, trước ngày 30/11/2026 các đơn vị "
        "đã báo cáo số liệu tháng 11.",
        "Thời hạn gửi báo cáo: trước ngày 25/12/2026."],
  title=["KT. THỐNG ĐỐC", "PHÓ THỐNG ĐỐC"], name="Phạm Tiến Dũng")

# 19
left, right = head("ĐẠI SỨ QUÁN VIỆT NAM", "Số: 215/ĐSQ-LS", ["V/v hỗ trợ công dân"],
                   "Berlin, ngày 02 tháng 12 năm 2026", issuer2="TẠI CỘNG HÒA LIÊN BANG ĐỨC")
L("embassy-berlin", "An embassy abroad: place Berlin; 'KT. ĐẠI SỨ / THAM TÁN CÔNG SỨ'.", "outlook",
  W("215/ĐSQ-LS", "2026-12-02", "Berlin", "hỗ trợ công dân", ["Cục Lãnh sự - Bộ Ngoại giao"],
    "Nguyễn Văn Hùng", "2026-12-16"),
  left=left, right=right, to=["Kính gửi: Cục Lãnh sự - Bộ Ngoại giao"],
  body=["Đại sứ quán đề nghị Cục cho ý kiến trước ngày 16/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: LS."],
  title=["KT. ĐẠI SỨ", "THAM TÁN CÔNG SỨ"], name="Nguyễn Văn Hùng")

# 20
left, right = head("BỘ Y TẾ", "Số: 7001/BYT-KH-TC",
                   ["V/v xây dựng dự toán ngân sách năm 2027"],
                   "Hà Nội, ngày 27 tháng 11 năm 2026")
L("byt-inline-to", "'Kính gửi:' with the addressees inline, separated by ';'; a three-part "
  "symbol; Nơi nhận before the signature.", "outlook",
  W("7001/BYT-KH-TC", "2026-11-27", "Hà Nội", "xây dựng dự toán ngân sách năm 2027",
    ["Bộ Tài chính", "Bộ Nội vụ", "Văn phòng Chính phủ"], "Đỗ Xuân Tuyên", "2026-12-08"),
  left=left, right=right, sign="before",
  to=["Kính gửi: Bộ Tài chính; Bộ Nội vụ; Văn phòng Chính phủ."],
  body=["Bộ Y tế đề nghị Quý cơ quan có ý kiến trước ngày 08/12/2026."],
  name="Đỗ Xuân Tuyên")

# 21
left, right = head("BỘ LAO ĐỘNG - THƯƠNG BINH", "Số: 5123/LĐTBXH-BHXH",
                   ["V/v hướng dẫn điều chỉnh lương hưu"],
                   "Hà Nội, ngày 30 tháng 11 năm 2026", issuer2="VÀ XÃ HỘI")
L("ldtbxh-wrapped-to", "One addressee wrapped over two lines (the second lower case).", "outlook",
  W("5123/LĐTBXH-BHXH", "2026-11-30", "Hà Nội", "hướng dẫn điều chỉnh lương hưu",
    ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], "Lê Văn Thanh", "2026-12-31"),
  left=left, right=right,
  to=["Kính gửi: Ủy ban nhân dân các tỉnh, thành phố", "trực thuộc Trung ương"],
  body=["Đề nghị các địa phương báo cáo kết quả thực hiện trước ngày 31/12/2026."],
  name="Lê Văn Thanh")

# 22
left, right = head("BỘ CÔNG AN", "Số: 3456/BCA-V03", ["V/v phối hợp bảo đảm an ninh, trật tự"],
                   "Hà Nội, ngày 01 tháng 12 năm 2026")
L("bca-signed-note", "'(Đã ký)' between title and name, then a digital signature's lines.",
  "outlook",
  W("3456/BCA-V03", "2026-12-01", "Hà Nội", "phối hợp bảo đảm an ninh, trật tự",
    ["Bộ Công Thương"], "Lê Quốc Hùng", "2026-12-21"),
  left=left, right=right, signed_note=True, to=["Kính gửi: Bộ Công Thương"],
  body=["Đề nghị Bộ Công Thương phối hợp, có văn bản trả lời trước ngày 21/12/2026."],
  name="Lê Quốc Hùng",
  after_sign=["", "Ký bởi: Bộ Công an", "Email: vanthu@bocongan.gov.vn",
              "Cơ quan: Bộ Công an", "Thời gian ký: 01.12.2026 16:45:12 +07:00"])

# 23
left, right = head("BỘ NGOẠI GIAO", "Số: 4102/BNG-LPQT", ["V/v góp ý dự thảo Hiệp định"],
                   "Hà Nội, ngày 05 tháng 12 năm 2026")
L("bng-dotted-deadline", "The deadline written with dots ('15.12.2026').", "gmail",
  W("4102/BNG-LPQT", "2026-12-05", "Hà Nội", "góp ý dự thảo Hiệp định", ["Bộ Công Thương"],
    "Đỗ Hùng Việt", "2026-12-15"),
  left=left, right=right, to=["Kính gửi: Bộ Công Thương"],
  body=["Bộ Ngoại giao đề nghị Quý Bộ gửi ý kiến bằng văn bản trước ngày 15.12.2026."],
  name="Đỗ Hùng Việt")

# 24
left, right = head("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 8123/BTNMT-KHTC",
                   ["V/v đôn đốc báo cáo"], "Hà Nội, ngày 02 tháng 12 năm 2026")
L("btnmt-cham-nhat-truoc", "'chậm nhất trước 17h00 ngày 14/12/2026'.", "outlook",
  W("8123/BTNMT-KHTC", "2026-12-02", "Hà Nội", "đôn đốc báo cáo",
    ["Các đơn vị trực thuộc Bộ"], "Lê Công Thành", "2026-12-14"),
  left=left, right=right, to=["Kính gửi: Các đơn vị trực thuộc Bộ"],
  body=["Đề nghị các đơn vị gửi báo cáo chậm nhất trước 17h00 ngày 14/12/2026."],
  name="Lê Công Thành")

# 25
left, right = head("UBND TỈNH LÀO CAI", "Số: 6789/UBND-TH", ["V/v gia hạn thời gian báo cáo"],
                   "Lào Cai, ngày 03 tháng 12 năm 2026")
L("laocai-thoi-han-thang", "'Thời hạn: trong tháng 12/2026' (the month's last day).", "gmail",
  W("6789/UBND-TH", "2026-12-03", "Lào Cai", "gia hạn thời gian báo cáo",
    ["Sở Tài chính"], "Trịnh Xuân Trường", "2026-12-31"),
  left=left, right=right, to=["Kính gửi: Sở Tài chính"],
  body=["UBND tỉnh đồng ý để Sở Tài chính hoàn thành báo cáo. Thời hạn: trong tháng 12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Trịnh Xuân Trường")

# 26
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8001/BCT-ĐTĐL",
                   ["V/v đôn đốc tiến độ các dự án", "nguồn điện trọng điểm"],
                   "Hà Nội, ngày 04 tháng 12 năm 2026")
L("bct-pdf-sideby", "PDF with 'Nơi nhận' left and the title right at the same height.", "pdf",
  W("8001/BCT-ĐTĐL", "2026-12-04", "Hà Nội",
    "đôn đốc tiến độ các dự án nguồn điện trọng điểm",
    ["Tập đoàn Điện lực Việt Nam", "Tập đoàn Dầu khí Việt Nam"], "Nguyễn Hoàng Long",
    "2026-12-18"),
  left=left, right=right, pdf_name="8001_BCT-DTDL.pdf",
  to=["Kính gửi:", "- Tập đoàn Điện lực Việt Nam;", "- Tập đoàn Dầu khí Việt Nam."],
  body=["Bộ Công Thương yêu cầu các Tập đoàn báo cáo tiến độ trước ngày 18/12/2026."],
  name="Nguyễn Hoàng Long")

# 27
left, right = head("SỞ TÀI CHÍNH", "Số: 3210/STC-QLNS",
                   ["V/v thẩm định dự toán năm 2027"], "Cần Thơ, ngày 01 tháng 12 năm 2026",
                   issuer2="")
left = ["UBND THÀNH PHỐ CẦN THƠ", "SỞ TÀI CHÍNH", SEP_L, "Số: 3210/STC-QLNS",
        "V/v thẩm định dự toán năm 2027"]
L("stc-cantho-pdf-cover", "PDF attached to a mail that says 'xin gửi công văn số ...'; "
  "'TL. GIÁM ĐỐC / TRƯỞNG PHÒNG'.", "pdf",
  W("3210/STC-QLNS", "2026-12-01", "Cần Thơ", "thẩm định dự toán năm 2027",
    ["Các sở, ban, ngành thành phố"], "Huỳnh Thị Mai", "2026-12-11"),
  left=left, right=right, pdf_name="CV 3210 STC.pdf",
  cover="Kính gửi Văn phòng,\nXin gửi công văn số 3210/STC-QLNS ngày 01/12/2026 của Sở Tài "
        "chính.\nTrân trọng!\n",
  to=["Kính gửi: Các sở, ban, ngành thành phố"],
  body=["Sở Tài chính đề nghị các đơn vị gửi hồ sơ trước ngày 11/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: VT, QLNS."],
  title=["TL. GIÁM ĐỐC", "TRƯỞNG PHÒNG QUẢN LÝ NGÂN SÁCH"], name="Huỳnh Thị Mai")

# 28
left, right = head("BỘ QUỐC PHÒNG", "Số: 5012/BQP-TM", ["V/v phối hợp tổ chức diễn tập"],
                   "Hà Nội, ngày 28 tháng 11 năm 2026")
L("bqp-two-dates", "A meeting's date, a decree's date, then the deadline; 'Hạn cuối:'.",
  "outlook",
  W("5012/BQP-TM", "2026-11-28", "Hà Nội", "phối hợp tổ chức diễn tập", ["Bộ Công Thương"],
    "Hoàng Xuân Chiến", "2026-12-11"),
  left=left, right=right, to=["Kính gửi: Bộ Công Thương"],
  body=["Căn cứ Nghị định số 02/2019/NĐ-CP ngày 02 tháng 01 năm 2019; ngày 10/12/2026 Bộ Quốc "
        "phòng tổ chức họp triển khai diễn tập.",
        "Đề nghị Bộ Công Thương cử cán bộ tham gia. Hạn cuối: ngày 11/12/2026."],
  name="Hoàng Xuân Chiến")

# 29
left, right = head("ỦY BAN NHÂN DÂN", "Số: 888/UBND-KGVX",
                   ["V/v tổ chức Tết Nguyên đán", "Đinh Mùi năm 2027"],
                   "Nghệ An, ngày 04 tháng 12 năm 2026", issuer2="TỈNH NGHỆ AN")
L("nghean-interleaved", "Interleaved columns where the date shares the line of the V/v (tab).",
  "outlook",
  W("888/UBND-KGVX", "2026-12-04", "Nghệ An", "tổ chức Tết Nguyên đán Đinh Mùi năm 2027",
    ["Các sở, ban, ngành cấp tỉnh"], "Bùi Đình Long", "2026-12-20"),
  left=["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "Số: 888/UBND-KGVX", "V/v tổ chức Tết Nguyên đán",
        "Đinh Mùi năm 2027"],
  right=MOTTO + ["", "Nghệ An, ngày 04 tháng 12 năm 2026"],
  to=["Kính gửi: Các sở, ban, ngành cấp tỉnh"],
  body=["Các đơn vị báo cáo kế hoạch về UBND tỉnh trước ngày 20/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Bùi Đình Long")

# 30
L("nghean-interleaved-flat", "The same interleaving flattened with single spaces: 'V/v ... Nghệ "
  "An, ngày ...' on one line.", "plain",
  W("889/UBND-KGVX", "2026-12-04", "Nghệ An", "tổ chức Tết Nguyên đán Đinh Mùi năm 2027",
    ["Các sở, ban, ngành cấp tỉnh"], "Bùi Đình Long", "2026-12-20"),
  style="flat", sign="flat",
  left=["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "Số: 889/UBND-KGVX", "V/v tổ chức Tết Nguyên đán",
        "Đinh Mùi năm 2027"],
  right=MOTTO + ["", "Nghệ An, ngày 04 tháng 12 năm 2026"],
  to=["Kính gửi: Các sở, ban, ngành cấp tỉnh"],
  body=["Các đơn vị báo cáo kế hoạch về UBND tỉnh trước ngày 20/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Bùi Đình Long")

# 31
left, right = head("BỘ TÀI CHÍNH", "Số 45/2026/TT-BTC", [], "Hà Nội, ngày 30 tháng 11 năm 2026")
L("thong-tu-no-colon", "A circular: 'Số 45/2026/TT-BTC' without the colon; no V/v (the title "
  "is its own block); its date of effect is no deadline.", "outlook",
  W("45/2026/TT-BTC", "2026-11-30", "Hà Nội",
    "Quy định chế độ báo cáo tài chính của doanh nghiệp nhà nước", [], "Cao Anh Tuấn", None),
  left=left, right=right,
  to=["THÔNG TƯ", "Quy định chế độ báo cáo tài chính của doanh nghiệp nhà nước"],
  body=["Căn cứ Luật Kế toán ngày 20 tháng 11 năm 2015;",
        "Điều 1. Phạm vi điều chỉnh.",
        "Điều 2. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 01 năm 2027."],
  dist=["Nơi nhận:", "- Văn phòng Chính phủ;", "- Công báo;", "- Lưu: VT, TCDN."],
  name="Cao Anh Tuấn")

# 32
left, right = head("BỘ CÔNG THƯƠNG", "Số:  1234/BCT-KH", ["V/v báo cáo tình hình xuất khẩu"],
                   "Hà Nội, ngày 5/12/2026")
left[2] = "Số:  7012/BCT-XNK"
L("bct-numeric-date", "Two spaces after 'Số:'; 'Hà Nội, ngày 5/12/2026'.", "gmail",
  W("7012/BCT-XNK", "2026-12-05", "Hà Nội", "báo cáo tình hình xuất khẩu",
    ["Các Thương vụ Việt Nam ở nước ngoài"], "Phan Thị Thắng", "2026-12-19"),
  left=left, right=right, to=["Kính gửi: Các Thương vụ Việt Nam ở nước ngoài"],
  body=["Đề nghị các Thương vụ gửi báo cáo về Bộ trước ngày 19/12/2026."],
  name="Phan Thị Thắng")

# 33
left, right = head("TỔNG CÔNG TY ĐƯỜNG SẮT", "Số: 1520/ĐS-KHKD",
                   ["V/v kế hoạch vận tải Tết Nguyên đán 2027"],
                   "Hà Nội, ngày 02 tháng 12 năm 2026", issuer2="VIỆT NAM")
L("vnr-stack-before", "Stacked columns, 'Nơi nhận' before the signature, a title over two "
  "lines without KT.", "gmail",
  W("1520/ĐS-KHKD", "2026-12-02", "Hà Nội", "kế hoạch vận tải Tết Nguyên đán 2027",
    ["Cục Đường sắt Việt Nam"], "Đặng Sỹ Mạnh", "2026-12-12"),
  style="stack", sign="before", left=left, right=right,
  to=["Kính gửi: Cục Đường sắt Việt Nam"],
  body=["Tổng công ty đề nghị Cục cho ý kiến trước ngày 12/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- HĐTV (b/c);", "- Lưu: VT, KHKD."],
  title=["TỔNG GIÁM ĐỐC"], name="Đặng Sỹ Mạnh")

# 34
left, right = head("SỞ CÔNG THƯƠNG", "Số: 2468/SCT-QLCN",
                   ["V/v kiểm tra an toàn hóa chất"], "Bình Dương, ngày 30 tháng 11 năm 2026")
left = ["UBND TỈNH BÌNH DƯƠNG", "SỞ CÔNG THƯƠNG", SEP_L, "Số: 2468/SCT-QLCN",
        "V/v kiểm tra an toàn hóa chất"]
L("sct-binhduong-gia-han", "'gia hạn ... đến ngày' is the new deadline.", "outlook",
  W("2468/SCT-QLCN", "2026-11-30", "Bình Dương", "kiểm tra an toàn hóa chất",
    ["Các doanh nghiệp hoạt động hóa chất"], "Nguyễn Thanh Toàn", "2026-12-31"),
  left=left, right=right, to=["Kính gửi: Các doanh nghiệp hoạt động hóa chất"],
  body=["Theo đề nghị của các doanh nghiệp, Sở Công Thương đồng ý gia hạn thời gian nộp báo cáo "
        "đến ngày 31/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: VT, QLCN."], title=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
  name="Nguyễn Thanh Toàn")

# 35
left, right = head("BỘ VĂN HÓA, THỂ THAO", "Số: 4999/BVHTTDL-KHTC",
                   ["V/v đề xuất nhiệm vụ năm 2027"], "Hà Nội, ngày 27 tháng 11 năm 2026",
                   issuer2="VÀ DU LỊCH")
L("bvhttdl-tl-vu-truong", "'TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ KẾ HOẠCH, TÀI CHÍNH'; deadline as "
  "'không muộn hơn ngày'.", "outlook",
  W("4999/BVHTTDL-KHTC", "2026-11-27", "Hà Nội", "đề xuất nhiệm vụ năm 2027",
    ["Các đơn vị thuộc Bộ"], "Trần Thị Hương", "2026-12-10"),
  left=left, right=right, to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Đề nghị các đơn vị gửi đề xuất không muộn hơn ngày 10/12/2026."],
  title=["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ KẾ HOẠCH, TÀI CHÍNH"], name="Trần Thị Hương")

# 36
left, right = head("BỘ GIAO THÔNG VẬN TẢI", "Số: 12001/BGTVT-KHĐT",
                   ["V/v đẩy nhanh giải ngân vốn đầu tư công"],
                   "Hà Nội, ngày 30 tháng 11 năm 2026")
L("bgtvt-from-issue", "'trong 10 ngày kể từ ngày ký' (days from the letter's date): no date "
  "deadline in the JSON.", "outlook",
  W("12001/BGTVT-KHĐT", "2026-11-30", "Hà Nội", "đẩy nhanh giải ngân vốn đầu tư công",
    ["Các Ban Quản lý dự án thuộc Bộ"], "Nguyễn Danh Huy", None),
  left=left, right=right, to=["Kính gửi: Các Ban Quản lý dự án thuộc Bộ"],
  body=["Các Ban báo cáo kết quả trong 10 ngày kể từ ngày ký văn bản này."],
  name="Nguyễn Danh Huy")

# 37
left, right = head("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 3333/BKHCN-KHTC",
                   ["V/v thông báo kết quả thẩm định"], "Hà Nội, ngày 03 tháng 12 năm 2026")
L("bkhcn-no-deadline", "No deadline: only past dates and 'trước đây'.", "gmail",
  W("3333/BKHCN-KHTC", "2026-12-03", "Hà Nội", "thông báo kết quả thẩm định",
    ["Viện Hàn lâm Khoa học và Công nghệ Việt Nam"], "Bùi Thế Duy", None),
  left=left, right=right, to=["Kính gửi: Viện Hàn lâm Khoa học và Công nghệ Việt Nam"],
  body=["Ngày 20/11/2026, Hội đồng đã họp thẩm định. Trước đây, ngày 05/10/2026, Bộ đã có văn "
        "bản số 2890/BKHCN-KHTC. Bộ thông báo kết quả để Quý Viện biết."],
  name="Bùi Thế Duy")

# 38
left, right = head("ỦY BAN NHÂN DÂN", "Số: 2233/UBND-NN", ["V/v phòng chống rét cho gia súc"],
                   "Hà Giang, ngày 05 tháng 12 năm 2026", issuer2="TỈNH HÀ GIANG")
L("hagiang-pdf-tm", "PDF of a provincial committee with 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / "
  "PHÓ CHỦ TỊCH'.", "pdf",
  W("2233/UBND-NN", "2026-12-05", "Hà Giang", "phòng chống rét cho gia súc",
    ["Sở Nông nghiệp và Phát triển nông thôn", "UBND các huyện, thành phố"], "Hoàng Gia Long",
    "2026-12-15"),
  left=left, right=right, pdf_name="2233-UBND-NN.pdf",
  to=["Kính gửi:", "- Sở Nông nghiệp và Phát triển nông thôn;", "- UBND các huyện, thành phố."],
  body=["UBND tỉnh yêu cầu các đơn vị báo cáo tình hình trước ngày 15/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Hoàng Gia Long")

# 39
left, right = head("BỘ NỘI VỤ", "Số: 6001/BNV-CCVC", ["V/v thi nâng ngạch công chức năm 2026"],
                   "Hà Nội, ngày 26 tháng 11 năm 2026")
L("bnv-outlook-fwd-pdf", "Outlook forward whose note only names the letter, the letter in a PDF "
  "attached.", "pdf",
  W("6001/BNV-CCVC", "2026-11-26", "Hà Nội", "thi nâng ngạch công chức năm 2026",
    ["Các Bộ, cơ quan ngang Bộ"], "Vũ Đăng Minh", "2026-12-15"),
  left=left, right=right, pdf_name="6001-BNV-CCVC.pdf",
  cover="Kính gửi Văn phòng,\n\nEm chuyển công văn số 6001/BNV-CCVC của Bộ Nội vụ để vào "
        "sổ.\n\n________________________________\nTừ: Văn thư Bộ Nội vụ <vanthu@moha.gov.vn>\n"
        "Đã gửi: Thứ Năm, 26 tháng 11, 2026 5:10 CH\nĐến: Văn thư <vanthu@example.gov.vn>\n"
        "Chủ đề: Công văn 6001/BNV-CCVC\n\nBộ Nội vụ gửi công văn (file đính kèm).\n",
  to=["Kính gửi: Các Bộ, cơ quan ngang Bộ"],
  body=["Bộ Nội vụ đề nghị các Bộ gửi danh sách công chức dự thi trước ngày 15/12/2026."],
  title=["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], name="Vũ Đăng Minh")

# 40
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8102/BCT-TTTN",
                   ["V/v bảo đảm cung ứng hàng hóa", "dịp cuối năm và Tết Nguyên đán"],
                   "Hà Nội, ngày 05 tháng 12 năm 2026")
L("bct-gmail-deadline-weekday-no-year", "'trước thứ Năm, ngày 17/12' without the year.",
  "gmail",
  W("8102/BCT-TTTN", "2026-12-05", "Hà Nội",
    "bảo đảm cung ứng hàng hóa dịp cuối năm và Tết Nguyên đán",
    ["Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương"], "Phan Thị Thắng", "2026-12-17"),
  left=left, right=right, to=["Kính gửi: Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương"],
  body=["Đề nghị các Sở báo cáo phương án trước thứ Năm, ngày 17/12."],
  name="Phan Thị Thắng")

# 41
left, right = head("KIỂM TOÁN NHÀ NƯỚC", "Số: 1122/KTNN-TH", ["V/v cung cấp hồ sơ kiểm toán"],
                   "Hà Nội, ngày 01 tháng 12 năm 2026")
L("ktnn-thoi-han-cung-cap", "'Thời hạn cung cấp hồ sơ: trước ngày ...' (more words between).",
  "outlook",
  W("1122/KTNN-TH", "2026-12-01", "Hà Nội", "cung cấp hồ sơ kiểm toán", ["Bộ Công Thương"],
    "Đoàn Xuân Tiên", "2026-12-09"),
  left=left, right=right, to=["Kính gửi: Bộ Công Thương"],
  body=["Thời hạn cung cấp hồ sơ: trước ngày 09/12/2026."],
  title=["KT. TỔNG KIỂM TOÁN", "PHÓ TỔNG KIỂM TOÁN"], name="Đoàn Xuân Tiên")

# 42
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8200/BCT-PC", ["V/v lấy ý kiến dự thảo Luật"],
                   "Hà Nội, ngày 04 tháng 12 năm 2026")
L("bct-ngay-thang-nam-deadline", "'trước ngày 18 tháng 12 năm 2026' in words, after "
  "'Nghị quyết số 15/NQ-CP ngày 10 tháng 02 năm 2026'.", "outlook",
  W("8200/BCT-PC", "2026-12-04", "Hà Nội", "lấy ý kiến dự thảo Luật",
    ["Các Bộ, cơ quan ngang Bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
    "Nguyễn Sinh Nhật Tân", "2026-12-18"),
  left=left, right=right,
  to=["Kính gửi:", "- Các Bộ, cơ quan ngang Bộ;",
      "- Ủy ban nhân dân các tỉnh, thành phố", "trực thuộc Trung ương."],
  body=["Thực hiện Nghị quyết số 15/NQ-CP ngày 10 tháng 02 năm 2026 của Chính phủ, Bộ Công "
        "Thương đề nghị Quý cơ quan góp ý và gửi về Bộ trước ngày 18 tháng 12 năm 2026."],
  name="Nguyễn Sinh Nhật Tân")

# 43
left, right = head("ỦY BAN NHÂN DÂN", "Số: 5566/UBND-KT", ["V/v triển khai thu ngân sách"],
                   "Hà Nội, ngày 03 tháng 12 năm 2026", issuer2="THÀNH PHỐ HÀ NỘI")
L("hanoi-cp1258-flat", "windows-1258 and flattened columns.", "cp1258",
  W("5566/UBND-KT", "2026-12-03", "Hà Nội", "triển khai thu ngân sách",
    ["Cục Thuế Thành phố", "Sở Tài chính"], "Hà Minh Hải", "2026-12-22"),
  style="flat", sign="flat", left=left, right=right,
  to=["Kính gửi:", "- Cục Thuế Thành phố;", "- Sở Tài chính."],
  body=["UBND Thành phố yêu cầu các đơn vị báo cáo trước ngày 22/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Hà Minh Hải")

# 44
left, right = head("BỘ TÀI CHÍNH", "Số: 12600/BTC-QLCS", ["V/v xử lý tài sản công"],
                   "Hà Nội, ngày 06 tháng 12 năm 2026")
L("btc-nfd-flat", "NFD and flattened columns; the signature block flattened too.", "nfd",
  W("12600/BTC-QLCS", "2026-12-06", "Hà Nội", "xử lý tài sản công", ["Bộ Công Thương"],
    "Bùi Văn Khắng", "2026-12-16"),
  style="flat", sign="flat", left=left, right=right, to=["Kính gửi: Bộ Công Thương"],
  body=["Đề nghị Bộ Công Thương gửi ý kiến trước ngày 16/12/2026."],
  name="Bùi Văn Khắng")

# 45
left, right = head("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 3030/SGDĐT-GDTrH",
                   ["V/v tổ chức thi học sinh giỏi"], "Thanh Hóa, ngày 30 tháng 11 năm 2026")
left = ["UBND TỈNH THANH HÓA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", SEP_L, "Số: 3030/SGDĐT-GDTrH",
        "V/v tổ chức thi học sinh giỏi"]
L("sgddt-thanhhoa-list-inline-dash", "'Kính gửi: - A; - B.' on one line.", "gmail",
  W("3030/SGDĐT-GDTrH", "2026-11-30", "Thanh Hóa", "tổ chức thi học sinh giỏi",
    ["Phòng GDĐT các huyện, thị xã, thành phố", "Các trường THPT"], "Lê Văn Xuân", "2026-12-12"),
  left=left, right=right,
  to=["Kính gửi: - Phòng GDĐT các huyện, thị xã, thành phố; - Các trường THPT."],
  body=["Các đơn vị đăng ký dự thi trước ngày 12/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: VT, GDTrH."], title=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
  name="Lê Văn Xuân")

# 46
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8300/BCT-TCCB", ["V/v cử cán bộ tham gia đoàn công tác"],
                   "Hà Nội, ngày 04 tháng 12 năm 2026")
L("bct-trong-ngay", "'gửi ... trong ngày 08/12/2026' reads as a deadline here, but 'trong "
  "ngày 15/12/2026, Bộ tổ chức hội nghị' is the day of an event: ambiguous, no deadline read "
  "(null rather than a wrong date).", "outlook",
  W("8300/BCT-TCCB", "2026-12-04", "Hà Nội", "cử cán bộ tham gia đoàn công tác",
    ["Các đơn vị thuộc Bộ"], "Trương Thanh Hoài", None),
  left=left, right=right, to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Đề nghị các đơn vị gửi danh sách cán bộ về Vụ Tổ chức cán bộ trong ngày 08/12/2026."],
  name="Trương Thanh Hoài")

# 47
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8400/BCT-KHCN", ["V/v đăng ký nhiệm vụ khoa học"],
                   "Hà Nội, ngày 01 tháng 12 năm 2026")
L("bct-han-dang-ky", "'Hạn đăng ký: 20/12/2026' without 'ngày'.", "gmail",
  W("8400/BCT-KHCN", "2026-12-01", "Hà Nội", "đăng ký nhiệm vụ khoa học",
    ["Các Viện nghiên cứu thuộc Bộ"], "Nguyễn Hoàng Long", "2026-12-20"),
  left=left, right=right, to=["Kính gửi: Các Viện nghiên cứu thuộc Bộ"],
  body=["Hồ sơ gửi về Vụ Khoa học và Công nghệ. Hạn đăng ký: 20/12/2026."],
  name="Nguyễn Hoàng Long")

# 48
left, right = head("ỦY BAN NHÂN DÂN", "Số: 7788/UBND-XD",
                   ["V/v thực hiện Kết luận của", "Chủ tịch UBND Thành phố tại", "cuộc họp ngày 28/11/2026"],
                   "Đà Nẵng, ngày 02 tháng 12 năm 2026", issuer2="THÀNH PHỐ ĐÀ NẴNG")
L("danang-subject-three-lines", "A subject over three lines that cites a date.", "outlook",
  W("7788/UBND-XD", "2026-12-02", "Đà Nẵng",
    "thực hiện Kết luận của Chủ tịch UBND Thành phố tại cuộc họp ngày 28/11/2026",
    ["Sở Xây dựng", "Sở Giao thông vận tải"], "Trần Phước Sơn", "2026-12-14"),
  left=left, right=right, to=["Kính gửi:", "- Sở Xây dựng;", "- Sở Giao thông vận tải."],
  body=["Giao Sở Xây dựng chủ trì báo cáo UBND Thành phố trước ngày 14/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Trần Phước Sơn")

# 49
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8500/BCT-VP", ["V/v báo cáo công tác tháng 12"],
                   "Hà Nội, ngày 05 tháng 12 năm 2026")
L("bct-signer-two-words", "A signer of two words; the name followed by nothing.", "gmail",
  W("8500/BCT-VP", "2026-12-05", "Hà Nội", "báo cáo công tác tháng 12",
    ["Các đơn vị thuộc Bộ"], "Lê Hùng", "2026-12-24"),
  left=left, right=right, to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Các đơn vị báo cáo trước ngày 24/12/2026."],
  title=["TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG"], name="Lê Hùng")

# 50
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8600/BCT-KH", ["V/v điều chỉnh kế hoạch"],
                   "Hà Nội, ngày 05 tháng 12 năm 2026")
L("bct-thoi-han-giay-phep", "A licence's term ('có thời hạn đến ngày 31/12/2027') before the "
  "reply's deadline.", "outlook",
  W("8600/BCT-KH", "2026-12-05", "Hà Nội", "điều chỉnh kế hoạch", ["Các đơn vị thuộc Bộ"],
    "Nguyễn Sinh Nhật Tân", "2026-12-21"),
  left=left, right=right, to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Giấy phép hoạt động điện lực của các đơn vị có thời hạn đến ngày 31/12/2027. Đề nghị "
        "các đơn vị rà soát, gửi đề xuất gia hạn về Bộ trước ngày 21/12/2026."],
  name="Nguyễn Sinh Nhật Tân")

# 51
left, right = head("UBND TỈNH KHÁNH HÒA", "Số: 9090/UBND-TH", ["V/v chuẩn bị kỳ họp HĐND"],
                   "Khánh Hòa, ngày 01 tháng 12 năm 2026")
L("khanhhoa-ngay-lam-viec-ascii", "Without diacritics, relative working days.", "plain",
  W("9090/UBND-TH", "2026-12-01", "Khanh Hoa", "chuan bi ky hop HDND", ["Cac so, nganh"],
    "Nguyen Tan Tuan", None),
  left=left, right=right, ascii=True, to=["Kính gửi: Các sở, ngành"],
  body=["Các đơn vị gửi báo cáo trong thời hạn 05 ngày làm việc kể từ ngày nhận văn bản."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Nguyễn Tấn Tuân")

# 52
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8700/BCT-ATMT", ["V/v kiểm tra an toàn đập thủy điện"],
                   "Hà Nội, ngày 06 tháng 12 năm 2026")
L("bct-pdf-flat-noi-nhan-first", "PDF whose signature block comes out with the distribution "
  "first; the deadline in the second paragraph.", "pdf",
  W("8700/BCT-ATMT", "2026-12-06", "Hà Nội", "kiểm tra an toàn đập thủy điện",
    ["Ủy ban nhân dân các tỉnh có đập thủy điện"], "Trương Thanh Hoài", "2026-12-30"),
  left=left, right=right, pdf_name="8700.pdf",
  to=["Kính gửi: Ủy ban nhân dân các tỉnh có đập thủy điện"],
  body=["Thực hiện Nghị định số 114/2018/NĐ-CP ngày 04 tháng 9 năm 2018 về quản lý an toàn đập, "
        "Bộ Công Thương đề nghị Quý Ủy ban chỉ đạo kiểm tra.",
        "Kết quả kiểm tra gửi về Bộ Công Thương (Cục Kỹ thuật an toàn và Môi trường công nghiệp) "
        "trước ngày 30/12/2026."],
  name="Trương Thanh Hoài")

# 53
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8800/BCT-TMĐT", ["V/v phối hợp quản lý thương mại điện tử"],
                   "Hà Nội, ngày 06 tháng 12 năm 2026")
L("bct-tu-nay-den", "'từ nay đến hết ngày 31/12/2026' — a period of action, no reply deadline; "
  "the reply is 'trước ngày 20/12/2026'.", "gmail",
  W("8800/BCT-TMĐT", "2026-12-06", "Hà Nội", "phối hợp quản lý thương mại điện tử",
    ["Bộ Công an"], "Nguyễn Sinh Nhật Tân", "2026-12-20"),
  left=left, right=right, to=["Kính gửi: Bộ Công an"],
  body=["Từ nay đến hết ngày 31/12/2026, Bộ Công Thương tổ chức đợt cao điểm kiểm tra. Đề nghị "
        "Bộ Công an cử đầu mối phối hợp trước ngày 20/12/2026."],
  name="Nguyễn Sinh Nhật Tân")

# 54
left, right = head("ỦY BAN NHÂN DÂN", "Số: 3344/UBND-VP", ["V/v lịch tiếp công dân"],
                   "Cà Mau, ngày 04 tháng 12 năm 2026", issuer2="TỈNH CÀ MAU")
L("camau-stack-before", "Stacked, Nơi nhận before the block 'TM. / CHỦ TỊCH'.", "gmail",
  W("3344/UBND-VP", "2026-12-04", "Cà Mau", "lịch tiếp công dân", ["Thanh tra tỉnh"],
    "Huỳnh Quốc Việt", None),
  style="stack", sign="before", left=left, right=right, to=["Kính gửi: Thanh tra tỉnh"],
  body=["UBND tỉnh thông báo lịch tiếp công dân tháng 12/2026 (kèm theo)."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Huỳnh Quốc Việt")

# 55
left, right = head("BỘ TƯ PHÁP", "Số: 4900/BTP-VP", ["V/v đề nghị cung cấp thông tin"],
                   "Hà Nội, ngày 05 tháng 12 năm 2026")
L("btp-deadline-hour-after", "The hour after the date: 'trước ngày 11/12/2026 (trước 16 giờ)'.",
  "outlook",
  W("4900/BTP-VP", "2026-12-05", "Hà Nội", "đề nghị cung cấp thông tin", ["Bộ Công Thương"],
    "Phan Chí Hiếu", "2026-12-11"),
  left=left, right=right, to=["Kính gửi: Bộ Công Thương"],
  body=["Đề nghị Quý Bộ cung cấp thông tin trước ngày 11/12/2026 (trước 16 giờ)."],
  name="Phan Chí Hiếu")

# 56
left, right = head("BỘ CÔNG THƯƠNG", "Số: 8900/BCT-CN", ["V/v góp ý Đề án phát triển", "công nghiệp hỗ trợ"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-wide-sign", "Outlook's padded plain text, the signature block padded too.", "outlook",
  W("8900/BCT-CN", "2026-12-07", "Hà Nội", "góp ý Đề án phát triển công nghiệp hỗ trợ",
    ["Hiệp hội Doanh nghiệp cơ khí Việt Nam"], "Trương Thanh Hoài", "2026-12-17"),
  style="wide", sign="wide", left=left, right=right,
  to=["Kính gửi: Hiệp hội Doanh nghiệp cơ khí Việt Nam"],
  body=["Bộ Công Thương đề nghị Hiệp hội gửi ý kiến trước ngày 17/12/2026."],
  name="Trương Thanh Hoài")

# 57
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9001/BCT-ĐL", ["V/v cung cấp điện dịp Tết"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-deadline-hyphen", "'trước ngày 21-12-2026' with hyphens.", "gmail",
  W("9001/BCT-ĐL", "2026-12-07", "Hà Nội", "cung cấp điện dịp Tết",
    ["Tập đoàn Điện lực Việt Nam"], "Nguyễn Hoàng Long", "2026-12-21"),
  left=left, right=right, to=["Kính gửi: Tập đoàn Điện lực Việt Nam"],
  body=["Đề nghị Tập đoàn báo cáo phương án trước ngày 21-12-2026."],
  name="Nguyễn Hoàng Long")

# 58
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9100/BCT-TKNL", ["V/v tiết kiệm năng lượng"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-quy", "'trong Quý I/2027' (the quarter's last day).", "outlook",
  W("9100/BCT-TKNL", "2026-12-07", "Hà Nội", "tiết kiệm năng lượng",
    ["Sở Công Thương các tỉnh, thành phố"], "Nguyễn Hoàng Long", "2027-03-31"),
  left=left, right=right, to=["Kính gửi: Sở Công Thương các tỉnh, thành phố"],
  body=["Đề nghị các Sở hoàn thành kiểm toán năng lượng trong Quý I/2027."],
  name="Nguyễn Hoàng Long")

# 59
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9200/BCT-VP", ["V/v chấn chỉnh công tác văn thư"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-nguoi-ky-tap-the", "A signer whose name is followed by a copy footer from the mail "
  "client.", "gmail",
  W("9200/BCT-VP", "2026-12-07", "Hà Nội", "chấn chỉnh công tác văn thư",
    ["Các đơn vị thuộc Bộ"], "Nguyễn Hồng Diên", "2026-12-18"),
  left=left, right=right, to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Các đơn vị báo cáo việc thực hiện trước ngày 18/12/2026."],
  title=["BỘ TRƯỞNG"], name="Nguyễn Hồng Diên",
  after_sign=["", "--", "Văn phòng Bộ Công Thương", "54 Hai Bà Trưng, Hoàn Kiếm, Hà Nội",
              "ĐT: 024.22202222"])

# 60
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9300/BCT-XNK", ["V/v cấp C/O mẫu D"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-slash-in-subject", "A subject with a slash in it ('C/O mẫu D').", "outlook",
  W("9300/BCT-XNK", "2026-12-07", "Hà Nội", "cấp C/O mẫu D",
    ["Các Phòng Quản lý xuất nhập khẩu khu vực"], "Trần Quốc Khánh", "2026-12-15"),
  left=left, right=right, to=["Kính gửi: Các Phòng Quản lý xuất nhập khẩu khu vực"],
  body=["Các Phòng báo cáo số liệu cấp C/O trước ngày 15/12/2026."],
  name="Trần Quốc Khánh")

# 61
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9400/BCT-QLTT", ["V/v kiểm tra thị trường"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-pdf-nfd-subject-two", "PDF with a Kính gửi list of three and a deadline 'chậm nhất "
  "ngày 28/12/2026'.", "pdf",
  W("9400/BCT-QLTT", "2026-12-07", "Hà Nội", "kiểm tra thị trường",
    ["Cục Quản lý thị trường các tỉnh", "Cục Quản lý thị trường thành phố", "Vụ Thị trường trong nước"],
    "Trần Hữu Linh", "2026-12-28"),
  left=left, right=right, pdf_name="9400-BCT-QLTT.pdf",
  to=["Kính gửi:", "- Cục Quản lý thị trường các tỉnh;", "- Cục Quản lý thị trường thành phố;",
      "- Vụ Thị trường trong nước."],
  body=["Các đơn vị báo cáo kết quả chậm nhất ngày 28/12/2026."],
  title=["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], name="Trần Hữu Linh")

# 62
left, right = head("ỦY BAN NHÂN DÂN", "Số: 1010/UBND-KT", ["V/v giải ngân vốn"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026", issuer2="THÀNH PHỐ HÀ NỘI")
L("hanoi-deadline-den-het-ngay", "'chậm nhất đến hết ngày 25/12/2026': the last day they may "
  "send it.", "gmail",
  W("1010/UBND-KT", "2026-12-07", "Hà Nội", "giải ngân vốn", ["Các Ban Quản lý dự án"],
    "Hà Minh Hải", "2026-12-25"),
  left=left, right=right, to=["Kính gửi: Các Ban Quản lý dự án"],
  body=["Hồ sơ thanh toán gửi về Kho bạc Nhà nước chậm nhất đến hết ngày 25/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
  name="Hà Minh Hải")

for s in LETTERS:
    if s.get("from_"):
        s["from"] = s.pop("from_")
    else:
        s.pop("from_", None)

# ------------------------------------------------- PDFs and deadline phrasing
LONG = ("Thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công điện số 280/CĐ-TTg ngày 19 tháng 4 "
        "năm 2023 về việc chấn chỉnh, tăng cường trách nhiệm trong xử lý công việc, các đơn vị "
        "rà soát quy trình xử lý công việc nội bộ, xác định rõ thời hạn xử lý của từng khâu, "
        "cá thể hóa trách nhiệm của tập thể, cá nhân và báo cáo kết quả thực hiện.")

# 63
L("bct-pdf-date-on-so-row", "PDF whose date sits on the row of 'Số:' (the usual Word table): "
  "poppler glues them ('Số: 9500/BCT-KHHà Nội, ngày ...').", "pdf",
  W("9500/BCT-KH", "2026-12-07", "Hà Nội", "rà soát quy trình xử lý công việc nội bộ",
    ["Các đơn vị thuộc Bộ"], "Nguyễn Sinh Nhật Tân", "2026-12-22"),
  left=["BỘ CÔNG THƯƠNG", SEP_L, "Số: 9500/BCT-KH", "V/v rà soát quy trình xử lý", "công việc nội bộ"],
  right=MOTTO + ["Hà Nội, ngày 07 tháng 12 năm 2026"], pdf_name="9500-BCT-KH.pdf",
  to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Các đơn vị gửi báo cáo về Văn phòng Bộ trước ngày 22/12/2026."],
  name="Nguyễn Sinh Nhật Tân")

# 64
L("ttg-pdf-date-on-so-row", "PDF of the Prime Minister's office: a symbol ending in lower case "
  "('TTg') glued to the place.", "pdf",
  W("1234/TTg-KTTH", "2026-12-04", "Hà Nội", "triển khai nhiệm vụ phát triển kinh tế - xã hội",
    ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"], "Trần Hồng Hà", "2026-12-25"),
  left=["THỦ TƯỚNG CHÍNH PHỦ", SEP_L, "Số: 1234/TTg-KTTH", "V/v triển khai nhiệm vụ phát triển",
        "kinh tế - xã hội"],
  right=MOTTO + ["Hà Nội, ngày 04 tháng 12 năm 2026"], pdf_name="1234-TTg-KTTH.pdf",
  to=["Kính gửi: Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"],
  body=["Các Bộ báo cáo Thủ tướng Chính phủ trước ngày 25/12/2026."],
  title=["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"], name="Trần Hồng Hà")

# 65
L("hanoi-pdf-two-pages", "A PDF of two pages: the signature block on the second.", "pdf",
  W("3456/UBND-KH", "2026-12-03", "Hà Nội", "đẩy mạnh cải cách hành chính",
    ["Các sở, ban, ngành Thành phố", "UBND các quận, huyện, thị xã"], "Dương Đức Tuấn", "2026-12-28"),
  left=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", SEP_L, "Số: 3456/UBND-KH", "V/v đẩy mạnh cải cách hành chính"],
  right=MOTTO + [SEP_R, "", "Hà Nội, ngày 03 tháng 12 năm 2026"], pdf_name="3456-UBND-KH.pdf",
  to=["Kính gửi:", "- Các sở, ban, ngành Thành phố;", "- UBND các quận, huyện, thị xã."],
  body=[LONG] * 9 + ["Các đơn vị báo cáo kết quả về Sở Nội vụ trước ngày 28/12/2026 để tổng hợp."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name="Dương Đức Tuấn")

# 66
left, right = head("BỘ TÀI CHÍNH", "Số: 12700/BTC-TCNH", ["V/v tuyển chọn tổ chức kiểm toán"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("btc-han-chot-words", "'Hạn chót nộp hồ sơ là 17h00 ngày 20/12/2026' (words between 'hạn "
  "chót' and the date).", "outlook",
  W("12700/BTC-TCNH", "2026-12-07", "Hà Nội", "tuyển chọn tổ chức kiểm toán",
    ["Các tổ chức kiểm toán độc lập"], "Nguyễn Đức Chi", "2026-12-20"),
  left=left, right=right, to=["Kính gửi: Các tổ chức kiểm toán độc lập"],
  body=["Hạn chót nộp hồ sơ là 17h00 ngày 20/12/2026."], name="Nguyễn Đức Chi")

# 67
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9600/BCT-TCCB", ["V/v lấy ý kiến nhân sự"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-cham-nhat-la-gio", "'chậm nhất là 16h30 ngày 11/12/2026'.", "gmail",
  W("9600/BCT-TCCB", "2026-12-07", "Hà Nội", "lấy ý kiến nhân sự", ["Các đơn vị thuộc Bộ"],
    "Trương Thanh Hoài", "2026-12-11"),
  left=left, right=right, to=["Kính gửi: Các đơn vị thuộc Bộ"],
  body=["Ý kiến gửi về Vụ Tổ chức cán bộ chậm nhất là 16h30 ngày 11/12/2026."],
  name="Trương Thanh Hoài")

# 68
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9700/BCT-KHTC", ["V/v báo cáo quyết toán"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-khong-muon-hon-gio-thu", "'không muộn hơn 17h00 thứ Sáu, ngày 18/12/2026'.", "outlook",
  W("9700/BCT-KHTC", "2026-12-07", "Hà Nội", "báo cáo quyết toán", ["Các đơn vị dự toán thuộc Bộ"],
    "Nguyễn Sinh Nhật Tân", "2026-12-18"),
  left=left, right=right, to=["Kính gửi: Các đơn vị dự toán thuộc Bộ"],
  body=["Đề nghị các đơn vị gửi báo cáo không muộn hơn 17h00 thứ Sáu, ngày 18/12/2026."],
  name="Nguyễn Sinh Nhật Tân")

# 69
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9800/BCT-PC", ["V/v góp ý dự thảo Nghị định"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-pdf-deadline-wrapped", "PDF in which the deadline's date is wrapped onto the next line "
  "('trước ngày 21 tháng 12' / 'năm 2026').", "pdf",
  W("9800/BCT-PC", "2026-12-07", "Hà Nội", "góp ý dự thảo Nghị định",
    ["Các Bộ, cơ quan ngang Bộ"], "Phan Thị Thắng", "2026-12-21"),
  left=left, right=right, pdf_name="9800-BCT-PC.pdf", to=["Kính gửi: Các Bộ, cơ quan ngang Bộ"],
  body=["Bộ Công Thương trân trọng đề nghị Quý cơ quan nghiên cứu, góp ý và gửi về Bộ trước "
        "ngày 21 tháng 12 năm 2026 để tổng hợp."],
  name="Phan Thị Thắng")

# 70
left, right = head("BỘ CÔNG THƯƠNG", "Số: 9900/BCT-TTTN", ["V/v bình ổn thị trường"],
                   "Hà Nội, ngày 07 tháng 12 năm 2026")
L("bct-thoi-gian-gui", "'Thời gian gửi báo cáo: trước ngày 20/12/2026' after 'Thời gian họp: "
  "8h00 ngày 10/12/2026'.", "outlook",
  W("9900/BCT-TTTN", "2026-12-07", "Hà Nội", "bình ổn thị trường",
    ["Sở Công Thương các tỉnh, thành phố"], "Phan Thị Thắng", "2026-12-20"),
  left=left, right=right, to=["Kính gửi: Sở Công Thương các tỉnh, thành phố"],
  body=["Thời gian họp: 8h00 ngày 10/12/2026.", "Thời gian gửi báo cáo: trước ngày 20/12/2026."],
  name="Phan Thị Thắng")

# 71
L("sct-pdf-so-row-hcm", "PDF of a department in Ho Chi Minh City, the date on the 'Số' row "
  "with 'TP. Hồ Chí Minh'.", "pdf",
  W("5678/SCT-QLTM", "2026-12-02", "TP. Hồ Chí Minh", "kiểm tra kinh doanh xăng dầu",
    ["Các doanh nghiệp kinh doanh xăng dầu"], "Bùi Tá Hoàng Vũ", "2026-12-16"),
  left=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "SỞ CÔNG THƯƠNG", "Số: 5678/SCT-QLTM",
        "V/v kiểm tra kinh doanh xăng dầu"],
  right=MOTTO + ["", "TP. Hồ Chí Minh, ngày 02 tháng 12 năm 2026"], pdf_name="5678-SCT.pdf",
  to=["Kính gửi: Các doanh nghiệp kinh doanh xăng dầu"],
  body=["Các doanh nghiệp báo cáo số liệu trước ngày 16/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: VT, QLTM."], title=["GIÁM ĐỐC"],
  name="Bùi Tá Hoàng Vũ")

# 72
L("ubnd-tab-so-row", "Word table as tabs with the date on the 'Số' row and a symbol ending in "
  "lower case.", "outlook",
  W("2345/UBND-TTg", "2026-12-01", "Quảng Nam", "triển khai Quyết định của Thủ tướng",
    ["Sở Kế hoạch và Đầu tư"], "Lê Trí Thanh", "2026-12-15"),
  left=["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM", "Số: 2345/UBND-TTg", "V/v triển khai Quyết định của Thủ tướng"],
  right=MOTTO + ["Quảng Nam, ngày 01 tháng 12 năm 2026"],
  to=["Kính gửi: Sở Kế hoạch và Đầu tư"],
  body=["Đề nghị Sở báo cáo UBND tỉnh trước ngày 15/12/2026."],
  dist=DIST_UB, title=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Lê Trí Thanh")

for s in LETTERS:
    if s.get("from_"):
        s["from"] = s.pop("from_")
    else:
        s.pop("from_", None)

# 73
left, right = head("SỞ TÀI CHÍNH", "Số: 3300/STC-HCSN", ["V/v thẩm tra quyết toán năm 2026"],
                   "Hải Dương, ngày 03 tháng 12 năm 2026")
left = ["UBND TỈNH HẢI DƯƠNG", "SỞ TÀI CHÍNH", SEP_L, "Số: 3300/STC-HCSN",
        "V/v thẩm tra quyết toán năm 2026"]
L("stc-formal-cover-pdf", "A formal covering mail with its own 'Kính gửi:' and 'V/v:' lines "
  "(two parts of a letter, no number) and the letter in the PDF.", "pdf",
  W("3300/STC-HCSN", "2026-12-03", "Hải Dương", "thẩm tra quyết toán năm 2026",
    ["Các sở, ban, ngành tỉnh"], "Nguyễn Văn Hùng", "2026-12-17"),
  left=left, right=right, pdf_name="3300-STC-HCSN.pdf",
  cover="Kính gửi: Văn phòng Bộ Công Thương\nV/v: gửi Công văn số 3300/STC-HCSN\n\n"
        "Sở Tài chính tỉnh Hải Dương gửi kèm theo thư này công văn (file PDF đính kèm).\n\n"
        "Trân trọng.\nVăn thư Sở Tài chính\n",
  to=["Kính gửi: Các sở, ban, ngành tỉnh"],
  body=["Sở Tài chính đề nghị các đơn vị nộp hồ sơ trước ngày 17/12/2026."],
  dist=["Nơi nhận:", "- Như trên;", "- Lưu: VT, HCSN."], title=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
  name="Nguyễn Văn Hùng")

for s in LETTERS:
    if s.get("from_"):
        s["from"] = s.pop("from_")
    else:
        s.pop("from_", None)
