#!/usr/bin/env bash
# Watching the community: the asker and repliers watch their topic and
# a category can be watched; mails go through the mail queue, one per
# batch of replies (none again until the watcher has read the topic),
# never to the writer, never about a topic the watcher may not see; the
# unsubscribe link works without signing in, only through its POST (a
# mail scanner's GET changes nothing), and once.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SEC=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLX
# Mail of earlier runs stays in the state folder: titles of this run's own.
RUN=$(date +%s)

cleanup() {
	db -e "DELETE r FROM forum_reads r JOIN forum_topics t ON t.id = r.topic_id WHERE t.title LIKE 'T422 %';
	DELETE s FROM forum_subscriptions s JOIN forum_topics t ON t.id = s.topic_id WHERE t.title LIKE 'T422 %';
	DELETE p FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id WHERE t.title LIKE 'T422 %';
	DELETE FROM search_docs WHERE kind = 'topic' AND title LIKE 'T422 %';
	DELETE FROM forum_topics WHERE title LIKE 'T422 %';
	DELETE FROM forum_subscriptions WHERE topic_id = 0;
	DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = 't422-admin@northwind.example');
	DELETE FROM audit_log WHERE actor_id IN (SELECT id FROM users WHERE email = 't422-admin@northwind.example');
	DELETE FROM users WHERE email = 't422-admin@northwind.example';
	DELETE FROM signin_throttle"
	db -e "UPDATE forum_categories c SET c.topics = (SELECT COUNT(*) FROM forum_topics t WHERE t.category_id = c.id AND t.listed = 1)"
}
cleanup
trap 'cleanup; rm -rf "$T"' EXIT
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t422-admin@northwind.example', 'Tea Admin', 'active', 'admin', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t422-admin@northwind.example >/dev/null
for who in olivia@aurora.example ben@aurora.example kaisa@baltic.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
O=$T/olivia; B=$T/ben; K=$T/kaisa; A=$T/staff
signin "$O" olivia@aurora.example "$PW"
signin "$B" ben@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"
signin "$A" t422-admin@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$A" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
loc_of() { awk 'tolower($1) == "location:" { gsub(/\r/, ""); print $2 }' "$T/headers"; }
# about ADDR WORDS: how many delivered mails to ADDR have WORDS in the subject
about() {
	"$ROOT/portico-admin" -c "$STATE/portico.conf" send-mail --once >/dev/null 2>&1
	mail_files "^To: .*$1" | xargs -r grep -l "^Subject: .*$2" | wc -l
}
# settle: wait until the queue holds nothing unsent
settle() { wait_for 10 test "$(db -e "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND attempts = 0")" = 0; }

FORM_PAGE=/community/c/domains post "$K" /community/c/domains/watch watch=yes
check "a customer watches a category: 303" status_is 303
http GET "/community/c/domains?format=xml" -b "$K"
check "... the category page says so" bash -c "grep -q 'watching=\"yes\"' '$T/body'"
FORM_PAGE=/community post "$O" /community/c/resellers/watch watch=yes
check "a category the user may not see cannot be watched: 404" status_is 404

FORM_PAGE=/community/new post "$O" /community/new category=domains \
	"title=T422 Moving nameservers $RUN" "body=How do I move the nameservers without downtime?"
loc=$(loc_of); loc=${loc%%#*}
tid=$(echo "$loc" | sed 's|/community/t/\([0-9]*\)-.*|\1|')
check "the asker watches their topic" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.topic_id = $tid AND u.email = 'olivia@aurora.example'")" = 1
settle
check "the category's watcher is mailed of the new topic" test "$(about kaisa@baltic.example "T422 Moving nameservers $RUN")" = 1
check "... through the mail queue" test "$(db -e "SELECT COUNT(*) FROM mail_queue WHERE to_addr = 'kaisa@baltic.example' AND subject LIKE '%T422 Moving nameservers $RUN%'")" = 1
check "the asker is not mailed of their own topic" test "$(about olivia@aurora.example "New community topic: T422 Moving nameservers $RUN")" = 0
f=$(mail_files "^Subject: .*T422 Moving nameservers $RUN" | xargs -r grep -l -i "^To: .*kaisa@baltic.example" | sort | tail -1)
check "the mail links the topic" grep -q "$URL/community/t/$tid-" "$f"
unsub=$(grep -oE "$URL/community/unsubscribe\?token=[a-z0-9-]+" "$f" | head -1)
check "... and has an unsubscribe link" test -n "$unsub"
kaisa=$(db -e "SELECT id FROM users WHERE email = 'kaisa@baltic.example'")
cat_id=$(db -e "SELECT id FROM forum_categories WHERE slug = 'domains'")
stored=$(db -e "SELECT COUNT(*) FROM forum_subscriptions WHERE token = '${unsub##*-}'")
check "... signed: the watcher, the category and an HMAC-SHA256, not a stored token" \
	bash -c "echo '$unsub' | grep -qE 'token=c$kaisa-$cat_id-[0-9a-f]{64}\$' && [ '$stored' = 0 ]"

FORM_PAGE="$loc" post "$B" "$loc/reply" "body=Lower the TTL a day before."
settle
check "a reply mails the asker" test "$(about olivia@aurora.example "New reply: T422 Moving nameservers $RUN")" = 1
check "... not the one who replied" test "$(about ben@aurora.example "New reply: T422 Moving nameservers $RUN")" = 0
check "... nor the category's watcher (a reply is not a new topic)" test "$(about kaisa@baltic.example "New reply: T422 Moving nameservers $RUN")" = 0
check "the one who replied now watches the topic" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.topic_id = $tid AND u.email = 'ben@aurora.example'")" = 1
FORM_PAGE="$loc" post "$A" "$loc/reply" "body=Staff here: both name servers must answer first."
FORM_PAGE="$loc" post "$A" "$loc/reply" "body=And check the glue records."
settle
check "more replies before the asker has read: no more mail (one per batch)" test "$(about olivia@aurora.example "New reply: T422 Moving nameservers $RUN")" = 1
check "... while Ben, who had read up to his reply, gets one" test "$(about ben@aurora.example "New reply: T422 Moving nameservers $RUN")" = 1
http GET "$loc" -b "$O"
FORM_PAGE="$loc" post "$A" "$loc/reply" "body=Done? Tell us."
settle
check "once the asker has read the topic, the next reply mails again" test "$(about olivia@aurora.example "New reply: T422 Moving nameservers $RUN")" = 2

# A topic moved where the watcher may not see it: no mail about it.
http GET "$loc" -b "$O"
FORM_PAGE="$loc" post "$A" "$loc/moderate" action=move category=staff-room
FORM_PAGE="$loc" post "$A" "$loc/reply" "body=Internal note on this topic."
settle
check "no mail about a topic the watcher may no longer see" test "$(about olivia@aurora.example "New reply: T422 Moving nameservers $RUN")" = 2
FORM_PAGE="$loc" post "$A" "$loc/moderate" action=move category=domains

# Unsubscribing without signing in.
http GET "${unsub#"$URL"}"
check "the unsubscribe link opens a page without signing in" bash -c "[ '$STATUS' = 200 ] && grep -q 'form-forum-unsubscribe' '$T/body'"
check "... and a GET ends nothing" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = 'kaisa@baltic.example' AND s.topic_id = 0")" = 1
tok=${unsub##*token=}
# A signed link cannot be turned into another's: a changed user id, or
# a signature not the site's, ends nothing.
sig=${tok##*-}
olivia=$(db -e "SELECT id FROM users WHERE email = 'olivia@aurora.example'")
FORM_PAGE="${unsub#"$URL"}" post "$T/anon" /community/unsubscribe "token=t$olivia-$tid-$sig"
check "a link re-aimed at another user's watch: 404" status_is 404
check "... their watch stays" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions WHERE user_id = $olivia AND topic_id = $tid")" = 1
forged=$(printf '%s' "t$olivia-$tid" | openssl dgst -sha256 -hmac "guess" | awk '{print $NF}')
FORM_PAGE="${unsub#"$URL"}" post "$T/anon" /community/unsubscribe "token=t$olivia-$tid-$forged"
check "a link signed with another key: 404" status_is 404
check "... the page says the link is not valid" body_has 'This link is not valid'
check "... the watch stays" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions WHERE user_id = $olivia AND topic_id = $tid")" = 1
FORM_PAGE="${unsub#"$URL"}" post "$T/anon" /community/unsubscribe "token=$tok"
check "its POST ends the subscription" bash -c "[ '$STATUS' = 200 ] && grep -q 'no more mails' '$T/body'"
check "... the row is gone" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = 'kaisa@baltic.example' AND s.topic_id = 0")" = 0
FORM_PAGE="${unsub#"$URL"}" post "$T/anon" /community/unsubscribe "token=$tok"
check "the link works once: then 404" status_is 404
http GET "/community/unsubscribe?token=nothex"
check "a malformed token: 400" status_is 400
# Links mailed before they were signed carried the watch's stored
# random token: they keep working.
bentok=$(db -e "SELECT s.token FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = 'ben@aurora.example' AND s.topic_id = $tid")
FORM_PAGE="/community/unsubscribe?token=$bentok" post "$T/anon" /community/unsubscribe "token=$bentok"
check "an older mail's link (the stored token) still works" bash -c "[ '$STATUS' = 200 ] && grep -q 'no more mails' '$T/body'"
check "... the watch is gone" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = 'ben@aurora.example' AND s.topic_id = $tid")" = 0
FORM_PAGE=/community/new post "$O" /community/new category=domains \
	"title=T422 Second topic $RUN" "body=Another question."
settle
check "after unsubscribing, no mail of the next topic" test "$(about kaisa@baltic.example "T422 Second topic $RUN")" = 0
FORM_PAGE="$loc" post "$O" "$loc/watch" watch=no
check "the asker stops watching: 303" status_is 303
FORM_PAGE="$loc" post "$B" "$loc/reply" "body=One more hint."
settle
check "... and is mailed no more" test "$(about olivia@aurora.example "New reply: T422 Moving nameservers $RUN")" = 2

done_testing
