#!/usr/bin/env bash
# Staff editing: a draft nobody else sees, preview, publish, versions,
# compare, restore, a stale save refused, uploads typed by their bytes
# and served with the right headers, archive, and no access for
# customers.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't120-editor@northwind.example'; DELETE FROM items WHERE slug LIKE 't120-%'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t120-editor@northwind.example', 'Eeva Editor', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t120-editor@northwind.example >/dev/null
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password olivia@aurora.example >/dev/null
E=$T/editor; O=$T/olivia
signin "$E" t120-editor@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$E" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
signin "$O" olivia@aurora.example "$PW"

http GET /staff/content -b "$O"
check "customers have no content editor: 403" status_is 403
http GET /staff/content -b "$E"
check "staff see every item" body_has 'Paying an invoice'
check "with views and helpfulness" body_has 'Helpful (yes / no)'
http GET /staff/content/new -b "$E"
check "the editor has a Markdown area" body_has 'class="markdown"'

# save EXTRA-CURL-ARGS...: the editor's form, multipart like a browser's
save() {
	local tok
	tok=$(form_token "$E" "${EDIT_PAGE:-/staff/content/new}")
	http POST /staff/content/save -b "$E" -c "$E" -H "Origin: $URL" -F "csrf=$tok" "$@"
}
base=(-F kind=article -F lang=en -F "category=Testing/Editor" -F "summary=Made by the editor test")
save "${base[@]}" -F id=0 -F version=0 -F "title=Editor test quetzal" -F slug=t120-quetzal \
	-F "body=First **version** about the quetzal." -F action=preview
check "preview shows the rendered body" body_has '<strong>version</strong>'
check "preview saves nothing" test "$(db -e "SELECT COUNT(*) FROM items WHERE slug = 't120-quetzal'")" = 0
save "${base[@]}" -F id=0 -F version=0 -F "title=" -F slug=t120-quetzal -F "body=x" -F action=save
check "a missing title is refused with a field error" bash -c "grep -q 'has-error' '$T/body'"
save "${base[@]}" -F id=0 -F version=0 -F "title=Editor test quetzal" -F slug=t120-quetzal \
	-F "body=First **version** about the quetzal." -F action=save
check "saving a new item redirects to its editor" header_has Location '/staff/content/[0-9]+\?done=content-saved'
id=$(db -e "SELECT id FROM items WHERE slug = 't120-quetzal'")
check "a new item is a draft" test "$(db -e "SELECT status FROM items WHERE id = $id")" = draft
http GET /a/t120-quetzal
check "a draft is not public" status_is 404
http GET /a/t120-quetzal -b "$E"
check "staff can read a draft, marked as one" body_has 'This is a draft'
http GET '/search?q=quetzal'
check "a draft is not found by search" body_has 'Nothing was found'

EDIT_PAGE=/staff/content/$id
save "${base[@]}" -F id="$id" -F version=1 -F "title=Editor test quetzal" -F slug=t120-quetzal \
	-F "body=Second version about the quetzal bird." -F action=publish
check "publishing saves" header_has Location "/staff/content/$id"
http GET /a/t120-quetzal
check "a published item is public" body_has 'Second version about the quetzal bird'
http GET '/search?q=quetzal'
check "a published item is found at once" body_has 'quetzal</mark>'

# ---- feedback comments ------------------------------------------------------------
V=$T/voter
http POST /a/t120-quetzal/feedback -c "$V" -b "$V" -H "Origin: $URL" \
	--data-urlencode 'helpful=yes' --data-urlencode 'comment=Clear <b>enough</b> & short'
check "a visitor's vote with a comment is taken" header_has Location '/a/t120-quetzal\?done=feedback'
db -e "UPDATE item_feedback SET created_at = created_at - INTERVAL 1 HOUR WHERE item_id = $id"
FORM_PAGE=/a/t120-quetzal post "$O" /a/t120-quetzal/feedback "helpful=no" "comment=Which quetzal? The picture is missing."
check "a signed-in customer's vote with a comment is taken" header_has Location '/a/t120-quetzal\?done=feedback'
http GET '/staff/content?q=t120-quetzal' -b "$E"
check "the content list counts the comments beside the helpfulness" body_has "href=\"/staff/content/$id#feedback\">Comments: 2</a>"
http GET "/staff/content/$id" -b "$E"
check "the editor shows the item's votes" body_has 'Helpful: 1 yes, 1 no'
check "and its comments, newest first" bash -c "grep -o 'Which quetzal\|Clear &lt;b&gt;enough' '$T/body' | tr '\n' '|' | grep -qx 'Which quetzal|Clear &lt;b&gt;enough|'"
check "with who left a comment when signed in" bash -c "tr '\n' ' ' <'$T/body' | grep -qE 'Not helpful ·[[:space:]]*Olivia Laine'"
check "a visitor not signed in is nobody in particular" bash -c "tr '\n' ' ' <'$T/body' | grep -qE 'Helpful ·[[:space:]]*a visitor'"
check "and when" body_matches '<span dir="ltr">20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]</span>'
check "a comment is text, never markup" body_lacks '<b>enough</b>'
http GET "/staff/content/$id?format=xml" -b "$E"
check "the page document carries <feedback>" body_has '<feedback helpful="1" unhelpful="1" comments="2" shown="2">'
check "and a <comment> with who and when" body_matches '<comment helpful="no" at="[0-9: -]{16}" by="Olivia Laine" email="olivia@aurora.example">Which quetzal'
http GET "/staff/content/$id" -b "$O"
check "customers never see feedback comments" status_is 403
save "${base[@]}" -F id="$id" -F version=1 -F "title=Stale edit" -F slug=t120-quetzal \
	-F "body=Written over an old version." -F action=save
check "a save over a newer version is refused" status_is 409
check "and says so" body_has 'saved this item meanwhile'
check "the newer text is kept" test "$(db -e "SELECT title FROM items WHERE id = $id")" = "Editor test quetzal"
save "${base[@]}" -F id="$id" -F version=2 -F "title=Editor test quetzal" -F slug=reset-password \
	-F "body=x" -F action=save
check "a slug in use is refused" body_has 'already uses this address'
save "${base[@]}" -F id="$id" -F version=2 -F "title=Editor test quetzal" -F slug=t120-quetzal \
	-F "body=Third version about the resplendent quetzal." -F action=save
http GET "/staff/content/$id/history" -b "$E"
check "the history lists every version" bash -c "grep -q '>3<' '$T/body' && grep -q '>1<' '$T/body'"
check "with who saved it" body_has 'Eeva Editor'
http GET "/staff/content/$id/compare?a=1&b=3" -b "$E"
check "compare shows the removed line" body_has 'class="diff-del">- First **version** about the quetzal.'
check "compare shows the added line" body_has 'class="diff-ins">+ Third version about the resplendent quetzal.'
http GET "/staff/content/$id/compare?a=1&b=99" -b "$E"
check "comparing a missing version: 404" status_is 404
tok=$(form_token "$E" "/staff/content/$id/history")
http POST "/staff/content/$id/restore" -b "$E" -H "Origin: $URL" --data "csrf=$tok&version=1"
check "restoring a version redirects to the history" header_has Location "/staff/content/$id/history"
check "the restore is a new version with the old text" \
	test "$(db -e "SELECT CONCAT(version, ':', body) FROM items WHERE id = $id")" = "4:First **version** about the quetzal."
# (anonymous pages come from the page cache, which asks again within
# page_cache_check_seconds)
check "the restored text is public within seconds" wait_for 6 bash -c \
	"curl -fs '$URL/a/t120-quetzal' | grep -q 'First <strong>version</strong>'"

# ---- uploads --------------------------------------------------------------------
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T/manual.pdf"
printf '<html><script>alert(1)</script></html>\n' >"$T/fake.pdf"
EDIT_PAGE=/staff/content/new
save -F kind=download -F lang=en -F "category=Testing/Editor" -F id=0 -F version=0 \
	-F "title=Quetzal manual" -F slug=t120-manual -F "body=The manual." -F file_version=1.2 \
	-F "file=@$T/fake.pdf;type=application/pdf" -F action=publish
check "a file whose bytes are not an allowed type is refused" body_has 'This kind of file is not allowed'
save -F kind=download -F lang=en -F "category=Testing/Editor" -F id=0 -F version=0 \
	-F "title=Quetzal manual" -F slug=t120-manual -F "body=The manual." -F file_version=1.2 \
	-F "file=@$T/manual.pdf;type=text/plain" -F action=publish
check "a PDF is stored" header_has Location '/staff/content/'
http GET /downloads
check "the download is listed with its version" body_has 'Version 1.2'
http GET /downloads/t120-manual
check "the download page shows the checksum" body_has "$(sha256sum "$T/manual.pdf" | cut -c1-64)"
href=$(grep -o 'href="/files/[0-9]*/manual.pdf"' "$T/body" | head -1 | sed 's/href="//; s/"$//')
http GET "$href"
check "the file is served" status_is 200
check "with the type read from its bytes" header_has Content-Type 'application/pdf'
check "as an attachment with its name" header_has Content-Disposition "attachment; filename\\*=UTF-8''manual.pdf"
check "byte for byte" cmp -s "$T/body" "$T/manual.pdf"
http GET "$href" -H 'Range: bytes=0-3'
check "range requests work (the web server sends the file)" bash -c "[ '$STATUS' = 206 ] && [ \"\$(cat '$T/body')\" = '%PDF' ]"
mid=$(db -e "SELECT id FROM items WHERE slug = 't120-manual'")
check "the saved item is filed under the category the editor named" \
	test "$(db -e "SELECT c.slug FROM items i JOIN categories c ON c.id = i.category_id WHERE i.id = $mid")" = testing-editor
EDIT_PAGE=/staff/content/$mid
http GET "$EDIT_PAGE" -b "$E"
check "the editor shows the category again" body_matches 'name="category" type="text" value="Testing/Editor"'
cat=$(grep -o 'name="category" type="text" value="[^"]*"' "$T/body" | sed 's/.*value="//; s/"$//')
# The second save sends what the editor showed, as a browser would.
save -F kind=download -F lang=en -F "category=$cat" -F id="$mid" -F version=1 \
	-F "title=Quetzal manual" -F slug=t120-manual -F "body=The manual." -F visibility=segments \
	-F "segments=Resellers" -F file_version=1.2 -F action=save
check "a download saved a second time from its editor is saved" header_has Location "/staff/content/$mid"
check "and keeps its category" \
	test "$(db -e "SELECT c.slug FROM items i JOIN categories c ON c.id = i.category_id WHERE i.id = $mid")" = testing-editor
db -e "UPDATE categories SET name = 'Editor Renamed' WHERE slug = 'testing-editor'"
http GET "$EDIT_PAGE" -b "$E"
cat=$(grep -o 'name="category" type="text" value="[^"]*"' "$T/body" | sed 's/.*value="//; s/"$//')
check "a renamed category shows its new name" test "$cat" = "Testing/Editor Renamed"
save -F kind=download -F lang=en -F "category=$cat" -F id="$mid" -F version=2 \
	-F "title=Quetzal manual" -F slug=t120-manual -F "body=The manual." -F visibility=segments \
	-F "segments=Resellers" -F file_version=1.2 -F action=save
check "and saving finds the same category by that name" \
	test "$(db -e "SELECT c.slug FROM items i JOIN categories c ON c.id = i.category_id WHERE i.id = $mid")" = testing-editor
db -e "UPDATE categories SET name = 'Editor' WHERE slug = 'testing-editor'"
http GET "$href"
check "a file of a limited download: 404 for others" status_is 404
check "a limited download is not listed for others (within seconds)" wait_for 6 bash -c \
	"p=\$(curl -fs '$URL/downloads') && ! grep -q 'Quetzal manual' <<<\"\$p\""
http GET "$href" -b "$E"
check "staff still get it" status_is 200

EDIT_PAGE=/staff/content/$id
save "${base[@]}" -F id="$id" -F version=4 -F "title=Editor test quetzal" -F slug=t120-quetzal \
	-F "body=Archived." -F action=archive
http GET '/search?q=quetzal'
check "an archived item leaves search" body_lacks 't120-quetzal'
http GET /kb/testing-editor
check "an archived item leaves its category list" body_lacks 'Editor test quetzal'

# ---- category names ------------------------------------------------------------
cid=$(db -e "SELECT id FROM categories WHERE slug = 'billing'")
name_in() { db -e "SELECT name FROM category_names WHERE category_id = $cid AND lang = '$1'"; }
old=(); for l in fi et el zh fa; do old+=("name_$l=$(name_in $l)"); done
http GET /staff/categories -b "$O"
check "customers cannot name categories: 403" status_is 403
http GET /staff/categories -b "$E"
check "staff see every category with a form" body_has "id=\"form-c$cid\""
check "with its name in each language" body_matches 'name="name_fi"[^>]*value="Laskutus"'
FORM_PAGE=/staff/categories post "$E" /staff/categories/save "id=$cid" "category_name=Billing" \
	"name_fi=Laskutus T120" "name_et=" "name_el=$(name_in el)" "name_zh=$(name_in zh)" "name_fa=$(name_in fa)"
check "names saved: 303 with a notice" header_has Location '/staff/categories\?done=category-saved'
http GET /kb -H 'Accept-Language: fi'
check "a Finnish visitor sees the new name at once" body_matches 'href="/kb/billing"[^>]*>Laskutus T120<'
http GET /kb -H 'Accept-Language: et'
check "a language without a name gets the category's own name" body_matches 'href="/kb/billing"[^>]*>Billing<'
FORM_PAGE=/staff/categories post "$E" /staff/categories/save "id=$cid" "category_name=Billing" \
	"name_fi=$(head -c 201 /dev/zero | tr '\0' x)"
check "a name too long: 400, the field says why" bash -c "test $STATUS = 400 && grep -q 'This is too long' '$T/body'"
FORM_PAGE=/staff/categories post "$E" /staff/categories/save "id=$cid" "category_name= "
check "a category needs a name: 400" bash -c "test $STATUS = 400 && grep -q 'This field is needed' '$T/body'"
FORM_PAGE=/staff/categories post "$E" /staff/categories/save "id=99999999" "category_name=Nothing"
check "an unknown category: 404" status_is 404
FORM_PAGE=/staff/categories post "$E" /staff/categories/save "id=$cid" "category_name=Billing" "${old[@]}"
check "the names are put back" test "$(name_in fi)" = Laskutus

db -e "DELETE FROM search_docs WHERE url LIKE '%/t120-%'; DELETE FROM items WHERE slug LIKE 't120-%'; DELETE FROM users WHERE email = 't120-editor@northwind.example'"
db -e "DELETE FROM categories WHERE slug = 'testing-editor'" 2>/dev/null || true
db -e "DELETE FROM categories WHERE slug = 'testing'" 2>/dev/null || true
done_testing
