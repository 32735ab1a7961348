#!/usr/bin/env bash
# Who sees what through the derived lists (item_listing, listing_counts,
# category_audience, item_related) and the search index: an anonymous
# visitor, a customer outside a segment (Olivia) and one inside it
# (Kaisa, Resellers), before and after staff change an item's
# visibility and product (the search page's product filter,
# product_audience); bad page numbers.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
ADMIN=("$ROOT/portico-admin" -c "$STATE/portico.conf")
cleanup() {
	db -e "DELETE FROM items WHERE slug LIKE 't102-%'; DELETE FROM categories WHERE slug LIKE 't102%' AND parent_id IS NOT NULL; DELETE FROM categories WHERE slug LIKE 't102%'"
	"${ADMIN[@]}" reindex >/dev/null 2>&1
}
cleanup
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't102-editor@northwind.example'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t102-editor@northwind.example', 'Eeva Editor', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "${ADMIN[@]}" set-password t102-editor@northwind.example >/dev/null
for who in olivia@aurora.example kaisa@baltic.example; do
	echo "$PW" | "${ADMIN[@]}" set-password "$who" >/dev/null
done
E=$T/editor; O=$T/olivia; K=$T/kaisa
signin "$E" t102-editor@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$E" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
signin "$O" olivia@aurora.example "$PW"
signin "$K" kaisa@baltic.example "$PW"

save() {
	local tok
	tok=$(form_token "$E" "${EDIT_PAGE:-/staff/content/new}")
	http POST /staff/content/save -b "$E" -c "$E" -H "Origin: $URL" -F "csrf=$tok" "$@"
}
# as WHO PATH: GET PATH as anon, olivia or kaisa.
as() {
	case $1 in
	anon) http GET "$2" ;;
	olivia) http GET "$2" -b "$O" ;;
	kaisa) http GET "$2" -b "$K" ;;
	esac
}
faq=(-F kind=faq -F lang=en -F "category=T102 Okapi" -F summary=s)
save "${faq[@]}" -F id=0 -F version=0 -F "title=Okapi public question" -F slug=t102-pub \
	-F "body=okapi public answer" -F visibility=public -F "product=T102 Okapi Basic" -F action=publish
save "${faq[@]}" -F id=0 -F version=0 -F "title=Okapi members question" -F slug=t102-mem \
	-F "body=okapi members answer" -F visibility=signed-in -F action=publish
save "${faq[@]}" -F id=0 -F version=0 -F "title=Okapi reseller question" -F slug=t102-res \
	-F "body=okapi reseller answer" -F visibility=segments -F segments=Resellers -F action=publish
save -F kind=article -F lang=en -F "category=T102 Hidden/T102 Inner" -F summary=s \
	-F "tags=invoice, invoices, billing, payment, pdf" -F id=0 -F version=0 \
	-F "title=Okapi reseller article" -F slug=t102-art -F "body=okapi invoices" \
	-F "product=T102 Okapi Wholesale" -F visibility=segments -F segments=Resellers -F action=publish
sleep 2.5

as anon /faq
check "anonymous /faq: the public question" body_has 'Okapi public question'
check "anonymous /faq: no limited question" bash -c "! grep -q 'Okapi members\|Okapi reseller' '$T/body'"
as olivia /faq
check "a customer's /faq: the signed-in question" body_has 'Okapi members question'
check "a customer's /faq: not another segment's" body_lacks 'Okapi reseller question'
as kaisa /faq
check "a reseller's /faq: all three" bash -c "grep -q 'Okapi reseller question' '$T/body' && grep -q 'Okapi members question' '$T/body'"
as anon /faq/t102-okapi?format=xml
check "anonymous topic total counts public rows only" body_has 'total="1"'
as olivia /faq/t102-okapi?format=xml
check "a customer's topic total leaves out other segments" body_has 'total="2"'
as kaisa /faq/t102-okapi?format=xml
check "a reseller's topic total counts all" body_has 'total="3"'

for who in anon olivia; do
	as $who /kb
	check "$who: /kb names no segment-only category" body_lacks 'T102 Hidden'
	as $who /kb/t102-hidden
	check "$who: a segment-only category is not found" status_is 404
	as $who /a/pay-invoice
	check "$who: related articles leave out the segment's" body_lacks 'Okapi reseller article'
	as $who '/search?q=okapi+reseller'
	check "$who: search does not find another segment's items" body_lacks 'reseller</mark>'
	as $who '/search/suggest?q=okapi'
	check "$who: type-ahead counts what $who may see" body_has "total=\"$([ $who = anon ] && echo 1 || echo 2)\""
	as $who '/search?q=okapi'
	check "$who: the category filter names no hidden category" body_lacks 'T102 Hidden'
	check "$who: the product filter names the public item's product" body_has '>T102 Okapi Basic<'
	check "$who: the product filter names no segment-only product" body_lacks 'T102 Okapi Wholesale'
done
as kaisa '/search?q=okapi'
check "a reseller's product filter names the segment's product" body_has '>T102 Okapi Wholesale<'
as kaisa /kb
check "a reseller sees the segment's category" body_has 'T102 Hidden'
as kaisa /a/pay-invoice
check "a reseller sees the related segment article" body_has 'Okapi reseller article'
as kaisa '/search/suggest?q=okapi'
check "a reseller's type-ahead counts all four" body_has 'total="4"'

# Public becomes signed-in: gone for anonymous visitors within the
# page cache's check interval, counts included.
id=$(db -e "SELECT id FROM items WHERE slug = 't102-pub'")
EDIT_PAGE=/staff/content/$id
save "${faq[@]}" -F id="$id" -F version="$(db -e "SELECT version FROM items WHERE id = $id")" \
	-F "title=Okapi public question" -F slug=t102-pub -F "body=okapi public answer" \
	-F visibility=signed-in -F "product=T102 Okapi Plus" -F action=publish
sleep 2.5
as anon /faq
check "made signed-in: gone from anonymous /faq" body_lacks 'Okapi public question'
as anon /faq/t102-okapi
check "made signed-in: the topic is gone for anonymous visitors" status_is 404
as anon '/search/suggest?q=okapi'
check "made signed-in: anonymous type-ahead counts nothing" body_has 'total="0"'
as olivia /faq/t102-okapi?format=xml
check "made signed-in: the customer still counts two" body_has 'total="2"'
as anon '/search?q=okapi'
check "made signed-in: the anonymous product filter names neither product" \
	bash -c "! grep -q 'T102 Okapi' '$T/body'"
as olivia '/search?q=okapi'
check "product changed: the customer's filter names the new product" body_has '>T102 Okapi Plus<'
check "product changed: the old product, named by nothing now, is gone" body_lacks 'T102 Okapi Basic'

for p in '/kb/billing?page=0' '/kb/billing?page=-1' '/kb/billing?page=abc' \
    '/kb/billing?page=99999999999999999999' '/faq/domains?page=0' \
    '/downloads?page=x' '/news?page=-3'; do
	http GET "$p"
	check "bad page number $p: 400" status_is 400
done
http GET /kb/billing?page=2
check "a page past the last: 404" status_is 404
http GET /faq/t102-no-such-topic
check "an unknown topic: 404" status_is 404

cleanup
done_testing
