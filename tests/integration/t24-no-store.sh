#!/usr/bin/env bash
# Which answers a cache may keep is the route's to say: every GET route
# of the table that is not marked public (RF_CACHE, RF_PUBLIC) answers
# "Cache-Control: no-store" whoever asks, with or without cookies, and
# so do pages that carry a secret in their address (reset, verify and
# invitation links).  Public pages for anonymous visitors stay storable.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
CSRF=$(printf '%064d' 7)

# Every GET route of the table: PATTERN FLAGS, '*' filled with a word.
awk -F, '/^\t\{ GET,/ {
	p = $2; gsub(/[\t "]/, "", p); gsub(/\*/, "x", p)
	f = $4; gsub(/[\t ]/, "", f)
	print p, f
}' "$ROOT/src/route.c" >"$T/routes"
check "the route table lists GET routes" test "$(wc -l <"$T/routes")" -gt 30

bad=""; public=0
while read -r p flags; do
	case $flags in *RF_CACHE*|*RF_PUBLIC*) continue ;; esac
	for cookie in "" "csrf=$CSRF"; do
		http GET "$p" ${cookie:+-b "$cookie"}
		header_has Cache-Control no-store || bad="$bad $p${cookie:+(with a csrf cookie)}:$STATUS"
	done
done <"$T/routes"
check "every GET route not marked public: no-store, with or without cookies" test -z "$bad"
[ -n "$bad" ] && echo "# stored:$bad"

while read -r p flags; do
	case $p in *x*) continue ;; esac
	case $flags in *RF_CACHE*|*RF_PUBLIC*) ;; *) continue ;; esac
	http GET "$p"
	if status_is 200 && ! header_has Cache-Control no-store; then
		public=$((public + 1))
	else
		echo "# $p: $STATUS $(grep -i '^Cache-Control' "$T/headers")"
	fi
done <"$T/routes"
check "public pages of public routes stay storable" test "$public" -ge 5

for c in "" "csrf=$CSRF"; do
	for p in /signin /register /reset '/reset/confirm?token=abc' \
		"/verify?token=$(printf '%064d' 1)" "/invite?token=$(printf '%064d' 2)"; do
		http GET "$p" ${c:+-b "$c"}
		check "$p ${c:+with a csrf cookie}: no-store" header_has Cache-Control no-store
	done
done

# The page a reset link opens: a live token in the address, a form.
db -e "DELETE FROM signin_throttle"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password ben@aurora.example >/dev/null
post "$T/jar" /reset "email=ben@aurora.example"
link=$(link_in "$(mail_to ben@aurora.example)" /reset/confirm)
check "a reset link was mailed" test -n "$link"
http GET "${link#"$URL"}" -b "csrf=$CSRF"
check "the reset page with a live token: the form" body_has 'name="new_password"'
check "the reset page with a live token: no-store, though no cookie was set" \
	bash -c "grep -qiE '^Cache-Control: *no-store' '$T/headers' && ! grep -qi '^Set-Cookie' '$T/headers'"

signin "$T/olivia" olivia@aurora.example "$PW"
http GET /kb -b "$T/olivia"
check "a public page for a signed-in visitor: no-store" header_has Cache-Control no-store
http GET / -b "csrf=$CSRF"
check "a public page stays storable with a csrf cookie" header_lacks Cache-Control
done_testing
