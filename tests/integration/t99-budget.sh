#!/usr/bin/env bash
# The statement budget of each page: how many statements one request
# runs and how many rows MariaDB reads for it (X-Statements and
# X-Rows-Read, which the test instance sends: query_stats = yes).  Counts
# are stable where times are not.  Each page is measured on the demo
# content and again after bulk content is added (1,500 articles in one
# category, 300 FAQ entries in one topic, 300 news items, 300 downloads,
# 300 Finnish translations): the statements must not change and the rows
# must stay within the page's budget, so a query that scans grows past
# it.  The bulk content is removed at the end.
# (Runs last of the integration tests: its content is gone after it.)
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
ADMIN=("$ROOT/portico-admin" -c "$STATE/portico.conf")

header() { awk -v h="$1" 'tolower($1) == tolower(h) ":" { gsub(/\r/, ""); print $2 }' "$T/headers"; }

# cost PATH [curl options]: the fewest statements (and their rows) of
# three requests, after warming every worker: a worker reads the
# category tree once per content change and the notice banner every few
# seconds, which is not the page's own cost.
cost() {
	local p=$1 i s r best_s=999999 best_r=999999
	shift
	# Every worker at once, three times, so each has served the page.
	for i in 1 2 3; do
		for w in $(seq 1 "$WORKERS"); do
			curl -s -o /dev/null "$@" "$URL$p" &
		done
		wait
	done
	for i in 1 2 3; do
		http GET "$p" "$@"
		s=$(header X-Statements); r=$(header X-Rows-Read)
		[ -n "$s" ] || { COST="none"; return; }
		if [ "$s" -lt "$best_s" ] || { [ "$s" = "$best_s" ] && [ "$r" -lt "$best_r" ]; }; then
			best_s=$s; best_r=$r
		fi
	done
	COST="$best_s $best_r"
}

http GET /
check "the instance sends each answer's statement count" test -n "$(header X-Statements)"
check "... and the rows read for it" test -n "$(header X-Rows-Read)"

# PAGES: name path statements rows (the budget), for visitors not signed
# in.  A news item, a download, an article, a category and a topic of
# the demo content.
PAGES="home / 4 100
kb /kb 4 100
category /kb/billing-invoices 4 100
bulk-category /kb/budget-bulk 4 110
article /a/pay-invoice 4 100
faq /faq 4 100
faq-topic /faq/budget-topic 4 110
news /news 4 100
notices /news/notices 4 100
news-item /news/news-php84 4 100
download /downloads/budget-d-1 4 100
downloads /downloads 4 110
about /p/about 4 100
ideas /ideas 4 100
ideas-new-first /ideas?sort=new 4 100
ideas-status /ideas?status=new 4 100
idea /ideas/IDEA 4 100
roadmap /ideas/roadmap 4 100
changelog /ideas/changelog 4 100
community /community 4 100
forum-category /community/c/hosting 4 100
forum-topic /community/t/1-wordpress-white-screen-after-php-update 4 100"
# The demo idea the idea page shows.
IDEA=$(db -e "SELECT CONCAT(id, '-dark-mode-for-the-control-panel') FROM ideas WHERE title = 'Dark mode for the control panel'")
PAGES=${PAGES//\/ideas\/IDEA//ideas/$IDEA}

signin "$T/jar" olivia@aurora.example "$PW" >/dev/null
SIGNED="account /account 8 100
article-signed-in /a/pay-invoice 8 100
tickets /tickets 8 100
tickets-waiting /tickets?status=waiting 8 100
ticket-new /tickets/new 8 100
ticket /tickets/T-AURW4K7M 8 100
idea-signed-in /ideas/$IDEA 8 100
ideas-new-similar /ideas/new?title=dark+mode 8 100
community-signed-in /community 8 100
forum-topic-signed-in /community/t/1-wordpress-white-screen-after-php-update 8 100"

declare -A BEFORE

# ---- bulk content -----------------------------------------------------------
cleanup_bulk() {
	db -e "DELETE FROM items WHERE slug LIKE 'budget-%'; DELETE FROM categories WHERE slug LIKE 'budget-%'" 2>/dev/null
	db -e "DELETE FROM ideas WHERE title LIKE 'Budget idea %'" 2>/dev/null
	db -e "DELETE p FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id WHERE t.slug LIKE 'budget-%';
		DELETE FROM forum_topics WHERE slug LIKE 'budget-%'" 2>/dev/null
	"${ADMIN[@]}" reindex >/dev/null 2>&1
}
trap 'cleanup_bulk; rm -rf "$T"' EXIT

# The demo pages before (the category and topic named above exist only
# after the bulk load, so they are measured once, after it), after one
# visit of each page: a table's first use on a fresh server reads its
# statistics, which is not the page's cost.
while read -r name path s r; do http GET "$path"; done <<<"$PAGES"
db -e "INSERT INTO categories (slug, name) VALUES ('budget-bulk', 'Bulk'), ('budget-topic', 'Bulk topic')"
while read -r name path s r; do
	case $name in bulk-category|faq-topic|download) continue ;; esac
	cost "$path" -H 'Cookie: csrf=budget'
	BEFORE[$name]=$COST
done <<<"$PAGES"
while read -r name path s r; do
	cost "$path" -b "$T/jar"
	BEFORE[$name]=$COST
done <<<"$SIGNED"

db -e "INSERT INTO items (kind, lang, slug, category_id, title, body, tags, status, visibility, published_at)
	SELECT 'article', 'en', CONCAT('budget-a-', seq), (SELECT id FROM categories WHERE slug = 'budget-bulk'),
	  CONCAT('Bulk article ', seq), 'Bulk body.', CONCAT('bulk', seq MOD 7), 'published',
	  IF(seq MOD 10 = 0, 'signed-in', 'public'), '2001-01-01' + INTERVAL seq MINUTE
	FROM seq_1_to_1500;
	INSERT INTO items (kind, lang, slug, category_id, title, body, status, visibility, published_at)
	SELECT 'faq', 'en', CONCAT('budget-q-', seq), (SELECT id FROM categories WHERE slug = 'budget-topic'),
	  CONCAT('Bulk question ', seq, '?'), 'Bulk answer.', 'published', 'public', '2001-01-01' + INTERVAL seq MINUTE
	FROM seq_1_to_300;
	INSERT INTO items (kind, lang, slug, title, body, status, visibility, news_kind, severity, published_at)
	SELECT 'news', 'en', CONCAT('budget-n-', seq), CONCAT('Bulk update ', seq), 'Bulk news.', 'published',
	  'public', 'update', '', '2001-01-01' + INTERVAL seq MINUTE
	FROM seq_1_to_300;
	INSERT INTO items (kind, lang, slug, title, body, status, visibility, file_version, published_at)
	SELECT 'download', 'en', CONCAT('budget-d-', seq), CONCAT('Bulk tool ', seq), 'Bulk file.', 'published',
	  'public', '1.0', '2001-01-01' + INTERVAL seq MINUTE
	FROM seq_1_to_300;
	UPDATE items SET group_id = id WHERE slug LIKE 'budget-%' AND group_id = 0;
	INSERT INTO items (kind, group_id, lang, slug, category_id, title, body, status, visibility, published_at)
	SELECT 'article', i.id, 'fi', CONCAT('budget-fi-', i.id), i.category_id, CONCAT('Artikkeli ', i.id),
	  'Suomeksi.', 'published', 'public', '2001-01-01'
	FROM items i WHERE i.slug LIKE 'budget-a-%' AND i.id MOD 5 = 0"
db -e "INSERT INTO item_tags (item_id, tag) SELECT id, tags FROM items WHERE slug LIKE 'budget-a-%'"
# Every bulk article read today, the signed-in ones most: the home
# page's popular list (scored by the reindex below) must read its five
# public ones through its index, not skip the signed-in ones row by row.
db -e "INSERT INTO item_views (item_id, day, views)
	SELECT id, UTC_DATE(), IF(visibility = 'signed-in', 100000, 1000) + id FROM items WHERE slug LIKE 'budget-a-%'"
# 2,000 ideas in every status, with votes, some done long ago.
db -e "INSERT INTO ideas (author_id, title, description, status, votes, comments, created_at, status_at)
	SELECT (SELECT id FROM users WHERE email = 'olivia@aurora.example'), CONCAT('Budget idea ', seq), 'Bulk.',
	  ELT(1 + seq MOD 6, 'new', 'under-review', 'planned', 'in-progress', 'done', 'declined'),
	  seq MOD 97, 0, '2001-01-01' + INTERVAL seq MINUTE, '2001-01-01' + INTERVAL seq MINUTE
	FROM seq_1_to_2000"
# The community: 1,500 older topics in a public category and 300 newer
# ones in the signed-in category (the anonymous recent list must not
# read past them), each with its question.
db -e "INSERT INTO forum_topics (category_id, visibility, slug, title, lang, author_id, created_at,
	  last_post_at, last_author_id)
	SELECT c.id, c.visibility, CONCAT('budget-t-', seq), CONCAT('Bulk topic ', seq), 'en', u.id,
	  '2001-01-01' + INTERVAL seq MINUTE, '2001-01-01' + INTERVAL seq MINUTE, u.id
	FROM seq_1_to_1500, forum_categories c, users u WHERE c.slug = 'hosting' AND u.email = 'olivia@aurora.example';
	INSERT INTO forum_topics (category_id, visibility, slug, title, lang, author_id, created_at,
	  last_post_at, last_author_id)
	SELECT c.id, c.visibility, CONCAT('budget-s-', seq), CONCAT('Bulk server topic ', seq), 'en', u.id,
	  NOW() + INTERVAL seq MINUTE, NOW() + INTERVAL seq MINUTE, u.id
	FROM seq_1_to_300, forum_categories c, users u WHERE c.slug = 'servers' AND u.email = 'olivia@aurora.example';
	INSERT INTO forum_posts (topic_id, position, author_id, body, created_at)
	SELECT id, 1, author_id, 'Bulk question.', created_at FROM forum_topics WHERE slug LIKE 'budget-%'"
check "the bulk content is there" test "$(db -e "SELECT COUNT(*) FROM items WHERE slug LIKE 'budget-%'")" = 2700
"${ADMIN[@]}" reindex >/dev/null
check "portico-admin reindex derives the lists of the bulk content" \
	test "$(db -e "SELECT COUNT(*) FROM item_listing l JOIN items i ON i.id = l.item_id WHERE i.slug LIKE 'budget-%' AND l.lang = 'en'")" = 2400

# ---- after ------------------------------------------------------------------
while read -r name path s r; do
	cost "$path" -H 'Cookie: csrf=budget'
	set -- $COST
	echo "# $name $path: ${BEFORE[$name]:-(not before)} -> $COST (budget $s statements, $r rows)"
	check "$name: at most $s statements" test "${1:-999}" -le "$s"
	check "$name: at most $r rows read, with 1,500 articles in a category" test "${2:-999999}" -le "$r"
	[ -n "${BEFORE[$name]:-}" ] &&
		check "$name: as many statements as before the bulk content" test "${BEFORE[$name]%% *}" = "${1:-x}"
done <<<"$PAGES"
while read -r name path s r; do
	cost "$path" -b "$T/jar"
	set -- $COST
	echo "# $name $path (signed in): ${BEFORE[$name]:-} -> $COST (budget $s statements, $r rows)"
	check "$name: at most $s statements" test "${1:-999}" -le "$s"
	check "$name: at most $r rows read" test "${2:-999999}" -le "$r"
done <<<"$SIGNED"

# The lists show what they should, from the derived rows.
http GET '/?format=xml' -H 'Cookie: csrf=budget'
check "the home page's popular list: the most read public bulk article first" \
	test "$(xmllint --xpath 'string(//items[@name="popular"]/item[1]/@slug)' "$T/body")" = budget-a-1499
check "... and no signed-in one" \
	test "$(xmllint --xpath 'count(//items[@name="popular"]/item[substring(@slug, string-length(@slug)) = "0"])' "$T/body")" = 0
http GET /kb/budget-bulk -H 'Cookie: csrf=budget'
check "a bulk category lists its first articles by title" body_has 'href="/a/budget-a-1"'
check "... fifty a page, with a pager" body_matches 'rel="next" href="\?page=2"'
check "... not the signed-in ones to an anonymous visitor" body_lacks 'href="/a/budget-a-10"'
http GET '/kb/budget-bulk?page=30' -H 'Cookie: csrf=budget'
check "the last page of 1,350 public articles is page 27: page 30 is 404" status_is 404
http GET /kb/budget-bulk -b "$T/jar"
check "a signed-in visitor sees the signed-in articles too" body_has 'href="/a/budget-a-10"'
http GET /faq -H 'Cookie: csrf=budget'
check "the FAQ shows the first ten questions of the bulk topic" body_has 'Bulk question 107?'
check "... not the eleventh" body_lacks 'Bulk question 108?'
check "... and links the topic's 300" body_matches 'href="/faq/budget-topic">[^<]*\(300\)'
http GET /faq/budget-topic -H 'Cookie: csrf=budget'
check "a topic's page shows fifty questions" test "$(grep -o 'class="faq-entry"' "$T/body" | wc -l)" = 50
check "... with a pager" body_matches 'rel="next" href="\?page=2"'
http GET '/faq/budget-topic?page=6' -H 'Cookie: csrf=budget'
check "... to the sixth page" status_is 200
http GET '/faq/budget-topic?page=7' -H 'Cookie: csrf=budget'
check "... and no further" status_is 404
http GET /kb/budget-bulk -H 'Accept-Language: fi' -H 'Cookie: csrf=budget'
check "a Finnish visitor sees the Finnish translations in the list" body_has 'Artikkeli '

# ---- tickets: staff -----------------------------------------------------------
# The staff ticket pages, signed in as staff (agent; the admin pages as
# an admin): signed-in pages' budget, 8 statements.  The queue's rows
# are bounded by its indexes and counts (t220 measures it with 5,000
# tickets in a department).
SSEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
staff_cleanup() {
	db -e "DELETE t FROM tickets t JOIN users u ON u.id = t.requester_id WHERE t.subject = 't99 budget ticket'"
	db -e "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 't99-admin@northwind.example'"
	db -e "DELETE FROM users WHERE email = 't99-admin@northwind.example'"
}
staff_cleanup
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t99-admin@northwind.example', 'Budget Admin', 'active', 'admin', '$SSEC', 1)"
echo "$PW-staff" | "${ADMIN[@]}" set-password t99-admin@northwind.example >/dev/null
signin "$T/staff" t99-admin@northwind.example "$PW-staff" >/dev/null
FORM_PAGE=/signin/2fa post "$T/staff" /signin/2fa "code=$(oathtool --totp -b "$SSEC")" >/dev/null
tref=$("$ROOT/tests/integration/ticket_seed" -c "$STATE/portico.conf" open olivia@aurora.example technical normal \
	"t99 budget ticket" "Budget." | awk '{print $2}')
STAFF="tickets-queue /staff/tickets 8 300
tickets-queue-filtered /staff/tickets?department=1&assignee=unassigned&due=breached&priority=normal 8 300
tickets-search /staff/tickets?q=budget 8 300
staff-ticket /staff/tickets/$tref 8 300
tickets-canned /staff/tickets/canned 8 300
tickets-reports /staff/tickets/reports 8 500
tickets-departments /staff/tickets/departments 8 300
tickets-policies /staff/tickets/policies 8 300"
while read -r name path s r; do
	cost "$path" -b "$T/staff"
	set -- $COST
	echo "# $name $path (staff): $COST (budget $s statements, $r rows)"
	check "$name: at most $s statements" test "${1:-999}" -le "$s"
	check "$name: at most $r rows read" test "${2:-999999}" -le "$r"
done <<<"$STAFF"
staff_cleanup
# ---- billing: the pages of an account, before and after 5,000 invoices ----
# (the data of billing-fixture.sh; the lists read by index in the order
# shown, so rows stay few however many invoices the account has)
. "$(dirname "$0")/billing-fixture.sh"
trap 'billing_cleanup; cleanup_bulk; rm -rf "$T"' EXIT
billing_fixture
signin "$T/bjar" t320-owner@t320.example "$BPW" >/dev/null
svc=$(db -e "SELECT id FROM services WHERE ext_id = 'T320A-s1'")
BILLING="billing /billing 8 100
billing-invoices /billing/invoices 8 100
billing-invoices-paid /billing/invoices?status=paid 8 100
billing-invoices-year /billing/invoices?from=2015-01-01&to=2015-12-31 8 100
billing-invoice /billing/invoices/T320A-INV-3 8 100
billing-invoice-pdf /billing/invoices/T320A-INV-3/pdf 8 100
billing-payments /billing/payments 8 100
billing-credits /billing/credits 8 100
billing-services /billing/services 8 100
billing-service /billing/services/$svc 8 100
billing-orders /billing/orders 8 100
billing-order /billing/orders/T320A-ORD-1 8 100
billing-quotes /billing/quotes 8 100
billing-quote /billing/quotes/T320A-Q-1 8 100
billing-dashboard /account 8 100"
while read -r name path s r; do
	cost "$path" -b "$T/bjar"
	BEFORE[$name]=$COST
done <<<"$BILLING"
db -e "INSERT INTO invoices (ext_id, account_id, number, issued_on, due_on, status, currency, subtotal_minor, tax_minor, total_minor, paid_minor, updated_at)
	SELECT CONCAT('T320A-bulk-', seq), $ACC_A, CONCAT('T320A-B', seq), '2010-01-01' + INTERVAL seq DAY, '2010-02-01' + INTERVAL seq DAY,
	  ELT(1 + seq MOD 3, 'paid', 'paid', 'cancelled'), 'EUR', 1000, 255, 1255, IF(seq MOD 3 = 2, 0, 1255), NOW() FROM seq_1_to_5000"
check "the billing account has 5,004 invoices" test "$(db -e "SELECT COUNT(*) FROM invoices WHERE account_id = $ACC_A")" = 5004
while read -r name path s r; do
	cost "$path" -b "$T/bjar"
	set -- $COST
	b=${BEFORE[$name]%% *}
	echo "# $name $path (signed in): ${BEFORE[$name]} -> $COST (budget $s statements, $r rows)"
	check "$name: at most $s statements" test "${1:-999}" -le "$s"
	check "$name: at most $r rows read, with 5,000 invoices" test "${2:-999999}" -le "$r"
	# A worker may touch the session once more or less (its last-seen
	# time), so one statement either way.
	check "$name: as many statements as with 4 invoices" test "$(( ${1:-99} - b ))" -le 1 -a "$(( b - ${1:-99} ))" -le 1
done <<<"$BILLING"
# The last pages of 5,000: each list seeks to its place by the sort key
# and id of the row next to it (?after=, ?before=), so a deep page reads
# the rows it shows, not the ones before it (as OFFSET did).
db -e "INSERT INTO payments (ext_id, account_id, paid_on, method, reference, amount_minor, currency, updated_at)
	SELECT CONCAT('T320A-bulk-p', seq), $ACC_A, '2010-01-01' + INTERVAL (seq DIV 3) DAY, 'card', '', 1255, 'EUR', NOW() FROM seq_1_to_5000;
	INSERT INTO orders (ext_id, account_id, number, placed_at, status, currency, total_minor, updated_at)
	SELECT CONCAT('T320A-bulk-o', seq), $ACC_A, CONCAT('T320A-BO', seq), '2010-01-01 08:00:00' + INTERVAL (seq DIV 2) HOUR, 'completed', 'EUR', 1255, NOW() FROM seq_1_to_5000;
	INSERT INTO credit_ledger (ext_id, account_id, entry_on, kind, description, amount_minor, currency, updated_at)
	SELECT CONCAT('T320A-bulk-c', seq), $ACC_A, '2010-01-01' + INTERVAL (seq DIV 3) DAY, 'adjustment', 'Bulk', IF(seq MOD 4 = 0, -300, 100), IF(seq MOD 5 = 0, 'USD', 'EUR'), NOW() FROM seq_1_to_5000"
# The credit ledger's running balances are sums of the entries older than
# the page, read from an index that holds the amounts: one index entry
# each (5,000) and the rows shown.  (The window over the whole ledger
# and the balance beside it read every row twice: 10,000 and more.)
# the 26th oldest row: ?after= it is the last page (the 25 oldest)
nth() { db -e "SELECT CONCAT(REPLACE($2, ' ', 'T'), '.', id) FROM $1 WHERE account_id = $ACC_A $3 ORDER BY $2, id LIMIT 1 OFFSET $4"; }
DEEP="billing-invoices-last /billing/invoices?after=$(nth invoices issued_on '' 25) 8 100 25
billing-invoices-paid-last /billing/invoices?status=paid&after=$(nth invoices issued_on "AND status = 'paid'" 25) 8 100 25
billing-invoices-year-last /billing/invoices?from=2015-01-01&to=2015-12-31&after=$(nth invoices issued_on "AND issued_on >= '2015-01-01'" 25) 8 100 25
billing-invoices-oldest-newer /billing/invoices?before=$(nth invoices issued_on '' 0) 8 100 25
billing-payments-last /billing/payments?after=$(nth payments paid_on '' 25) 8 100 25
billing-orders-last /billing/orders?after=$(nth orders placed_at '' 25) 8 100 25
billing-credits-5000 /billing/credits 8 5200 25
billing-credits-last /billing/credits?after=$(nth credit_ledger entry_on '' 25) 8 5200 25
billing-credits-oldest-newer /billing/credits?before=$(nth credit_ledger entry_on '' 0) 8 5200 25"
while read -r name path s r n; do
	cost "$path" -b "$T/bjar"
	set -- $COST
	echo "# $name $path (signed in, 5,000 rows): $COST (budget $s statements, $r rows)"
	check "$name: answers with $n rows" bash -c "[ $STATUS = 200 ] && [ \$(grep -o '<tr' '$T/body' | wc -l) -gt $n ]"
	check "$name: at most $s statements" test "${1:-999}" -le "$s"
	check "$name: at most $r rows read, deep in 5,000" test "${2:-999999}" -le "$r"
done <<<"$DEEP"

# ---- tickets: a customer's list at 2,000 tickets --------------------------------
# The list reads the account's tickets in the index's order and stops at
# its page's last row; its counts come from the count rows (migration
# 035).  (The departments joined first had every ticket read and sorted:
# 4,000 rows.)
tickets_cleanup() { db -e "DELETE FROM tickets WHERE account_id = $ACC_A"; }
trap 'tickets_cleanup; billing_cleanup; cleanup_bulk; rm -rf "$T"' EXIT
owner=$(db -e "SELECT id FROM users WHERE email = 't320-owner@t320.example'")
db -e "INSERT INTO tickets (ref, account_id, requester_id, department_id, priority, status, subject, lang,
	  source, mail_token, created_at, updated_at)
	SELECT CONCAT('T-YY', REPLACE(REPLACE(LPAD(seq, 6, 'W'), '0', 'Z'), '1', 'X')), $ACC_A, $owner,
	  (SELECT MIN(id) FROM departments), 'normal', ELT(1 + seq MOD 4, 'new', 'open', 'waiting', 'closed'),
	  CONCAT('Budget ticket ', seq), 'en', 'web', CONCAT('t99bulk', LPAD(seq, 17, '0')),
	  NOW() - INTERVAL seq HOUR, NOW() - INTERVAL seq HOUR FROM seq_1_to_2000"
TLIST="tickets-2000 /tickets 8 100
tickets-2000-waiting /tickets?status=waiting 8 100
tickets-2000-page-5 /tickets?page=5 8 200"
while read -r name path s r; do
	cost "$path" -b "$T/bjar"
	set -- $COST
	echo "# $name $path (signed in, 2,000 tickets): $COST (budget $s statements, $r rows)"
	check "$name: at most $s statements" test "${1:-999}" -le "$s"
	check "$name: at most $r rows read, with 2,000 tickets" test "${2:-999999}" -le "$r"
done <<<"$TLIST"
http GET /tickets -b "$T/bjar"
check "... the list counts 2,000 (500 waiting)" bash -c "grep -q '2,\\?000' '$T/body' && grep -q '500' '$T/body'"

done_testing
