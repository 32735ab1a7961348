#!/usr/bin/env bash
# A body is read only for a route the caller may use: the route, its
# least role and the origin of the POST are checked before the worker
# reads (let alone parses) a byte of it, and only a route marked for
# uploads takes a multipart body larger than max_body.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
MB5=5000000

# A 5 MB multipart body that is not even well formed (a part with no
# name): parsing it would end in 400, so a 403/404/405 means it was never
# read for the route.
{ printf -- '--x\r\nContent-Disposition: form-data\r\n\r\n'
  head -c $MB5 /dev/zero; printf -- '\r\n--x--\r\n'; } >"$T/junk"
JUNK=(-H "Origin: $URL" -H 'Content-Type: multipart/form-data; boundary=x'
	--data-binary "@$T/junk")

http POST /staff/content/save "${JUNK[@]}"
check "anonymous 5 MB to the upload route: 403 before the body is parsed" status_is 403
check "... naming the role" body_has 'does not have access'
http POST /staff/content/nonexistent "${JUNK[@]}"
check "anonymous 5 MB to a GET-only path below it: 405 unread" status_is 405
http POST /staff/content/no/such/path "${JUNK[@]}"
check "anonymous 5 MB to a path of no route: 404 unread" status_is 404

db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't22-editor@northwind.example'; DELETE FROM items WHERE slug LIKE 't22-%'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t22-editor@northwind.example', 'Eino Editor', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t22-editor@northwind.example >/dev/null
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password olivia@aurora.example >/dev/null
E=$T/editor; O=$T/olivia
signin "$O" olivia@aurora.example "$PW"
signin "$E" t22-editor@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$E" /signin/2fa "code=$(oathtool --totp -b "$SEC")"

http POST /staff/content/save -b "$O" "${JUNK[@]}"
check "a customer's 5 MB to the upload route: 403 before the body is parsed" status_is 403
http POST /staff/content/save -b "$E" -H 'Origin: http://evil.example' \
	-H 'Content-Type: multipart/form-data; boundary=x' --data-binary "@$T/junk"
check "staff's 5 MB from another site: 403 before the body is parsed" status_is 403
check "... naming the origin" body_has 'did not come from this site'
http POST /staff/content/save -b "$E" "${JUNK[@]}"
check "the same body from the site itself is read, and refused as malformed: 400" status_is 400

# Through a web server that streams bodies (fastcgi_request_buffering
# off), a refusal reaches the client while it is still sending.
second_instance "" "fastcgi_request_buffering off; client_max_body_size 64m;"
# slow PATH [curl options]: STATUS and SENT (bytes of the body sent).
slow() {
	local p=$1 out
	shift
	out=$(curl -s -o "$T/body" -w '%{http_code} %{size_upload}' --max-time 40 \
		--limit-rate 256k "${JUNK[@]}" "$@" "$URL2$p")
	STATUS=${out% *}; SENT=${out#* }
}
slow /staff/content/save
check "streamed: anonymous upload refused (403) before the body is sent" \
	bash -c "[ '$STATUS' = 403 ] && [ '$SENT' -lt $MB5 ]"
slow /staff/content/nonexistent/x
check "streamed: a body to a path of no route refused (404) unread" \
	bash -c "[ '$STATUS' = 404 ] && [ '$SENT' -lt $MB5 ]"
slow /staff/content/save -b "$O"
check "streamed: a customer's upload refused (403) unread" \
	bash -c "[ '$STATUS' = 403 ] && [ '$SENT' -lt $MB5 ]"
slow /staff/categories/save -b "$E"
check "streamed: staff's large body to a route without uploads: 413 unread" \
	bash -c "[ '$STATUS' = 413 ] && [ '$SENT' -lt $MB5 ]"
URL2=

# Staff still upload files larger than max_body (1 MiB) through the
# route marked for uploads.
{ printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'
  head -c 1500000 /dev/zero | tr '\0' ' '
  printf '\ntrailer << /Root 1 0 R >>\n%%%%EOF\n'; } >"$T/big.pdf"
tok=$(form_token "$E" /staff/content/new)
http POST /staff/content/save -b "$E" -H "Origin: $URL" -F "csrf=$tok" \
	-F kind=download -F lang=en -F "category=Testing/Bodies" -F id=0 -F version=0 \
	-F "title=Large manual" -F slug=t22-large -F "body=A large manual." \
	-F file_version=1 -F "file=@$T/big.pdf" -F action=publish
check "staff upload of 1.5 MB (over max_body, under max_upload): saved" \
	header_has Location '/staff/content/[0-9]+'
check "... and the file is stored whole" test "$(db -e "SELECT f.size FROM files f JOIN items i ON i.file_id = f.id WHERE i.slug = 't22-large'")" = "$(stat -c %s "$T/big.pdf")"
http POST /staff/categories/save -b "$E" -H "Origin: $URL" -F "csrf=$tok" \
	-F id=1 -F "category_name=@$T/big.pdf"
check "staff's 1.5 MB form to a route without uploads: 413" status_is 413
head -c 1500000 /dev/zero | tr '\0' 'a' >"$T/form"
http POST /staff/content/save -b "$E" -H "Origin: $URL" \
	-H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$T/form"
check "a 1.5 MB urlencoded form to the upload route: 413 (uploads are multipart)" status_is 413
db -e "DELETE FROM items WHERE slug LIKE 't22-%'"
done_testing
