#!/usr/bin/env bash
# The page vocabulary is a contract: every page kind, fetched as XML
# (?format=xml, development mode) anonymously, as a customer and as
# staff, validates against xslt/schema/page.rng; the schema, the kinds
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
page forum /community
page forum-category /community/c/domains
page forum-topic /community/t/1-wordpress-white-screen-after-php-update
page forum-unsubscribe "/community/unsubscribe?token=$(printf 'a%.0s' $(seq 1 64))"

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
page staff-community /staff/community -b "$S"
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

# ---- every kind, documented and in the schema ----------------------------
schema_kinds=$(grep -o '<define name="kind\.[a-z0-9-]*"' "$RNG" | sed 's/.*kind\.//; s/"//' | sort -u)
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
