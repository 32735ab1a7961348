#!/usr/bin/env bash
# The worker pool: crashes, stuck workers, reload, recycling.  Expects
# request_timeout = 8 (./quickstart test sets it).
. "$(dirname "$0")/../lib.sh"

conf="$STATE/portico.conf"
cp "$conf" "$T/portico.conf.orig"
set_conf() { sed -i "s|^$1 = .*|$1 = $2|" "$conf"; }
reload() { kill -HUP "$(pool_pid)"; }
all_ok() {	# all_ok N: N requests, every one 200
	local i s bad=0
	for i in $(seq 1 "$1"); do
		# (past the page cache: the workers must answer)
		s=$(curl -s -o /dev/null -w '%{http_code}' -b csrf=nocache "$URL/p/about")
		[ "$s" = 200 ] || bad=$((bad + 1))
	done
	[ "$bad" = 0 ]
}

check "all the workers are there" test "$(worker_count)" = "$WORKERS"

# SIGKILL one worker while requests are flowing.
before=$(worker_pids)
victim=$(echo "$before" | head -1)
( for i in $(seq 1 150); do
	curl -s -o /dev/null -w '%{http_code}\n' "$URL/p/about"
done ) >"$T/during" &
load=$!
sleep 0.3
kill -KILL "$victim"
wait "$load"
check "killed worker is replaced" wait_for 5 test "$(worker_count)" = "$WORKERS"
check "the replacement is a new process" bash -c "! kill -0 $victim 2>/dev/null"
check "the kill is logged" log_has "worker $victim killed by signal 9"
check "requests during the kill: at most the one in flight failed" \
	test "$(grep -vc '^200$' "$T/during")" -le 1
check "every request after the kill succeeds" all_ok 60

# A worker stuck on one request is killed after request_timeout.
start=$(date +%s)
http GET '/_dev/sleep?ms=20000'
took=$(( $(date +%s) - start ))
check "stuck request cut off after the timeout, not after 20 s ($took s)" test "$took" -lt 16
check "stuck request: the web server reports a bad gateway" status_is 502
check "stuck worker killed and logged" log_has "stuck on a request for [0-9]+ms: killed"
check "stuck worker replaced" wait_for 5 test "$(worker_count)" = "$WORKERS"
check "requests after the stuck worker succeed" all_ok 20

# SIGHUP: a new theme without dropping the request in flight.
( curl -s -o /dev/null -w '%{http_code}' "$URL/_dev/sleep?ms=1531" >"$T/inflight" ) &
inflight=$!
wait_for 10 log_has 'sleeping 1531 ms'	# in a worker now
set_conf theme example
reload
wait "$inflight"
check "SIGHUP: the request in flight completes" test "$(cat "$T/inflight")" = 200
check "SIGHUP: the new theme is used" wait_for 5 \
	bash -c "curl -s '$URL/' | grep -q /static/example/example.css"
http GET /
check "SIGHUP: pages still answer 200" status_is 200
# The example theme overrides only the brand: the rest of the header is
# the default theme's, navigation and search included.
# (A page other than home: home has its own search instead of the
# header's.)
http GET /kb
site_header() { tr '\n' ' ' <"$T/body" | grep -oP '<header class="site-header[^"]*">.*?</header>'; }
site_header_has() { site_header | grep -qF -- "$1"; }
nav_links_to() { site_header | grep -oP '<nav class="nav".*?</nav>' | grep -qF "href=\"$1\""; }
tagline=$(sed -n 's|.*<m k="site.tagline">\(.*\)</m>.*|\1|p' "$ROOT/xslt/i18n/en.xml")
check "example theme: its own brand" site_header_has 'class="brand example-brand"'
check "example theme: the brand's tagline" site_header_has "<span class=\"tagline\">$tagline</span>"
for href in / /kb /faq /news /downloads; do
	check "example theme: the navigation links to $href" nav_links_to "$href"
done
check "example theme: the header's search form" site_header_has 'id="q-head"'
check "example theme: the sign-in link" site_header_has 'href="/signin"'
check "example theme: the language switch" site_header_has 'action="/language"'
check "SIGHUP: workers replaced, all of them" wait_for 5 test "$(worker_count)" = "$WORKERS"

# A broken theme is refused and the running one kept.
mkdir -p "$ROOT/xslt/broken-test"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><oops>' \
	>"$ROOT/xslt/broken-test/theme.xsl"
set_conf theme broken-test
reload
check "broken theme: refused in the log" wait_for 5 log_has "reload refused, the old theme stays: .*broken-test/theme.xsl"
check "broken theme: the old theme keeps serving" \
	bash -c "curl -s '$URL/' | grep -q /static/example/example.css"
rm -rf "$ROOT/xslt/broken-test"
set_conf theme nonexistent-theme
reload
check "missing theme: refused" wait_for 5 log_has "reload refused.*nonexistent-theme"
echo 'workers = lots' >>"$conf"
reload
check "a broken config file: refused" wait_for 5 log_has 'reload refused: .*workers'

# Recycling: with max_requests = 3 every worker is replaced often.
cp "$T/portico.conf.orig" "$conf"
set_conf max_requests 3
reload
sleep 1
before=$(worker_pids)
check "recycling: 40 requests all succeed" all_ok 40
after=$(worker_pids)
check "recycling: workers were replaced" test "$(comm -12 <(echo "$before") <(echo "$after") | wc -l)" -lt "$WORKERS"
check "recycling: still all the workers" wait_for 5 test "$(worker_count)" = "$WORKERS"

cp "$T/portico.conf.orig" "$conf"
reload
check "back to the default theme" wait_for 5 \
	bash -c "curl -s '$URL/' | grep -q /static/default/portico.css && ! curl -s '$URL/' | grep -q example.css"

# The pool killed outright (kill -9, a crash): its workers leave too, so
# none goes on serving from a dead pool's socket, and a new pool starts
# clean.
pool=$(pool_pid)
orphans=$(worker_pids)
kill -KILL "$pool"
check "pool killed: its workers leave with it" wait_for 5 \
	bash -c "! ps -o pid= -p $(echo $orphans | tr ' ' ',') >/dev/null"
PORTICO_STATE=$STATE "$ROOT/quickstart" _pool-start >/dev/null 2>&1
check "a new pool answers" wait_for 10 \
	bash -c "test \$(curl -s -o /dev/null -w '%{http_code}' '$URL/p/about' -b csrf=nocache) = 200"
check "... with all its workers" wait_for 5 test "$(worker_count)" = "$WORKERS"
done_testing
