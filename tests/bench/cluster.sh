#!/usr/bin/env bash
# BENCH_CLUSTER=yes make bench: the cluster mode.  ./quickstart cluster in
# a folder of its own (three Galera nodes, two web hosts, an nginx front),
# then wrk through the front: a 5 KB static file served by the hosts'
# nginx through the front (the base of every ratio), and the pages
# without the page cache, anonymous and signed in.  Then how throughput
# grows from one host to two: the home page through one host alone and
# through the front with both.  On one machine every host and node share
# its cores, so the growth has a ceiling the cores set: the figure shows
# what the second host costs or gains here, not on separate machines.
#   BENCH_SECONDS (10)  BENCH_CONNECTIONS (32)  BENCH_RUNS (1)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-32}
RUNS=${BENCH_RUNS:-1}
command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)"; exit 1; }
export PORTICO_STATE=$(mktemp -d /tmp/pcb.XXXXXX)
. "$ROOT/tests/cluster/port.sh"
export PORTICO_PORT=$(cluster_free_port)
STATE=$PORTICO_STATE PORT=$PORTICO_PORT
U=http://127.0.0.1:$PORT
PW=northwind-demo-2026
cleanup() { "$ROOT/quickstart" cluster stop >/dev/null 2>&1 || true; rm -rf "$STATE"; }
trap cleanup EXIT
echo "portico bench, cluster mode: starting three nodes and two hosts"
"$ROOT/quickstart" cluster >"$STATE/start.log" 2>&1 || { cat "$STATE/start.log"; exit 1; }

# The static file, served by each host's nginx (reached through the front).
head -c 5120 /dev/zero | tr '\0' 'x' >"$STATE/static5k.html"
chmod 755 "$STATE"; chmod 644 "$STATE/static5k.html"
for h in 1 2; do
	addr=$("$ROOT/quickstart" _chost-addr "$h")
	sed -i "0,/^\(\s*listen $addr:$PORT;\)/s||\1\n    location = /static5k.html { root $STATE; }|" \
		"$STATE/h$h/nginx/portico-site.conf"
	nsx=(); [ -f "$STATE/netns" ] && nsx=(ip netns exec "portico-$PORT-h$h")
	"${nsx[@]}" nginx -c "$STATE/h$h/nginx/nginx.conf" -p "$STATE/h$h/nginx" \
		-e "$STATE/h$h/log/nginx-error.log" -s reload
done
sleep 1

to_ms() {
	case $1 in
	*us) awk -v v="${1%us}" 'BEGIN { printf "%.2f", v / 1000 }' ;;
	*ms) echo "${1%ms}" ;;
	*s) awk -v v="${1%s}" 'BEGIN { printf "%.2f", v * 1000 }' ;;
	esac
}
declare -A RPS P50 P99
bench() {	# NAME URL [COOKIE]
	local name=$1 url=$2 cookie=${3:-} out code
	local hdr=()
	[ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
	code=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$url")
	if [ "$code" != 200 ]; then echo "bench: $url answers $code" >&2; return 0; fi
	wrk -t2 -c"$CONNS" -d2s "${hdr[@]}" "$url" >/dev/null
	out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 30s --latency "${hdr[@]}" "$url")
	if echo "$out" | grep -q 'Non-2xx'; then
		echo "bench: $url gave errors: $(echo "$out" | grep 'Non-2xx')" >&2
	fi
	RPS[$name]=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
	P50[$name]=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
	P99[$name]=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
}
signin() {	# EMAIL: a session cookie
	local jar=$STATE/jar tok
	rm -f "$jar"
	tok=$(curl -s -c "$jar" -b "$jar" "$U/signin" | grep -o 'name="csrf" value="[0-9a-f]*"' |
		head -1 | sed 's/.*value="//; s/"$//')
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $U" --data-urlencode "csrf=$tok" \
		--data-urlencode "email=$1" --data-urlencode "password=$PW" "$U/signin"
	echo "portico=$(awk '$6 == "portico" { print $7 }' "$jar" | tail -1)"
}
node1() { mariadb --no-defaults --socket="$STATE/n1/run/mysqld.sock" -u "$(id -un)" -N -B portico "$@"; }

ART=$(node1 -e "SELECT slug FROM items WHERE kind = 'article' AND status = 'published' AND visibility = 'public' AND lang = 'en' ORDER BY id LIMIT 1")
TOPIC=$(node1 -e "SELECT CONCAT(id, '-', slug) FROM forum_topics WHERE listed = 1 ORDER BY id LIMIT 1")
TICKET=$(node1 -e "SELECT t.ref FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.email = 'olivia@aurora.example' ORDER BY t.id LIMIT 1")
NC="csrf=bench"	# past the page cache, as the single-box bench
SID=$(signin olivia@aurora.example)

echo "wrk -t2 -c$CONNS, ${SECS}s, through the front (two hosts, three nodes)"
bench static "$U/static5k.html"
bench home "$U/" "$NC"
bench article "$U/a/$ART" "$NC"
bench search "$U/search?q=backup" "$NC"
bench ideas "$U/ideas" "$NC"
bench topic "$U/community/t/$TOPIC" "$NC"
bench account "$U/account" "$SID"
bench tickets "$U/tickets" "$SID"
bench ticket "$U/tickets/$TICKET" "$SID"
bench billing_invoices "$U/billing/invoices" "$SID"
# One host alone, then both behind the front.
H1=$("$ROOT/quickstart" _chost-addr 1)
bench home_host1 "http://$H1:$PORT/" "$NC"
bench static_host1 "http://$H1:$PORT/static5k.html"

printf '%-18s %10s %8s %8s %9s\n' page req/s p50ms p99ms ratio
for p in static home article search ideas topic account tickets ticket billing_invoices home_host1 static_host1; do
	[ -n "${RPS[$p]:-}" ] || { printf '%-18s %10s\n' "$p" "(no answer)"; continue; }
	printf '%-18s %10s %8s %8s %9s\n' "$p" "${RPS[$p]}" "${P50[$p]}" "${P99[$p]}" \
		"$(awk -v a="${RPS[$p]}" -v b="${RPS[static]}" 'BEGIN { printf "%.3fx", a / b }')"
done
echo "one host to two (home page, no page cache): $(awk -v a="${RPS[home]:-0}" -v b="${RPS[home_host1]:-1}" 'BEGIN { printf "%.2fx", a / b }') the throughput of one host alone ($(nproc) cores shared by both hosts, three nodes and wrk: the ceiling is this machine's, not the design's)"
