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
worker_pids() { pgrep -P "$(pool_pid)" -x portico-fcgi | sort; }
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
# post2 JAR FORM_PAGE PATH name=value...: post() to the second pool
# (second_instance), from the site: its site_url is the main one's.
post2() {
	local jar=$1 fp=$2 p=$3 main=$URL tok args=()
	shift 3
	tok=$(URL=$URL2 form_token "$jar" "$fp")
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	URL=$URL2 http POST "$p" -c "$jar" -b "$jar" -H "Origin: $main" \
		--data-urlencode "csrf=$tok" "${args[@]}"
}
# signin JAR EMAIL PASSWORD
signin() { FORM_PAGE=/signin post "$1" /signin "email=$2" "password=$3"; }
# The mail files (in the instance's mail folder) with a line matching
# the grep pattern PAT, case-insensitive; by find, since a folder that
# many runs filled has more files than one command line takes.
mail_files() {
	find "$STATE/mail" -maxdepth 1 -name '*.eml' -exec grep -l -i -e "$1" {} + 2>/dev/null
}
# The newest message to ADDR, once the queue is delivered (by this call
# or by the running sender, which may hold a message for a moment).
mail_to() {
	local i f
	for i in $(seq 1 50); do
		"$ROOT/portico-admin" -c "$STATE/portico.conf" send-mail --once >/dev/null 2>&1
		if [ "$(mariadb --defaults-extra-file="$STATE/my.cnf" -N -e \
		    "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND to_addr = '$1' AND attempts = 0")" = 0 ]; then
			f=$(mail_files "^To: .*$1" | sort | tail -1)
			[ -n "$f" ] && { echo "$f"; return; }
		fi
		sleep 0.2
	done
}
mail_count() { mail_files "^To: .*$1" | wc -l; }
link_in() { grep -o "$URL$2?token=[0-9a-f]\{64\}" "$1" | head -1; }

# free_port: a loopback port nothing listens on, below the kernel's
# ephemeral range (32768 up), so no client connection of a test running
# beside this one holds it.
free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 12000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

# second_instance "config lines" "fastcgi_param lines": a second pool with
# the main configuration plus the given lines, behind a second nginx on a
# free port; sets URL2 and stops both when the test ends.
second_instance() {
	S=$T/second
	mkdir -p "$S/tmp"
	chmod 755 "$T" "$S"
	sed -e "s|^listen = .*|listen = unix:$S/portico.sock|" \
	    -e "s|^log_file = .*|log_file = $S/portico.log|" \
	    "$STATE/portico.conf" >"$S/portico.conf"
	printf '%s\n' "$1" >>"$S/portico.conf"
	"$ROOT/portico-fcgi" -c "$S/portico.conf" -p "$S/portico.pid" \
		</dev/null >>"$S/portico.log" 2>&1 &
	wait_for 10 test -S "$S/portico.sock"
	local port user_line="" try
	[ "$(id -u)" = 0 ] && user_line="user root;"
	# Another test may take the port first: a failed start tries again.
	for try in 1 2 3 4 5 6 7 8; do
	port=$(free_port)
	cat >"$S/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $S/nginx.pid;
error_log $S/nginx-error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $S/tmp/body; fastcgi_temp_path $S/tmp/fcgi;
    proxy_temp_path $S/tmp/proxy; uwsgi_temp_path $S/tmp/uwsgi; scgi_temp_path $S/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        location / {
            fastcgi_pass unix:$S/portico.sock;
            fastcgi_param REQUEST_METHOD \$request_method;
            fastcgi_param REQUEST_URI \$request_uri;
            fastcgi_param QUERY_STRING \$query_string;
            fastcgi_param CONTENT_TYPE \$content_type;
            fastcgi_param CONTENT_LENGTH \$content_length;
            fastcgi_param REMOTE_ADDR \$remote_addr;
            fastcgi_param HTTP_HOST \$http_host;
            $2
        }
    }
}
CONF
	nginx -e "$S/nginx-error.log" -c "$S/nginx.conf" -p "$S" 2>/dev/null && break
	[ "$try" = 8 ] && echo "# second nginx did not start: $(tail -1 "$S/nginx-error.log")"
	done
	trap 'kill $(cat "$S/nginx.pid") $(cat "$S/portico.pid") 2>/dev/null; sleep 0.5; rm -rf "$T"' EXIT
	URL2="http://127.0.0.1:$port"
	wait_for 10 curl -s -o /dev/null "$URL2/healthz"
}
