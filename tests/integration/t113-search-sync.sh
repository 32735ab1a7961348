#!/usr/bin/env bash
# The search index on a node is a copy of the replicated documents
# (search_source): what another node wrote reaches this node's copy
# through `portico-admin search-sync` (once, or --follow as each node
# of a cluster runs it), tombstones remove, rows nobody wrote go, and
# --full rebuilds a lost copy.  Another node's writes are played here
# by writing search_source directly, as replication would.
. "$(dirname "$0")/../lib.sh"
ADMIN=("$ROOT/portico-admin" -c "$STATE/portico.conf")
"${ADMIN[@]}" reindex >/dev/null

check "every document is in the replicated source" test \
	"$(db -e "SELECT COUNT(*) FROM search_source WHERE deleted = 0")" = \
	"$(db -e "SELECT COUNT(*) FROM search_docs")"
check "and this node's copy has the source's revisions" test \
	"$(db -e "SELECT COUNT(*) FROM search_source s JOIN search_docs d ON d.id = s.id AND d.rev = s.rev")" = \
	"$(db -e "SELECT COUNT(*) FROM search_docs")"

# Past the page cache (its pages follow the content generation, which
# these writes do not move): as a visitor holding a form token would.
# A hit's title, its matched words marked, read as text.
found() {
	http GET "/search?q=$1" -H 'Cookie: csrf=t113'
	sed 's/<[^>]*>//g' "$T/body" | grep -qF -- "$2"
}
not_found() { ! found "$@"; }
ID=$(db -e "SELECT id FROM search_source WHERE kind = 'article' AND visibility = 'public' AND lang = 'en' ORDER BY id LIMIT 1")
TITLE=$(db -e "SELECT title FROM search_source WHERE id = $ID")
# Another node saved the article with a new title.
db -e "UPDATE search_source SET title = 'Qzvrak plinth', title_terms = 'qzvrak plinth', rev = rev + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = $ID"
check "before the sync this node does not know the new title" not_found \
	qzvrak 'Qzvrak plinth'
out=$("${ADMIN[@]}" search-sync)
check "search-sync applies the changed document ($out)" test "$out" = \
	"search index on this node: 1 documents applied"
check "and search finds it by its new title" found qzvrak 'Qzvrak plinth'
check "a second sync has nothing to do" test "$("${ADMIN[@]}" search-sync)" = \
	"search index on this node: 0 documents applied"

# Another node removed it (unpublished): a tombstone.
db -e "UPDATE search_source SET deleted = 1, rev = rev + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = $ID"
"${ADMIN[@]}" search-sync >/dev/null
check "a tombstone takes the document out of this node's copy" test \
	"$(db -e "SELECT COUNT(*) FROM search_docs WHERE id = $ID")" = 0
check "and search no longer finds it" not_found \
	qzvrak 'Qzvrak plinth'

# A row this node holds that no node wrote (left from a crash) goes.
db -e "INSERT INTO search_docs (id, kind, item_id, lang, visibility, url, title, plain, title_terms, body_terms, updated_at, facets, rev) VALUES (1999999999, 'article', 1999999999, 'en', 'public', '/a/orphan-t113', 'Orphan', '', 'wuxorphan', '', UTC_TIMESTAMP(), '§karticle §len §vpublic', 1)"
"${ADMIN[@]}" search-sync >/dev/null
check "a local row without a source row is removed" test \
	"$(db -e "SELECT COUNT(*) FROM search_docs WHERE id = 1999999999")" = 0

# The follower sees a change within a second or two.
"${ADMIN[@]}" search-sync --follow 2>"$T/follow.log" &
FOLLOW=$!
db -e "UPDATE search_source SET deleted = 0, title = 'Wexlor trellis', title_terms = 'wexlor trellis', rev = rev + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = $ID"
check "the follower applies another node's save within 5 s" wait_for 5 \
	found wexlor 'Wexlor trellis'
kill "$FOLLOW"; wait "$FOLLOW" 2>/dev/null
check "the follower logged what it applied" grep -q "documents applied" "$T/follow.log"

# The copy lost altogether (a new node, a damaged table): --full.
db -e "DELETE FROM search_docs"
out=$("${ADMIN[@]}" search-sync --full)
n=$(db -e "SELECT COUNT(*) FROM search_source WHERE deleted = 0")
check "search-sync --full copies every document ($out)" test "$out" = \
	"search index on this node: $n documents copied"
check "and search finds again" found wexlor 'Wexlor trellis'

# A reindex writes every document again and removes stale sources.
db -e "INSERT INTO search_source (id, kind, item_id, lang, visibility, url, title, plain, title_terms, body_terms, updated_at, facets, changed_at) VALUES (1999999998, 'article', 1999999998, 'en', 'public', '/a/gone-t113', 'Gone', '', 'gone', '', UTC_TIMESTAMP(), '', UTC_TIMESTAMP(6) - INTERVAL 1 HOUR)"
out=$("${ADMIN[@]}" reindex)
check "reindex removes what no item or topic wrote ($out)" test \
	"$(db -e "SELECT deleted FROM search_source WHERE id = 1999999998")" = 1
check "and restores the article's own title" found "${TITLE%% *}" "$TITLE"
db -e "DELETE FROM search_source WHERE id = 1999999998"
done_testing
