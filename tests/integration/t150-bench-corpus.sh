#!/usr/bin/env bash
# The bench's generated corpus (tests/bench/corpus.sh, corpus.py): a
# small one is loaded into this instance, checked through the database
# and the pages, then removed.  Vocabularies of 20,000 words or more in
# six languages with Zipf frequencies, Chinese without spaces, every
# kind of item in its share, the access rules' mix, the same corpus
# every time, and search words chosen by how many documents they match.
. "$(dirname "$0")/../lib.sh"

N=1000
C=$T/corpus
cleanup_corpus() {
	db -e "DELETE FROM files WHERE id > 100000 AND id <= 200000;
		DELETE FROM items WHERE id >= 1000000;
		DELETE FROM categories WHERE id > 100000 AND parent_id IS NOT NULL;
		DELETE FROM categories WHERE id >= 100000;
		UPDATE content_generation SET gen = gen + 1" 2>/dev/null
	# The lists and the search index forget the removed items.
	"$ROOT/portico-admin" -c "$STATE/portico.conf" reindex >/dev/null 2>&1
}
trap 'cleanup_corpus; rm -rf "$T"' EXIT
cleanup_corpus

check "corpus.sh loads $N articles" "$ROOT/tests/bench/corpus.sh" "$STATE/my.cnf" "$N" "$C"
# As the bench does: the derived lists and the search index from the rows.
check "portico-admin reindex indexes them" "$ROOT/portico-admin" -c "$STATE/portico.conf" reindex

# Vocabularies: "en 60080 words (dictionary 63845), commonest: ..."
for lang in en fi et el zh fa; do
	words=$(awk -v l="$lang" '$1 == l { print $2 }' "$C/vocabulary.txt")
	check "$lang: a vocabulary of 20,000 words or more (${words:-none})" \
		test "${words:-0}" -ge 20000
done

# The same N gives the same files.
python3 "$ROOT/tests/bench/corpus.py" "$ROOT/sql/demo/kb" "$T" "$N" >/dev/null 2>&1
same=yes
for f in cats items segments files tags queries; do
	cmp -s "$C/$f.tsv" "$T/$f.tsv" || same=no
done
check "deterministic: a second run writes the same files" test "$same" = yes

count() { db -e "SELECT COUNT(*) FROM items WHERE id >= 1000000 AND $1"; }
check "$N English articles" test "$(count "kind = 'article' AND lang = 'en'")" = "$N"
for lang in fi et el zh fa; do
	check "$((N / 25)) translations into $lang" \
		test "$(count "kind = 'article' AND lang = '$lang' AND group_id <> id")" = "$((N / 25))"
done
check "$((N / 50)) FAQ entries" test "$(count "kind = 'faq'")" = "$((N / 50))"
check "$((N / 20)) news items" test "$(count "kind = 'news'")" = "$((N / 20))"
check "notices, updates and blog posts" test "$(db -e "SELECT COUNT(DISTINCT news_kind)
	FROM items WHERE id >= 1000000 AND kind = 'news'")" = 3
check "every notice has a severity and dates" test "$(count "news_kind = 'notice'
	AND (severity = '' OR starts_at IS NULL OR ends_at IS NULL)")" = 0
check "a notice still on" test "$(count "news_kind = 'notice' AND ends_at > NOW()")" -ge 1
check "$((N / 100)) downloads, each with its file row" test "$(db -e "SELECT COUNT(*)
	FROM items i JOIN files f ON f.id = i.file_id AND f.item_id = i.id
	WHERE i.id >= 1000000 AND i.kind = 'download'")" = "$((N / 100))"
check "categories two levels deep" test "$(db -e "SELECT COUNT(*) FROM categories c
	JOIN categories p ON p.id = c.parent_id WHERE c.slug LIKE 'bench-cat-%'")" = 100

all=$(count "1")
signed=$(count "visibility = 'signed-in'")
limited=$(count "visibility = 'segments'")
check "about 5% signed-in only ($signed of $all)" \
	test "$((signed * 1000 / all))" -ge 30 -a "$((signed * 1000 / all))" -le 80
check "about 1% limited to segments ($limited of $all)" \
	test "$((limited * 1000 / all))" -ge 3 -a "$((limited * 1000 / all))" -le 25
check "every limited item names its segment" test "$(count "visibility = 'segments'
	AND NOT EXISTS (SELECT 1 FROM item_segments s WHERE s.item_id = items.id)")" = 0
check "drafts and archived items" test "$(count "status = 'draft'")" -ge 1 -a \
	"$(count "status = 'archived'")" -ge 1

check "Chinese bodies: Han characters, no space between them" test \
	"$(count "lang = 'zh' AND body REGEXP '\\\\p{Han} \\\\p{Han}'")" = 0 -a \
	"$(count "lang = 'zh' AND body REGEXP '\\\\p{Han}{8}'")" = "$((N / 25))"

# Zipf: in the English bodies the commonest word comes about ten times
# as often as the tenth, and many words are used once or twice.
awk -F'\t' '$4 == "en" && $2 == "article" { print tolower($9) }' "$C/items.tsv" |
	sed 's/\\n/ /g' | tr -cs 'a-z' '\n' | grep -v '^$' | sort | uniq -c | sort -rn >"$T/freq"
top=$(awk 'NR == 1 { print $1 }' "$T/freq")
tenth=$(awk 'NR == 10 { print $1 }' "$T/freq")
distinct=$(wc -l <"$T/freq")
check "Zipf: the commonest word ${top}x, the tenth ${tenth}x" \
	test "$((top / tenth))" -ge 5 -a "$((top / tenth))" -le 20
check "English bodies use many words ($distinct distinct)" test "$distinct" -ge 15000

# Search words: a broad one in each language, about half its documents.
for lang in en fi et el zh fa; do
	docs=$([ "$lang" = en ] && echo "$N" || echo $((N / 25)))
	exp=$(awk -F'\t' -v l="$lang" '$1 == l && $2 == "broad" { print $5 }' "$C/queries.tsv")
	check "$lang: a broad search word expected in half the documents ($exp of $docs)" \
		test "$((${exp:-0} * 10 / docs))" -ge 4 -a "$((${exp:-0} * 10 / docs))" -le 6
	check "$lang: rare search words" test "$(awk -F'\t' -v l="$lang" \
		'$1 == l && $2 == "rare"' "$C/queries.tsv" | wc -l)" = 2
done

# The pages the bench reads, as a visitor without the page cache (a
# form-token cookie keeps them out of it).
nc=(-H "Cookie: csrf=corpus")
http GET "/a/bench-$((N / 2))" "${nc[@]}"
check "the bench's article page answers 200" status_is 200
check "it shows the generated title" body_has "$(db -e "SELECT title FROM items
	WHERE slug = 'bench-$((N / 2))'" | sed 's/&/\&amp;/g')"
http GET /kb/bench-cat-42 "${nc[@]}"
check "a bench category lists articles" body_matches 'href="/a/bench-[0-9]+"'
http GET "/news/bench-news-$((N / 40))" "${nc[@]}"
check "the bench's news item answers 200" status_is 200
http GET "/downloads/bench-download-$((N / 200))" "${nc[@]}"
sum=$(db -e "SELECT f.sha256 FROM files f JOIN items i ON i.file_id = f.id
	WHERE i.slug = 'bench-download-$((N / 200))'")
check "the bench's download shows its checksum" test -n "$sum" -a "$STATUS" = 200
check "the checksum is on the page" body_has "${sum:-no checksum}"
hidden=$(db -e "SELECT slug FROM items WHERE id >= 1000000 AND kind = 'article'
	AND visibility = 'signed-in' AND status = 'published' ORDER BY id LIMIT 1")
http GET "/a/${hidden:-none}" "${nc[@]}"
check "a signed-in-only article is not found by a visitor" test -n "$hidden" -a "$STATUS" = 404
draft=$(db -e "SELECT slug FROM items WHERE id >= 1000000 AND kind = 'article'
	AND status = 'draft' ORDER BY id LIMIT 1")
http GET "/a/${draft:-none}" "${nc[@]}"
check "a draft is not found" test -n "$draft" -a "$STATUS" = 404

cleanup_corpus
check "removed again" test "$(db -e "SELECT COUNT(*) FROM items WHERE id >= 1000000")" = 0
done_testing
