#!/usr/bin/env bash
# congvan — a ministry's directory for `make bench`: 20 units (each with a
# mailbox, a head and three members) and 30 rules for the senders of
# contrib/gen-corpus.py, so that most letters are assigned by a rule (one
# lead, up to three coordinating units: several recipients per notice, a
# calendar invitation each) and the rest go to the Office.
#
#   contrib/bench-directory.sh FILE [DOMAIN]    appends to FILE
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: ${0##*/} FILE [DOMAIN]" >&2; exit 2; }
FILE=$1
D=${2:-congvan.test}

# CODE|name
units=(
	"VP|Văn phòng Bộ"
	"TCCB|Vụ Tổ chức cán bộ"
	"KHTC|Vụ Kế hoạch - Tài chính"
	"PC|Vụ Pháp chế"
	"TTTN|Vụ Thị trường trong nước"
	"XNK|Cục Xuất nhập khẩu"
	"CN|Cục Công nghiệp"
	"KHCN|Vụ Khoa học và Công nghệ"
	"HTQT|Vụ Hợp tác quốc tế"
	"TTR|Thanh tra Bộ"
	"ATMT|Cục Kỹ thuật an toàn và Môi trường công nghiệp"
	"DL|Cục Điện lực"
	"DKT|Vụ Dầu khí và Than"
	"CSTM|Vụ Chính sách thương mại đa biên"
	"QLTT|Tổng cục Quản lý thị trường"
	"PVTM|Cục Phòng vệ thương mại"
	"TMDT|Cục Thương mại điện tử và Kinh tế số"
	"PTTT|Vụ Phát triển thị trường nước ngoài"
	"HC|Cục Hóa chất"
	"TDKT|Vụ Thi đua - Khen thưởng"
)
people=("Nguyễn Văn An" "Trần Thị Bình" "Lê Minh Cường" "Phạm Thu Hà" "Hoàng Đức Long"
	"Vũ Ngọc Mai" "Đặng Quốc Nam" "Bùi Thanh Sơn" "Đỗ Hoài Thảo" "Ngô Xuân Việt")

# from|subject|lead|coordinate|days: topics that cut across senders first,
# then up to three per ministry or province, subjects before everything
# else from that sender.  Letters from songhong.com.vn match none.
rules=(
	"*@*.gov.vn|an toàn thông tin|TMDT|VP|"
	"*@*.gov.vn|phòng cháy|ATMT|VP|"
	"*@*.gov.vn|tiết kiệm|KHTC|TTR|"
	"*@*.gov.vn|tiếp công dân|TTR|VP|"
	"*@*.gov.vn|hành chính|VP|PC|"
	"*@*.gov.vn|văn thư|VP||"
	"*@mof.gov.vn|ngân sách|KHTC|VP, PC|5"
	"*@mof.gov.vn|quyết toán|KHTC|TTR|"
	"*@mof.gov.vn||KHTC|VP|"
	"*@moha.gov.vn|cán bộ|TCCB|VP|7"
	"*@moha.gov.vn|khen thưởng|TDKT|TCCB|"
	"*@moha.gov.vn||TCCB||"
	"*@moj.gov.vn|Thông tư|PC|VP, KHCN, TMDT|5"
	"*@moj.gov.vn|Nghị định|PC|CSTM, XNK|"
	"*@moj.gov.vn||PC||"
	"*@hanoi.gov.vn|cử tri|VP|TTTN, QLTT|3"
	"*@hanoi.gov.vn|đầu tư công|KHTC|CN|"
	"*@hanoi.gov.vn||TTTN|QLTT|"
	"*@thuathienhue.gov.vn|đầu tư|KHTC|CN, DL|"
	"*@thuathienhue.gov.vn||TTTN||"
	"*@danang.gov.vn|ngân sách|KHTC||"
	"*@danang.gov.vn||TTTN|PTTT|"
	"*@hochiminhcity.gov.vn|công chức|TCCB||"
	"*@hochiminhcity.gov.vn|chuyển đổi số|TMDT|KHCN|10"
	"*@hochiminhcity.gov.vn||TTTN|XNK, QLTT|"
	"*@gso.gov.vn|thống kê|VP|KHTC, XNK, CN|5"
	"*@gso.gov.vn||VP||"
	"*@vst.gov.vn||KHTC|VP|"
	"*@neu.edu.vn|đào tạo|TCCB|KHCN|15"
	"*@neu.edu.vn||KHCN||"
)

{
	for u in "${units[@]}"; do
		code=${u%%|*}
		name=${u#*|}
		lc=${code,,}
		printf '\n[unit %s]\nname = %s\nemail = %s@%s\nhead = truong.%s@%s\nmembers = ' \
			"$code" "$name" "$lc" "$D" "$lc" "$D"
		for k in 0 1 2; do
			p=${people[$(((${#lc} * 3 + k * 7 + ${#name}) % ${#people[@]}))]}
			[ $k -eq 0 ] || printf ', '
			printf '%s <cv%d.%s@%s>' "$p" "$k" "$lc" "$D"
		done
		printf '\n'
	done
	i=0
	for r in "${rules[@]}"; do
		IFS='|' read -r from subject lead coordinate days <<<"$r"
		i=$((i + 1))
		printf '\n[rule r%02d %s]\nfrom = %s\n' "$i" "$lead" "$from"
		[ -z "$subject" ] || printf 'subject = %s\n' "$subject"
		printf 'lead = %s\n' "$lead"
		[ -z "$coordinate" ] || printf 'coordinate = %s\n' "$coordinate"
		[ -z "$days" ] || printf 'days = %s\n' "$days"
	done
} >>"$FILE"
