#!/usr/bin/env bash
# The ticket model (src/ticket.c) against this instance's database:
# statuses, pauses and due times, the collision check, reopening,
# rating, merging and the access rule (tests/integration/ticket_model.c).
set -u
ROOT=${PORTICO_ROOT:?}
STATE=${PORTICO_STATE:?}
prog=$ROOT/tests/integration/ticket_model
if [ ! -x "$prog" ]; then
	echo "not ok 1 - $prog is built (make)"
	echo "1..1"
	exit 1
fi
exec "$prog" -c "$STATE/portico.conf"
