#!/usr/bin/env bash
# Search: relevance in all six languages (inflected Finnish, Estonian
# and Greek, Chinese without spaces, Persian with zero-width
# non-joiners), help for empty and short queries, filters, pagination,
# highlighting, type-ahead, the search log and its analytics.
. "$(dirname "$0")/../lib.sh"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# top3 QUERY SLUG [FILTERS]: is SLUG among the first three results?
top3() {
	local id
	id=$(db -e "SELECT id FROM items WHERE slug = '$2'")
	http GET "/search?q=$(enc "$1")${3:-}"
	grep -o 'href="/search/go?s=[0-9]*&amp;i=[0-9]*"' "$T/body" | head -3 |
		grep -q "i=$id\"" || { echo "# top 3 for '$1': $(grep -o 'i=[0-9]*"' "$T/body" | head -3 | tr '\n' ' ') (want $id)"; return 1; }
}
while IFS='|' read -r lang query slug why; do
	[ -n "$lang" ] || continue
	check "$lang: '$query' finds $slug in the top three ($why)" top3 "$query" "$slug"
done <<'Q'
en|reset password|reset-password|two words
en|invoice pdf|invoice-download|title words
en|transferring domains|domain-transfer|inflected English
en|spam filter|email-spam|title and body
en|ssh keys|ssh-keys|plural
en|installing wordpress|wordpress-install|-ing form
fi|salasana|salasanan-vaihtaminen|base form finds salasanan, salasanasi
fi|lasku|laskun-maksaminen|base form finds laskun, laskussa
fi|varmuuskopio|varmuuskopion-palauttaminen|base form finds varmuuskopion
fi|verkkotunnuksen siirtäminen|verkkotunnuksen-siirto|inflected query
fi|sähköposti|sahkopostin-asetukset-puhelimessa|base form finds sähköpostin
fi|tietueet|dns-tietueiden-muokkaaminen|plural finds tietueiden
et|parool|parooli-taastamine|base form finds parooli, paroolis
et|arve|arve-tasumine|base form finds arved, arvel
et|domeen|domeeni-pikendamine|base form finds domeeni
et|kirje|dns-kirjete-muutmine|base form finds kirjete, kirjed
et|telefon|e-posti-seadistamine-telefonis|base form finds telefonis
el|κωδικός πρόσβασης|epanafora-kodikou|nominative finds κωδικό, πρόσβασης
el|πληρωμή|plirwmi-timologiou|base form finds πληρωμές, πληρώσετε
el|πιστοποιητικό|dorean-pistopoiitiko-ssl|finds πιστοποιητικού
el|εγγραφή dns|epexergasia-eggrafon-dns|singular finds εγγραφές
el|ρυθμίσεις κινητό|rythmisi-email-sto-kinito|finds κινητού
el|ΚΩΔΙΚΟΣ|epanafora-kodikou|capitals without accents
zh|重置密码|zh-reset-password|four characters, no spaces
zh|密码|zh-reset-password|two characters inside a sentence
zh|下载发票|zh-invoice-download|multi-character
zh|证书|zh-ssl-certificate|two characters
zh|解析记录|zh-dns-records|multi-character
zh|银行转账|zh-pay-invoice|words inside a sentence
fa|گذرواژه|fa-reset-password|finds گذرواژهٔ
fa|گذرواژه‌ها|fa-reset-password|with a zero-width non-joiner
fa|صورتحساب|fa-pay-invoice|finds صورتحساب‌ها
fa|انتقال دامنه|fa-domain-transfer|two words
fa|وردپرس|fa-wordpress-install|one word
fa|ايميل|fa-email-setup|Arabic yeh folds into Persian yeh
Q

# ---- the page ----------------------------------------------------------------
http GET /search
check "an empty search gets help, not an error" status_is 200
check "the help says what to type" body_has 'Type what you are looking for'
http GET '/search?q=a'
check "a one-letter search gets help" body_has 'too short'
http GET '/search?q=%21%21%21'
check "punctuation only gets help" body_has 'too short'
http GET "/search?q=$(enc 'zxqv nothingmatches')"
check "no results: a clear message" body_has 'Nothing was found for'
http GET '/search?q=invoice&kind=faq'
check "the kind filter keeps FAQ entries" bash -c "grep -q 'hit-faq' '$T/body' && ! grep -q 'hit-article' '$T/body'"
http GET '/search?q=invoice&kind=blog'
check "an unknown kind: 400" status_is 400
http GET "/search?q=$(enc 'dns')&in=fi"
check "the language filter keeps one language" bash -c "grep -q 'lang=\"fi\"' '$T/body' && ! grep -q 'class=\"hit hit-article\" lang=\"en\"' '$T/body'"
http GET "/search?q=dns&category=domains"
check "the category filter includes subcategories" body_has 'hit-article'
http GET "/search?q=invoice&category=e-mail"
check "a category without matches finds nothing" body_has 'Nothing was found'
http GET "/search?q=$(enc '<script>alert(1)</script>')"
check "a hostile query is only text" body_lacks '<script>alert'
http GET '/search?q=the'
check "a query of one stop word still searches" status_is 200
http GET '/search?q=domain&page=0'
check "page 0: 400" status_is 400
http GET '/search?q=invoice'
check "matched words are highlighted" body_has '<mark>'
check "results have snippets" body_has 'class="snippet"'
# A word of this run's only (the articles are written again on a rerun).
fresh=wombat$(python3 -c 'import random, string; print("".join(random.choice(string.ascii_lowercase) for _ in range(10)))')
for i in $(seq 1 12); do printf -- '---\ntitle: Pager test %s quokka\nlang: en\ncategory: Testing\nslug: t110-pager-%s\n---\nThe quokka number %s, %s.\n' "$i" "$i" "$i" "$fresh" >"$T/p$i.md"; done
mkdir -p "$T/pager"; mv "$T"/p*.md "$T/pager/"
# Every worker asks first, while nothing has the word (a worker keeps
# the ranked ids of recent searches): the answers after the import are
# new ones, on every worker.
for i in $(seq 1 $((2 * WORKERS))); do http GET "/search?q=$fresh"; done
check "before the import nothing has the word" body_has 'Nothing was found'
"$ROOT/portico-admin" -c "$STATE/portico.conf" import-articles "$T/pager" >/dev/null 2>&1
stale=0
for i in $(seq 1 $((2 * WORKERS))); do
	http GET "/search?q=$fresh"
	grep -q 'rel="next"' "$T/body" || stale=$((stale + 1))
done
check "no worker answers from before the import" test "$stale" = 0
http GET '/search?q=quokka'
check "twelve results, ten a page" bash -c "[ \$(grep -o 'class=\"hit ' '$T/body' | wc -l) = 10 ] && grep -q 'rel=\"next\"' '$T/body'"
http GET '/search?q=quokka&page=2'
check "the second page holds the rest" bash -c "[ \$(grep -o 'class=\"hit ' '$T/body' | wc -l) = 2 ]"

# ---- type-ahead ---------------------------------------------------------------
http GET '/search/suggest?q=passw'
check "type-ahead answers XML" header_has Content-Type 'application/xml'
check "type-ahead completes a partial word" body_has 'url="/a/reset-password"'
check "type-ahead marks the matched word" body_has '<hl>password</hl>'
check "type-ahead XML is well-formed" xmllint --noout "$T/body"
http GET '/search/suggest?q='
check "an empty type-ahead is an empty list" body_has 'total="0"'

# ---- the log and analytics ------------------------------------------------------
uniq=zzquery$RANDOM
http GET "/search?q=$uniq"
check "a search is logged, normalised" test "$(db -e "SELECT COUNT(*) FROM search_log WHERE query = '$uniq' AND results = 0")" = 1
check "the search log has no address column" test -z "$(db -e "SHOW COLUMNS FROM search_log LIKE '%addr%'")"
http GET "/search?q=DNS+Records"
go=$(grep -o 'href="/search/go?s=[0-9]*&amp;i=[0-9]*"' "$T/body" | head -1 | sed 's/href="//; s/"$//; s/&amp;/\&/')
http GET "$go"
check "opening a result goes to it" header_has Location '/a/'
logid=$(echo "$go" | sed 's/.*s=\([0-9]*\).*/\1/')
check "the log learns which result was opened" test "$(db -e "SELECT opened_item IS NOT NULL FROM search_log WHERE id = $logid")" = 1
check "the query is logged lower-cased" test "$(db -e "SELECT query FROM search_log WHERE id = $logid")" = "dns records"
http GET '/search/go?s=1&i=999999'
check "opening an unknown item: 404" status_is 404
rid=$(db -e "SELECT id FROM items WHERE slug = 'reseller-prices'")
http GET "/search/go?s=1&i=$rid"
check "opening a limited item through the log: 404" status_is 404

db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't110-agent@northwind.example'"
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t110-agent@northwind.example', 'Search Agent', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t110-agent@northwind.example >/dev/null
G=$T/agent
signin "$G" t110-agent@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$G" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
http GET /staff/search -b "$G"
check "staff see search analytics" body_has 'Queries with no results'
check "a no-result query is listed" body_has "$uniq"
check "a no-result query can start a draft" body_has "/staff/content/new?title=$uniq"
check "the top queries are listed" body_has 'dns records'
http GET "/staff/search?from=2000-01-01&to=2000-01-31" -b "$G"
check "an empty period lists nothing" body_lacks "$uniq"
http GET "/staff/search?from=2000-01-01&to=2000-01-31&format=xml" -b "$G"
check "an empty period counts 0 empty searches, not nothing" body_has 'empty="0"'
check "... and 0 opened" body_has 'opened="0"'
http GET "/staff/search?from=yesterday" -b "$G"
check "a bad date: 400" status_is 400
http GET "/staff/content/new?title=$uniq" -b "$G"
check "the draft starts with the query as its title" body_has "value=\"$uniq\""
http GET /staff/search
check "anonymous visitors are sent to sign in" header_has Location '/signin'

db -e "DELETE FROM search_docs WHERE url LIKE '%/t110-%'; DELETE FROM items WHERE slug LIKE 't110-%'; DELETE FROM users WHERE email = 't110-agent@northwind.example'"
db -e "DELETE FROM categories WHERE slug = 'testing'" 2>/dev/null || true
done_testing
