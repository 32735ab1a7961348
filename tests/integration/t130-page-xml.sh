#!/usr/bin/env bash
# The page vocabulary is a contract: every page kind, fetched as XML
# (?format=xml, development mode) anonymously, as a customer and as
# staff, validates against xslt/schema/page.rng (and the files it
# includes, such as tickets.rng); the schema, the kinds
# xslt/README.md documents and the kinds fetched here are the same set.
. "$(dirname "$0")/../lib.sh"
PW=t130-password-2026
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
RNG=$ROOT/xslt/schema/page.rng
DOCS=$ROOT/xslt/README.md
mkdir -p "$T/xml"

cleanup() {
	db -e "DELETE FROM signin_throttle"
	db -e "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE 't130-%'" 2>/dev/null
	# tickets: staff
	db -e "DELETE t FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE a.number = 'T130-0001'" 2>/dev/null
	db -e "DELETE FROM canned_replies WHERE title = 't130 Canned'" 2>/dev/null
	db -e "DELETE t FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.email LIKE 't130-%'" 2>/dev/null
	db -e "DELETE FROM users WHERE email LIKE 't130-%'"
	db -e "DELETE FROM accounts WHERE number = 'T130-0001' OR name = 'T130 Register Oy'" 2>/dev/null
	db -e "DELETE FROM items WHERE slug LIKE 't130-%'"
}
cleanup
db -e "INSERT INTO accounts (number, name) VALUES ('T130-0001', 'Page Vocabulary Oy')"
acct=$(db -e "SELECT id FROM accounts WHERE number = 'T130-0001'")
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES ('t130-owner@t130.example', 'Outi Owner', 'active', 'customer', $acct, 'owner')"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t130-admin@northwind.example', 'Aino Admin', 'active', 'admin', '$SEC', 1)"
db -e "INSERT INTO users (email, name, status, portal_role) VALUES ('t130-agent@northwind.example', 'Aapo Agent', 'active', 'agent')"
for who in t130-owner@t130.example t130-admin@northwind.example t130-agent@northwind.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
C=$T/customer; S=$T/staff; N=$T/new-staff

n=0
kinds_seen=" "
# page KIND PATH [curl options...]: fetch PATH as XML, check its kind
# and validate it against the schema.
page() {
	local kind=$1 p=$2 sep='?' f
	shift 2
	case $p in *\?*) sep='&' ;; esac
	n=$((n + 1))
	http GET "$p${sep}format=xml" "$@"
	f=$T/xml/$(printf '%02d' "$n")-$kind.xml
	cp "$T/body" "$f"
	validate "$kind" "GET $p" "$f"
}
# validate KIND WHAT FILE
validate() {
	local kind=$1 what=$2 f=$3 got out
	got=$(xmllint --xpath 'string(/page/@kind)' "$f" 2>/dev/null)
	if [ "$got" != "$kind" ]; then
		nok "$what: a $kind page" "status $STATUS, kind '$got': $(head -c 400 "$f")"
		return
	fi
	if out=$(xmllint --noout --relaxng "$RNG" "$f" 2>&1); then
		ok "$what: $kind validates"
	else
		nok "$what: $kind validates" "$out"
	fi
	kinds_seen="$kinds_seen$kind "
}
# post_xml KIND JAR FORM_PAGE PATH name=value...: a form POST whose
# answer is a page (not a redirect), fetched as XML.
post_xml() {
	local kind=$1 jar=$2 fp=$3 p=$4 f
	shift 4
	n=$((n + 1))
	FORM_PAGE=$fp post "$jar" "$p?format=xml" "$@"
	f=$T/xml/$(printf '%02d' "$n")-$kind.xml
	cp "$T/body" "$f"
	validate "$kind" "POST $p" "$f"
}

# ---- anonymous ------------------------------------------------------------
page home /
page content-page /p/about
page kb /kb
cat=$(xmllint --xpath 'string(//categories/category[1]/@slug)' "$T/body")
page kb-category "/kb/$cat"
page article /a/pay-invoice
page article /a/video-first-site
page faq /faq
topic=$(xmllint --xpath 'string(//faq/topic[1]/@slug)' "$T/body")
page faq "/faq/$topic"
page news /news
page news /news/notices
page news-item /news/news-maintenance-helsinki
page downloads /downloads
page search '/search?q=invoice'
page search '/search?q=zzqqxxnothing'
page signin /signin
page register /register
page message /register/sent
page reset /reset
page message /reset/sent
page error /p/no-such-page
page error /a/no-such-article
page ideas /ideas
page ideas '/ideas?sort=new&status=planned'
page ideas-roadmap /ideas/roadmap
page ideas-changelog /ideas/changelog
idea=$(db -e "SELECT id FROM ideas WHERE title = 'Dark mode for the control panel'")
page idea "/ideas/$idea-dark-mode-for-the-control-panel"
page forum /community
page forum-category /community/c/domains
page forum-topic /community/t/1-wordpress-white-screen-after-php-update
page forum-unsubscribe "/community/unsubscribe?token=$(printf 'a%.0s' $(seq 1 64))"
page forum-unsubscribe "/ideas/unsubscribe?token=i1-1-$(printf 'a%.0s' $(seq 1 64))"

# A mailed link's pages: reset, verify (a registration), invite.
FORM_PAGE=/reset post "$T/anon" /reset "email=t130-owner@t130.example"
link=$(link_in "$(mail_to t130-owner@t130.example)" /reset/confirm)
page reset-confirm "${link#"$URL"}"
FORM_PAGE=/register post "$T/anon" /register "name=Rauni Register" "company=T130 Register Oy" \
	"email=t130-register@t130.example" "password=$PW-register"
link=$(link_in "$(mail_to t130-register@t130.example)" /verify)
page confirm "${link#"$URL"}"

# ---- a customer -----------------------------------------------------------
signin "$C" t130-owner@t130.example "$PW"
page home / -b "$C"
page article /a/pay-invoice -b "$C"
page account /account -b "$C"
page profile /account/profile -b "$C"
page company-edit /account/company -b "$C"
page sessions /account/sessions -b "$C"
page activity /account/activity -b "$C"
page members /account/users -b "$C"
page two-factor /account/2fa -b "$C"
# tickets: customer.  The list, the form, its check step, a ticket.
page tickets /tickets -b "$C"
page ticket-new /tickets/new -b "$C"
post_xml ticket-new "$C" /tickets/new /tickets/new "subject=How do I pay an invoice" \
	"body=Where is it?" "department=billing" "checked=0"
printf 'page vocabulary\n' >"$T/note.txt"
tok=$(form_token "$C" /tickets/new)
http POST /tickets/new -b "$C" -H "Origin: $URL" -F "csrf=$tok" -F "subject=Page vocabulary ticket" \
	-F "body=The **XML**." -F department=technical -F checked=1 -F "attachment=@$T/note.txt"
ref=$(grep -i '^Location:' "$T/headers" | grep -o 'T-[0-9A-Z]\{8\}')
page ticket "/tickets/$ref?done=ticket-created" -b "$C"
page tickets /tickets -b "$C"
page search '/search?q=vocabulary' -b "$C"
page ideas-new /ideas/new -b "$C"
page ideas-new '/ideas/new?title=dark+mode' -b "$C"
post_xml ideas-new "$C" /ideas/new /ideas/new "title=abc"
page idea "/ideas/$idea-dark-mode-for-the-control-panel" -b "$C"
page forum /community -b "$C"
page forum-new /community/new -b "$C"
page forum-topic '/community/t/2-spf-record-for-two-mail-services?quote=5' -b "$C"
post_xml forum-new "$C" /community/new /community/new "category=domains" "title=" "body=Empty title"
FORM_PAGE=/account/users post "$C" /account/users/invite "name=Ilmari Invitee" \
	"email=t130-invitee@t130.example" "role=member"
link=$(link_in "$(mail_to t130-invitee@t130.example)" /invite)
page invite "${link#"$URL"}"
FORM_PAGE=/account/profile post "$C" /account/email "new_email=t130-moved@t130.example" \
	"current_password=$PW"
link=$(link_in "$(mail_to t130-moved@t130.example)" /account/email/confirm)
page confirm "${link#"$URL"}" -b "$C"
# Second factor: setup, the recovery codes, then on.
FORM_PAGE=/account/2fa post "$C" /account/2fa/start "current_password=$PW"
page two-factor-setup /account/2fa/setup -b "$C" -c "$C"
secret=$(xmllint --xpath 'string(//two-factor-setup/secret)' "$T/body")
post_xml recovery-codes "$C" /account/2fa/setup /account/2fa/confirm \
	"code=$(oathtool --totp -b "$secret")"
page two-factor /account/2fa -b "$C"

# ---- staff ----------------------------------------------------------------
signin "$S" t130-admin@northwind.example "$PW"
page signin-2fa /signin/2fa -b "$S" -c "$S"
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
signin "$N" t130-agent@northwind.example "$PW"
page two-factor-setup /signin/2fa/setup -b "$N" -c "$N"

page staff-home /staff -b "$S"
page staff-users /staff/users -b "$S"
page staff-users '/staff/users?q=olivia' -b "$S"
page staff-accounts /staff/accounts -b "$S"
page staff-billing "/staff/accounts/$(db -e "SELECT id FROM accounts WHERE number = 'NW-100001'")/billing" -b "$S"
page staff-segments /staff/segments -b "$S"
page staff-audit /staff/audit -b "$S"
page staff-categories /staff/categories -b "$S"
page staff-content /staff/content -b "$S"
page staff-editor /staff/content/new -b "$S"
id=$(db -e "SELECT id FROM items WHERE slug = 'pay-invoice' AND lang = 'en'")
page staff-editor "/staff/content/$id" -b "$S"
page staff-history "/staff/content/$id/history" -b "$S"
page staff-compare "/staff/content/$id/compare?a=1&b=1" -b "$S"
page staff-search /staff/search -b "$S"
page staff-synonyms /staff/search/synonyms -b "$S"
# tickets: staff.  The queue, a ticket (with a note, a canned reply
# chosen, a collision shown again), canned replies, reports, the admin
# pages (a calendar refused, with the parser's words).
owner=$(db -e "SELECT email FROM users WHERE account_id = $acct AND account_role = 'owner'")
tref=$("$ROOT/tests/integration/ticket_seed" -c "$STATE/portico.conf" open "$owner" technical normal \
	"Page vocabulary ticket" "The *XML*." | awk '{print $2}')
page staff-tickets /staff/tickets -b "$S"
page staff-tickets "/staff/tickets?status=new&assignee=me&priority=normal&due=soon&q=vocabulary" -b "$S"
FORM_PAGE=/staff/tickets/$tref post "$S" "/staff/tickets/$tref/reply" kind=note "body=A *note*."
FORM_PAGE=/staff/tickets/canned post "$S" /staff/tickets/canned id=0 lang=en "title=t130 Canned" \
	"body=Hello {name}, {ref}." department=0
cid=$(db -e "SELECT id FROM canned_replies WHERE title = 't130 Canned'")
page staff-ticket "/staff/tickets/$tref?canned=$cid" -b "$S"
post_xml staff-ticket "$S" "/staff/tickets/$tref" "/staff/tickets/$tref/reply" kind=reply \
	expect_last=1 "body=Crossed."
page staff-canned /staff/tickets/canned -b "$S"
page staff-ticket-reports /staff/tickets/reports -b "$S"
page staff-departments /staff/tickets/departments -b "$S"
post_xml staff-departments "$S" /staff/tickets/departments /staff/tickets/departments id=0 slug=t130-desk \
	position=1 name_en=Desk "calendar=zone Nowhere/Atlantis"
page staff-policies /staff/tickets/policies -b "$S"
# A held mail (an unknown sender's) with a file, and its decisions.
printf 'From: t130 Stranger <t130-stranger@example.org>\nTo: support@northwind.example\nSubject: t130 held\nMessage-ID: <t130-held.%s@example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nHeld text.\n--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename="note.txt"\n\nA note.\n--b--\n' "$$" |
	"$ROOT/portico-admin" -c "$STATE/portico.conf" mail-in >/dev/null 2>&1
hid=$(db -e "SELECT id FROM mail_in WHERE message_id = 't130-held.$$@example.org'")
page staff-held /staff/tickets/held -b "$S"
page staff-held-mail "/staff/tickets/held/$hid" -b "$S"
post_xml staff-held-mail "$S" "/staff/tickets/held/$hid" "/staff/tickets/held/$hid/open" \
	"email=nobody-t130@example.org" department=1
FORM_PAGE=/staff/tickets/held/$hid post "$S" "/staff/tickets/held/$hid/discard"
page staff-held-mail "/staff/tickets/held/$hid" -b "$S"
db -e "DELETE FROM mail_in WHERE id = $hid"
page staff-ideas /staff/ideas -b "$S"
page staff-ideas '/staff/ideas?rank=momentum&days=90' -b "$S"
page idea "/ideas/$idea-dark-mode-for-the-control-panel" -b "$S"
page staff-community /staff/community -b "$S"
page staff-forum-categories /staff/community/categories -b "$S"
page forum-topic /community/t/6-maintenance-rota-december -b "$S"
post=$(db -e "SELECT id FROM forum_posts WHERE topic_id = 6 AND position = 1")
page forum-edit "/community/p/$post/edit" -b "$S"
FORM_PAGE="/community/p/$post/edit" post "$S" "/community/p/$post/edit" "title=Maintenance rota in December" \
	"body=Who covers the maintenance window on 14 December? (t130 edit)"
page forum-history "/community/p/$post/history" -b "$S"
# The editor's preview, and a download (with its file) to show.
save() {
	local tok
	tok=$(form_token "$S" /staff/content/new)
	http POST "/staff/content/save$1" -b "$S" -c "$S" -H "Origin: $URL" -F "csrf=$tok" \
		-F kind=download -F lang=en -F "category=Testing/Pages" -F id=0 -F version=0 \
		-F "title=Page vocabulary manual" -F slug=t130-manual -F "body=The **manual**." \
		-F file_version=2.0 -F "file=@$T/manual.pdf;type=application/pdf" -F "action=$2"
}
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T/manual.pdf"
save '?format=xml' preview
n=$((n + 1)); cp "$T/body" "$T/xml/$n-staff-editor.xml"
validate staff-editor "POST /staff/content/save (preview)" "$T/xml/$n-staff-editor.xml"
save '' publish
check "the download is published" header_has Location '/staff/content/'
page download /downloads/t130-manual
page download /downloads/t130-manual -b "$S"

# ---- billing (the data of billing-fixture.sh) ---------------------------
. "$(dirname "$0")/billing-fixture.sh"
billing_fixture
BC=$T/billing-owner
signin "$BC" t320-owner@t320.example "$BPW"
page billing /billing -b "$BC"
page billing-invoices /billing/invoices -b "$BC"
page billing-invoices '/billing/invoices?status=overdue&from=2025-01-01&to=2026-12-31' -b "$BC"
# A place names a row of the list (the newest invoice, the oldest payment
# and credit entry; the one order has no neighbour to page to).
page billing-invoices "/billing/invoices?after=$(db -e "SELECT CONCAT(issued_on, '.', id) FROM invoices WHERE account_id = $ACC_A ORDER BY issued_on DESC, id DESC LIMIT 1")" -b "$BC"
page billing-payments "/billing/payments?before=$(db -e "SELECT CONCAT(paid_on, '.', id) FROM payments WHERE account_id = $ACC_A ORDER BY paid_on, id LIMIT 1")" -b "$BC"
page billing-credits "/billing/credits?before=$(db -e "SELECT CONCAT(entry_on, '.', id) FROM credit_ledger WHERE account_id = $ACC_A ORDER BY entry_on, id LIMIT 1")" -b "$BC"
page billing-invoice /billing/invoices/T320A-INV-3 -b "$BC"
page billing-payments /billing/payments -b "$BC"
page billing-credits /billing/credits -b "$BC"
page billing-services /billing/services -b "$BC"
svc=$(db -e "SELECT id FROM services WHERE ext_id = 'T320A-s1'")
page billing-service "/billing/services/$svc" -b "$BC"
page billing-orders /billing/orders -b "$BC"
page billing-order /billing/orders/T320A-ORD-1 -b "$BC"
page billing-quotes /billing/quotes -b "$BC"
page billing-quote /billing/quotes/T320A-Q-1 -b "$BC"
page billing-quote /billing/quotes/T320A-Q-3 -b "$BC"
post_xml billing-quote "$BC" /billing/quotes/T320A-Q-2 /billing/quotes/T320A-Q-2/accept version=1
page account /account -b "$BC"
page billing "/billing?account=$ACC_A" -b "$S"
signin "$T/billing-tech" t320-tech@t320.example "$BPW"
page billing /billing -b "$T/billing-tech"
billing_cleanup

# ---- every kind, documented and in the schema ----------------------------
schema_kinds=$(grep -ho '<define name="kind\.[a-z0-9-]*"' "$ROOT"/xslt/schema/*.rng | sed 's/.*kind\.//; s/"//' | sort -u)
doc_kinds=$(grep -o '^### `[a-z0-9-]*`' "$DOCS" | sed 's/### `//; s/`//' | sort -u)
seen_kinds=$(echo $kinds_seen | tr ' ' '\n' | sort -u)
check "the schema has a define for every documented page kind" \
	test "$schema_kinds" = "$doc_kinds"
check "every page kind of the schema was fetched and validated" \
	test "$schema_kinds" = "$seen_kinds"
[ "$schema_kinds" = "$doc_kinds" ] ||
	echo "# schema vs README: $(diff <(echo "$schema_kinds") <(echo "$doc_kinds") | grep '^[<>]' | tr '\n' ' ')"
[ "$schema_kinds" = "$seen_kinds" ] ||
	echo "# schema vs fetched: $(diff <(echo "$schema_kinds") <(echo "$seen_kinds") | grep '^[<>]' | tr '\n' ' ')"
# Every kind the handlers create (page_new(r, "KIND") in src/) is one.
src_kinds=$(grep -ho 'page_new(r, "[a-z0-9-]*")' "$ROOT"/src/*.c | sed 's/.*"\(.*\)".*/\1/' | sort -u)
check "every literal page kind in src/ is in the schema" \
	test -z "$(comm -23 <(echo "$src_kinds") <(echo "$schema_kinds"))"

[ -n "${PAGE_XML_DIR:-}" ] && cp "$T"/xml/* "$PAGE_XML_DIR"/
cleanup
done_testing
