#!/usr/bin/env bash
# Suggestions (/ideas): who may do what; a new idea with the ideas like
# it (the no-script step and type-ahead); one vote per user, vote and
# unvote, repeats; the unique key in the database; comments (staff's
# marked); following; the staff status workflow with its public comment
# and the mail to voters and followers in their language (never to
# someone who took their vote back, never twice to one who votes and
# follows); the news link on the changelog; the roadmap; merging a
# duplicate (voters merged, nobody counted twice, the old address leads
# to the idea that stays, a vote on it lands there); the staff rankings
# by votes, by a segment's accounts and by recent votes; the one search
# box (kind idea); the home page's top ideas; bad input.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SPW=staff-password-2026
GSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
q() { db -e "$1"; }
cleanup() {
	local ids
	ids=$(q "SELECT GROUP_CONCAT(id) FROM ideas WHERE title LIKE 't400%'")
	if [ -n "$ids" ] && [ "$ids" != NULL ]; then
		q "DELETE FROM idea_votes WHERE idea_id IN ($ids);
		   DELETE FROM idea_subscriptions WHERE idea_id IN ($ids);
		   DELETE FROM idea_mail_optouts WHERE idea_id IN ($ids);
		   DELETE FROM idea_comments WHERE idea_id IN ($ids);
		   DELETE FROM idea_events WHERE idea_id IN ($ids);
		   DELETE FROM search_docs WHERE id IN (SELECT 3000000000 + id FROM ideas WHERE id IN ($ids));
		   DELETE FROM ideas WHERE id IN ($ids)"
	fi
	q "DELETE FROM mail_queue WHERE subject LIKE '%t400%'"
	q "DELETE FROM account_segments WHERE segment_id IN (SELECT id FROM segments WHERE name = 't400 segment')"
	q "DELETE FROM segments WHERE name = 't400 segment'"
	q "UPDATE users SET language = 'en' WHERE email = 'kaisa@baltic.example'"
	q "DELETE FROM users WHERE email LIKE 't400-%'"
	q "DELETE FROM signin_throttle"
	return 0
}
cleanup
trap 'cleanup; rm -rf "$T"' EXIT
q "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t400-agent@northwind.example', 'Aino Agent', 'active', 'agent', '$GSEC', 1)"
echo "$SPW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t400-agent@northwind.example >/dev/null
for who in olivia@aurora.example ben@aurora.example kaisa@baltic.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
O=$T/olivia; B=$T/ben; K=$T/kaisa; G=$T/agent
signin "$O" olivia@aurora.example "$PW"
signin "$B" ben@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"
signin "$G" t400-agent@northwind.example "$SPW"
FORM_PAGE=/signin/2fa post "$G" /signin/2fa "code=$(oathtool --totp -b "$GSEC")"
uid() { q "SELECT id FROM users WHERE email = '$1'"; }
votes() { q "SELECT votes FROM ideas WHERE id = $1"; }
voters() { q "SELECT COUNT(*) FROM idea_votes WHERE idea_id = $1"; }
loc() { awk 'tolower($1) == "location:" { gsub(/\r/, ""); print $2 }' "$T/headers"; }
# vote JAR ID ACTION: the form of the idea's page, posted.
vote() { FORM_PAGE=/ideas/new post "$1" "/ideas/$2/vote" "action=$3"; }

# ---- anyone may read, only those signed in may act -------------------------
http GET /ideas
check "the ideas list answers 200" status_is 200
check "... themed, with a demo idea" bash -c "grep -q 'Dark mode for the control panel' '$T/body' && grep -q '<!DOCTYPE html' '$T/body'"
check "... and its vote count" body_has '3 votes'
http GET /ideas/new
check "posting an idea needs signing in: 303 to /signin" header_has Location '/signin\?next=/ideas/new'
demo=$(q "SELECT id FROM ideas WHERE title = 'Dark mode for the control panel'")
http GET "/ideas/$demo"
check "an idea's short address leads to its address with the title" header_has Location "/ideas/$demo-dark-mode-for-the-control-panel"
http GET "/ideas/$demo-dark-mode-for-the-control-panel"
check "anonymous: the idea page, no vote form, a sign-in link" \
	bash -c "grep -q 'Planned for the spring release' '$T/body' && ! grep -q 'form-idea-vote' '$T/body' && grep -q 'href=\"/signin?next=/ideas/$demo' '$T/body'"
http GET "/ideas/$demo-dark-mode-for-the-control-panel?lang=fa"
check "in Persian, an English idea's title and text keep their own direction" \
	bash -c "grep -q '<h1 dir=\"auto\">Dark mode' '$T/body' && grep -q 'class=\"body\" dir=\"auto\"' '$T/body'"
http POST "/ideas/$demo/vote" -H "Origin: $URL" --data 'action=vote'
check "anonymous vote: refused (403)" status_is 403

# ---- a new idea: similar ideas first ----------------------------------------
http GET "/ideas/new?title=dark+mode+please" -b "$O"
check "the no-script step lists the similar demo idea" \
	bash -c "grep -q 'id=\"similar-heading\"' '$T/body' && grep -q 'href=\"/ideas/$demo-dark-mode-for-the-control-panel\"' '$T/body'"
check "... and the form keeps the title" body_has 'value="dark mode please"'
http GET "/ideas/similar?q=dark%20mode"
check "type-ahead: XML with the similar idea" \
	bash -c "grep -q '<suggestions' '$T/body' && grep -q 'kind=\"idea\"' '$T/body' && grep -q '/ideas/$demo-dark-mode' '$T/body'"
check "the title field asks /ideas/similar as one types" \
	bash -c "curl -s -b '$O' '$URL/ideas/new' | grep -q 'data-suggest=\"/ideas/similar\"'"
FORM_PAGE=/ideas/new post "$O" /ideas/new "title=t400" "description=x"
check "a title of four characters: 400 with the field's error" \
	bash -c "[ '$STATUS' = 400 ] && grep -q 'at least five characters' '$T/body'"
zw=$(printf '\u200b\u200c\u200d\u2060\ufeff\u3164\u2800')
zw_before=$(q "SELECT COUNT(*) FROM ideas")
FORM_PAGE=/ideas/new post "$O" /ideas/new "title=$zw" "description=t400 invisible"
check "a title of zero-width and filler characters only: 400" status_is 400
check "... saying it has no visible characters" body_has 'no visible characters'
check "... keeping what was typed" body_has 't400 invisible'
FORM_PAGE=/ideas/new post "$O" /ideas/new "title=t4$zw$zw" "description=x"
check "invisible characters do not make a short title long enough" \
	bash -c "[ '$STATUS' = 400 ] && grep -q 'at least five characters' '$T/body'"
check "... no idea is made of either" test "$(q "SELECT COUNT(*) FROM ideas")" = "$zw_before"
FORM_PAGE=/ideas/new post "$O" /ideas/new "title=t400 Export invoices as CSV" \
	"description=Our *accountant* wants a CSV file." "product=Billing"
check "a new idea: 303 to its page" header_has Location '/ideas/[0-9]+-t400-export-invoices-as-csv\?done=ideas-created'
A=$(loc | sed 's|^/ideas/||; s|-.*||')
http GET "$(loc)" -b "$O"
check "its page shows it, Markdown rendered, with a notice" \
	bash -c "grep -q '<em>accountant</em>' '$T/body' && grep -q 'Your idea is posted' '$T/body'"
check "the author follows it" test "$(q "SELECT COUNT(*) FROM idea_subscriptions WHERE idea_id = $A AND user_id = $(uid olivia@aurora.example)")" = 1
http GET "/search?q=t400+csv&kind=idea"
check "the one search box finds it (kind idea)" body_has "/ideas/$A-t400-export-invoices-as-csv"
http GET "/search?q=t400+csv"
check "... and among all kinds" body_has "/ideas/$A-t400-export-invoices-as-csv"

# ---- votes --------------------------------------------------------------------
vote "$B" "$A" vote
check "a vote: 303 to the idea, thanked" header_has Location "/ideas/$A\?done=ideas-voted"
check "... counted" test "$(votes "$A")" = 1
http GET "/ideas/$A?done=ideas-voted" -b "$B"
check "the idea's short address keeps the notice on its way" header_has Location "/ideas/$A-t400-export-invoices-as-csv\?done=ideas-voted"
vote "$B" "$A" vote
check "the same user again: still one vote" test "$(votes "$A")" = 1
vote "$K" "$A" vote
check "another user: two" test "$(votes "$A")" = 2
http GET "/ideas/$A-t400-export-invoices-as-csv" -b "$B"
check "the voter sees the unvote form" bash -c "grep -q 'value=\"unvote\"' '$T/body' && grep -q 'Remove my vote' '$T/body'"
vote "$B" "$A" unvote
check "unvote: one" test "$(votes "$A")" = 1
vote "$B" "$A" unvote
check "unvote again: still one" test "$(votes "$A")" = 1
check "the count is the rows" test "$(votes "$A")" = "$(voters "$A")"
check "the database refuses a second row for one user (unique key)" \
	bash -c "! mariadb --defaults-extra-file='$STATE/my.cnf' -e \"INSERT INTO idea_votes (idea_id, user_id, created_at) VALUES ($A, $(uid kaisa@baltic.example), NOW())\" 2>/dev/null"
vote "$B" "$A" bogus
check "an unknown action: 400" status_is 400

# ---- comments and following ---------------------------------------------------
FORM_PAGE=/ideas/new post "$B" "/ideas/$A/comment" "body=We need **this** too."
check "a comment: 303" header_has Location "/ideas/$A\?done=ideas-commented"
FORM_PAGE=/ideas/new post "$G" "/ideas/$A/comment" "body=Thanks, we are looking at it."
http GET "/ideas/$A-t400-export-invoices-as-csv"
check "comments shown, Markdown rendered" body_has '<strong>this</strong>'
check "the staff comment is marked" bash -c "grep -q 'staff-reply' '$T/body'"
check "the count of comments is derived: 2" test "$(q "SELECT comments FROM ideas WHERE id = $A")" = 2
# A double click: the one form (one token) three times, twice at once.
thrice() {
	local jar=$1 p=$2 tok args=() n
	shift 2
	tok=$(form_token "$jar" /ideas/new)
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	for n in 1 2; do
		curl -s -o /dev/null -D "$T/dbl-$n" -b "$jar" -H "Origin: $URL" \
			--data-urlencode "csrf=$tok" "${args[@]}" "$URL$p" &
	done
	wait
	curl -s -o /dev/null -D "$T/dbl-3" -b "$jar" -H "Origin: $URL" \
		--data-urlencode "csrf=$tok" "${args[@]}" "$URL$p"
}
thrice "$B" "/ideas/$A/comment" "body=We need **this** too."
check "the same comment sent three times again (a double click): still 2" \
	test "$(q "SELECT CONCAT(comments, ':', (SELECT COUNT(*) FROM idea_comments WHERE idea_id = $A)) FROM ideas WHERE id = $A")" = 2:2
thrice "$K" /ideas/new "title=t400 Posted with a double click" "description=Twice at once."
check "an idea's form sent three times (twice at once): one idea" \
	test "$(q "SELECT COUNT(*) FROM ideas WHERE title = 't400 Posted with a double click'")" = 1
check "... and each answer leads to it" \
	test "$(for n in 1 2 3; do awk 'tolower($1) == "location:" { gsub(/\r/, ""); sub(/\?.*/, ""); print $2 }' "$T/dbl-$n"; done | sort -u | wc -l)" = 1
FORM_PAGE=/ideas/new post "$K" "/ideas/$A/follow" "action=follow"
check "following: 303" header_has Location "/ideas/$A\?done=ideas-followed"
check "... kaisa follows it" test "$(q "SELECT COUNT(*) FROM idea_subscriptions WHERE idea_id = $A")" = 2

# ---- the status workflow and its mail ---------------------------------------------
FORM_PAGE=/ideas/new post "$K" "/staff/ideas/$A/status" "status=planned"
check "a customer cannot set a status: 403" status_is 403
q "UPDATE users SET language = 'fi' WHERE email = 'kaisa@baltic.example'"
before_mail=$(q "SELECT COUNT(*) FROM mail_queue")
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$A/status" "status=planned" "comment=Coming in March."
check "staff set the status: 303" header_has Location "/ideas/$A-t400-export-invoices-as-csv\?done=ideas-status"
check "... stored with its comment" test "$(q "SELECT CONCAT(status, '|', staff_comment) FROM ideas WHERE id = $A")" = "planned|Coming in March."
check "... and in its history" test "$(q "SELECT COUNT(*) FROM idea_events WHERE idea_id = $A AND status = 'planned'")" = 1
check "two mails queued: the voter who follows (once) and the author" \
	test "$(( $(q "SELECT COUNT(*) FROM mail_queue") - before_mail ))" = 2
check "none to the user who took the vote back" \
	test "$(q "SELECT COUNT(*) FROM mail_queue WHERE id > 0 AND subject LIKE '%t400%' AND to_addr = 'ben@aurora.example'")" = 0
m=$(mail_to kaisa@baltic.example)
check "the voter's mail is in her language, with status, comment and link" \
	bash -c "grep -q 'Suunniteltu' '$m' && grep -q 'Coming in March.' '$m' && grep -q '$URL/ideas/$A-t400-export-invoices-as-csv' '$m'"
m=$(mail_to olivia@aurora.example)
check "the author's mail is in English" bash -c "grep -q 'Planned' '$m' && grep -q 't400 Export invoices as CSV' '$m'"
# Each recipient's unsubscribe link is their own, signed with the site's
# secret (HMAC-SHA256 of "iUSER-IDEA"), and works without signing in.
olink=$(grep -oE "$URL/ideas/unsubscribe\?token=[a-z0-9-]+" "$m" | head -1)
m=$(mail_to kaisa@baltic.example)
klink=$(grep -oE "$URL/ideas/unsubscribe\?token=[a-z0-9-]+" "$m" | head -1)
kaisa=$(uid kaisa@baltic.example)
key=$(q "SELECT LOWER(HEX(secret)) FROM site_secrets WHERE name = 'links'")
sig() { printf '%s' "$1" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" | awk '{print $NF}'; }
want=$(sig "i$kaisa-$A")
check "the status mail has an unsubscribe link, the voter's own, signed" \
	test -n "$key" -a "${klink##*token=}" = "i$kaisa-$A-$want"
check "... not the author's" test -n "$olink" -a "$olink" != "$klink"
http GET "${klink#"$URL"}"
check "the link opens a page that asks to confirm" bash -c "[ '$STATUS' = 200 ] && grep -q 'form-forum-unsubscribe' '$T/body' && grep -q 'about this idea' '$T/body'"
FORM_PAGE="${klink#"$URL"}" post "$T/anon" /ideas/unsubscribe "token=i$(uid olivia@aurora.example)-$A-$want"
check "the signature of one user's link does not stop another's mail: 404" status_is 404
FORM_PAGE="${klink#"$URL"}" post "$T/anon" /ideas/unsubscribe "token=${klink##*token=}"
check "its POST stops the mails" bash -c "[ '$STATUS' = 200 ] && grep -q 'no more mails' '$T/body'"
check "... recorded for the voter" test "$(q "SELECT COUNT(*) FROM idea_mail_optouts WHERE idea_id = $A AND user_id = $kaisa")" = 1
http GET "/ideas/$A-t400-export-invoices-as-csv"
check "the page shows the public comment and the change" \
	bash -c "grep -q 'Coming in March.' '$T/body' && grep -q 'Status changed to' '$T/body'"
http GET /ideas/roadmap
check "the roadmap lists it under Planned" \
	bash -c "xmllint --html --xpath '//section[h2[@id=\"col-planned\"]]//a/@href' '$T/body' 2>/dev/null | grep -q '/ideas/$A-'"
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$A/status" "status=shipped"
check "an unknown status: 400" status_is 400
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$A/status" "status=done" "news=no-such-news"
check "a news item that is not there: 400" status_is 400
last_mail=$(q "SELECT IFNULL(MAX(id), 0) FROM mail_queue")
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$A/status" "status=done" "news=news-php84"
check "done, linked to the news that announced it" test "$(q "SELECT status FROM ideas WHERE id = $A")" = done
check "the voter who unsubscribed is not mailed of it, the author is" \
	test "$(q "SELECT CONCAT(SUM(to_addr = 'kaisa@baltic.example'), ':', SUM(to_addr = 'olivia@aurora.example')) FROM mail_queue WHERE id > $last_mail")" = "0:1"
http GET /ideas/changelog
check "the changelog links the idea to the news item" \
	bash -c "grep -q '/ideas/$A-t400' '$T/body' && grep -q 'href=\"/news/news-php84\"' '$T/body'"
check "... and links no news for a done idea no news announced" body_lacks 'href="/news/"'
http GET "/ideas/$(q "SELECT id FROM ideas WHERE title = 'تاریخ شمسی در صورتحساب‌ها'")"
check "a done idea without news: no news link on its page" body_lacks 'href="/news/"'


# ---- merging a duplicate ---------------------------------------------------------
FORM_PAGE=/ideas/new post "$B" /ideas/new "title=t400 CSV export of invoices"
D=$(loc | sed 's|^/ideas/||; s|-.*||')
vote "$B" "$D" vote
vote "$K" "$D" vote
check "the duplicate has two votes (kaisa voted for both)" test "$(votes "$D")" = 2
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$D/merge" "into=$A"
check "merge: 303 to the idea that stays" header_has Location "/ideas/$A\?done=ideas-merged"
check "its votes are the distinct voters of both (kaisa once): 2" test "$(votes "$A")" = 2
check "... equal to its rows" test "$(voters "$A")" = 2
check "the duplicate has no votes left" test "$(voters "$D")" = 0
check "the duplicate's comments and followers moved" \
	test "$(q "SELECT COUNT(*) FROM idea_subscriptions WHERE idea_id = $A AND user_id = $(uid ben@aurora.example)")" = 1
http GET "/ideas/$D-t400-csv-export-of-invoices"
check "the duplicate's address leads to the idea that stays" header_has Location "/ideas/$A"
http GET /ideas?sort=new
check "the duplicate is not listed" body_lacks "/ideas/$D-"
check "... nor found by search" bash -c "! curl -s '$URL/search?q=t400+csv&kind=idea' | grep -q '/ideas/$D-'"
vote "$O" "$D" vote
check "a vote on the merged address lands on the idea that stays" \
	bash -c "[ \"\$(mariadb --defaults-extra-file='$STATE/my.cnf' -N -e 'SELECT votes FROM ideas WHERE id = $A')\" = 3 ]"
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$A/merge" "into=$A"
check "merging an idea into itself: 409" status_is 409
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$A/merge" "into=999999999"
check "merging into an idea that is not there: 404" status_is 404

# Opt-outs follow a merge: a voter who stopped the duplicate's mails is
# not mailed about the idea that stays, and a link from a mail sent
# before the merge stops the mails of the idea that stays.
FORM_PAGE=/ideas/new post "$B" /ideas/new "title=t400 Dark mode for the panel"
E=$(loc | sed 's|^/ideas/||; s|-.*||')
FORM_PAGE=/ideas/new post "$K" /ideas/new "title=t400 A night theme"
F=$(loc | sed 's|^/ideas/||; s|-.*||')
q "INSERT INTO users (email, name, status, language) VALUES ('t400-voter@aurora.example', 'Vera Voter', 'active', 'en')"
vera=$(uid t400-voter@aurora.example)
q "INSERT INTO idea_votes (idea_id, user_id, created_at) VALUES ($F, $vera, NOW()); UPDATE ideas SET votes = votes + 1 WHERE id = $F"
tok="i$vera-$F-$(sig "i$vera-$F")"
FORM_PAGE="/ideas/unsubscribe?token=$tok" post "$T/anon" /ideas/unsubscribe "token=$tok"
check "a voter stops the duplicate's mails" test "$(q "SELECT COUNT(*) FROM idea_mail_optouts WHERE idea_id = $F AND user_id = $vera")" = 1
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$F/merge" "into=$E"
check "merged: her vote moves to the idea that stays" test "$(q "SELECT COUNT(*) FROM idea_votes WHERE idea_id = $E AND user_id = $vera")" = 1
check "... and her opt-out with it" test "$(q "SELECT COUNT(*) FROM idea_mail_optouts WHERE idea_id = $E AND user_id = $vera")" = 1
check "... not the opt-out of a voter who had the other idea already" \
	test "$(q "SELECT COUNT(*) FROM idea_mail_optouts WHERE idea_id = $E AND user_id = $(uid ben@aurora.example)")" = 0
tok="i$kaisa-$F-$(sig "i$kaisa-$F")"
FORM_PAGE="/ideas/unsubscribe?token=$tok" post "$T/anon" /ideas/unsubscribe "token=$tok"
check "a link from before the merge: 200" status_is 200
check "... stops the mails of the idea that stays" \
	test "$(q "SELECT COUNT(*) FROM idea_mail_optouts WHERE idea_id = $E AND user_id = $kaisa"):$(q "SELECT COUNT(*) FROM idea_subscriptions WHERE idea_id = $E AND user_id = $kaisa")" = 1:0
last_mail=$(q "SELECT IFNULL(MAX(id), 0) FROM mail_queue")
FORM_PAGE=/ideas/new post "$G" "/staff/ideas/$E/status" "status=planned"
check "a status change mails neither of them, the author yes" \
	test "$(q "SELECT CONCAT(IFNULL(SUM(to_addr IN ('t400-voter@aurora.example', 'kaisa@baltic.example')), 0), ':', IFNULL(SUM(to_addr = 'ben@aurora.example'), 0)) FROM mail_queue WHERE id > $last_mail")" = "0:1"

# ---- staff rankings ------------------------------------------------------------
http GET /staff/ideas -b "$K"
check "a customer has no staff ranking: 403" status_is 403
http GET /staff/ideas -b "$G"
check "staff: ranked by votes" bash -c "[ '$STATUS' = 200 ] && grep -q '/ideas/$A-' '$T/body'"
q "INSERT INTO segments (name, kind) VALUES ('t400 segment', 'customer-type');
   INSERT INTO account_segments (account_id, segment_id) SELECT u.account_id, s.id FROM users u, segments s
   WHERE u.email = 'kaisa@baltic.example' AND s.name = 't400 segment'"
seg=$(q "SELECT id FROM segments WHERE name = 't400 segment'")
http GET "/staff/ideas?rank=segment&segment=$seg" -b "$G"
check "by a segment's accounts: the idea kaisa voted for" body_has "/ideas/$A-"
alipay=$(q "SELECT id FROM ideas WHERE title = '支持支付宝付款'")
check "... and not one only another account's user voted for" body_lacks "/ideas/$alipay\""
http GET "/staff/ideas?rank=momentum&days=7" -b "$G"
check "by recent votes: the idea voted for today" bash -c "[ '$STATUS' = 200 ] && grep -q '/ideas/$A-' '$T/body'"
http GET "/staff/ideas?rank=fame" -b "$G"
check "an unknown ranking: 400" status_is 400

# ---- home and bad input ----------------------------------------------------------
http GET /
check "the home page shows top ideas" bash -c "grep -q 'id=\"ideas-heading\"' '$T/body' && grep -q 'Dark mode for the control panel' '$T/body'"
for p in /ideas/abc /ideas/0 /ideas/999999999 /ideas/12x; do
	http GET "$p"
	check "GET $p: 404" status_is 404
done
http GET "/ideas?sort=best"
check "an unknown sort: 400" status_is 400
http GET "/ideas?page=999"
check "a page past the end: 404" status_is 404
vote "$B" 999999999 vote
check "a vote for an idea that is not there: 404" status_is 404
done_testing
