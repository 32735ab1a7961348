#!/usr/bin/env bash
# SIGTERM: the pool stops accepting, lets the request in flight finish and
# exits; then it is started again for whatever runs next.
. "$(dirname "$0")/../lib.sh"

pid=$(pool_pid)
( curl -s -o "$T/inflight.body" -w '%{http_code}' "$URL/_dev/sleep?ms=1537" >"$T/inflight" ) &
inflight=$!
# SIGTERM only once the request is in a worker (a slow machine may take
# longer than any fixed pause to get it there).
wait_for 10 log_has 'sleeping 1537 ms'
kill -TERM "$pid"
wait "$inflight"
check "SIGTERM: the request in flight completes with 200" test "$(cat "$T/inflight")" = 200
check "SIGTERM: the pool exits" wait_for 10 bash -c "! kill -0 $pid 2>/dev/null"
check "SIGTERM: no worker is left behind" test -z "$(pgrep -P "$pid")"
check "SIGTERM: the socket is removed" bash -c "! test -S '$STATE/run/portico.sock'"
check "SIGTERM: the request in flight was not cut short" grep -q slept "$T/inflight.body"
check "SIGTERM: logged" log_has 'pool: stopped'
# (past the page cache, which may still hold the home page)
http GET / -b csrf=nocache
check "without the pool, nginx answers 502 (and nothing hangs)" status_is 502
PORTICO_STATE=$STATE "$ROOT/quickstart" _pool-start >/dev/null 2>&1
check "the pool starts again" wait_for 10 test "$(worker_count)" = "$WORKERS"
http GET /
check "and serves pages" status_is 200
done_testing
