#!/usr/bin/env bash
# The staff content list's search takes any text: words in any script,
# quotes and brackets (an ASCII-only slug column once made such a search
# a database error and a 500).
. "$(dirname "$0")/../lib.sh"
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't121-editor@northwind.example'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t121-editor@northwind.example', 'Saara Editor', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" \
	set-password t121-editor@northwind.example >/dev/null
E=$T/editor
logged=$(wc -l <"$STATE/log/portico.log")
signin "$E" t121-editor@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$E" /signin/2fa "code=$(oathtool --totp -b "$SEC")"

http GET '/staff/content?q=k%C3%A4ytt%C3%B6%C3%B6notto' -b "$E"
check "a search with letters beyond ASCII answers 200" status_is 200
check "and finds the item by its title" body_has 'Kaksivaiheisen tunnistautumisen'
http GET '/staff/content?q=%C2%BF%27%22%28&kind=news&status=archived' -b "$E"
check "quotes, brackets and an inverted question mark: 200, nothing found" status_is 200
http GET '/staff/content?q=%E9%82%AE%E4%BB%B6' -b "$E"
check "a search in Chinese answers 200" status_is 200
check "no database error logged" bash -c \
	"! tail -n +$((logged + 1)) '$STATE/log/portico.log' | grep -q 'Illegal mix of collations'"
db -e "DELETE FROM users WHERE email = 't121-editor@northwind.example'"
done_testing
