#!/usr/bin/env bash
# The vote race: many users vote for one idea at once, each sending the
# same vote several times, then half of them take it back at once while
# the others repeat theirs, then everyone votes and unvotes in a random
# order at once.  After each round the idea's count must equal its
# distinct voters (the rows of the unique key) and the number the round
# leaves: no vote lost, none counted twice, and no request may fail.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
N=${T401_VOTERS:-32}
q() { db -e "$1"; }
cleanup() {
	local id
	id=$(q "SELECT id FROM ideas WHERE title = 't401 race idea'")
	if [ -n "$id" ]; then
		q "DELETE FROM idea_votes WHERE idea_id = $id; DELETE FROM idea_subscriptions WHERE idea_id = $id;
		   DELETE FROM search_docs WHERE id = 3000000000 + $id; DELETE FROM ideas WHERE id = $id"
	fi
	q "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email LIKE 't401-%')"
	q "DELETE FROM users WHERE email LIKE 't401-%'"
	q "DELETE FROM signin_throttle"
	return 0
}
cleanup
trap 'cleanup; rm -rf "$T"' EXIT
acct=$(q "SELECT account_id FROM users WHERE email = 'olivia@aurora.example'")
for i in $(seq 1 "$N"); do
	q "INSERT INTO users (email, name, status, portal_role, account_id, account_role)
	   VALUES ('t401-$i@aurora.example', 'Voter $i', 'active', 'customer', $acct, 'member')"
done
# One Argon2 hash, the same password for every voter.
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password t401-1@aurora.example >/dev/null
q "UPDATE users u JOIN users f ON f.email = 't401-1@aurora.example'
   SET u.password_hash = f.password_hash WHERE u.email LIKE 't401-%'"
signed=0
for i in $(seq 1 "$N"); do
	signin "$T/j$i" "t401-$i@aurora.example" "$PW"
	[ "$STATUS" = 303 ] && signed=$((signed + 1))
	TOK[$i]=$(form_token "$T/j$i" /ideas/new)
done
check "$N voters signed in" test "$signed" = "$N"
FORM_PAGE=/ideas/new post "$T/j1" /ideas/new "title=t401 race idea"
ID=$(q "SELECT id FROM ideas WHERE title = 't401 race idea'")
check "the idea is there" test -n "$ID"

# send USER ACTION: one vote form, its status appended to $T/status.
send() {
	curl -s -o /dev/null -w '%{http_code}\n' -b "$T/j$1" -H "Origin: $URL" \
		--data-urlencode "csrf=${TOK[$1]}" --data-urlencode "action=$2" \
		"$URL/ideas/$ID/vote" >>"$T/status"
}
counts() { q "SELECT CONCAT(votes, ' ', (SELECT COUNT(*) FROM idea_votes WHERE idea_id = $ID)) FROM ideas WHERE id = $ID"; }
all_303() { [ -s "$T/status" ] && ! grep -qv '^303$' "$T/status"; }

# Round 1: every voter votes four times, all at once.
: >"$T/status"
for i in $(seq 1 "$N"); do for k in 1 2 3 4; do send "$i" vote & done; done
wait
check "round 1: $((N * 4)) requests at once, each answered 303" all_303
echo "# round 1: count and rows $(counts)"
check "round 1: the count is $N, equal to the rows" test "$(counts)" = "$N $N"

# Round 2: half take their vote back three times, the others vote again.
: >"$T/status"
half=$((N / 2))
for i in $(seq 1 "$N"); do
	for k in 1 2 3; do
		if [ "$i" -le "$half" ]; then send "$i" unvote & else send "$i" vote & fi
	done
done
wait
check "round 2: every request answered 303" all_303
echo "# round 2: count and rows $(counts)"
check "round 2: the count is $((N - half)), equal to the rows" test "$(counts)" = "$((N - half)) $((N - half))"

# Round 3: each voter sends votes and unvotes in a random order, at once.
: >"$T/status"
for i in $(seq 1 "$N"); do
	for k in 1 2 3 4; do
		if [ $((RANDOM % 2)) = 0 ]; then send "$i" vote & else send "$i" unvote & fi
	done
done
wait
check "round 3: every request answered 303" all_303
c=$(counts)
echo "# round 3: count and rows $c"
check "round 3: the count equals the distinct voters" test "${c% *}" = "${c#* }"
check "round 3: no voter is counted twice (the unique key)" \
	test "$(q "SELECT COUNT(*) FROM (SELECT user_id FROM idea_votes WHERE idea_id = $ID GROUP BY user_id HAVING COUNT(*) > 1) x")" = 0

# Round 4: everyone votes once more, twice, at once: all of them count.
: >"$T/status"
for i in $(seq 1 "$N"); do send "$i" vote & send "$i" vote & done
wait
check "round 4: every request answered 303" all_303
check "round 4: the count is $N again" test "$(counts)" = "$N $N"
http GET "/ideas/$ID"
http GET "$(awk 'tolower($1) == "location:" { gsub(/\r/, ""); print $2 }' "$T/headers")"
check "the page shows $N votes" body_has "$N votes"
check "no worker logged a database error" bash -c "! grep -E 'Deadlock|database:' '$STATE/log/portico.log' | grep -q 'ideas/$ID'"
done_testing
