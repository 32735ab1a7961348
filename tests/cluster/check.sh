#!/usr/bin/env bash
# make cluster-check: a cluster of three Galera nodes and two web hosts
# (./quickstart cluster) on this machine, load through its front, and
# faults injected under that load.  After each fault, every write the
# portal acknowledged must be on every node, counters must equal their
# rows, search must find every acknowledged topic on every node, and
# requests must succeed again.  Ends with "N passed, N failed" and a
# report of requests, errors, recovery times and writes checked.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export PORTICO_STATE=${PORTICO_STATE:-$(mktemp -d /tmp/pcc.XXXXXX)}
. "$ROOT/tests/cluster/port.sh"
export PORTICO_PORT=${PORTICO_PORT:-$(cluster_free_port)}
export PORTICO_URL=http://127.0.0.1:$PORTICO_PORT PORTICO_ROOT=$ROOT
STATE=$PORTICO_STATE URL=$PORTICO_URL
LOAD_SECONDS=${CLUSTER_LOAD_SECONDS:-25}
PW=northwind-demo-2026
T=$(mktemp -d)
QS="$ROOT/quickstart"
passed=0 failed=0
REPORT=$T/report
: >"$REPORT"

check() {
	local what=$1; shift
	if "$@" >"$T/check.out" 2>&1; then passed=$((passed + 1)); echo "ok - $what"
	else failed=$((failed + 1)); echo "not ok - $what"; sed 's/^/#   /' "$T/check.out" | head -10; fi
}
say() { echo "# $*"; }
report() { echo "$*" | tee -a "$REPORT"; }
node() { local i=$1; shift; mariadb --no-defaults --socket="$STATE/n$i/run/mysqld.sock" -u "$(id -un)" -N -B portico "$@"; }
nodes_up() { local i; for i in 1 2 3; do node "$i" -e "SELECT 1" >/dev/null 2>&1 || return 1; done; }
# How node $1 joined since line $2 of its log: IST (the writes it missed)
# or SST (a whole copy), and how many tries it took.
transfer() {
	local log=$STATE/n$1/log/mariadb.log how=none tries
	tries=$(tail -n +"$2" "$log" | grep -ac 'Starting MariaDB' || true)
	# The transfer script runs either way; it says which it did.
	if tail -n +"$2" "$log" | grep -aq 'SST completed on joiner'; then how=SST
	elif tail -n +"$2" "$log" | grep -aq 'IST received'; then how=IST; fi
	echo "$how, $tries start(s)"
}
loglines() { wc -l <"$STATE/n$1/log/mariadb.log"; }
synced() { [ "$(node "$1" -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ]; }
cleanup() {
	kill "${LOADPID:-}" 2>/dev/null
	"$QS" cluster stop >/dev/null 2>&1
	if [ "$failed" != 0 ] || [ -n "${CLUSTER_KEEP:-}" ]; then
		cp -r "$T" "$STATE/check"
		echo "# kept for a look: $STATE (the check's files in $STATE/check)"
	else
		rm -rf "$STATE"
	fi
	rm -rf "$T"
}
trap cleanup EXIT

say "starting the cluster on $URL (state $STATE)"
t0=$(date +%s)
"$QS" cluster >"$T/start.log" 2>&1 || { cat "$T/start.log"; failed=1; echo "0 passed, 1 failed"; exit 1; }
report "cluster started in $(( $(date +%s) - t0 )) s"
check "three nodes in the cluster" test "$(node 1 -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 3
HADDR=("" "$("$QS" _chost-addr 1)" "$("$QS" _chost-addr 2)")
if [ -f "$STATE/netns" ]; then say "web hosts in network namespaces: ${HADDR[1]}, ${HADDR[2]}"
else say "web hosts on loopback addresses: ${HADDR[1]}, ${HADDR[2]}"; fi
for h in 1 2; do
	check "web host $h answers" test "$(curl -s -o /dev/null -w '%{http_code}' "http://${HADDR[$h]}:$PORTICO_PORT/")" = 200
done

# Customers of the demo account, one Argon2 hash for all; one idea.
acct=$(node 1 -e "SELECT account_id FROM users WHERE email = 'olivia@aurora.example'")
for i in $(seq 1 8); do
	node 1 -e "INSERT INTO users (email, name, status, portal_role, account_id, account_role)
		VALUES ('cl-$i@aurora.example', 'Load $i', 'active', 'customer', $acct, 'member')"
	echo "cl-$i@aurora.example"
done >"$T/users"
node 1 -e "UPDATE users u JOIN users f ON f.email = 'olivia@aurora.example'
	SET u.password_hash = f.password_hash WHERE u.email LIKE 'cl-%'"
IDEA=$(node 1 -e "SELECT id FROM ideas WHERE listed = 1 AND status IN ('new', 'under-review', 'planned') ORDER BY id LIMIT 1")
[ -n "$IDEA" ] || IDEA=$(node 1 -e "SELECT id FROM ideas WHERE listed = 1 ORDER BY id LIMIT 1")
IDEA_PAGE=$(curl -sL -o /dev/null -w '%{url_effective}' "$URL/ideas/$IDEA")
IDEA_PAGE=${IDEA_PAGE#"$URL"}
say "voting on idea $IDEA ($IDEA_PAGE)"

# The sign-in throttle counts per address, and every load user comes
# from this one: each round of load starts with it empty.
unthrottle() { node 1 -e "DELETE FROM signin_throttle" 2>/dev/null || true; }
load() {	# seconds: the load in the background, into $T/load.jsonl
	unthrottle
	python3 "$ROOT/tests/cluster/load.py" "$URL" "$T/users" "$PW" "$IDEA" "$1" "$T/load.jsonl" &
	LOADPID=$!
}
count_since() {	# t0 t1: requests and failed ones in [t0, t1)
	python3 - "$T/load.jsonl" "$1" "$2" <<-'PY'
		import json, sys
		n = bad = 0
		for l in open(sys.argv[1]):
		    r = json.loads(l)
		    if r["k"] != "req" or not (float(sys.argv[2]) <= r["t"] < float(sys.argv[3])):
		        continue
		    n += 1
		    bad += r["status"] in (0, -1) or r["status"] >= 500
		print(n, bad)
	PY
}

# Every acknowledged write on every node; counters equal rows.
verify() {	# label
	local label=$1 i
	python3 - "$T/load.jsonl" >"$T/acks.sql" <<-'PY'
		import json, sys
		for l in open(sys.argv[1]):
		    r = json.loads(l)
		    if r["k"] != "ack":
		        continue
		    if r["kind"] == "ticket":
		        # One ticket per form, however often it was sent.
		        print("SELECT 'ticket %s', COUNT(*) = 1 AND MIN(ref) = '%s' FROM tickets WHERE subject = 'Cluster load %s';" % (r["ref"], r["ref"], r["mark"]))
		        print("SELECT 'ticket-search %s', COUNT(*) = 1 FROM tickets t JOIN search_docs d ON d.id = 4000000000 + t.id WHERE t.ref = '%s';" % (r["ref"], r["ref"]))
		    elif r["kind"] == "reply":
		        print("SELECT 'reply %s', COUNT(*) = 1 FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.ref = '%s' AND m.body LIKE '%%%s';" % (r["mark"], r["ref"], r["mark"]))
		    elif r["kind"] == "topic":
		        print("SELECT 'topic %d', COUNT(*) = 1 FROM forum_topics WHERE id = %d AND title LIKE '%%%s';" % (r["id"], r["id"], r["mark"]))
		        print("SELECT 'topic-search %d', COUNT(*) = 1 FROM search_docs WHERE id = 2000000000 + %d;" % (r["id"], r["id"]))
	PY
	local nacks
	nacks=$(grep -c "^SELECT '[a-z]* " "$T/acks.sql" | head -1)
	# The indexers apply within a second or two.
	sleep 3
	for i in 1 2 3; do
		node "$i" <"$T/acks.sql" >"$T/acks.$i" 2>&1
		check "$label: every acknowledged ticket, reply and topic (and their search entries) is on node $i" \
			bash -c "! grep -qv '	1$' '$T/acks.$i'"
	done
	for i in 1 2 3; do
		check "$label: node $i: idea votes equal their rows" test "$(node "$i" -e "SELECT COUNT(*) FROM ideas i WHERE i.votes <> (SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = i.id)")" = 0
		check "$label: node $i: ticket reply counts equal their rows" test "$(node "$i" -e "SELECT COUNT(*) FROM tickets t WHERE t.public_messages <> (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = t.id AND m.internal = 0)")" = 0
		check "$label: node $i: the queue's and the lists' ticket counts equal their tickets" test "$(node "$i" -e "SELECT (SELECT COUNT(*) FROM ticket_queue_counts c WHERE c.n <> (SELECT COUNT(*) FROM tickets t WHERE t.department_id = c.department_id AND COALESCE(t.assignee_id, 0) = c.assignee_id AND t.status = c.status)) + (SELECT COUNT(*) FROM ticket_account_counts c WHERE c.n <> (SELECT COUNT(*) FROM tickets t WHERE t.account_id = c.account_id AND t.department_id = c.department_id AND t.requester_id = c.requester_id AND t.status = c.status))")" = 0
		check "$label: node $i: topic reply counts equal their rows" test "$(node "$i" -e "SELECT COUNT(*) FROM forum_topics t WHERE t.replies <> (SELECT COUNT(*) FROM forum_posts p WHERE p.topic_id = t.id AND p.position > 1)")" = 0
	done
	check "$label: the nodes hold the same tickets" test "$(node 1 -e "SELECT COUNT(*), MAX(id) FROM tickets")" = "$(node 2 -e "SELECT COUNT(*), MAX(id) FROM tickets")" -a "$(node 1 -e "SELECT COUNT(*), MAX(id) FROM tickets")" = "$(node 3 -e "SELECT COUNT(*), MAX(id) FROM tickets")"
	local now
	now=$(grep -c . "$T/acks.sql")
	report "$label: $now acknowledged writes checked on each of 3 nodes ($(grep -c '"retry": 1' "$T/load.jsonl") ticket forms sent twice so far, each one ticket)"
	check "$label: the load's writes were acknowledged in this round too ($now > ${ACKS:-0})" test "$now" -gt "${ACKS:-0}"
	ACKS=$now
}

# After recovery: a short load, no request may fail.
after_recovery() {	# label
	local a b
	a=$(date +%s.%N)
	load 8; wait "$LOADPID"
	b=$(date +%s.%N)
	read -r n bad <<<"$(count_since "$a" "$b")"
	report "$1: after recovery $n requests, $bad failed"
	check "$1: no request failed after recovery ($n requests)" test "$bad" = 0 -a "$n" -gt 0
}

fault_window() {	# label t0 t1
	read -r n bad <<<"$(count_since "$2" "$3")"
	report "$1: during the fault $n requests, $bad failed"
}

# ---- 1. kill -9 one Galera node, restart it ----------------------------------
load "$LOAD_SECONDS"
sleep 5
a=$(date +%s.%N)
l2=$(loglines 2)
kill -9 "$(cat "$STATE/n2/run/mariadb.pid")"
say "node 2 killed"
sleep 5
t1=$(date +%s.%N)
PORTICO_STATE=$STATE "$QS" _cnode-start 2 >"$T/n2.log" 2>&1
t2=$(date +%s.%N)
report "node kill: node 2 rejoined in $(awk "BEGIN { printf \"%.1f\", $t2 - $t1 }") s ($(transfer 2 "$l2"))"
check "node kill: node 2 is synced again" synced 2
wait "$LOADPID"
fault_window "node kill" "$a" "$t2"
verify "node kill"
after_recovery "node kill"

# ---- 2. kill -9 one web host's pool; then a host down altogether --------------
load "$LOAD_SECONDS"
sleep 4
a=$(date +%s.%N)
pool=$(cat "$STATE/h1/run/portico.pid")
kill -9 $(pgrep -P "$pool") "$pool" 2>/dev/null
say "host 1's pool killed"
sleep 5
PORTICO_STATE=$STATE "$QS" _chost-start 1 >"$T/h1.log" 2>&1
answers() { [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://${HADDR[$1]}:$PORTICO_PORT/")" = 200 ]; }
wait_answers() { local k; for k in $(seq 1 50); do answers "$1" && return 0; sleep 0.2; done; return 1; }
check "pool kill: host 1 answers again" wait_answers 1
sleep 2
if [ -f "$STATE/netns" ]; then
	# The host's network namespace loses its link: nothing reaches it,
	# and it reaches no node.
	PORTICO_STATE=$STATE "$QS" _chost-net 2 down
	say "host 2's network down"
	sleep 6
	PORTICO_STATE=$STATE "$QS" _chost-net 2 up
else
	kill -9 "$(cat "$STATE/h2/run/nginx.pid")" $(pgrep -P "$(cat "$STATE/h2/run/nginx.pid")") \
		"$(cat "$STATE/h2/run/portico.pid")" $(pgrep -P "$(cat "$STATE/h2/run/portico.pid")") 2>/dev/null
	say "host 2 down (nginx and pool)"
	sleep 5
	rm -f "$STATE/h2/run/nginx.pid" "$STATE/h2/run/portico.pid"
	PORTICO_STATE=$STATE "$QS" _chost-start 2 >"$T/h2.log" 2>&1
fi
b=$(date +%s.%N)
check "host down: host 2 answers again" wait_answers 2
wait "$LOADPID"
fault_window "web host faults" "$a" "$b"
read -r n bad <<<"$(python3 - "$T/load.jsonl" "$a" "$b" <<-'PY'
	import json, sys
	n = bad = 0
	for l in open(sys.argv[1]):
	    r = json.loads(l)
	    if r["k"] == "req" and r["kind"] == "view" and float(sys.argv[2]) <= r["t"] < float(sys.argv[3]):
	        n += 1; bad += r["status"] in (0, -1) or r["status"] >= 500
	        if r["status"] in (0, -1) or r["status"] >= 500: print("# failed view:", l.strip(), file=sys.stderr)
	print(n, bad)
PY
)"
check "web host faults: page views fail over to the other host ($bad of $n failed)" test "$bad" = 0
# A session lost would send a signed-in customer's /tickets to /signin.
lost=$(python3 - "$T/load.jsonl" "$a" "$b" <<-'PY'
	import json, sys
	print(sum(1 for l in open(sys.argv[1]) for r in [json.loads(l)]
	          if r["k"] == "req" and r["kind"] == "view" and r["status"] == 303
	          and float(sys.argv[2]) <= r["t"] < float(sys.argv[3])))
PY
)
check "web host faults: sessions survived (no signed-in page sent to sign in: $lost)" test "$lost" = 0
verify "web host faults"
after_recovery "web host faults"

# ---- 3. the whole cluster down; bootstrap from the most advanced node --------
load "$LOAD_SECONDS"
sleep 4
a=$(date +%s.%N)
declare -A LL
for i in 1 2 3; do LL[$i]=$(loglines "$i"); done
for i in 1 2 3; do kill -9 "$(cat "$STATE/n$i/run/mariadb.pid")"; done
say "all three nodes killed"
sleep 3
t1=$(date +%s.%N)
PORTICO_STATE=$STATE "$QS" cluster >"$T/restart.log" 2>&1
t2=$(date +%s.%N)
report "full restart: the cluster was back in $(awk "BEGIN { printf \"%.1f\", $t2 - $t1 }") s ($(grep -o 'starting Galera node [0-9]*[^,]*, bootstrapping' "$T/restart.log" | head -1))"
for i in 1 2 3; do report "full restart: node $i: $(transfer "$i" "${LL[$i]}")"; done
check "full restart: three nodes again" test "$(node 1 -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 3
wait "$LOADPID"
fault_window "full restart" "$a" "$t2"
verify "full restart"
after_recovery "full restart"

# ---- 4. a certification-conflict storm -----------------------------------------
# Every load user votes and takes back its vote on one idea through both
# hosts at once, and all of them accept one quote at once.
unthrottle
QUOTE=$(node 1 -e "SELECT q.number FROM quotes q WHERE q.account_id = $acct AND q.status = 'sent' ORDER BY q.id LIMIT 1")
for i in $(seq 1 8); do
	jar=$T/storm$i
	curl -s -c "$jar" -b "$jar" "$URL/signin" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//' >"$jar.tok"
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $URL" --data-urlencode "csrf=$(cat "$jar.tok")" \
		--data-urlencode "email=cl-$i@aurora.example" --data-urlencode "password=$PW" "$URL/signin"
	curl -s -c "$jar" -b "$jar" "$URL$IDEA_PAGE" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//' >"$jar.tok"
done
: >"$T/storm.status"
for round in 1 2 3; do
	for i in $(seq 1 8); do for h in 1 2; do for act in vote unvote vote; do
		curl -s -o /dev/null -w '%{http_code}\n' -b "$T/storm$i" -H "Origin: $URL" \
			--data-urlencode "csrf=$(cat "$T/storm$i.tok")" --data-urlencode "action=$act" \
			"http://${HADDR[$h]}:$PORTICO_PORT/ideas/$IDEA/vote" -H "Host: 127.0.0.1:$PORTICO_PORT" >>"$T/storm.status" &
	done; done; done
	wait
done
n=$(wc -l <"$T/storm.status"); ok=$(grep -c '^303$' "$T/storm.status")
report "conflict storm: $n votes at once through both hosts: $(sort "$T/storm.status" | uniq -c | tr '\n' ' ')"
check "conflict storm: every vote answered (retried on conflict), none failed" test "$n" = "$ok"
for i in 1 2 3; do
	check "conflict storm: node $i: the idea's count equals its rows" test "$(node "$i" -e "SELECT votes = (SELECT COUNT(*) FROM idea_votes WHERE idea_id = $IDEA) FROM ideas WHERE id = $IDEA")" = 1
done
if [ -n "$QUOTE" ]; then
	ver=$(node 1 -e "SELECT version FROM quotes WHERE number = '$QUOTE'")
	owner=$T/owner
	curl -s -c "$owner" -b "$owner" "$URL/signin" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//' >"$owner.tok"
	curl -s -o /dev/null -c "$owner" -b "$owner" -H "Origin: $URL" --data-urlencode "csrf=$(cat "$owner.tok")" \
		--data-urlencode "email=olivia@aurora.example" --data-urlencode "password=$PW" "$URL/signin"
	curl -s -c "$owner" -b "$owner" "$URL/billing/quotes/$QUOTE" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//' >"$owner.tok"
	: >"$T/quote.status"
	for k in $(seq 1 12); do
		h=$(( k % 2 + 1 ))
		curl -s -o /dev/null -w '%{http_code}\n' -b "$owner" -H "Origin: $URL" -H "Host: 127.0.0.1:$PORTICO_PORT" \
			--data-urlencode "csrf=$(cat "$owner.tok")" --data-urlencode "version=$ver" \
			"http://${HADDR[$h]}:$PORTICO_PORT/billing/quotes/$QUOTE/accept" >>"$T/quote.status" &
	done
	wait
	report "quote storm: 12 acceptances of $QUOTE at once: $(sort "$T/quote.status" | uniq -c | tr '\n' ' ')"
	for i in 1 2 3; do
		check "quote storm: node $i: the quote is accepted" test "$(node "$i" -e "SELECT status FROM quotes WHERE number = '$QUOTE'")" = accepted
		check "quote storm: node $i: accepted exactly once (one audit entry)" test "$(node "$i" -e "SELECT COUNT(*) FROM audit_log WHERE event = 'quote-accepted' AND detail LIKE 'quote=$QUOTE %'")" = 1
	done
	check "quote storm: no acceptance failed with a server error" bash -c "! grep -q '^5' '$T/quote.status'"
else
	say "no sent quote in the demo: quote storm skipped"
fi

n=$(grep -c '"k": "req"' "$T/load.jsonl")
report "requests served in all: $n"
echo "# ---- report"
sed 's/^/# /' "$REPORT"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
