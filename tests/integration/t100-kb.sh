#!/usr/bin/env bash
# The knowledge hub's pages: knowledge base, categories, articles with
# translations, FAQ, news and feeds, downloads, the notice banner,
# feedback, the import command, Markdown safety, who sees what, and the
# page cache for anonymous visitors.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
ADMIN=("$ROOT/portico-admin" -c "$STATE/portico.conf")
for who in olivia@aurora.example kaisa@baltic.example; do
	echo "$PW" | "${ADMIN[@]}" set-password "$who" >/dev/null
done
db -e "DELETE FROM signin_throttle"

# ---- pages --------------------------------------------------------------
http GET /kb
check "the knowledge base lists categories" body_has 'href="/kb/billing"'
check "the knowledge base lists the newest articles" body_has 'class="item-list"'
http GET /kb/billing-invoices
check "a category lists its articles" body_has 'href="/a/pay-invoice"'
check "a category shows its trail" body_has 'href="/kb/billing"'
http GET /kb/no-such-category
check "an unknown category: 404" status_is 404
http GET /a/pay-invoice
check "an article renders its Markdown body" body_has 'reference number'
check "an article links its translations with hreflang" body_has 'hreflang="fi"'
check "the head names the alternates" body_matches '<link rel="alternate" hreflang="zh" href="http://[^"]*/a/zh-pay-invoice"'
check "an article lists related articles" body_has 'href="/a/invoice-download"'
check "an article asks for feedback" body_has 'action="/a/pay-invoice/feedback"'
http GET /a/varmuuskopion-palauttaminen -H 'Accept-Language: fa'
check "a Persian reader of an article not in Persian is told so" body_has 'ترجمه نشده'
http GET /a/pay-invoice -H 'Accept-Language: fa'
check "a Persian reader of the English original is pointed to the Persian translation" body_has 'href="/a/fa-pay-invoice"'
http GET /a/fa-pay-invoice -H 'Accept-Language: fa'
check "the Persian translation is shown without a note" body_lacks 'class="notice"'
# The interface and the content in each of the six languages.
http GET /kb -H 'Accept-Language: fi-FI,fi;q=0.9,en;q=0.5'
check "Accept-Language fi: a Finnish page" body_has '<html lang="fi" dir="ltr">'
check "Accept-Language fi: the Finnish catalog" body_has 'Tietopankki'
check "Accept-Language fi: lists show the Finnish translation" body_has 'href="/a/laskun-maksaminen"'
check "Accept-Language fi: categories have their Finnish names" body_matches 'href="/kb/billing"[^>]*>Laskutus<'
for l in "et arve-tasumine Teadmusbaas" "el plirwmi-timologiou Βάση γνώσεων" "zh zh-pay-invoice 知识库"; do
	set -- $l
	http GET /a/pay-invoice -H "Accept-Language: $1"
	check "Accept-Language $1: the page is in $1" body_has "<html lang=\"$1\" dir=\"ltr\">"
	check "Accept-Language $1: the catalog's words" body_has "$3"
	check "Accept-Language $1: the reader is pointed to the $1 translation" body_has "href=\"/a/$2\""
done
http GET /a/no-such-article
check "an unknown article: 404" status_is 404
http GET '/a/..%2Fetc'
check "a malformed slug: 400 or 404, themed" bash -c "{ [ '$STATUS' = 400 ] || [ '$STATUS' = 404 ]; } && grep -q '<!DOCTYPE html' '$T/body'"
http GET /a/video-first-site
check "a video tutorial embeds an allowed provider" body_has 'src="https://www.youtube-nocookie.com/embed/'
check "a video tutorial shows its transcript" body_has 'Transcript'
check "the policy lets frames come only from the allowed providers" \
	header_has Content-Security-Policy ".*frame-src https://www.youtube-nocookie.com https://player.vimeo.com"
http GET /faq
check "the FAQ page groups questions by topic" body_has 'class="faq-topic"'
check "an FAQ answer links an article" body_has 'href="/a/invoice-download"'
http GET /faq/domains
check "an FAQ topic page" body_has 'How long does a domain transfer take?'
check "an FAQ topic page holds only its topic" body_lacks 'Where do I find my invoices?'
http GET /news
check "the news page lists news" body_has 'PHP 8.4 is available'
http GET /news/blog
check "a news kind lists only that kind" bash -c "grep -q 'new customer portal' '$T/body' && ! grep -q 'PHP 8.4' '$T/body'"
http GET /news/notices.atom
check "the notices feed is Atom" header_has Content-Type 'application/atom\+xml'
check "the notices feed is well-formed XML" xmllint --noout "$T/body"
check "the notices feed holds the notice" body_has 'Planned maintenance in the Helsinki'
http GET /
check "an active notice is a banner on every page" body_has 'class="banner-notice severity-major"'
check "an ended notice is no banner" body_lacks 'Delayed e-mail delivery resolved</a>'
http GET /downloads
check "the downloads page answers" status_is 200

# ---- feedback -------------------------------------------------------------
J=$T/voter
http POST /a/pay-invoice/feedback -c "$J" -b "$J" -H "Origin: $URL" --data 'helpful=yes&comment=Clear'
check "a vote is taken and answered with a redirect" header_has Location '/a/pay-invoice\?done=feedback'
check "a first vote gives the browser a voter cookie" header_has Set-Cookie 'voter='
http POST /a/pay-invoice/feedback -c "$J" -b "$J" -H "Origin: $URL" --data 'helpful=no'
id=$(db -e "SELECT id FROM items WHERE slug = 'pay-invoice'")
voter=$(awk '$6 == "voter" {print $7}' "$J")
check "one vote per browser: the second replaces the first" \
	test "$(db -e "SELECT COUNT(*), MIN(helpful) FROM item_feedback WHERE item_id = $id AND voter = 'b:$voter'")" = "$(printf '1\t0')"
check "the comment of the first vote is kept" \
	test "$(db -e "SELECT comment FROM item_feedback WHERE item_id = $id AND voter = 'b:$voter'")" = "Clear"
http GET /a/pay-invoice -b "$J"
check "the voter sees the vote" body_has 'did not help'
http POST /a/pay-invoice/feedback -H "Origin: $URL" --data 'helpful=maybe'
check "a bad vote: 400" status_is 400
http POST /a/pay-invoice/feedback -H "Origin: https://evil.example" --data 'helpful=yes'
check "a vote from another site: 403" status_is 403
db -e "DELETE FROM item_feedback WHERE voter = 'b:$voter'"

# ---- import ------------------------------------------------------------------
D=$T/import
mkdir -p "$D"
cat >"$D/good.md" <<'MD'
---
title: Hostile test article
lang: en
category: Testing/Import Checks
slug: t100-hostile
tags: t100
---
Before <script>alert(1)</script> after.

<div onclick="x()">raw block</div>

[click me](javascript:alert(2)) and ![img](javascript:alert(3)) and [ok](https://example.org/)
MD
printf -- '---\ntitle: Broken\nlang: en\ncategory: T\n---\n\xff\xfe bad bytes\n' >"$D/bad-utf8.md"
printf -- '---\ntitle: No language\ncategory: T\n---\nbody\n' >"$D/no-lang.md"
printf -- '---\ntitle: Klingon\nlang: tlh\ncategory: T\n---\nbody\n' >"$D/bad-lang.md"
printf -- '---\ntitle: Orphan\nlang: fi\ncategory: T\ntranslation_of: t100-none\n---\nbody\n' >"$D/orphan.md"
printf -- 'no front matter at all\n' >"$D/plain.md"
printf -- '---\ntitle: Names\nlang: fi\ncategory: Testing/Import Checks\ncategory_names: Vain yksi\n---\nbody\n' >"$D/bad-names.md"
printf -- '---\ntitle: Hostile test article (fi)\nlang: fi\ncategory: Testing/Import Checks\ncategory_names: Testaus / Tuontitarkistukset\nslug: t100-hostile-fi\ntranslation_of: t100-hostile\n---\nSuomeksi.\n' >"$D/a-translation.md"
"${ADMIN[@]}" import-articles "$D" >"$T/out" 2>&1; rc=$?
check "an import with bad files exits non-zero" test "$rc" -ne 0
check "bad UTF-8 is reported" grep -q 'bad-utf8.md: not valid UTF-8' "$T/out"
check "a missing lang is reported" grep -q 'no-lang.md: no lang' "$T/out"
check "an unknown language is reported" grep -q 'bad-lang.md: lang "tlh"' "$T/out"
check "an unknown translation_of is reported" grep -q 'orphan.md: translation_of' "$T/out"
check "a file without front matter is reported" grep -q 'plain.md: no front matter' "$T/out"
check "category_names that do not match the path are reported" grep -q 'bad-names.md: category_names must name each part' "$T/out"
check "the good files are imported (a translation before its original by name)" grep -q '2 created' "$T/out"
check "the category path was made" test "$(db -e "SELECT COUNT(*) FROM categories WHERE slug IN ('testing', 'testing-import-checks')")" = 2
check "the translation joined the original's group" \
	test "$(db -e "SELECT COUNT(DISTINCT group_id) FROM items WHERE slug LIKE 't100-hostile%'")" = 1
check "category_names name the category in the file's language" \
	test "$(db -e "SELECT n.name FROM category_names n JOIN categories c ON c.id = n.category_id WHERE c.slug = 'testing-import-checks' AND n.lang = 'fi'")" = Tuontitarkistukset
http GET /kb/testing-import-checks -H 'Accept-Language: fi'
check "a Finnish visitor sees the Finnish category names" bash -c "grep -q 'Tuontitarkistukset' '$T/body' && grep -q '>Testaus<' '$T/body'"
http GET /kb/testing-import-checks -H 'Accept-Language: en'
check "an English visitor sees the names it was made with" bash -c "grep -q 'Import Checks' '$T/body' && ! grep -q 'Tuontitarkistukset' '$T/body'"
rm "$D"/bad-utf8.md "$D"/no-lang.md "$D"/bad-lang.md "$D"/orphan.md "$D"/plain.md "$D"/bad-names.md
"${ADMIN[@]}" import-articles "$D" >"$T/out" 2>&1; rc=$?
check "a clean import exits 0" test "$rc" -eq 0
check "importing again changes nothing" grep -q '0 created, 0 updated, 2 unchanged' "$T/out"
sed -i 's/^Before/Changed before/' "$D/good.md"
"${ADMIN[@]}" import-articles "$D" >"$T/out" 2>&1
check "a changed file updates its article" grep -q '1 updated' "$T/out"
check "the update kept a version" test "$(db -e "SELECT COUNT(*) FROM item_versions v JOIN items i ON i.id = v.item_id WHERE i.slug = 't100-hostile'")" = 2

# ---- Markdown safety ------------------------------------------------------------
http GET /a/t100-hostile
check "the hostile article renders" status_is 200
check "a <script> in a body never reaches the page" body_lacks '<script>alert'
check "raw HTML blocks are dropped" body_lacks 'onclick'
check "javascript: links lose their address" body_lacks 'javascript:'
check "the words of a neutered link stay" body_has 'click me'
check "an https link survives" body_has 'href="https://example.org/"'

# ---- who sees what ----------------------------------------------------------------
O=$T/olivia; K=$T/kaisa
signin "$O" olivia@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"
for path in /a/reseller-prices /a/api-tokens; do
	http GET "$path"
	check "anonymous: $path is 404, not 403" status_is 404
	check "anonymous: $path does not name itself" body_lacks 'Reseller price list'
done
http GET /a/reseller-prices -b "$O"
check "a customer outside the Resellers segment: 404" status_is 404
http GET /a/reseller-prices -b "$K"
check "a customer in the Resellers segment reads it" body_has 'Wholesale domain prices'
http GET /a/api-tokens -b "$O"
check "a signed-in customer reads a signed-in article" body_has 'API tokens'
for who in anon olivia; do
	jar=/dev/null; [ $who = olivia ] && jar=$O
	http GET /kb/billing -b "$jar"
	check "$who: the limited article is not in its category list" body_lacks 'Reseller price list'
	http GET '/search?q=wholesale+reseller' -b "$jar"
	check "$who: a search for its words finds nothing" body_matches 'class="empty"'
	check "$who: not even its title" body_lacks 'price list'
	check "$who: nor a snippet" body_lacks 'first day of each quarter'
	check "$who: nor its address" body_lacks 'reseller-prices'
	http GET '/search/suggest?q=reseller' -b "$jar"
	check "$who: type-ahead does not suggest it" body_lacks 'Reseller price'
	http GET /a/pay-invoice -b "$jar"
	check "$who: it is not among related articles" body_lacks 'reseller-prices'
done
# Names of what only a segment may see: an FAQ topic, a knowledge-base
# category and a product holding nothing but the Resellers' items.
S=$T/segment-only
mkdir -p "$S"
printf -- '---\ntitle: Do resellers get volume discounts?\nlang: en\ncategory: T100 Reseller Questions\nslug: t100-reseller-faq\ntype: faq\nproduct: T100Wholesale\nvisibility: segments\nsegments: Resellers\n---\nYes, every quarter.\n' >"$S/faq.md"
printf -- '---\ntitle: Partner deal sheet\nlang: en\ncategory: T100 Partner Program/T100 Partner Deals\nslug: t100-partner-deals\nproduct: T100Wholesale\nvisibility: segments\nsegments: Resellers\n---\nDeals for partners.\n' >"$S/kb.md"
"${ADMIN[@]}" import-articles "$S" >"$T/out" 2>&1
check "segment-only FAQ entry and article imported" grep -q '2 created' "$T/out"
topic=$(db -e "SELECT slug FROM categories WHERE name = 'T100 Reseller Questions'")
partner=$(db -e "SELECT slug FROM categories WHERE name = 'T100 Partner Program'")
deals=$(db -e "SELECT slug FROM categories WHERE name = 'T100 Partner Deals'")
for who in anon olivia; do
	jar=/dev/null; [ $who = olivia ] && jar=$O
	http GET /faq -b "$jar"
	check "$who: a segment-only FAQ topic is not listed" body_lacks 'T100 Reseller Questions'
	http GET "/faq/$topic" -b "$jar"
	check "$who: a topic with no question they may see: 404" status_is 404
	check "$who: and it does not name itself" body_lacks 'T100 Reseller Questions'
	http GET /kb -b "$jar"
	check "$who: a segment-only category is not in the knowledge base" body_lacks 'T100 Partner'
	http GET "/kb/$partner" -b "$jar"
	check "$who: its page answers 404" status_is 404
	http GET "/kb/$deals" -b "$jar"
	check "$who: so does its subcategory's" status_is 404
	http GET '/search?q=invoice' -b "$jar"
	check "$who: the search page offers no segment-only product" body_lacks 'T100Wholesale'
	check "$who: nor a segment-only category" body_lacks 'T100 Partner'
done
http GET /faq -b "$K"
check "a reseller sees the segment's FAQ topic" body_has 'T100 Reseller Questions'

# ---- popular articles on the home page ------------------------------------------
# Derived by portico-admin popular (and reindex) from the last 30 days'
# views and votes, never on a page view.  The segment-only article is
# read most, then the signed-in one, then a public one; each is listed
# only to who may read it, in the visitor's language.
popular() { xmllint --xpath 'string(//items[@name="popular"]/item[1]/@slug)' - <"$T/body" 2>/dev/null; }
popular_all() { xmllint --xpath '//items[@name="popular"]/item/@slug' - <"$T/body" 2>/dev/null; }
export -f popular_all; export T
home_popular_is() { curl -s -H 'Accept-Language: en' "$URL/?format=xml" >"$T/body"; [ "$(popular)" = "$1" ]; }
views() { db -e "INSERT INTO item_views (item_id, day, views) SELECT id, UTC_DATE() - INTERVAL 20 DAY, $2 FROM items WHERE slug = '$1' ON DUPLICATE KEY UPDATE views = VALUES(views)"; }
views t100-partner-deals 30000
views api-tokens 20000
views t100-hostile 7000
http GET '/?format=xml'
check "views alone do not move the list: it is derived, not counted per view" \
	bash -c "! popular_all | grep -q 't100-'"
"${ADMIN[@]}" popular >"$T/out" 2>&1
check "portico-admin popular scores the articles again" grep -q 'popular articles scored' "$T/out"
check "anonymous: the most read public article leads the popular list" wait_for 8 home_popular_is t100-hostile
check "anonymous: the signed-in article is not listed" body_lacks 'api-tokens'
check "anonymous: nor the segment-only one" body_lacks 't100-partner-deals'
http GET / -H 'Accept-Language: en'
check "the home page shows the popular articles" body_matches 'id="popular-heading">Popular articles<'
check "... linked" body_has 'href="/a/t100-hostile"'
http GET '/?format=xml' -H 'Accept-Language: fi'
check "a Finnish visitor gets the Finnish translation" test "$(popular)" = t100-hostile-fi
http GET '/?format=xml' -b "$O"
check "a signed-in customer sees the signed-in article first" test "$(popular)" = api-tokens
check "... not the segment-only one" body_lacks 't100-partner-deals'
http GET '/?format=xml' -b "$K"
check "a reseller sees the segment-only article first" test "$(popular)" = t100-partner-deals
http GET / -H 'Accept-Language: fa'
check "the heading in Persian" body_has 'مقاله‌های پرطرفدار'
# "Not helpful" votes weigh against views; a save keeps the score.
hostile=$(db -e "SELECT id FROM items WHERE slug = 't100-hostile'")
db -e "INSERT INTO item_feedback (item_id, voter, helpful) SELECT $hostile, CONCAT('b:t100-', seq), 0 FROM seq_1_to_710"
"${ADMIN[@]}" popular >/dev/null 2>&1
http GET '/?format=xml' -b "$O"
check "an article voted unhelpful enough leaves the popular list" bash -c "! popular_all | grep -q 't100-hostile'"
db -e "DELETE FROM item_feedback WHERE voter LIKE 'b:t100-%'"
"${ADMIN[@]}" popular >/dev/null 2>&1
sed -i 's/^Changed before/Changed before, popular/' "$D/good.md"
"${ADMIN[@]}" import-articles "$D" >/dev/null 2>&1
check "a save keeps the group's score in its list rows" \
	test "$(db -e "SELECT MIN(popularity) FROM item_listing WHERE group_id = $hostile")" -ge 7000
db -e "DELETE v FROM item_views v JOIN items i ON i.id = v.item_id WHERE i.slug IN ('t100-partner-deals', 'api-tokens', 't100-hostile') AND v.day = UTC_DATE() - INTERVAL 20 DAY"
"${ADMIN[@]}" popular >/dev/null 2>&1
check "with their views gone, their score falls again" \
	test "$(db -e "SELECT MAX(popularity) FROM item_listing WHERE group_id = $hostile")" -lt 7000
http GET "/faq/$topic" -b "$K"
check "and its page" body_has 'Do resellers get volume discounts?'
http GET /kb -b "$K"
check "and the segment's category" body_has 'T100 Partner Program'
http GET "/kb/$deals" -b "$K"
check "and its subcategory's page" body_has 'Partner deal sheet'
http GET '/search?q=invoice' -b "$K"
check "and the segment's product among the search filters" body_has 'T100Wholesale'
check "and its category" body_has 'T100 Partner Program'

http GET /sitemap.xml -b "$K"
check "the sitemap is well-formed XML" xmllint --noout "$T/body"
check "the sitemap lists public articles" body_has '/a/pay-invoice</loc>'
check "the sitemap never lists limited articles, whoever asks" body_lacks 'reseller-prices'
check "nor signed-in ones" body_lacks 'api-tokens'
http GET /news/notices.atom -b "$K"
check "feeds hold no limited item" body_lacks 'Reseller'
http GET /
check "the home page shows the latest news" body_has 'PHP 8.4 is available'
http GET '/search?q=wholesale+reseller' -b "$K"
check "a reseller finds it by search" body_has '<mark>Reseller</mark> price list'
check "with a highlighted snippet" body_has 'first day of each quarter'
check "with the words highlighted" body_matches '<mark>[Ww]holesale</mark>'

# ---- the page cache -------------------------------------------------------------
if [ -n "$(grep -s '^page_cache_seconds = [1-9]' "$STATE/portico.conf")" ]; then
	xcache() { curl -s -o /dev/null -D - "$URL/a/t100-hostile" | grep -qiE "^X-Cache: ($1)"; }
	http GET /a/t100-hostile
	http GET /a/t100-hostile
	# (HIT, or REVALIDATED on a machine slower than page_cache_check_seconds)
	check "an anonymous page is served from the cache the second time" header_has X-Cache 'HIT|REVALIDATED'
	check "it carries the ETag the web server asks again with" header_has ETag 'W/"'
	http GET /a/t100-hostile -H 'Accept-Language: fa'
	check "another language is another cache entry" header_has X-Cache 'MISS|EXPIRED'
	check "and comes in that language" body_has 'lang="fa"'
	http GET /a/t100-hostile -b "$O"
	check "a signed-in visitor bypasses the cache" header_has X-Cache BYPASS
	check "a signed-in visitor's page is never stored" header_has Cache-Control no-store
	check "a kept page is asked about again and found current (304 from a worker)" \
		wait_for 8 xcache REVALIDATED
	sed -i 's/^Changed before/Changed again/' "$D/good.md"
	"${ADMIN[@]}" import-articles "$D" >/dev/null 2>&1
	check "a content change reaches anonymous visitors within seconds" \
		wait_for 6 bash -c "curl -s '$URL/a/t100-hostile' | grep -q 'Changed again'"
	check "cached again" wait_for 6 xcache HIT
	# A change made through another host only moves content_generation:
	# this host's workers see it when nginx next asks.
	db -e "UPDATE content_generation SET gen = gen + 1 WHERE id = 1"
	check "a change seen in the database renews this host's pages within seconds" \
		wait_for 6 xcache 'MISS|EXPIRED'
else
	for _ in $(seq 1 10); do ok "the page cache # SKIP page_cache_seconds is 0 here"; done
fi
db -e "DELETE FROM search_docs WHERE url LIKE '%/t100-%'; DELETE FROM items WHERE slug LIKE 't100-%'; DELETE FROM categories WHERE slug = 'testing-import-checks'; DELETE FROM categories WHERE slug = 'testing'; DELETE FROM categories WHERE name IN ('T100 Reseller Questions', 'T100 Partner Deals'); DELETE FROM categories WHERE name = 'T100 Partner Program'"
done_testing
