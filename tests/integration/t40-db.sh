#!/usr/bin/env bash
# MariaDB going away and coming back; the migration command.
. "$(dirname "$0")/../lib.sh"

qs() { PORTICO_STATE=$STATE "$ROOT/quickstart" "$@" >/dev/null 2>&1; }

# A cookie the page cache reads as personal: the workers answer.
NC=(-b csrf=nocache)
before=$(worker_pids)
qs _db-stop
http GET / "${NC[@]}"
check "database down: 503" status_is 503
check "database down: themed page" themed
check "database down: says so" body_has 'cannot answer right now'
check "database down: not cached" header_has Cache-Control no-store
http GET /p/about -H 'Accept-Language: fa' "${NC[@]}"
check "database down: 503 in Persian too" body_has 'موقتاً در دسترس نیست'
http GET /healthz
check "database down: health check 503" status_is 503
check "database down: workers keep running" test "$(worker_pids)" = "$before"
check "database down: logged" log_has 'db: connect: '
qs _db-start
check "database back: pages answer again by themselves" \
	wait_for 10 bash -c "test \$(curl -s -o /dev/null -w '%{http_code}' '$URL/p/about') = 200"
http GET /
check "database back: the home page has its content" body_has 'About Northwind Hosting'
check "database back: same workers, no restart needed" test "$(worker_pids)" = "$before"

# Migrations, on a database of their own.
admin() { "$ROOT/portico-admin" -c "$T/mig.conf" "$@"; }
mariadb --no-defaults --socket="$STATE/run/mysqld.sock" -u "$(id -un)" -e \
	"DROP DATABASE IF EXISTS portico_migtest; CREATE DATABASE portico_migtest;
	 GRANT ALL ON portico_migtest.* TO 'portico_admin'@'localhost';"
sed -e 's|^db_name = .*|db_name = portico_migtest|' \
	-e "s|^sql_dir = .*|sql_dir = $T/sql|" "$STATE/portico.conf" >"$T/mig.conf"
mkdir "$T/sql"
cp "$ROOT"/sql/[0-9]*.sql "$T/sql/"
admin migrate --status >"$T/out" 2>&1
check "migrate --status: all pending on an empty database" \
	bash -c "grep -q '^pending  001_pages.sql' '$T/out' && ! grep -q '^applied' '$T/out'"
check "migrate: applies them" admin migrate
admin migrate --status >"$T/out" 2>&1
check "migrate --status: applied, with a date" grep -qE '^applied  001_pages.sql  [0-9]{4}-' "$T/out"
check "migrate again: nothing to do, success" admin migrate
# One migrate at a time, through a row every node of a cluster sees (not
# GET_LOCK, which Galera refuses): two at once both end well, one
# waiting; a lock left by a migrate that died expires.
check "no GET_LOCK in the migrate command" bash -c "! grep -q 'SELECT GET_LOCK' '$ROOT/src/migrate.c'"
admin migrate >"$T/m1" 2>&1 & m1=$!
admin migrate >"$T/m2" 2>&1; rc2=$?
wait $m1; rc1=$?
check "two migrates at once: both succeed" test "$rc1$rc2" = 00
check "the lock is given back" \
	test "$(db -D portico_migtest -e "SELECT COUNT(*) FROM schema_lock")" = 0
db -D portico_migtest -e "INSERT INTO schema_lock VALUES (1, 'a migrate that died', UTC_TIMESTAMP() - INTERVAL 1 SECOND)"
check "an expired lock does not block" admin migrate
printf 'CREATE TABLE mig_ok (id INT PRIMARY KEY);\n' >"$T/sql/900_ok.sql"
printf -- '-- a comment; with a semicolon\nCREATE TABLE mig_a (id INT);\n\nCREATE TABLE mig_b (id INT, s VARCHAR(9) DEFAULT %s);\nCREATE TABL mig_broken (id INT);\n' "'a;b'" >"$T/sql/901_bad.sql"
printf 'CREATE TABLE mig_after (id INT);\n' >"$T/sql/902_after.sql"
admin migrate >"$T/out" 2>&1
rc=$?
check "a failing migration: non-zero exit" test "$rc" != 0
check "a failing migration: earlier files applied" grep -q '^applied  900_ok.sql' "$T/out"
check "a failing migration: file, statement and line named" \
	grep -qE '901_bad.sql, statement 3 \(line 5\) failed: 1064' "$T/out"
check "a failing migration: later files not applied" \
	bash -c "! mariadb --defaults-extra-file='$STATE/my.cnf' -D portico_migtest -e 'SELECT 1 FROM mig_after' 2>/dev/null"
check "a failing migration: not recorded" \
	test "$(db -D portico_migtest -e "SELECT COUNT(*) FROM schema_migrations WHERE version = 901")" = 0
rm "$T/sql/901_bad.sql"
admin migrate >/dev/null 2>&1
shipped=$(ls "$ROOT"/sql/[0-9]*.sql | wc -l)
check "after the fix, the rest applies" \
	test "$(db -D portico_migtest -e "SELECT COUNT(*) FROM schema_migrations")" = $((shipped + 2))
printf '\n-- edited after it was applied\n' >>"$T/sql/900_ok.sql"
admin migrate >"$T/out" 2>&1
rc=$?
check "an applied file that changed: refused" test "$rc" != 0
check "an applied file that changed: named" grep -q '900_ok.sql has changed since it was applied' "$T/out"
printf 'SELECT 1;\n' >"$T/sql/9x_bad_name.sql"
printf 'SELECT 1;\n' >"$T/sql/001_twice.sql"
admin migrate >"$T/out" 2>&1
check "two files with one number: refused" grep -q 'share a number' "$T/out"
mariadb --no-defaults --socket="$STATE/run/mysqld.sock" -u "$(id -un)" -e \
	"DROP DATABASE portico_migtest"
done_testing
