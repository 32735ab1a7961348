#!/bin/sh
# Catalogs (make check): every catalog is well-formed and has every key
# of the English one; every literal key a theme uses exists in English.
top=${top_srcdir:-.}
n=0
fail=0
result() {
	n=$((n + 1))
	if [ -z "$2" ]; then echo "ok $n - $1"; else
		echo "not ok $n - $1"; echo "$2" | sed 's/^/# /'; fail=1; fi
}
keys() { grep -o '<m k="[^"]*"' "$1" | sed 's/<m k="//; s/"$//' | sort; }
# Messages that show a count: <m k="KEY"><one>..</one><other>..</other></m>
plurals() { grep -o '<m k="[^"]*"><' "$1" | sed 's/<m k="//; s/"><$//' | sort; }
forms() { grep -o '<m k="[^"]*"><.*</m>' "$1" | grep -oE '<[a-z]+>' | tr -d '<>' | sort -u; }
en="$top/xslt/i18n/en.xml"
for f in "$top"/xslt/i18n/*.xml; do
	lang=$(basename "$f" .xml)
	result "$lang catalog is well-formed XML" \
		"$(xmllint --noout --nonet "$f" 2>&1)"
	result "$lang catalog has every English key" \
		"$(keys "$en" | comm -23 - "$(keys "$f" >/tmp/cat.$$; echo /tmp/cat.$$)")"
	result "$lang catalog has no key English lacks" \
		"$(keys "$f" | comm -13 "$(keys "$en" >/tmp/caten.$$; echo /tmp/caten.$$)" -)"
	result "$lang catalog shows a count in the same messages as English" \
		"$(plurals "$en" >/tmp/caten.$$; plurals "$f" | diff /tmp/caten.$$ - | grep '^[<>]')"
	result "$lang catalog's plural forms are CLDR categories, with other" \
		"$(forms "$f" | grep -vxE 'zero|one|two|few|many|other'; \
		grep -o '<m k="[^"]*"><.*</m>' "$f" | grep -v '<other>' | cut -d'"' -f2)"
	rm -f /tmp/cat.$$ /tmp/caten.$$
done
# Which forms each language needs is its CLDR plural rule's to say: the
# loader knows the rule (src/i18n.c) and refuses a message with a form
# missing or too many.
result "every plural message has the forms its language's rule needs" \
	"$(${builddir:-.}/portico-admin catalogs "$top/xslt" 2>&1 >/dev/null)"
result "a catalog lacking a form the rule needs is refused" \
	"$(d=$(mktemp -d); mkdir "$d/i18n"; sed 's|<one>[^<]*</one>||' "$top/xslt/i18n/fi.xml" >"$d/i18n/fi.xml"; \
	cp "$en" "$d/i18n/"; ${builddir:-.}/portico-admin catalogs "$d" >/dev/null 2>&1 && echo accepted; rm -rf "$d")"
used=$(grep -rhoE --include='*.xsl' "p:tn?\('[a-z0-9._-]+'" "$top/xslt" | sed "s/p:tn*('//; s/'$//" | sort -u)
result "every key the themes use is in the English catalog" \
	"$(echo "$used" | while read -r k; do grep -q "<m k=\"$k\"" "$en" || echo "$k"; done)"
for s in 400 403 404 405 413 415 500 503; do
	result "error $s has a title and a text" \
		"$(grep -q "k=\"error.$s.title\"" "$en" && grep -q "k=\"error.$s.text\"" "$en" || echo missing)"
done
reasons=$(grep -rhoE 'page_error\(r, [^,]+, "[a-z-]+"' "$top/src" | sed 's/.*"\([a-z-]*\)"$/\1/' | sort -u)
result "every error reason the code gives has a message" \
	"$(echo "$reasons" | while read -r k; do grep -q "k=\"error.reason.$k\"" "$en" || echo "$k"; done)"
events=$(grep -rhoE --include='*.c' 'audit\(r, "[a-z0-9-]+"' "$top/src" | sed 's/.*"\([a-z0-9-]*\)"$/\1/' | sort -u)
result "every audit event has a name in the catalog" \
	"$(echo "$events" | while read -r k; do grep -q "k=\"event.$k\"" "$en" || echo "$k"; done)"
notices=$(grep -rhoE --include='*.c' '[?&]done=[a-z0-9-]+' "$top/src" | sed 's/.*=//' | sort -u)
result "every notice a redirect names has a message" \
	"$(echo "$notices" | while read -r k; do grep -q "k=\"notice.$k\"" "$en" || echo "$k"; done)"
# The route table's list of notices (route.c notices[]): what ?done= takes.
typed=$(sed -n '/^static const char \*const notices\[\]/,/};/p' "$top/src/route.c" | grep -oE '"[a-z0-9-]+"' | tr -d '"' | sort -u)
result "every notice a redirect names is in the route table's list" \
	"$(echo "$notices" | while read -r k; do echo "$typed" | grep -qx -- "$k" || echo "$k"; done)"
result "every notice the route table takes has a message" \
	"$( [ -n "$typed" ] || echo "no list found"; echo "$typed" | while read -r k; do grep -q "k=\"notice.$k\"" "$en" || echo "$k"; done)"
kinds=$(grep -rhoE --include='*.c' 'mail_queue\(r, [^;]*"[a-z-]+",' "$top/src" | grep -oE '"[a-z-]+",$' | tr -d '",' | sort -u)
result "every mail kind has a subject, body and closing line" \
	"$(echo "$kinds" | while read -r k; do for p in subject body after; do grep -q "k=\"mail.$k.$p\"" "$en" || echo "$k.$p"; done; done)"
echo "1..$n"
exit $fail
