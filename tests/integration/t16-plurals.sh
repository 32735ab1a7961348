#!/usr/bin/env bash
# Counts in each language's plural forms and digits, typed notices, the
# notice banner and category names in the visitor's language, the
# members page's column of names, and the news feeds announced on the
# home page.
. "$(dirname "$0")/../lib.sh"
ADMIN=("$ROOT/portico-admin" -c "$STATE/portico.conf")

cleanup() {
	db -e "DELETE FROM search_docs WHERE url LIKE '%/t16-%';
		DELETE FROM items WHERE slug LIKE 't16-%';
		DELETE FROM categories WHERE slug LIKE 't16-%'" >/dev/null 2>&1
	"${ADMIN[@]}" reindex >/dev/null 2>&1
}
cleanup

# ---- counts: one article with one word, two with another -------------------
D=$T/import
mkdir -p "$D"
art() {	# FILE SLUG TITLE WORD
	printf -- '---\ntitle: %s\nlang: en\ncategory: T16 Plurals\nslug: %s\n---\nThe %s is here.\n' \
		"$3" "$2" "$4" >"$D/$1.md"
}
art a t16-one "Plural test one" zorblaxium
art b t16-two-a "Plural test two a" quibbletonia
art c t16-two-b "Plural test two b" quibbletonia
# A Finnish translation names the category in Finnish.
printf -- '---\ntitle: Monikkotesti yksi\nlang: fi\ncategory: T16 Plurals\ncategory_names: T16 Monikot\nslug: t16-one-fi\ntranslation_of: t16-one\n---\nSuomeksi.\n' >"$D/d.md"
"${ADMIN[@]}" import-articles "$D" >"$T/out" 2>&1
check "the test articles import" test $? = 0

# count LANG WORD TEXT: the search page in LANG says TEXT for WORD.
count() {
	http GET "/search?q=$2" -b "lang=$1"
	status_is 200 && body_has "<p class=\"meta\" role=\"status\">$3</p>"
}
check "English: 1 result" count en zorblaxium "1 result"
check "English: 2 results" count en quibbletonia "2 results"
check "English: no \"1 results\"" bash -c "! grep -q '1 results' '$T/body'"
check "Finnish: 1 tulos" count fi zorblaxium "1 tulos"
check "Finnish: 2 tulosta" count fi quibbletonia "2 tulosta"
check "Estonian: 1 tulemus" count et zorblaxium "1 tulemus"
check "Estonian: 2 tulemust" count et quibbletonia "2 tulemust"
check "Greek: 1 αποτέλεσμα" count el zorblaxium "1 αποτέλεσμα"
check "Greek: 2 αποτελέσματα" count el quibbletonia "2 αποτελέσματα"
check "Chinese: one form, 1 条结果" count zh zorblaxium "1 条结果"
check "Chinese: one form, 2 条结果" count zh quibbletonia "2 条结果"
check "Persian: one form, in Persian digits (۱ نتیجه)" count fa zorblaxium "۱ نتیجه"
check "Persian: ۲ نتیجه" count fa quibbletonia "۲ نتیجه"
check "Persian: no Latin digit in the count" bash -c "! grep -q 'role=\"status\">[0-9]' '$T/body'"

# ---- notices are a fixed list ------------------------------------------------
http GET "/signin?done=bogus"
check "an unknown notice is a 400" status_is 400
check "... naming the parameter" body_has 'Invalid value for: done'
check "... and no catalog key on the page" body_lacks 'notice.bogus'
http GET "/signin?done=reset"
check "a known notice shows its message" body_has 'Your password has been changed.'
http GET "/signin?done=reset" -b lang=fi
check "... in the visitor's language" body_has 'Salasanasi on vaihdettu'
check "no page shows a catalog key" body_lacks 'notice.reset'

# ---- the notice banner in the visitor's language ------------------------------
N=$T/notice
mkdir -p "$N"
printf -- '---\ntitle: T16 Huoltokatko Helsingin konesalissa\nlang: fi\ncategory: News\nslug: t16-huoltokatko\ntype: news\nnews: notice\nseverity: major\nstarts: 2026-11-20 00:00\nends: 2027-12-31 00:00\ntranslation_of: news-maintenance-helsinki\n---\nVaihdamme verkkokytkimiä.\n' >"$N/fi.md"
"${ADMIN[@]}" import-articles "$N" >"$T/out" 2>&1
check "a Finnish translation of the active notice imports" test $? = 0
# The banner is read again every few seconds per worker: ask until it is.
# (/signin: a page the page cache does not keep, so the banner is fresh.)
banner_fi() { http GET /signin -b lang=fi; body_matches 'class="banner-notice[^>]*lang="fi"><a href="/news/t16-huoltokatko">T16 Huoltokatko'; }
check "the banner shows the notice in Finnish to a Finnish visitor" wait_for 15 banner_fi
check "... and not the English one beside it" body_lacks 'Planned maintenance in the Helsinki'
http GET /signin -b lang=en
check "an English visitor sees it in English" body_has 'Planned maintenance in the Helsinki'
check "... once, not the Finnish translation too" body_lacks 'T16 Huoltokatko'
http GET /signin -b lang=et
check "a language it is not written in: as first written" body_has 'Planned maintenance in the Helsinki'

# ---- category names in the visitor's language ---------------------------------
for p in /kb /search?q=quibbletonia /a/t16-one; do
	http GET "$p" -b lang=fi
	check "$p in Finnish names the category in Finnish" body_has 'T16 Monikot'
	check "$p in Finnish: not its English name" body_lacks 'T16 Plurals'
done
http GET /kb -b lang=en
check "/kb in English: the English name" body_has 'T16 Plurals'

# ---- the members page: a column of names is headed "Name" --------------------
db -e "DELETE FROM signin_throttle"
J=$T/olivia
signin "$J" olivia@aurora.example northwind-demo-2026
http GET /account/users -b "$J"
check "members page: 200" status_is 200
check "members page: the names column is headed Name" body_has '<th scope="col">Name</th>'
check "members page: not \"Your name\"" body_lacks 'Your name'
http GET /account/users -b "$J" -H 'Cookie: lang=fi'
http GET /account -b "$J"
# The dashboard lists the people as cards, with no column header.
check "account page: the people are listed, not under \"Your name\"" bash -c "grep -qF 'class=\"person-name\"' '$T/body' && ! grep -qF 'Your name' '$T/body'"

# ---- the news feeds, announced on the home page as on the news page ------------
for p in / /news; do
	http GET "$p"
	for f in notices updates blog; do
		check "$p announces /news/$f.atom" body_matches "<link rel=\"alternate\" type=\"application/atom\\+xml\" href=\"/news/$f.atom\" title=\"[^\"]+\">"
	done
done
http GET /news/updates.atom
check "an announced feed answers with Atom" header_has Content-Type 'application/atom\+xml'

cleanup
done_testing
