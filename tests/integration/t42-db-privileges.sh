#!/usr/bin/env bash
# Least privilege in the database: the workers' user (db_user) reads and
# writes rows and can change no schema and grant nothing; portico-admin's
# migrations go through admin_db_user.
. "$(dirname "$0")/../lib.sh"
key() { awk -v k="$1" '$1 == k {print $3}' "$STATE/portico.conf"; }
WU=$(key db_user)
AU=$(key admin_db_user)
root_sql() { mariadb --no-defaults --socket="$STATE/run/mysqld.sock" -u "$(id -un)" -N -B -e "$1"; }
# as_worker SQL: run SQL as the workers' user; its error goes to $T/err.
as_worker() {
	MYSQL_PWD=$(key db_password) mariadb --no-defaults \
		--socket="$STATE/run/mysqld.sock" -u "$WU" -D "${DBNAME:-portico}" \
		-N -B -e "$1" 2>"$T/err"
}
denied() { ! as_worker "$1" && grep -q 'denied' "$T/err"; }

check "the instance has a user of its own for portico-admin" \
	bash -c "test -n '$AU' && test '$AU' != '$WU'"
db -e "DROP TABLE IF EXISTS t42_victim; CREATE TABLE t42_victim (id INT PRIMARY KEY); INSERT INTO t42_victim VALUES (1)"
check "the workers' user reads rows" as_worker "SELECT COUNT(*) FROM t42_victim"
check "the workers' user writes rows" as_worker "INSERT INTO t42_victim VALUES (2); UPDATE t42_victim SET id = 3 WHERE id = 2; DELETE FROM t42_victim WHERE id = 3"
check "the workers' user cannot create a table" denied "CREATE TABLE t42_new (id INT)"
check "the workers' user cannot drop a table" denied "DROP TABLE t42_victim"
check "the workers' user cannot alter a table" denied "ALTER TABLE t42_victim ADD COLUMN x INT"
check "the workers' user cannot add an index" denied "CREATE INDEX t42_i ON t42_victim (id)"
check "the workers' user cannot empty a table wholesale (TRUNCATE)" denied "TRUNCATE TABLE t42_victim"
check "the workers' user cannot grant" denied "GRANT SELECT ON portico.* TO '$AU'@'localhost'"
check "the workers' user cannot create a database" denied "CREATE DATABASE t42_db"
check "the table is still there" test "$(db -e "SELECT COUNT(*) FROM t42_victim")" = 1
db -e "DROP TABLE t42_victim"

# Migrations on an empty database with the quickstart's grants: through
# the workers' user they are refused, through admin_db_user they apply.
root_sql "DROP DATABASE IF EXISTS portico_privtest; CREATE DATABASE portico_privtest;
	GRANT SELECT, INSERT, UPDATE, DELETE ON portico_privtest.* TO '$WU'@'localhost';
	GRANT ALL ON portico_privtest.* TO '$AU'@'localhost';"
sed -e 's|^db_name = .*|db_name = portico_privtest|' "$STATE/portico.conf" >"$T/admin.conf"
sed -e '/^admin_db_/d' "$T/admin.conf" >"$T/worker.conf"
"$ROOT/portico-admin" -c "$T/worker.conf" migrate >"$T/out" 2>&1
rc=$?
check "migrate as the workers' user: refused" \
	bash -c "test $rc != 0 && grep -q 'denied' '$T/out'"
check "migrate through admin_db_user: applies" "$ROOT/portico-admin" -c "$T/admin.conf" migrate
migrated() { DBNAME=portico_privtest as_worker "SELECT COUNT(*) FROM schema_migrations"; }
check "the workers' user reads the migrated tables" migrated
root_sql "DROP DATABASE portico_privtest"
done_testing
