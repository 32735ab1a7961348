#!/usr/bin/env bash
# mail-in's speed: messages per second through "portico-admin mail-in",
# one process a message as an MTA's pipe runs it, against a running
# instance (./quickstart run), one at a time and BENCH_MAIL_PARALLEL at
# once.  The messages are the corpus of tests/mail/ in rotation, each
# with a Message-ID of its own: new tickets (Chinese and Persian, an
# Outlook mail with an image and a PDF, HTML only), replies by the
# reference in the subject, and auto-replies that are only recorded.
#   PORTICO_ROOT (the checkout)  PORTICO_STATE (the instance's state)
#   BENCH_MAILS (200)  BENCH_MAIL_PARALLEL (4)
set -euo pipefail
ROOT=${PORTICO_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
STATE=${PORTICO_STATE:?the state folder of a running instance}
N=${BENCH_MAILS:-200}
P=${BENCH_MAIL_PARALLEL:-4}
CONF=$STATE/portico.conf
ADMIN="$ROOT/portico-admin"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
db() { mariadb --defaults-extra-file="$STATE/my.cnf" -N -B -e "$1"; }

# A ticket of Olivia's for the replies to name.
ref=$(db "SELECT t.ref FROM tickets t JOIN users u ON u.id = t.requester_id
	WHERE u.email = 'olivia@aurora.example' AND t.status <> 'closed'
	ORDER BY t.id DESC LIMIT 1")
if [ -z "$ref" ]; then
	sed "s/^\(Message-ID: <\)/\1bench-seed-$$./" "$ROOT/tests/mail/new-zh-base64.eml" |
		"$ADMIN" -c "$CONF" mail-in
	ref=$(db "SELECT t.ref FROM tickets t JOIN users u ON u.id = t.requester_id
		WHERE u.email = 'olivia@aurora.example' ORDER BY t.id DESC LIMIT 1")
fi
mix=(new-zh-base64.eml new-fa-qp.eml outlook-related.eml html-only.eml
     reply-subject-ref.eml auto-reply.eml inline-image.eml reply-subject-ref.eml)
make_set() {
	local tag=$1 i f
	mkdir -p "$W/$tag"
	for i in $(seq 1 "$N"); do
		f=${mix[$((i % ${#mix[@]}))]}
		sed -e "s/^\(Message-I[Dd]: <\)/\1bench-$tag-$$-$i./" -e "s/@@REF@@/$ref/" \
			"$ROOT/tests/mail/$f" >"$W/$tag/$i.eml"
	done
}
make_set seq
make_set par
now() { date +%s.%N; }

t0=$(now)
TIMEFORMAT='%U %S'
cpu=$( { time for f in "$W"/seq/*.eml; do
	"$ADMIN" -c "$CONF" mail-in <"$f" >/dev/null 2>&1 || { echo "mail-in failed on $f" >&2; exit 1; }
done; } 2>&1 )
t1=$(now)
ls "$W"/par/*.eml | xargs -P "$P" -I{} sh -c '"$0" -c "$1" mail-in <"{}" >/dev/null 2>&1' "$ADMIN" "$CONF"
t2=$(now)
stored=$(db "SELECT COUNT(*) FROM mail_in WHERE message_id LIKE 'bench-%-$$-%'")
python3 - "$N" "$t0" "$t1" "$t2" "$P" "$stored" $cpu <<'PY'
import os, sys
n, t0, t1, t2, p, stored = int(sys.argv[1]), *map(float, sys.argv[2:5]), int(sys.argv[5]), int(sys.argv[6])
user, sys_ = float(sys.argv[7]), float(sys.argv[8])
print(f"mail-in: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"mail-in: {n} messages one at a time: {n / (t1 - t0):.1f} messages/s "
      f"({1000 * (t1 - t0) / n:.1f} ms each, of it {1000 * (user + sys_) / n:.1f} ms CPU "
      f"in mail-in itself)")
print(f"mail-in: {n} messages {p} at a time:  {n / (t2 - t1):.1f} messages/s")
print(f"mail-in: {stored} of {2 * n} stored in mail_in")
sys.exit(0 if stored == 2 * n else 1)
PY
