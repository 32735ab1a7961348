#!/usr/bin/env bash
# corpus.sh MYCNF N: a generated knowledge base of N English articles in
# 100 categories, every fifth with a Finnish translation, loaded with
# LOAD DATA, then indexed for search by portico-admin reindex (the same
# code path as every save).  Deterministic: the same N gives the same
# corpus.
set -euo pipefail
CNF=$1
N=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk -v n="$N" 'BEGIN {
	srand(42)
	split("account backup billing certificate contact database dns domain " \
	    "email firewall hosting invoice mailbox migration nameserver order " \
	    "password payment php plan quota record redirect renewal reseller " \
	    "restore server site ssh ssl storage subdomain support traffic " \
	    "transfer upload user website wordpress zone cache cron disk limit " \
	    "login mysql network port price refund report script secure " \
	    "session spam status ticket token update version webmail", en, " ")
	split("tili varmuuskopio laskutus varmenne yhteystieto tietokanta " \
	    "nimipalvelu verkkotunnus sähköposti palomuuri webhotelli lasku " \
	    "postilaatikko siirto salasana maksu palvelin sivusto tallennus " \
	    "tuki liikenne käyttäjä päivitys versio", fi, " ")
	ne = length(en); nf = length(fi)
	for (c = 1; c <= 100; c++)
		printf "%d\t\\N\tbench-cat-%d\tBench category %d\n", c + 100000, c, c > "/dev/stderr"
	for (i = 1; i <= n; i++) {
		title = en[1 + int(rand() * ne)] " " en[1 + int(rand() * ne)] " " en[1 + int(rand() * ne)] " guide " i
		body = ""
		for (w = 0; w < 120; w++) {
			body = body en[1 + int(rand() * ne)] (w % 12 == 11 ? ".\\n\\n" : " ")
		}
		tags = en[1 + int(rand() * ne)] "," en[1 + int(rand() * ne)]
		cat = 100001 + (i % 100)
		printf "%d\tarticle\t%d\ten\tbench-%d\t%d\t%s\tA generated article.\t%s\t%s\tpublished\tpublic\n", \
		    i + 1000000, i + 1000000, i, cat, title, body, tags
		if (i % 5 == 0) {
			ft = fi[1 + int(rand() * nf)] " " fi[1 + int(rand() * nf)] " opas " i
			fb = ""
			for (w = 0; w < 120; w++)
				fb = fb fi[1 + int(rand() * nf)] (w % 12 == 11 ? ".\\n\\n" : " ")
			printf "%d\tarticle\t%d\tfi\tbench-fi-%d\t%d\t%s\tGeneroitu artikkeli.\t%s\t%s\tpublished\tpublic\n", \
			    i + 2000000, i + 1000000, i, cat, ft, fb, tags
		}
	}
}' >"$T/items.tsv" 2>"$T/cats.tsv"
mariadb --defaults-extra-file="$CNF" --local-infile=1 <<SQL
SET foreign_key_checks = 0;
LOAD DATA LOCAL INFILE '$T/cats.tsv' INTO TABLE categories
  FIELDS TERMINATED BY '\t' (id, parent_id, slug, name);
LOAD DATA LOCAL INFILE '$T/items.tsv' INTO TABLE items
  FIELDS TERMINATED BY '\t' ESCAPED BY '\\\\'
  (id, kind, group_id, lang, slug, category_id, title, summary, body, tags, status, visibility)
  SET published_at = CURRENT_TIMESTAMP;
INSERT INTO item_tags (item_id, tag)
  SELECT id, SUBSTRING_INDEX(tags, ',', 1) FROM items WHERE id >= 1000000
  UNION SELECT id, SUBSTRING_INDEX(tags, ',', -1) FROM items WHERE id >= 1000000;
SET foreign_key_checks = 1;
SQL
