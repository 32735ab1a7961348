#!/usr/bin/env bash
# Community moderation: the edit window and the history staff read;
# flags; staff hide, show, close, open, pin, move (each audited); a
# closed topic stays readable and searchable; a hidden topic leaves
# every list and the search; posting is rate-limited per user in
# MariaDB; a banned user cannot post and their sessions end; with
# forum_queue_first, a new user's first post waits in the queue until
# staff approve it (a second pool with that setting).
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SEC=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLV

cleanup() {
	db -e "DELETE FROM forum_flags WHERE user_id IN (SELECT id FROM users WHERE email LIKE 't421-%');
	DELETE f FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id JOIN forum_topics t ON t.id = p.topic_id WHERE t.title LIKE 'T421 %';
	DELETE r FROM forum_reads r JOIN forum_topics t ON t.id = r.topic_id WHERE t.title LIKE 'T421 %';
	DELETE s FROM forum_subscriptions s JOIN forum_topics t ON t.id = s.topic_id WHERE t.title LIKE 'T421 %';
	DELETE v FROM forum_post_versions v JOIN forum_posts p ON p.id = v.post_id JOIN forum_topics t ON t.id = p.topic_id WHERE t.title LIKE 'T421 %';
	DELETE p FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id WHERE t.title LIKE 'T421 %';
	DELETE FROM search_docs WHERE kind = 'topic' AND title LIKE 'T421 %';
	DELETE FROM forum_topics WHERE title LIKE 'T421 %';
	DELETE FROM forum_categories WHERE slug LIKE 't421-%' AND parent_id IS NOT NULL;
	DELETE FROM forum_categories WHERE slug LIKE 't421-%';
	DELETE FROM audit_log WHERE event IN ('forum-category-saved', 'forum-category-deleted') AND detail LIKE '% t421-%';
	DELETE s FROM forum_subscriptions s JOIN forum_categories c ON c.id = s.category_id WHERE c.slug LIKE 't421-%';
	DELETE c FROM idea_comments c JOIN ideas i ON i.id = c.idea_id WHERE i.title LIKE 'T421 %';
	DELETE FROM idea_comments WHERE author_id IN (SELECT id FROM users WHERE email LIKE 't421-%');
	DELETE s FROM idea_subscriptions s JOIN ideas i ON i.id = s.idea_id WHERE i.title LIKE 'T421 %';
	DELETE FROM search_docs WHERE kind = 'idea' AND title LIKE 'T421 %';
	DELETE FROM search_source WHERE kind = 'idea' AND title LIKE 'T421 %';
	DELETE FROM ideas WHERE title LIKE 'T421 %';
	UPDATE ideas i SET i.comments = (SELECT COUNT(*) FROM idea_comments c WHERE c.idea_id = i.id);
	DELETE FROM forum_bans WHERE user_id IN (SELECT id FROM users WHERE email LIKE 't421-%');
	DELETE FROM forum_subscriptions WHERE user_id IN (SELECT id FROM users WHERE email LIKE 't421-%');
	DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email LIKE 't421-%');
	DELETE FROM audit_log WHERE user_id IN (SELECT id FROM users WHERE email LIKE 't421-%');
	DELETE FROM users WHERE email LIKE 't421-%';
	DELETE FROM signin_throttle"
	db -e "UPDATE forum_topics SET closed = 0, pinned = 0 WHERE id = 1;
	UPDATE forum_topics t JOIN forum_categories c ON c.slug = 'hosting' SET t.category_id = c.id, t.visibility = c.visibility WHERE t.id = 1;
	UPDATE forum_categories c SET c.topics = (SELECT COUNT(*) FROM forum_topics t WHERE t.category_id = c.id AND t.listed = 1)"
	"$ROOT/portico-admin" -c "$STATE/portico.conf" forum-index >/dev/null
}
cleanup
trap 'cleanup; rm -rf "$T"' EXIT
acct=$(db -e "SELECT id FROM accounts WHERE number = 'NW-100001'")
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES
	('t421-admin@northwind.example', 'Toivo Admin', 'active', 'admin', '$SEC', 1);
	INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES
	('t421-rita@aurora.example', 'Rita Rapid', 'active', 'customer', $acct, 'member'),
	('t421-ned@aurora.example', 'Ned Newcomer', 'active', 'customer', $acct, 'member')"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t421-admin@northwind.example >/dev/null
for who in olivia@aurora.example ben@aurora.example t421-rita@aurora.example t421-ned@aurora.example; do
	echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password "$who" >/dev/null
done
O=$T/olivia; B=$T/ben; R=$T/rita; A=$T/staff
# (not S: second_instance names its folder S)
signin "$O" olivia@aurora.example "$PW"
signin "$B" ben@aurora.example "$PW"
signin "$R" t421-rita@aurora.example "$PW"
signin "$A" t421-admin@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$A" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
rita=$(db -e "SELECT id FROM users WHERE email = 't421-rita@aurora.example'")
loc_of() { awk 'tolower($1) == "location:" { gsub(/\r/, ""); print $2 }' "$T/headers"; }

FORM_PAGE=/community/new post "$O" /community/new category=hosting \
	"title=T421 Cron job runs twice every night" "body=Our backup cron job runs twice. First text."
loc=$(loc_of); loc=${loc%%#*}
tid=$(echo "$loc" | sed 's|/community/t/\([0-9]*\)-.*|\1|')
q=$(db -e "SELECT id FROM forum_posts WHERE topic_id = $tid AND position = 1")
FORM_PAGE="$loc" post "$B" "$loc/reply" "body=Check whether two crontab entries exist. Original reply."
r2=$(db -e "SELECT id FROM forum_posts WHERE topic_id = $tid AND position = 2")

# ---- editing: the window, the history ----------------------------------------------
FORM_PAGE="/community/p/$q/edit" post "$O" "/community/p/$q/edit" \
	"title=T421 Cron job runs twice every night (solved?)" "body=Our backup cron job runs twice. Second text."
check "the author edits their question: 303" status_is 303
http GET "$loc"
check "the page shows the new text and title" bash -c "grep -q 'Second text' '$T/body' && grep -q '(solved?)' '$T/body'"
check "... marked edited" body_has 'edited'
check "the earlier text is kept as a version" test "$(db -e "SELECT COUNT(*) FROM forum_post_versions WHERE post_id = $q AND body LIKE '%First text%'")" = 1
http GET "/community/p/$q/history" -b "$O"
check "a customer cannot read the history: 403" status_is 403
http GET "/community/p/$q/history" -b "$A"
check "staff read the history with the earlier text" bash -c "[ '$STATUS' = 200 ] && grep -q 'First text' '$T/body' && grep -q 'Second text' '$T/body'"
http GET "/community/p/$r2/edit" -b "$O"
check "someone else's post cannot be edited: 403" status_is 403
check "... saying it is someone else's, not that the time is over" body_has 'You can edit only your own posts'
http GET "$loc" -b "$B"
check "the topic page offers its author the edit of a new reply" body_has "/community/p/$r2/edit"
db -e "UPDATE forum_posts SET created_at = NOW() - INTERVAL 2 HOUR WHERE id = $r2"
http GET "$loc" -b "$B"
check "... and no longer after the edit window" body_lacks "/community/p/$r2/edit"
http GET "/community/p/$r2/edit" -b "$B"
check "after the edit window the author cannot edit: 403" status_is 403
check "... saying the time is over" body_has 'authors edit their posts for a short while'
FORM_PAGE="$loc" post "$B" "/community/p/$r2/edit" "body=Sneaky late change."
check "... nor post an edit" status_is 403
check "... and the text is unchanged" test "$(db -e "SELECT COUNT(*) FROM forum_posts WHERE id = $r2 AND body LIKE 'Sneaky%'")" = 0
FORM_PAGE="/community/p/$r2/edit" post "$A" "/community/p/$r2/edit" "body=Check whether two crontab entries exist (edited by staff)."
check "staff edit any post: 303" status_is 303
check "... audited" test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'forum-edit' AND detail = 'post $r2'")" -ge 1

# ---- flags -------------------------------------------------------------------------------
FORM_PAGE="$loc" post "$O" "/community/p/$r2/flag" "reason=Off topic advertising"
check "anyone signed in flags a post: 303" status_is 303
FORM_PAGE="$loc" post "$O" "/community/p/$r2/flag" "reason=Off topic advertising"
check "... once (a repeat is the same flag)" test "$(db -e "SELECT COUNT(*) FROM forum_flags WHERE post_id = $r2")" = 1
http POST "/community/p/$r2/flag" -H "Origin: $URL" -d "reason=x"
check "flagging needs a signed-in user" bash -c "[ '$STATUS' = 403 ] || [ '$STATUS' = 303 ]"
http GET /staff/community -b "$A"
check "staff see the flagged post with its reason" bash -c "grep -q 'Off topic advertising' '$T/body' && grep -q 'T421 Cron job' '$T/body'"
http GET /staff/community -b "$O"
check "the moderation page is staff's: 403" status_is 403
FORM_PAGE="$loc" post "$O" "/community/p/$r2/moderate" "action=hide"
check "a customer cannot moderate: 403" status_is 403
FORM_PAGE="$loc" post "$A" "/community/p/$r2/moderate" "action=hide"
check "staff hide a reply: 303" status_is 303
http GET "$loc"
check "a hidden reply shows as hidden, without its text" bash -c "grep -q 'hidden by a moderator' '$T/body' && ! grep -q 'crontab entries' '$T/body'"
check "... the topic's replies are recounted" test "$(db -e "SELECT replies FROM forum_topics WHERE id = $tid")" = 0
check "... and its flags resolved" test "$(db -e "SELECT resolved FROM forum_flags WHERE post_id = $r2")" = 1
FORM_PAGE="$loc" post "$A" "/community/p/$r2/moderate" "action=unhide"
http GET "$loc"
check "staff show it again" body_has 'crontab entries'
FORM_PAGE="$loc" post "$A" "/community/p/$q/moderate" "action=hide"
check "the question is hidden with its topic only: 400" status_is 400

# ---- topics: close, pin, hide, move --------------------------------------------------------
FORM_PAGE="$loc" post "$A" "$loc/moderate" "action=close"
check "staff close a topic: 303" status_is 303
FORM_PAGE="$loc" post "$B" "$loc/reply" "body=Too late?"
check "a customer's reply to a closed topic: 409" status_is 409
check "... says the topic is closed" body_has 'This topic is closed'
http GET "$loc"
check "a closed topic stays readable" bash -c "[ '$STATUS' = 200 ] && grep -q 'Second text' '$T/body'"
http GET "/search?q=backup+cron&kind=topic&format=xml"
check "... and searchable" body_has "/community/t/$tid-"
FORM_PAGE="$loc" post "$A" "$loc/reply" "body=Staff may still add a note."
check "staff may reply to a closed topic" status_is 303
http GET "$loc"
check "a staff reply is marked" body_has 'forum-post-staff'
FORM_PAGE="$loc" post "$A" "$loc/moderate" "action=open"
FORM_PAGE="$loc" post "$A" "$loc/moderate" "action=pin"
http GET "/community/c/hosting?format=xml"
check "a pinned topic comes first in its category" \
	test "$(xmllint --xpath 'string(//forum-topics/topic[1]/@id)' "$T/body")" = "$tid"
FORM_PAGE="$loc" post "$A" "$loc/moderate" "action=bogus"
check "an unknown action: 400" status_is 400
# The anonymous home page (kept by nginx's page cache) lists the topic
# among the active ones; hidden, it must leave every copy within a few
# seconds (page_cache_check_seconds), not stay until page_cache_seconds.
home_lists() { curl -s -H 'Accept-Language: en' "$URL/" | grep -q 'T421 Cron job'; }
home_lacks() { ! home_lists; }
check "the anonymous home page lists the active topic" wait_for 8 home_lists
curl -s -o /dev/null -H 'Accept-Language: en' "$URL/"
FORM_PAGE="$loc" post "$A" "$loc/moderate" "action=hide"
check "... hidden, it leaves the cached home page within seconds" wait_for 8 home_lacks
http GET "$loc"
check "a hidden topic answers 404" status_is 404
http GET "$loc" -b "$O"
check "... to its author too" status_is 404
http GET "$loc" -b "$A"
check "... but not to staff" status_is 200
http GET /community
check "... and leaves the lists" body_lacks 'T421 Cron job'
http GET "/search?q=backup+cron&kind=topic&format=xml"
check "... and the search" body_lacks "/community/t/$tid-"
FORM_PAGE="$loc" post "$A" "$loc/moderate" "action=unhide"
http GET /community
check "shown again, it is listed" body_has 'T421 Cron job'
FORM_PAGE=/community/t/1-x post "$A" /community/t/1-x/moderate "action=move" "category=staff-room"
check "staff move a topic: 303" status_is 303
http GET /community/t/1-wordpress-white-screen-after-php-update
check "moved into the staff room, it is gone for everyone else" status_is 404
http GET "/search?q=wordpress+white+screen&kind=topic&format=xml"
check "... and from their search" body_lacks '/community/t/1-'
FORM_PAGE=/community/t/1-x post "$A" /community/t/1-x/moderate "action=move" "category=no-such-category"
check "a move to no category: 400" status_is 400
FORM_PAGE=/community/t/1-x post "$A" /community/t/1-x/moderate "action=move" "category=hosting"
http GET /community/t/1-wordpress-white-screen-after-php-update
check "moved back, it is public again" status_is 200
check "every staff action is audited" \
	test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'forum-moderate' AND (detail LIKE 'topic $tid:%' OR detail LIKE 'topic 1: move to %')")" -ge 7

# ---- merge, split, a knowledge-base draft ---------------------------------------------
FORM_PAGE=/community/new post "$B" /community/new category=hosting \
	"title=T421 Cron runs double after the move" "body=Duplicate question about cron."
dloc=$(loc_of); dloc=${dloc%%#*}
did=$(echo "$dloc" | sed 's|/community/t/\([0-9]*\)-.*|\1|')
FORM_PAGE="$dloc" post "$O" "$dloc/reply" "body=Same here, twice every night."
before=$(db -e "SELECT posts FROM forum_topics WHERE id = $tid")
FORM_PAGE="$dloc" post "$B" "$dloc/merge" "into=$tid"
check "a customer cannot merge: 403" status_is 403
FORM_PAGE="$dloc" post "$A" "$dloc/merge" "into=$did"
check "a topic cannot be merged into itself: 400" status_is 400
FORM_PAGE="$dloc" post "$A" "$dloc/merge" "into=$tid"
check "staff merge a duplicate into the topic: 303" status_is 303
check "... its two posts follow the topic's, in order" \
	test "$(db -e "SELECT GROUP_CONCAT(position ORDER BY position) FROM forum_posts WHERE topic_id = $tid AND body IN ('Duplicate question about cron.', 'Same here, twice every night.')")" = "$((before + 1)),$((before + 2))"
check "... the topic's counts are derived again" test "$(db -e "SELECT posts FROM forum_topics WHERE id = $tid")" = "$((before + 2))"
http GET "$dloc"
check "... the duplicate is gone: 404" status_is 404
check "... and so is its search document" test "$(db -e "SELECT COUNT(*) FROM search_docs WHERE id = 2000000000 + $did")" = 0
check "... its watchers watch the topic now" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.topic_id = $tid AND u.email = 'ben@aurora.example'")" = 1
from=$((before + 1))
FORM_PAGE="$loc" post "$A" "$loc/split" "from=1" "title=T421 Split off"
check "the question cannot be split off: 400" status_is 400
FORM_PAGE="$loc" post "$A" "$loc/split" "from=$from" "title=T421 Cron runs double after the move (split)"
check "staff split the merged posts off again: 303" status_is 303
sloc=$(loc_of)
sid=${sloc##*/}
check "... into a new topic whose question is the first of them" \
	test "$(db -e "SELECT body FROM forum_posts WHERE topic_id = $sid AND position = 1")" = 'Duplicate question about cron.'
check "... with its reply" test "$(db -e "SELECT CONCAT(posts, ':', replies) FROM forum_topics WHERE id = $sid")" = 2:1
check "... and the old topic counts what is left" test "$(db -e "SELECT posts FROM forum_topics WHERE id = $tid")" = "$before"
http GET "/search?q=duplicate+question+cron&kind=topic&format=xml"
check "... the new topic is found by search" body_has "/community/t/$sid-"
# Neither a split nor a merge shows what staff hid.
FORM_PAGE="$loc" post "$B" "$loc/reply" "body=Spammy reply zqxjunk staff will hide."
hr=$(db -e "SELECT id FROM forum_posts WHERE topic_id = $tid AND body LIKE 'Spammy reply zqxjunk%'")
hpos=$(db -e "SELECT position FROM forum_posts WHERE id = ${hr:-0}")
FORM_PAGE="$loc" post "$A" "/community/p/${hr:-0}/moderate" "action=hide"
FORM_PAGE="$loc" post "$A" "$loc/split" "from=${hpos:-0}" "title=T421 Split at a hidden reply"
check "staff split a topic at a hidden reply: 303" status_is 303
hloc=$(loc_of)
check "... the new topic is hidden with its question, not listed" \
	test "$(db -e "SELECT CONCAT(hidden, listed) FROM forum_topics WHERE id = ${hloc##*/}")" = 10
http GET "$hloc"
check "... so it answers 404 to everyone but staff" status_is 404
http GET "/search?q=zqxjunk&format=xml"
check "... and the search does not find it" body_lacks "/community/t/${hloc##*/}-"
FORM_PAGE=/community/new post "$B" /community/new category=hosting \
	"title=T421 Hidden before the merge" "body=Abusive text qvwhidden staff hid."
mloc=$(loc_of); mloc=${mloc%%#*}
FORM_PAGE="$mloc" post "$A" "$mloc/moderate" "action=hide"
FORM_PAGE="$mloc" post "$A" "$mloc/merge" "into=$tid"
check "staff merge a hidden topic into a shown one: 303" status_is 303
http GET "$loc"
check "... its question stays hidden there" body_lacks 'qvwhidden'
check "... hidden as a reply" \
	test "$(db -e "SELECT hidden FROM forum_posts WHERE topic_id = $tid AND body LIKE 'Abusive text qvwhidden%'")" = 1
FORM_PAGE="$loc" post "$A" "$loc/kb-draft"
check "a topic without an accepted answer makes no draft: 409" status_is 409
FORM_PAGE="$loc" post "$O" "$loc/accept" "post=$r2"
FORM_PAGE="$loc" post "$O" "$loc/kb-draft"
check "a customer cannot make a draft: 403" status_is 403
FORM_PAGE="$loc" post "$A" "$loc/kb-draft"
check "staff turn a solved topic into a draft article: 303 to the editor" header_has Location '/staff/content/[0-9]+'
kb=$(db -e "SELECT id FROM items WHERE slug LIKE 'community-$tid-%'")
check "... a draft, with the question and the accepted answer" \
	test "$(db -e "SELECT CONCAT(status, ':', kind, ':', body LIKE '%Second text%', ':', body LIKE '%crontab entries%') FROM items WHERE id = ${kb:-0}")" = "draft:article:1:1"
db -e "DELETE FROM item_versions WHERE item_id = ${kb:-0}; DELETE FROM search_docs WHERE id = ${kb:-0}; DELETE FROM items WHERE id = ${kb:-0}"

# ---- the rate limit -------------------------------------------------------------------------
limit=$(awk '$1 == "forum_rate_posts" {print $3}' "$STATE/portico.conf"); limit=${limit:-10}
codes=""
for i in $(seq 1 $((limit + 1))); do
	FORM_PAGE="$loc" post "$R" "$loc/reply" "body=Rapid reply $i"
	codes="$codes$STATUS "
done
check "a customer's posts within the window are taken ($limit)" \
	test "$(echo $codes | tr ' ' '\n' | grep -c 303)" = "$limit"
check "... and one more is refused: 429" test "${codes% }" != "" -a "$(echo $codes | awk '{print $NF}')" = 429
check "... saying why" body_has 'posted a lot in a short time'
check "... counted in MariaDB" test "$(db -e "SELECT COUNT(*) FROM forum_posts WHERE author_id = $rita")" = "$limit"
db -e "UPDATE forum_posts SET created_at = created_at - INTERVAL 1 DAY WHERE author_id = $rita"
FORM_PAGE="$loc" post "$R" "$loc/reply" "body=Later reply"
check "after the window the customer posts again" status_is 303

# Ideas and their comments follow the same rate, counted together.
FORM_PAGE=/ideas/new post "$R" /ideas/new "title=T421 Rapid idea" "description=The first."
check "a customer posts an idea: 303" status_is 303
ridea=$(db -e "SELECT id FROM ideas WHERE title = 'T421 Rapid idea'")
codes=""
for i in $(seq 1 "$limit"); do
	FORM_PAGE=/ideas/new post "$R" "/ideas/${ridea:-0}/comment" "body=Rapid comment $i"
	codes="$codes$STATUS "
done
check "... and comments until the window holds $limit" \
	test "$(echo $codes | tr ' ' '\n' | grep -c 303)" = "$((limit - 1))"
check "... one comment more is refused: 429" test "$(echo $codes | awk '{print $NF}')" = 429
check "... saying why" body_has 'posted a lot in a short time'
FORM_PAGE=/ideas/new post "$R" /ideas/new "title=T421 One idea too many" "description=Too fast."
check "... and so is an idea: 429" status_is 429
check "... saying why, keeping what was typed" bash -c "grep -q 'posted a lot in a short time' '$T/body' && grep -q 'One idea too many' '$T/body'"
check "... counted in MariaDB: nothing more was written" \
	test "$(db -e "SELECT (SELECT COUNT(*) FROM ideas WHERE author_id = $rita) + (SELECT COUNT(*) FROM idea_comments WHERE author_id = $rita)")" = "$limit"
db -e "UPDATE ideas SET created_at = created_at - INTERVAL 1 DAY WHERE author_id = $rita;
	UPDATE idea_comments SET created_at = created_at - INTERVAL 1 DAY WHERE author_id = $rita"
FORM_PAGE=/ideas/new post "$R" "/ideas/${ridea:-0}/comment" "body=A later comment"
check "after the window the customer comments again" status_is 303

# ---- bans --------------------------------------------------------------------------------------
FORM_PAGE=/staff/community post "$O" /staff/community/ban "user=$rita" "reason=Spam"
check "a customer cannot ban: 403" status_is 403
FORM_PAGE=/staff/community post "$A" /staff/community/ban "user=$rita" "reason=Spam links" "change=add"
check "staff ban a customer: 303" status_is 303
check "... their sessions end" test "$(db -e "SELECT COUNT(*) FROM sessions WHERE user_id = $rita")" = 0
http GET /community/new -b "$R"
check "... the old session is signed out" bash -c "[ '$STATUS' = 303 ] && grep -qi '^Location: /signin' '$T/headers'"
signin "$R" t421-rita@aurora.example "$PW"
FORM_PAGE="$loc" post "$R" "$loc/reply" "body=I am back"
check "a banned user cannot reply: 403" status_is 403
FORM_PAGE=/community/new post "$R" /community/new category=hosting "title=T421 Banned topic" "body=x"
check "... nor ask: 403" status_is 403
check "... and nothing was written" test "$(db -e "SELECT COUNT(*) FROM forum_posts WHERE author_id = $rita AND body = 'I am back'")" = 0
FORM_PAGE=/ideas/new post "$R" /ideas/new "title=T421 Banned idea" "description=x"
check "... nor post an idea: 403" status_is 403
check "... the form says why" body_has 'You cannot post in the community'
FORM_PAGE=/ideas/new post "$R" "/ideas/${ridea:-0}/comment" "body=Banned comment"
check "... nor comment on one: 403" status_is 403
check "... and no idea or comment was written" \
	test "$(db -e "SELECT (SELECT COUNT(*) FROM ideas WHERE title = 'T421 Banned idea') + (SELECT COUNT(*) FROM idea_comments WHERE body = 'Banned comment')")" = 0
check "the ban is audited" test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'forum-ban' AND user_id = $rita")" = 1
staff_id=$(db -e "SELECT id FROM users WHERE email = 't421-admin@northwind.example'")
FORM_PAGE=/staff/community post "$A" /staff/community/ban "user=$staff_id" "reason=x"
check "staff are not banned here: 400" status_is 400
FORM_PAGE=/staff/community post "$A" /staff/community/ban "user=$rita" "change=remove"
FORM_PAGE="$loc" post "$R" "$loc/reply" "body=Thanks for lifting the ban"
check "after the ban is lifted the user posts again" status_is 303

# ---- the moderation queue (a pool with forum_queue_first = 1) ------------------------------------
second_instance "forum_queue_first = 1"
Q=$T/ned
signin "$Q" t421-ned@aurora.example "$PW"
post2 "$Q" /community/new /community/new category=hosting \
	"title=T421 My first question waits" "body=Hello, a newcomer here."
check "a new user's first topic answers 303" status_is 303
qloc=$(loc_of); qloc=${qloc%%#*}
qid=$(echo "$qloc" | sed 's|/community/t/\([0-9]*\)-.*|\1|')
check "... and waits in the queue" test "$(db -e "SELECT CONCAT(pending, listed) FROM forum_topics WHERE id = ${qid:-0}")" = 10
URL=$URL2 http GET "$qloc" -b "$Q"
check "its author sees it, marked as waiting" bash -c "[ '$STATUS' = 200 ] && grep -q 'Waiting for approval' '$T/body'"
URL=$URL2 http GET "$qloc"
check "nobody else does: 404" status_is 404
URL=$URL2 http GET /community
check "... nor in the lists" body_lacks 'T421 My first question waits'
URL=$URL2 http GET "/search?q=newcomer&kind=topic&format=xml"
check "... nor in the search" body_lacks "/community/t/$qid-"
URL=$URL2 http GET /staff/community -b "$A"
check "staff see it in the queue" body_has 'T421 My first question waits'
post2 "$A" /staff/community "/community/t/$qid/moderate" "action=approve"
check "staff approve it: 303" status_is 303
URL=$URL2 http GET "$qloc"
check "approved, everyone reads it" status_is 200
URL=$URL2 http GET "/search?q=newcomer&kind=topic&format=xml"
check "... and finds it" body_has "/community/t/$qid-"
post2 "$Q" "$qloc" "$qloc/reply" "body=My second post does not wait."
check "after the first approved post, the user's posts do not wait" \
	test "$(db -e "SELECT pending FROM forum_posts WHERE topic_id = ${qid:-0} AND position = 2")" = 0
post2 "$B" "$qloc" "$qloc/reply" "body=Welcome!"
check "users with approved posts are not queued" \
	test "$(db -e "SELECT pending FROM forum_posts WHERE topic_id = ${qid:-0} AND position = 3")" = 0
signin "$T/ned2" t421-ned@aurora.example "$PW"
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES ('t421-nora@aurora.example', 'Nora New', 'active', 'customer', $acct, 'member')"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t421-nora@aurora.example >/dev/null
signin "$T/nora" t421-nora@aurora.example "$PW"
post2 "$T/nora" "$qloc" "$qloc/reply" "body=A newcomer's first reply."
check "a new user's first reply waits too" \
	test "$(db -e "SELECT pending FROM forum_posts WHERE topic_id = ${qid:-0} AND position = 4")" = 1
URL=$URL2 http GET "$qloc?format=xml"
check "... unseen by others" body_lacks "first reply"
URL=$URL2 http GET /staff/community -b "$A"
check "... and in the queue" body_has "first reply"
nr=$(db -e "SELECT id FROM forum_posts WHERE topic_id = ${qid:-0} AND position = 4")
post2 "$A" /staff/community "/community/p/$nr/moderate" "action=approve"
URL=$URL2 http GET "$qloc"
check "approved, it is shown" body_has "first reply"
check "... and counted" test "$(db -e "SELECT replies FROM forum_topics WHERE id = ${qid:-0}")" = 3

# A reply staff approved in a topic still waiting: the topic stays its
# asker's, so nobody else flags, watches or edits through it (a 404,
# never an address that names the waiting topic).
db -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role) VALUES ('t421-nils@aurora.example', 'Nils New', 'active', 'customer', $acct, 'member')"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t421-nils@aurora.example >/dev/null
signin "$T/nils" t421-nils@aurora.example "$PW"
post2 "$T/nils" /community/new /community/new category=hosting \
	"title=T421 Secret waiting question" "body=Still waiting for a moderator."
wloc=$(loc_of); wloc=${wloc%%#*}
wid=$(echo "$wloc" | sed 's|/community/t/\([0-9]*\)-.*|\1|')
post2 "$T/nils" "$wloc" "$wloc/reply" "body=More about my waiting question."
wr=$(db -e "SELECT id FROM forum_posts WHERE topic_id = ${wid:-0} AND position = 2")
post2 "$A" /staff/community "/community/p/${wr:-0}/moderate" "action=approve"
check "staff approve the reply, the topic still waits" \
	test "$(db -e "SELECT CONCAT(t.pending, p.pending) FROM forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 2 WHERE t.id = ${wid:-0}")" = 10
post2 "$B" /community "/community/p/${wr:-0}/flag" "reason=spam"
check "another user flags a reply of the waiting topic: 404" status_is 404
check "... the answer does not name the topic" bash -c "! grep -qi 'secret-waiting' '$T/headers'"
check "... and no flag is kept" test "$(db -e "SELECT COUNT(*) FROM forum_flags WHERE post_id = ${wr:-0}")" = 0
URL=$URL2 http GET "/community/p/${wr:-0}/edit" -b "$B"
check "... its edit page: 404, not 403" status_is 404
post2 "$B" /community "/community/t/${wid:-0}/watch" "watch=yes"
check "another user watches the waiting topic: 404" status_is 404
check "... the answer does not name it" bash -c "! grep -qi 'secret-waiting' '$T/headers'"
check "... and no subscription is made" test "$(db -e "SELECT COUNT(*) FROM forum_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.topic_id = ${wid:-0} AND u.email = 'ben@aurora.example'")" = 0
post2 "$T/nils" "$wloc" "$wloc/watch" "watch=no"
check "its asker still may stop and start watching it" status_is 303

# Staff moderation without its action: 400, not a crashed worker.
post2 "$A" /staff/community "/community/p/${wr:-0}/moderate"
check "a post's moderation without an action: 400" status_is 400
post2 "$A" /staff/community "/community/t/${wid:-0}/moderate"
check "a topic's moderation without an action: 400" status_is 400

# ---- categories -----------------------------------------------------------------------------
visible() {	# WHAT PATH STATUS [curl options]
	local what=$1 p=$2 st=$3
	shift 3
	http GET "$p" "$@"
	check "$what: $st" status_is "$st"
}
http GET /staff/community/categories -b "$O"
check "a customer cannot manage categories" bash -c "[ '$STATUS' = 403 ] || [ '$STATUS' = 404 ]"
FORM_PAGE=/staff/community/categories post "$O" /staff/community/categories/save id=0 slug=t421-corner name_en=Corner
check "... nor post to it: 403" status_is 403
http GET /staff/community/categories -b "$A"
check "staff see every category, each with its form, and a new one's" \
	bash -c "[ '$STATUS' = 200 ] && grep -q 'form-fc0' '$T/body' && grep -q '/community/c/staff-room' '$T/body'"
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save id=0 slug=t421-corner \
	position=7 visibility=public segments= "name_en=Quiet corner" "name_fi=Hiljainen nurkka"
check "staff make a category: 303" status_is 303
corner=$(db -e "SELECT id FROM forum_categories WHERE slug = 't421-corner'")
check "... audited" test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'forum-category-saved' AND detail LIKE '${corner:-0} t421-corner public%'")" = 1
http GET /community
check "... it is listed for anyone, by its name" body_has 'Quiet corner'
http GET '/community?lang=fi'
check "... in their language" body_has 'Hiljainen nurkka'
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save id=0 slug=t421-corner name_en=Again
check "a second category of the same address: 400" status_is 400
check "... saying so, in the form" body_has 'already has this address'
FORM_PAGE=/community/new post "$O" /community/new category=t421-corner \
	"title=T421 Quokka sightings" "body=Where do quokkas live?"
qloc=$(loc_of); qloc=${qloc%%\?*}
http GET "/search?q=quokka&format=xml"
check "a topic there is found by search anonymously" body_has "${qloc:-/none}"
# Hiding (staff-only): its topics leave pages, search and feeds at once.
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save "id=$corner" slug=t421-corner \
	position=7 visibility=staff segments= "name_en=Quiet corner"
check "staff hide the category (staff-only): 303" status_is 303
visible "its topic, anonymously" "${qloc:-/none}" 404
visible "its topic, to staff" "${qloc:-/none}" 200 -b "$A"
http GET "/search?q=quokka&format=xml"
check "... nor found (nor counted) by search" bash -c "grep -q 'total=\"0\"' '$T/body'"
check "... its search document says staff" test "$(db -e "SELECT CONCAT(d.visibility, ':', d.facets LIKE '%§vstaff%') FROM search_docs d JOIN forum_topics t ON d.id = 2000000000 + t.id WHERE t.title = 'T421 Quokka sightings'")" = "staff:1"
http GET /community/feed/t421-corner
check "... and it has no feed" status_is 404
# Segments: the topics' search words follow the category's segments.
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save "id=$corner" slug=t421-corner \
	position=7 visibility=segments segments= "name_en=Quiet corner"
check "limited to segments but none named: 400" status_is 400
check "... saying so" body_has 'needs at least one segment'
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save "id=$corner" slug=t421-corner \
	position=7 visibility=segments "segments=No such segment" "name_en=Quiet corner"
check "an unknown segment: 400" status_is 400
check "... nothing changed" test "$(db -e "SELECT visibility FROM forum_categories WHERE id = ${corner:-0}")" = staff
reseller=$(db -e "SELECT id FROM segments WHERE name = 'Resellers'")
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save "id=$corner" slug=t421-corner \
	position=7 visibility=segments "segments=Resellers" "name_en=Quiet corner"
check "limited to the Resellers segment: 303" status_is 303
check "... the topic's row and search words follow" test "$(db -e "SELECT CONCAT(t.visibility, ':', d.facets LIKE '%§vsegments%', d.facets LIKE '%§s$reseller%') FROM search_docs d JOIN forum_topics t ON d.id = 2000000000 + t.id WHERE t.title = 'T421 Quokka sightings'")" = "segments:11"
visible "... a customer outside the segment" "${qloc:-/none}" 404 -b "$O"
# Children: one level, and a child never more visible than its parent.
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save id=0 slug=t421-nook \
	parent=t421-corner position=1 visibility=public segments= "name_en=Nook"
check "a public child under the limited category: 303" status_is 303
check "... listed as limited (its effective visibility)" \
	test "$(db -e "SELECT t.visibility FROM forum_topics t WHERE t.title = 'T421 Quokka sightings'")" = segments
http GET /community
check "... not shown anonymously" body_lacks 'Nook'
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save id=0 slug=t421-deep \
	parent=t421-nook visibility=public "name_en=Too deep"
check "a grandchild: 400" status_is 400
check "... the form says why" body_has 'top-level category'
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save "id=$corner" slug=t421-corner \
	parent=hosting visibility=public "name_en=Quiet corner"
check "a category with children cannot go under another: 400" status_is 400
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save "id=$corner" slug=t421-corner \
	visibility=public segments= "name_en=Quiet corner" position=7
visible "made public again, its topic answers anonymously" "${qloc:-/none}" 200
http GET "/search?q=quokka&format=xml"
check "... and is found again" body_has "${qloc:-/none}"
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save id=999999 slug=t421-ghost \
	visibility=public "name_en=Ghost"
check "a category that is not there: 404" status_is 404
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/save id=0 slug=t421-blank \
	visibility=public "name_en=$(printf '\u200b\u200b')"
check "a name of invisible characters only: 400" status_is 400

# Deleting: only an empty category (no topic, no subcategory).
nook=$(db -e "SELECT id FROM forum_categories WHERE slug = 't421-nook'")
rita=$(db -e "SELECT id FROM users WHERE email = 't421-rita@aurora.example'")
db -e "INSERT INTO forum_subscriptions (user_id, topic_id, category_id, token, created_at) VALUES ($rita, 0, $nook, SHA2('t421-nook-watch', 256), NOW())"
http GET /staff/community/categories -b "$A"
check "the page offers to delete an empty category, not one with topics" \
	bash -c "grep -q 'id=\"form-fcd$nook\"' '$T/body' && ! grep -q 'id=\"form-fcd$corner\"' '$T/body'"
FORM_PAGE=/staff/community/categories post "$O" /staff/community/categories/delete "id=$nook"
check "a customer cannot delete a category" bash -c "test $STATUS = 403 -o $STATUS = 404"
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/delete "id=$corner"
check "deleting a category with a topic and a subcategory: 409" status_is 409
check "... says why" body_has 'it has topics or subcategories'
check "... and it stays" test "$(db -e "SELECT COUNT(*) FROM forum_categories WHERE id = $corner")" = 1
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/delete "id=abc"
check "an id that is no number: 400" status_is 400
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/delete "id=$nook"
check "deleting the empty subcategory: 303" header_has Location '/staff/community/categories\?done=forum-category-deleted'
check "... gone, with its names and watchers" \
	test "$(db -e "SELECT CONCAT((SELECT COUNT(*) FROM forum_categories WHERE id = $nook), ':', (SELECT COUNT(*) FROM forum_category_names WHERE category_id = $nook), ':', (SELECT COUNT(*) FROM forum_subscriptions WHERE category_id = $nook))")" = "0:0:0"
check "... audited" test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event = 'forum-category-deleted' AND detail = '$nook t421-nook'")" = 1
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/delete "id=$nook"
check "deleting it again: 404" status_is 404
FORM_PAGE=/staff/community/categories post "$A" /staff/community/categories/delete "id=$corner"
check "the category with a topic and no subcategory left: still 409" status_is 409

done_testing
