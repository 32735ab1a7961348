#!/usr/bin/env bash
# MariaDB's query cache (on in the quickstart's server) answers pages of
# a pool without query_stats, and a write is seen at once: the test
# suite's own pool leaves the cache out to count statements, so this
# pool is the one that uses it.  Writes go straight to the tables, as an
# administrator's SQL or another host's would, past any of our code.
. "$(dirname "$0")/../lib.sh"

check "the server runs with the query cache" test "$(db -e "SELECT @@global.query_cache_type")" = ON
second_instance "query_stats = no"
restore() {
	db -e "UPDATE items SET title = REPLACE(title, ' (T131)', '') WHERE title LIKE '% (T131)';
		UPDATE users SET name = REPLACE(name, ' (T131)', '') WHERE name LIKE '% (T131)'"
}
trap 'restore; kill $(cat "$S/nginx.pid") $(cat "$S/portico.pid") 2>/dev/null; sleep 0.5; rm -rf "$T"' EXIT
# (titles and names of letters and spaces only: the page escapes others)
slug=$(db -e "SELECT slug FROM items WHERE kind = 'article' AND status = 'published' AND visibility = 'public' AND lang = 'en' AND title REGEXP '^[A-Za-z0-9 ]+\$' ORDER BY id LIMIT 1")
title=$(db -e "SELECT title FROM items WHERE slug = '$slug'")
hits() { db -e "SHOW GLOBAL STATUS LIKE 'Qcache_hits'" | awk '{print $2}'; }

URL=$URL2 http GET "/a/$slug"
URL=$URL2 http GET "/a/$slug"
before=$(hits)
URL=$URL2 http GET "/a/$slug"
check "an article asked for again is answered from the cache" bash -c "[ $STATUS = 200 ] && [ $(hits) -gt $before ]"

db -e "UPDATE items SET title = CONCAT(title, ' (T131)') WHERE slug = '$slug'"
URL=$URL2 http GET "/a/$slug"
check "a title changed in the table shows at once, not the cached one" body_has "$title (T131)"
db -e "UPDATE items SET title = REPLACE(title, ' (T131)', '') WHERE slug = '$slug'"
URL=$URL2 http GET "/a/$slug"
check "... and changed back, the old one again" bash -c "grep -qF -- '$title' '$T/body' && ! grep -qF '(T131)' '$T/body'"

# The same through a join and a second table: a topic's replies.
tid=$(db -e "SELECT t.id FROM forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.position = 1 JOIN users u ON u.id = p.author_id WHERE t.visibility = 'public' AND t.hidden = 0 AND t.pending = 0 AND u.name REGEXP '^[A-Za-z ]+\$' ORDER BY t.id LIMIT 1")
if [ -n "$tid" ]; then
	tslug=$(db -e "SELECT slug FROM forum_topics WHERE id = $tid")
	URL=$URL2 http GET "/community/t/$tid-$tslug"
	URL=$URL2 http GET "/community/t/$tid-$tslug"
	author=$(db -e "SELECT name FROM users WHERE id = (SELECT author_id FROM forum_posts WHERE topic_id = $tid AND position = 1)")
	db -e "UPDATE users SET name = CONCAT(name, ' (T131)') WHERE id = (SELECT author_id FROM forum_posts WHERE topic_id = $tid AND position = 1)"
	URL=$URL2 http GET "/community/t/$tid-$tslug"
	check "a topic's author renamed in the users table shows at once" body_has "$author (T131)"
	restore
else
	nok "the demo has a public topic"
fi
done_testing
