#!/usr/bin/env bash
# Search by base forms and synonyms: plural, genitive and case forms in
# Finnish (Voikko), Estonian (Hunspell) and Greek, stem changes, two-word
# queries; the word analyser beside the workers and the workers' memory;
# staff-edited synonyms (the page, its checks, and searches that use
# them, in Persian and Estonian).
. "$(dirname "$0")/../lib.sh"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# top3 QUERY SLUG: is SLUG among the first three results?
top3() {
	local id
	id=$(db -e "SELECT id FROM items WHERE slug = '$2'")
	[ -n "$id" ] || return 1
	http GET "/search?q=$(enc "$1")"
	grep -o 'href="/search/go?s=[0-9]*&amp;i=[0-9]*"' "$T/body" | head -3 |
		grep -q "i=$id\"" || { echo "# top 3 for '$1': $(grep -o 'i=[0-9]*"' "$T/body" | head -3 | tr '\n' ' ') (want $id)"; return 1; }
}
# found QUERY SLUG: is SLUG among the results at all?
found() {
	local id
	id=$(db -e "SELECT id FROM items WHERE slug = '$2'")
	http GET "/search?q=$(enc "$1")"
	grep -q "&amp;i=$id\"" "$T/body"
}
morph_questions() {
	while IFS='|' read -r lang query slug why; do
		[ -n "$lang" ] || continue
		check "$lang: '$query' finds $slug in the top three ($why)" top3 "$query" "$slug"
	done <<'Q'
fi|avaimet|ssh-avain|plural, stem change avain/avaimet
fi|avaimen|ssh-avain|genitive, stem change
fi|yhteyden|ssh-avain|genitive of yhteys
fi|yhteydet|ssh-avain|plural of yhteys
fi|käsi|ssh-avain|base form finds käteen
fi|salasanoja|salasanan-vaihtaminen|partitive plural
fi|avaimen yhteys|ssh-avain|two words, inflected
fi|laskujen maksaminen|laskun-maksaminen|two words, genitive plural
et|arvete|arve-tasumine|genitive plural finds arved, arvel
et|arvetel|arve-tasumine|adessive plural
et|paroolid|parooli-taastamine|plural finds parooli, paroolis
et|sertifikaadid|tasuta-ssl-sertifikaat|plural finds sertifikaadi
et|võtmed|ssh-votme-lisamine|plural, stem change võti/võtmed
et|serverid|ssh-votme-lisamine|plural finds serveriga
et|arvete tasumine|arve-tasumine|two words
el|κωδικού|epanafora-kodikou|genitive finds κωδικό
el|κωδικοί|epanafora-kodikou|plural
el|τιμολογίων|plirwmi-timologiou|genitive plural
el|ρυθμίσεων|rythmisi-email-sto-kinito|genitive plural
el|κωδικού πρόσβασης|epanafora-kodikou|two words, genitive
Q
}
# rss: each worker's pid and resident kB.
rss() {
	local p
	for p in $(worker_pids); do
		echo "$p $(awk '/^VmRSS/ {print $2}' "/proc/$p/status")"
	done
}
# Every worker has served pages (not searches) before it is measured.
for i in $(seq 12); do
	for p in / /kb /faq /news /a/account-users; do http GET "$p"; done
done
rss >"$T/rss.before"
morph_questions

# ---- the analyser and the workers' memory ------------------------------------
pool=$(pool_pid)
analyser() { pgrep -P "$pool" -x portico-morph; }
check "one word analyser runs beside the workers" test "$(analyser | wc -l)" = 1
for q in salasanoja arvete κωδικού 密码 گذرواژه 'reset password'; do
	for i in 1 2 3 4; do http GET "/search?q=$(enc "$q")"; done
done
rss >"$T/rss.after"
# The dictionaries stay in the analyser (it is some 45 MiB resident with
# Voikko's Finnish and Hunspell's Estonian): the searches above in six
# languages grow a worker that has served pages by the search code's own
# pages only (some 2.5 MiB the first time), never by a dictionary.  The
# pool's budget (15 MiB a worker) is measured at size by make bench;
# here earlier tests (uploads, markdown, mail) have already brought
# other libraries' pages in.
grown() {
	join "$T/rss.before" "$T/rss.after" | awk '{
		printf "# worker %s VmRSS %d kB -> %d kB\n", $1, $2, $3
		if ($3 - $2 > 8192) bad = 1 } END { exit bad }'
}
check "searches in six languages load no dictionary into a worker (under 8 MiB more)" grown
grown | sed -n 1p
old=$(analyser)
kill -9 "$old"
http GET "/search?q=$(enc arvete)"
check "while the analyser is gone, search still answers" status_is 200
check "the analyser is started again" wait_for 5 bash -c "p=\$(pgrep -P $pool -x portico-morph) && [ \"\$p\" != $old ]"
check "and base forms are found again" wait_for 5 top3 arvete arve-tasumine

# ---- synonyms ---------------------------------------------------------------------
check "fa: 'رمز عبور' finds the article on گذرواژه (a demo synonym, two words)" top3 'رمز عبور' fa-reset-password
check "fa: 'کلمه عبور' too" top3 'کلمه عبور' fa-reset-password
check "et: 'salasõna' finds the article on parool (a demo synonym)" top3 'salasõna' parooli-taastamine
check "fa: a member's words apart are not the member" bash -c "! grep -q 'class=\"hit ' <(curl -s '$URL/search?q=$(enc 'عبور زیبا رمز')')"

http GET /staff/search/synonyms
check "anonymous visitors are sent to sign in" header_has Location '/signin'
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't112-agent@northwind.example'"
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t112-agent@northwind.example', 'Synonym Agent', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t112-agent@northwind.example >/dev/null
G=$T/agent
signin "$G" t112-agent@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$G" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
http GET /staff/search -b "$G"
check "the analytics page links the synonyms" body_has 'href="/staff/search/synonyms"'
http GET /staff/search/synonyms -b "$G"
check "staff see the synonym sets" status_is 200
check "the demo's Persian set is listed" body_has 'رمز عبور'

word=zzsyn$RANDOM
check "before: '$word' finds nothing" bash -c "! grep -q 'class=\"hit ' <(curl -s '$URL/search?q=$word')"
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms "lang=en" "members=$word"
check "one member only: 400" status_is 400
check "the field says why" body_has 'Give at least two different words or phrases'
check "and keeps what was typed" body_has "value=\"$word\""
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms "lang=en" "members=$word, !!!"
check "a member without a word: 400 with its reason" bash -c "[ $STATUS = 400 ] && grep -q 'needs a word that can be searched' '$T/body'"
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms "lang=xx" "members=a, b"
check "an unknown language: 400" status_is 400
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms "lang=en" "members="
check "no members: 400, the field is needed" bash -c "[ $STATUS = 400 ] && grep -q 'This field is needed' '$T/body'"
http POST /staff/search/synonyms -b "$G" -H "Origin: $URL" --data-urlencode "lang=en" --data-urlencode "members=$word, spam filter"
check "without the form token: refused" bash -c "[ $STATUS = 403 ] || [ $STATUS = 400 ]"
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms "lang=en" "members=$word, spam filter"
check "a set is added" header_has Location '/staff/search/synonyms\?done=synonyms-added'
check "after: '$word' finds the article on spam filters" top3 "$word" email-spam
http GET "/search?q=$word+filter"
check "a member and another word: both must match" bash -c "grep -q 'class=\"hit ' '$T/body' && ! grep -q 'No page has all your words' '$T/body'"
set=$(db -e "SELECT set_id FROM search_synonyms WHERE terms = '$word'")
check "its members are stored with their words" test -n "$set"
http GET /staff/search/synonyms -b "$G"
check "the new set is listed" body_has "$word"
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms/delete "set=abc"
check "a bad set id: 400" status_is 400
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms/delete "set=999999"
check "an unknown set: 404" status_is 404
FORM_PAGE=/staff/search/synonyms post "$G" /staff/search/synonyms/delete "set=$set"
check "the set is deleted" header_has Location '/staff/search/synonyms\?done=synonyms-deleted'
check "and '$word' finds nothing again" bash -c "! grep -q 'class=\"hit ' <(curl -s '$URL/search?q=$word')"
check "the audit log has both" test "$(db -e "SELECT COUNT(*) FROM audit_log WHERE event IN ('synonyms-added', 'synonyms-deleted') AND detail LIKE '%$word%' OR detail = '$set'")" -ge 2

# ---- reindex ------------------------------------------------------------------------
check "portico-admin reindex rebuilds the index" bash -c "'$ROOT/portico-admin' -c '$STATE/portico.conf' reindex | grep -q 'search index rebuilt'"
check "base forms are found after it" top3 avaimet ssh-avain
check "Estonian too" top3 paroolid parooli-taastamine

db -e "DELETE FROM users WHERE email = 't112-agent@northwind.example'"
done_testing
