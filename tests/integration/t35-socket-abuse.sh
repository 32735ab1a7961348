#!/usr/bin/env bash
# Anyone who can write to the pool's socket can send libfcgi records it
# mishandles.  Whatever happens to a worker, the pool goes on serving.
. "$(dirname "$0")/../lib.sh"

cc -O1 -o "$T/fcgi_abuse" "$(dirname "$0")/fcgi_abuse.c" || { nok "build the abuse client"; done_testing; exit; }
sock=$(sed -n 's/^listen = unix://p' "$STATE/portico.conf")
check "the pool listens on a unix socket" test -S "$sock"
perm=$(stat -c %a "$sock")
check "the socket is not open to everyone (mode $perm)" test "$perm" = 660
"$T/fcgi_abuse" "$sock" >"$T/abuse.log" 2>&1
check "every abusive connection was answered or closed, none hung" \
	test "$(wc -l <"$T/abuse.log")" = 7
check "the pool is back to all its workers" wait_for 10 test "$(worker_count)" = "$WORKERS"
http GET /p/about
check "pages answer after the abuse" status_is 200
bad=0
for i in $(seq 1 30); do
	s=$(curl -s -o /dev/null -w '%{http_code}' "$URL/")
	[ "$s" = 200 ] || bad=$((bad + 1))
done
check "30 requests after the abuse all succeed" test "$bad" = 0
done_testing
