# Helpers for the integration tests (sourced): TAP output and HTTP
# requests through the web server of the instance ./quickstart test runs.
#   http METHOD PATH [curl options...]  sets STATUS, $T/headers, $T/body
#   check "what" COMMAND...             one TAP line: ok if COMMAND succeeds
URL=${PORTICO_URL:?run through ./quickstart test}
STATE=${PORTICO_STATE:?}
ROOT=${PORTICO_ROOT:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
tap_n=0
tap_fail=0
STATUS=000

ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
nok() {
	tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1))
	echo "not ok $tap_n - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | head -15 | sed 's/^/#   /'
	return 0
}
check() {
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else
		nok "$what" "last status $STATUS; body: $(head -c 400 "$T/body" 2>/dev/null)"
	fi
}
done_testing() { echo "1..$tap_n"; [ "$tap_fail" -eq 0 ]; }

http() {
	local m=$1 p=$2
	shift 2
	: >"$T/body"
	if [ "$m" = HEAD ]; then
		# curl would wait for a body; read the raw response instead.
		local hp=${URL#http://}
		exec 3<>"/dev/tcp/${hp%:*}/${hp#*:}"
		printf 'HEAD %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$p" "$hp" >&3
		timeout 10 cat <&3 >"$T/raw"
		exec 3<&-
		sed -n '1,/^\r$/p' "$T/raw" >"$T/headers"
		sed '1,/^\r$/d' "$T/raw" >"$T/body"
		STATUS=$(head -1 "$T/headers" | awk '{print $2}')
	else
		STATUS=$(curl -s -X "$m" -o "$T/body" -D "$T/headers" \
			-w '%{http_code}' --max-time 30 "$@" "$URL$p")
	fi
}
status_is() { [ "$STATUS" = "$1" ]; }
header_has() { grep -qiE "^$1: *$2" "$T/headers"; }
header_lacks() { ! grep -qiE "^$1:" "$T/headers"; }
body_has() { grep -qF -- "$1" "$T/body"; }
body_lacks() { ! grep -qF -- "$1" "$T/body"; }
body_matches() { grep -qE -- "$1" "$T/body"; }
themed() { body_has '<!DOCTYPE html' && body_has '/static/'; }

pool_pid() { cat "$STATE/run/portico.pid"; }
worker_pids() { pgrep -P "$(pool_pid)" | sort; }
worker_count() { worker_pids | wc -l; }
WORKERS=$(awk '$1 == "workers" {print $3}' "$STATE/portico.conf")
# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	local secs=$1 i
	shift
	for i in $(seq 1 $((secs * 10))); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
log_has() { grep -qE -- "$1" "$STATE/log/portico.log"; }
db() { mariadb --defaults-extra-file="$STATE/my.cnf" -N -B "$@"; }

# Sessions with cookie jars.  form_token JAR PATH: the CSRF token of the
# first form on PATH (GET with the jar, which keeps any cookie set).
form_token() {
	curl -s -c "$1" -b "$1" "$URL$2" | grep -o 'name="csrf" value="[0-9a-f]*"' |
		head -1 | sed 's/.*value="//; s/"$//'
}
# post JAR PATH name=value...: a form POST from this site, with the token.
post() {
	local jar=$1 p=$2 tok args=()
	shift 2
	tok=$(form_token "$jar" "${FORM_PAGE:-$p}")
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	http POST "$p" -c "$jar" -b "$jar" -H "Origin: $URL" \
		--data-urlencode "csrf=$tok" "${args[@]}"
}
# signin JAR EMAIL PASSWORD
signin() { FORM_PAGE=/signin post "$1" /signin "email=$2" "password=$3"; }
# The newest message to ADDR, once the queue is delivered (by this call
# or by the running sender, which may hold a message for a moment).
mail_to() {
	local i f
	for i in $(seq 1 50); do
		"$ROOT/portico-admin" -c "$STATE/portico.conf" send-mail --once >/dev/null 2>&1
		if [ "$(mariadb --defaults-extra-file="$STATE/my.cnf" -N -e \
		    "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND to_addr = '$1' AND attempts = 0")" = 0 ]; then
			f=$(grep -l -i "^To: .*$1" "$STATE"/mail/*.eml 2>/dev/null | sort | tail -1)
			[ -n "$f" ] && { echo "$f"; return; }
		fi
		sleep 0.2
	done
}
mail_count() { grep -l -i "^To: .*$1" "$STATE"/mail/*.eml 2>/dev/null | wc -l; }
link_in() { grep -o "$URL$2?token=[0-9a-f]\{64\}" "$1" | head -1; }
