#!/usr/bin/env bash
# The staff home (/staff): who may open it, where staff and customers
# land after signing in and after setting up a second factor, what it
# lists (drafts, searches that found nothing, "not helpful" votes) and
# how that changes, its statement count; the setup's QR code read back
# by a QR reader and compared with the otpauth: link; and no page of
# the demo, anonymous, as a customer or as staff, links to a page that
# is not there.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SPW=staff-password-2026
ASEC=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
GSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
cleanup() {
	db -e "DELETE FROM signin_throttle"
	db -e "DELETE FROM users WHERE email LIKE 't72-%'"
	db -e "DELETE FROM items WHERE slug LIKE 't72-%'"
	db -e "DELETE FROM search_log WHERE query LIKE 't72%'"
	[ -n "${fb_ids:-}" ] && db -e "DELETE FROM item_feedback WHERE voter IN ($fb_ids)"
	return 0
}
cleanup
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t72-admin@northwind.example', 'Alma Admin', 'active', 'admin', '$ASEC', 1),
	('t72-agent@northwind.example', 'Aarne Agent', 'active', 'agent', '$GSEC', 1),
	('t72-new@northwind.example', 'Niilo New', 'active', 'agent', NULL, 0)"
for who in t72-admin@northwind.example t72-agent@northwind.example t72-new@northwind.example; do
	echo "$SPW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password olivia@aurora.example >/dev/null
A=$T/admin; G=$T/agent; O=$T/olivia; N=$T/new
header() { awk -v h="$1" 'tolower($1) == tolower(h) ":" { gsub(/\r/, ""); print $2 }' "$T/headers"; }
xp() { xmllint --xpath "$1" "$T/body" 2>/dev/null; }

# ---- who may open it, where each lands -------------------------------------
http GET /staff
check "anonymous: sent to sign in, back to /staff after" header_has Location '/signin\?next=/staff'
signin "$O" olivia@aurora.example "$PW"
check "a customer lands on the account" header_has Location '/account[[:space:]]*$'
http GET /staff -b "$O"
check "a customer has no staff home: 403" status_is 403
check "... and the page says so, themed" themed
signin "$G" t72-agent@northwind.example "$SPW"
FORM_PAGE=/signin/2fa post "$G" /signin/2fa "code=$(oathtool --totp -b "$GSEC")"
check "an agent lands on the staff home after the second factor" header_has Location '/staff[[:space:]]*$'
signin "$A" t72-admin@northwind.example "$SPW"
FORM_PAGE=/signin/2fa post "$A" /signin/2fa "code=$(oathtool --totp -b "$ASEC")"
check "an admin lands on the staff home" header_has Location '/staff[[:space:]]*$'
http GET /signin -b "$A"
check "signed-in staff opening /signin go to the staff home" header_has Location '/staff[[:space:]]*$'
http GET /staff -b "$G"
check "an agent opens the staff home" status_is 200
for p in /staff/content /staff/content/new /staff/categories /staff/search /staff/search/synonyms /staff/users /staff/accounts; do
	check "an agent's staff home links $p" body_has "href=\"$p\""
done
check "an agent's staff home has no admin pages" \
	bash -c "! grep -q 'href=\"/staff/segments\"' '$T/body' && ! grep -q 'href=\"/staff/audit\"' '$T/body'"
http GET /staff -b "$A"
check "an admin opens the staff home" status_is 200
check "an admin's staff home links the admin pages too" \
	bash -c "grep -q 'href=\"/staff/segments\"' '$T/body' && grep -q 'href=\"/staff/audit\"' '$T/body'"
http GET /account -b "$A"
check "the menu's staff link goes to the staff home" body_has 'href="/staff"'

# ---- the statement budget ----------------------------------------------------
for i in 1 2 3; do http GET /staff -b "$A"; done
s=$(header X-Statements)
check "the staff home runs at most 8 statements (ran ${s:-none})" test -n "$s" -a "${s:-99}" -le 8

# ---- what it lists -------------------------------------------------------------
http GET '/staff?format=xml' -b "$A"
drafts0=$(xp 'string(//drafts/@count)')
empty0=$(xp 'string(//empty-searches/@count)')
top0=$(xp 'string(//empty-searches/query[1]/@count)')
neg0=$(xp 'string(//unhelpful/@count)')
check "the counts are numbers" bash -c "[[ '$drafts0' =~ ^[0-9]+$ && '$empty0' =~ ^[0-9]+$ && '$neg0' =~ ^[0-9]+$ ]]"

tok=$(form_token "$G" /staff/content/new)
http POST /staff/content/save -b "$G" -c "$G" -H "Origin: $URL" -F "csrf=$tok" \
	-F kind=article -F lang=en -F "category=Testing/Staff home" -F id=0 -F version=0 \
	-F "title=Staff home draft about the capybara" -F slug=t72-capybara \
	-F "body=A draft." -F action=save
draft=$(db -e "SELECT id FROM items WHERE slug = 't72-capybara'")
check "an agent saves a draft" test -n "$draft"
http GET '/staff?format=xml' -b "$A"
check "the draft count grows by one" test "$(xp 'string(//drafts/@count)')" = $((drafts0 + 1))
check "the newest draft is listed first" test "$(xp 'string(//drafts/item[1])')" = "Staff home draft about the capybara"
http GET /staff -b "$A"
check "... linking to its editor" body_has "href=\"/staff/content/$draft\""

# A query that finds nothing, asked more often than the most asked one,
# so it heads the list.
q="t72zzq$RANDOM"
n=$(( ${top0:-0} + 1 ))
# (signed in, so that no cache in front answers for the workers)
for i in $(seq 1 "$n"); do http GET "/search?q=$q" -b "$O"; done
check "the searches found nothing, and were logged" \
	test "$(db -e "SELECT COUNT(*) FROM search_log WHERE query = '$q' AND results = 0")" = "$n"
http GET '/staff?format=xml' -b "$A"
check "searches without results: the count grows by $n" test "$(xp 'string(//empty-searches/@count)')" = $((empty0 + n))
check "the most asked one heads the list, $n times" \
	test "$(xp 'string(//empty-searches/query[1])')/$(xp 'string(//empty-searches/query[1]/@count)')" = "$q/$n"
http GET /staff -b "$A"
check "... shown, linking to the search analytics" bash -c "grep -q '>$q</a>' '$T/body' && grep -q 'href=\"/staff/search\"' '$T/body'"
# Its count in the language's plural form ("1 time", never "1 times").
if [ "$n" = 1 ]; then want="1 time<"; else want="$n times<"; fi
check "... with its count in the plural form: $want" body_has "$want"

# Votes: a "not helpful" one with a comment is listed, a helpful one not.
http POST /a/pay-invoice/feedback -c "$T/v1" -H "Origin: $URL" \
	--data-urlencode 'helpful=no' --data-urlencode 'comment=T72: the <b>reference</b> is not where it says'
check "a visitor votes not helpful" header_has Location '/a/pay-invoice\?done=feedback'
http POST /a/pay-invoice/feedback -c "$T/v2" -H "Origin: $URL" --data 'helpful=yes'
fb_ids=$(for j in "$T/v1" "$T/v2"; do awk '$6 == "voter" {print "'"'"'b:" $7 "'"'"'"}' "$j"; done | paste -sd,)
pay=$(db -e "SELECT id FROM items WHERE slug = 'pay-invoice' AND lang = 'en'")
http GET '/staff?format=xml' -b "$A"
check "the unhelpful votes grow by one, not two" test "$(xp 'string(//unhelpful/@count)')" = $((neg0 + 1))
check "the newest is the visitor's, with the comment as typed" \
	test "$(xp 'string(//unhelpful/vote[1]/@item)')|$(xp 'string(//unhelpful/vote[1]/comment)')" = "$pay|T72: the <b>reference</b> is not where it says"
http GET /staff -b "$A"
check "... shown as text, linking to the item's editor" \
	bash -c "grep -q 'the &lt;b&gt;reference&lt;/b&gt; is' '$T/body' && grep -q 'href=\"/staff/content/$pay\"' '$T/body'"

# ---- the QR code of the authenticator setup ----------------------------------
signin "$N" t72-new@northwind.example "$SPW"
check "new staff without a second factor go to its setup" header_has Location '/signin/2fa/setup'
http GET /signin/2fa/setup -b "$N" -c "$N"
check "the setup page shows the key as text" bash -c "grep -q 'id=\"totp-secret\"' '$T/body'"
check "... and the otpauth: link" body_has 'href="otpauth://totp/'
check "... and a QR code drawn as inline SVG" body_has '<svg xmlns="http://www.w3.org/2000/svg"'
uri=$(grep -o 'href="otpauth://[^"]*"' "$T/body" | head -1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
sed -n 's/.*\(<svg xmlns="http:\/\/www.w3.org\/2000\/svg".*<\/svg>\).*/\1/p' "$T/body" >"$T/qr.svg"
rsvg-convert -w 400 -b white -o "$T/qr.png" "$T/qr.svg" 2>"$T/rsvg.err"
read_qr=$(zbarimg --raw -q "$T/qr.png" 2>/dev/null | head -1)
check "the QR code reads as the otpauth: link (zbarimg)" \
	bash -c "test -n '$uri' && test '$read_qr' = '$uri'"
[ "$read_qr" = "$uri" ] || echo "# read '$read_qr' for '$uri' $(head -c 200 "$T/rsvg.err")"
secret=$(sed -n 's/.*id="totp-secret">\([A-Z2-7]*\)<.*/\1/p' "$T/body")
check "the link carries the key shown as text" bash -c "case '$uri' in *'secret=$secret&'*) true ;; *) false ;; esac"
FORM_PAGE=/signin/2fa/setup post "$N" /signin/2fa/setup "code=$(oathtool --totp -b "$secret")"
check "a right code shows the recovery codes" bash -c "test $STATUS = 200 && grep -q 'class=\"codes\"' '$T/body'"
check "... and Continue goes to the staff home" body_has '<a href="/staff">'
http GET /staff -b "$N"
check "the new agent, signed in, opens the staff home" status_is 200

# A customer's setup continues to the account.
FORM_PAGE=/account/2fa post "$O" /account/2fa/start "current_password=$PW"
http GET /account/2fa/setup -b "$O" -c "$O"
osecret=$(sed -n 's/.*id="totp-secret">\([A-Z2-7]*\)<.*/\1/p' "$T/body")
check "a customer's setup has a QR code too" body_has '<svg xmlns="http://www.w3.org/2000/svg"'
FORM_PAGE=/account/2fa/setup post "$O" /account/2fa/confirm "code=$(oathtool --totp -b "$osecret")"
check "... and Continue goes to the account" body_has '<a href="/account">'
db -e "UPDATE users SET totp_enabled = 0, totp_secret = NULL, totp_pending = NULL, totp_last_step = 0 WHERE email = 'olivia@aurora.example'; DELETE r FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = 'olivia@aurora.example'"
signin "$O" olivia@aurora.example "$PW"

# ---- no link to a missing page ---------------------------------------------------
# crawl NAME JAR START...: fetch the start pages, then every same-origin
# link on them, then every link on those (not followed further); each
# must answer 200, 30x, 401 or 403.  Pages fetched land in $T/pages-NAME.
crawl() {
	local name=$1 jar=$2 u code bad="" seen="$T/seen-$name" next="$T/next-$name" level
	shift 2
	mkdir -p "$T/pages-$name"
	: >"$seen"
	printf '%s\n' "$@" >"$next"
	for level in 0 1 2; do
		sort -u "$next" | comm -23 - <(sort -u "$seen") >"$T/todo"
		: >"$next"
		while read -r u; do
			echo "$u" >>"$seen"
			f="$T/pages-$name/$(echo "$u" | md5sum | cut -c1-12)"
			code=$(curl -s -o "$f" -w '%{http_code}' -b "$jar" --max-time 30 "$URL$u")
			case $code in
			200|301|302|303|304|401|403) ;;
			*) bad="$bad $u=$code" ;;
			esac
			[ "$level" = 2 ] && continue
			grep -o 'href="/[^"]*"' "$f" | sed 's/^href="//; s/"$//; s/&amp;/\&/g; s/#.*//' |
				grep -v -e '^//' -e '^/static/' -e '^$' >>"$next"
		done <"$T/todo"
	done
	CRAWLED=$(sort -u "$seen" | wc -l)
	CRAWL_BAD=$bad
}
crawl anon /dev/null /
check "anonymous: no link of $CRAWLED pages answers 404, 405 or 500" test -z "$CRAWL_BAD"
[ -z "$CRAWL_BAD" ] || echo "# bad:$CRAWL_BAD" | head -c 600
crawl customer "$O" / /account
check "customer: no link of $CRAWLED pages answers 404, 405 or 500" test -z "$CRAWL_BAD"
[ -z "$CRAWL_BAD" ] || echo "# bad:$CRAWL_BAD" | head -c 600
crawl staff "$A" /staff
check "staff: no link of $CRAWLED pages answers 404, 405 or 500" test -z "$CRAWL_BAD"
[ -z "$CRAWL_BAD" ] || echo "# bad:$CRAWL_BAD" | head -c 600
http GET /p/contact
check "the contact page gives support's real channels" \
	bash -c "grep -q 'mailto:support@northwind.example' '$T/body' && grep -q 'href=\"/kb\"' '$T/body' && grep -q 'href=\"/faq\"' '$T/body'"

cleanup
done_testing
