#!/usr/bin/env bash
# The shipped deployment, with its users apart: the pool runs as the
# systemd unit's User= and Group= (conf/portico.service) and may write only
# to its own folders, nginx's workers run as www-data with the page cache
# of conf/nginx.conf, and nginx's cache folder is nginx's alone (0700
# www-data, as nginx makes it).  A staff member unpublishes an article
# through this pool: anonymous visitors stop getting it from the cache
# within seconds, and nginx never finds its files gone behind it.
. "$(dirname "$0")/../lib.sh"
N=10
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null ||
    ! getent passwd www-data >/dev/null; then
	for i in $(seq 1 $N); do ok "skipped: needs root, setpriv and www-data # SKIP"; done
	done_testing
	exit
fi
UNIT=$ROOT/conf/portico.service
PUSER=$(sed -n 's/^User=//p' "$UNIT")
PGROUP=$(sed -n 's/^Group=//p' "$UNIT")
SEC=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
SLUG=t95-kestrel

id -u "$PUSER" >/dev/null 2>&1 ||
	useradd --system --gid "$PGROUP" --home-dir /nonexistent \
		--shell /usr/sbin/nologin "$PUSER"
check "the unit's user exists, in the web server's group" \
	bash -c "id -gn '$PUSER' | grep -qx '$PGROUP'"

# The installed layout: programs and themes owned by root, readable by
# all; the runtime and state folders the unit makes (RuntimeDirectory=,
# StateDirectory=, mode 0750, owned by User:Group); nginx's own folders.
D=$(mktemp -d /tmp/portico-deploy.XXXXXX)
chmod 755 "$D"
trap 'kill $(cat "$D/nginx/nginx.pid" "$D/run/portico.pid" 2>/dev/null) 2>/dev/null
	sleep 0.5; rm -rf "$D" "$T"' EXIT
mkdir -p "$D/share" "$D/run" "$D/files" "$D/log" "$D/nginx/tmp"
cp "$ROOT/portico-fcgi" "$D/share/"
cp -r "$ROOT/xslt" "$D/share/xslt"
chmod -R a+rX "$D/share"
chown "$PUSER:$PGROUP" "$D/run" "$D/files" "$D/log"
chmod 0750 "$D/run" "$D/files" "$D/log"
chown www-data "$D/nginx/tmp"
port=$(free_port)
# The configuration of the pool: the instance's database, the workers'
# database user only (no admin_db_user), readable by the pool alone.
sed -e "s|^listen = .*|listen = unix:$D/run/portico.sock|" \
    -e "s|^socket_group = .*|socket_group = $PGROUP|" \
    -e "s|^themes_dir = .*|themes_dir = $D/share/xslt|" \
    -e "s|^lock_dir = .*|lock_dir = $D/run|" \
    -e "s|^log_file = .*|log_file = $D/log/portico.log|" \
    -e "s|^files_dir = .*|files_dir = $D/files|" \
    -e "s|^workers = .*|workers = 2|" \
    -e "s|^site_url = .*|site_url = http://127.0.0.1:$port|" \
    -e "s|^page_cache_seconds = .*|page_cache_seconds = 60|" \
    -e "s|^page_cache_check_seconds = .*|page_cache_check_seconds = 1|" \
    -e '/^admin_db_/d' "$STATE/portico.conf" >"$D/portico.conf"
chown "$PUSER" "$D/portico.conf"
chmod 0400 "$D/portico.conf"
# As the unit starts it: its user and group, no new privileges, no
# capabilities.
AS_POOL=(setpriv --reuid="$PUSER" --regid="$PGROUP" --init-groups
	--no-new-privs --inh-caps=-all --bounding-set=-all)
setsid "${AS_POOL[@]}" "$D/share/portico-fcgi" -c "$D/portico.conf" \
	-p "$D/run/portico.pid" </dev/null >>"$D/journal.log" 2>&1 &
wait_for 10 test -S "$D/run/portico.sock"

# conf/nginx.conf itself, with this installation's places.
sed -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$port;|" \
    -e "s|unix:/run/portico/portico.sock|unix:$D/run/portico.sock|" \
    -e "s|/usr/local/share/portico/xslt|$D/share/xslt|" \
    -e "s|/var/lib/portico/files/|$D/files/|" \
    -e "s|/var/cache/portico/pages|$D/cache|" \
    "$ROOT/conf/nginx.conf" >"$D/nginx/site.conf"
cat >"$D/nginx/nginx.conf" <<CONF
user www-data;
worker_processes 1;
pid $D/nginx/nginx.pid;
error_log $D/nginx/error.log info;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $D/nginx/tmp/body; fastcgi_temp_path $D/nginx/tmp/fcgi;
    proxy_temp_path $D/nginx/tmp/proxy; uwsgi_temp_path $D/nginx/tmp/uwsgi;
    scgi_temp_path $D/nginx/tmp/scgi;
    include $D/nginx/site.conf;
}
CONF
nginx -e "$D/nginx/error.log" -c "$D/nginx/nginx.conf" -p "$D/nginx"
URL=http://127.0.0.1:$port
wait_for 10 curl -fs -o /dev/null "$URL/healthz"

check "the pool runs as the unit's user" \
	test "$(ps -o user= -p "$(cat "$D/run/portico.pid")")" = "$PUSER"
check "nginx's workers run as www-data" \
	bash -c "ps -o user= --ppid '$(cat "$D/nginx/nginx.pid")' | grep -qx www-data"

# A staff member publishes an article through this pool.
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 't95-editor@northwind.example'; DELETE FROM items WHERE slug = '$SLUG'"
db -e "INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled) VALUES ('t95-editor@northwind.example', 'Tuula Editor', 'active', 'agent', '$SEC', 1)"
echo "staff-password-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" \
	set-password t95-editor@northwind.example >/dev/null
E=$T/editor
signin "$E" t95-editor@northwind.example staff-password-2026
FORM_PAGE=/signin/2fa post "$E" /signin/2fa "code=$(oathtool --totp -b "$SEC")"
save() {
	local tok
	tok=$(form_token "$E" "$1")
	shift
	http POST /staff/content/save -b "$E" -c "$E" -H "Origin: $URL" -F "csrf=$tok" \
		-F kind=article -F lang=en -F "category=Testing/Deploy" \
		-F "summary=Made by the deployment test" -F "title=Deploy test kestrel" \
		-F slug=$SLUG -F "body=The kestrel hovers." "$@"
}
save /staff/content/new -F id=0 -F version=0 -F action=publish
id=$(db -e "SELECT id FROM items WHERE slug = '$SLUG'")
check "published through the pool" \
	test "$(db -e "SELECT status FROM items WHERE slug = '$SLUG'")" = published

http GET /a/$SLUG
http GET /a/$SLUG
check "an anonymous visitor gets the article from nginx's cache" header_has X-Cache 'HIT|REVALIDATED'
check "the article itself" body_has 'kestrel hovers'
check "the pool's user cannot write to nginx's cache folder" \
	bash -c "test -d '$D/cache' && ! setpriv --reuid='$PUSER' --regid='$PGROUP' --init-groups test -w '$D/cache'"

ver=$(db -e "SELECT version FROM items WHERE id = $id")
save "/staff/content/$id" -F id="$id" -F version="$ver" -F action=unpublish
check "unpublished through the pool" \
	test "$(db -e "SELECT status FROM items WHERE id = $id")" = draft
check "within seconds, anonymous visitors no longer get it from the cache" \
	wait_for 5 bash -c "test \$(curl -s -o /dev/null -w '%{http_code}' '$URL/a/$SLUG') = 404"
check "nginx never found its cache files removed behind it" \
	bash -c "! grep -E '\[(crit|alert|emerg)\]' '$D/nginx/error.log'"

db -e "DELETE FROM items WHERE slug = '$SLUG'; DELETE FROM users WHERE email = 't95-editor@northwind.example'"
done_testing
