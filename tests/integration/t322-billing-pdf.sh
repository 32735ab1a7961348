#!/usr/bin/env bash
# Invoice PDFs (cairo + Pango): the text extracted back with pdftotext
# (poppler-utils) has the Persian and Chinese lines and address as they
# were written, the provider from the configuration, the right totals
# formatted for the viewer, and the fonts are embedded; in Persian the
# labels and digits are Persian; the printable page links to it and to
# the configured payment page.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/billing-fixture.sh"
trap 'billing_cleanup; rm -rf "$T"' EXIT
billing_fixture
O=$T/owner
signin "$O" t320-owner@t320.example "$BPW"
provider=$(awk -F' = ' '$1 == "billing_provider_name" {print $2}' "$STATE/portico.conf")
payurl=$(awk -F' = ' '$1 == "billing_pay_url" {print $2}' "$STATE/portico.conf")

http GET /billing/invoices/T320A-INV-3 -b "$O"
check "the invoice page links its PDF" body_has 'href="/billing/invoices/T320A-INV-3/pdf"'
if [ -n "$payurl" ]; then
	check "... and the pay link from billing_pay_url, with the balance as a decimal" body_has 'invoice/T320A-INV-3?amount=803.20&amp;currency=EUR'
fi
check "... the lines as written" bash -c "grep -q 'میزبانی وب شرکت پارسیان' '$T/body' && grep -q '云服务器 上海数据中心' '$T/body'"
check "... and a print stylesheet hides all but the invoice" grep -q '@media print' "$ROOT/xslt/default/static/portico.css"
http GET /billing/invoices/T320A-INV-1 -b "$O"
check "a paid invoice has no pay link" body_lacks 'pay.northwind'

http GET /billing/invoices/T320A-INV-3/pdf -b "$O"
cp "$T/body" "$T/en.pdf"
check "the PDF answers as application/pdf" bash -c "[ $STATUS = 200 ] && grep -qi '^Content-Type: application/pdf' '$T/headers' && head -c 5 '$T/en.pdf' | grep -q '%PDF-'"
pdftotext -layout "$T/en.pdf" "$T/en.txt"
check "pdftotext reads it" test -s "$T/en.txt"
check "... the title with the number" grep -q 'Invoice T320A-INV-3' "$T/en.txt"
check "... the provider from the configuration" grep -qF "$provider" "$T/en.txt"
check "... the Persian line, in its letters' order" grep -q 'میزبانی وب شرکت پارسیان' "$T/en.txt"
check "... the Chinese line" grep -q '云服务器 上海数据中心' "$T/en.txt"
check "... the Chinese address of the customer" grep -q '上海市浦东新区世纪大道100号' "$T/en.txt"
check "... the lines' amounts: 2 × €120.00 = €240.00, €400.00" bash -c "grep -q '€120.00' '$T/en.txt' && grep -q '€240.00' '$T/en.txt' && grep -q '€400.00' '$T/en.txt'"
check "... the totals: subtotal €640.00, tax €163.20, total and balance €803.20" bash -c "grep -E 'Subtotal +€640.00' '$T/en.txt' && grep -E 'Tax +€163.20' '$T/en.txt' && grep -E 'Total +€803.20' '$T/en.txt' && grep -E 'Balance due +€803.20' '$T/en.txt'"
pdffonts "$T/en.pdf" >"$T/fonts"
check "the fonts are embedded: Noto Sans, Noto Sans Arabic, Noto Sans CJK" bash -c "grep -q 'NotoSans-Regular .* yes' '$T/fonts' && grep -q 'NotoSansArabic' '$T/fonts' && grep -q 'NotoSansCJK' '$T/fonts' && ! grep -E ' no +(yes|no) +(yes|no) ' '$T/fonts'"

http GET '/billing/invoices/T320A-INV-3/pdf?lang=fa' -b "$O"
pdftotext "$T/body" "$T/fa.txt"
check "in Persian: the title is Persian" grep -q 'فاکتور' "$T/fa.txt"
check "... the total in Persian digits" grep -q '۸۰۳' "$T/fa.txt"
fa_digits() { perl -CS -Mutf8 -pe 'tr/0-9./۰-۹٫/'; }
issued=$(db -e "SELECT issued_on FROM invoices WHERE number = 'T320A-INV-3'" | fa_digits)
due=$(db -e "SELECT due_on FROM invoices WHERE number = 'T320A-INV-3'" | fa_digits)
check "... the issue and due days in Persian digits ($issued, $due)" bash -c "grep -q '$issued' '$T/fa.txt' && grep -q '$due' '$T/fa.txt'"
check "... the tax rate in Persian digits (۲۵٫۵ %)" grep -q '۲۵٫۵' "$T/fa.txt"
check "... the Persian line on the Persian page too" grep -q 'میزبانی وب شرکت پارسیان' "$T/fa.txt"
check "... and the Persian labels (pdftotext may split a word at a ligature: one that it keeps)" grep -q 'پرداخت' "$T/fa.txt"
http GET '/billing/invoices/T320A-INV-3/pdf?lang=zh' -b "$O"
pdftotext "$T/body" "$T/zh.txt"
check "in Chinese: the labels are Chinese" bash -c "grep -q '发票 T320A-INV-3' '$T/zh.txt' && grep -q '合计' '$T/zh.txt'"
http GET '/billing/invoices/T320A-INV-3/pdf?lang=fi' -b "$O"
pdftotext "$T/body" "$T/fi.txt"
check "in Finnish: 803,20 €" grep -qE '803,20.€' "$T/fi.txt"

# A long invoice runs over pages.
db -e "INSERT INTO invoice_lines (invoice_id, line_no, description, quantity_milli, unit_minor, net_minor, tax_rate_bp, tax_minor)
	SELECT i.id, 10 + seq, CONCAT('Extra line ', seq), 1000, 100, 100, 0, 0 FROM invoices i, seq_1_to_90 WHERE i.number = 'T320A-INV-4'"
http GET /billing/invoices/T320A-INV-4/pdf -b "$O"
cp "$T/body" "$T/long.pdf"
check "an invoice of 91 lines runs over more than one page, every line there" bash -c "[ \$(pdfinfo '$T/long.pdf' | awk '/^Pages:/ {print \$2}') -gt 1 ] && pdftotext '$T/long.pdf' - | grep -q 'Extra line 90'"
done_testing
