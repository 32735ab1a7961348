#!/usr/bin/env bash
# Recall of inflected, stem-changing and synonym queries against the
# demo knowledge base: for each query form below, is the article meant
# on the first page of results?  Prints one line per query (with -v)
# and found/expected per language.  A measurement, not a test: run it
# against an instance with the demo content (./quickstart run), e.g.
#   PORTICO_ROOT=$PWD PORTICO_STATE=state PORTICO_URL=http://127.0.0.1:8080 \
#       bash tests/search-recall.sh [-v]
. "$(dirname "$0")/lib.sh"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
verbose=${1:-}
declare -A found expected

# found QUERY SLUG: is SLUG among the results of the first page?
on_first_page() {
	local id
	id=$(db -e "SELECT id FROM items WHERE slug = '$2'")
	[ -n "$id" ] || return 1
	http GET "/search?q=$(enc "$1")"
	grep -o 'href="/search/go?s=[0-9]*&amp;i=[0-9]*"' "$T/body" |
		grep -q "i=$id\""
}

while IFS='|' read -r lang query slug why; do
	[ -n "$lang" ] || continue
	expected[$lang]=$(( ${expected[$lang]:-0} + 1 ))
	if on_first_page "$query" "$slug"; then
		found[$lang]=$(( ${found[$lang]:-0} + 1 )); r=found
	else
		r=MISSED
	fi
	[ "$verbose" = -v ] && printf '%-6s %s  %s -> %s (%s)\n' "$r" "$lang" "$query" "$slug" "$why"
done <<'Q'
fi|avaimet|ssh-avain|plural, stem change avain/avaimet
fi|avaimen|ssh-avain|genitive, stem change
fi|avaimella|ssh-avain|adessive, stem change
fi|yhteyden|ssh-avain|genitive, stem change yhteys/yhteyden
fi|yhteydet|ssh-avain|plural, stem change
fi|käsi|ssh-avain|base form finds käteen (käsi/käden)
fi|palvelin|ssh-avain|base form finds palvelimelle
fi|kortit|laskun-maksaminen|plural, gradation (kortilla)
fi|tietokannat|varmuuskopion-palauttaminen|plural, gradation (tietokannasta)
fi|puhelimen|sahkopostin-asetukset-puhelimessa|genitive finds puhelimessa
fi|salasanoja|salasanan-vaihtaminen|partitive plural
fi|laskut|laskun-maksaminen|plural
fi|avaimen yhteys|ssh-avain|two words, inflected
fi|laskujen maksaminen|laskun-maksaminen|two words, genitive plural
fi|tunnussana|salasanan-vaihtaminen|synonym of salasana
et|arvete|arve-tasumine|genitive plural
et|arvetel|arve-tasumine|adessive plural
et|paroolid|parooli-taastamine|plural
et|domeenide|domeeni-pikendamine|genitive plural
et|kirjetes|dns-kirjete-muutmine|inessive plural
et|telefonid|e-posti-seadistamine-telefonis|plural finds telefonis
et|sertifikaadid|tasuta-ssl-sertifikaat|plural finds sertifikaadi
et|võtmed|ssh-votme-lisamine|plural, stem change võti/võtmed
et|serverid|ssh-votme-lisamine|plural finds serveriga
et|ühenduse|ssh-votme-lisamine|genitive of ühendus (stem not in the dictionary)
et|lehed|domeeni-pikendamine|plural finds lehel
et|arvete tasumine|arve-tasumine|two words
et|paroolide taastamine|parooli-taastamine|two words, genitive plural
et|salasõna|parooli-taastamine|synonym of parool
el|κωδικού|epanafora-kodikou|genitive
el|κωδικοί|epanafora-kodikou|plural
el|πληρωμών|plirwmi-timologiou|genitive plural
el|τιμολογίων|plirwmi-timologiou|genitive plural
el|πιστοποιητικά|dorean-pistopoiitiko-ssl|plural
el|εγγραφών|epexergasia-eggrafon-dns|genitive plural
el|κινητά|rythmisi-email-sto-kinito|plural
el|ρυθμίσεων|rythmisi-email-sto-kinito|genitive plural
el|κωδικού πρόσβασης|epanafora-kodikou|two words, genitive
el|συνθηματικό|epanafora-kodikou|synonym of κωδικός πρόσβασης
fa|رمز عبور|fa-reset-password|synonym of گذرواژه, two words
fa|کلمه عبور|fa-reset-password|synonym of گذرواژه, two words
fa|صورتحساب‌ها|fa-pay-invoice|plural with a zero-width non-joiner
Q

total_f=0 total_e=0
for lang in fi et el fa; do
	printf '%s %d/%d\n' "$lang" "${found[$lang]:-0}" "${expected[$lang]:-0}"
	total_f=$((total_f + ${found[$lang]:-0})); total_e=$((total_e + ${expected[$lang]:-0}))
done
printf 'all %d/%d\n' "$total_f" "$total_e"
