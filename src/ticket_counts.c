/*
 * The ticket counts: ticket_account_counts (per account, department,
 * requester and status: the customer's list) and ticket_queue_counts (per
 * department, assignee and status: the staff queue's views).  Triggers on
 * tickets keep them as tickets change (migration 035); ticket_recount()
 * counts both again from the tickets, for `portico-admin
 * tickets-refresh` after a restore or a bulk load with the triggers off.
 */
#include "config.h"

#include <stdlib.h>

#include "portico.h"

static struct dbstmt q_clear_account = DBSTMT(
    "DELETE FROM ticket_account_counts");
static struct dbstmt q_count_account = DBSTMT(
    "INSERT INTO ticket_account_counts (account_id, department_id, "
    "requester_id, status, n) SELECT account_id, department_id, "
    "requester_id, status, COUNT(*) FROM tickets "
    "GROUP BY account_id, department_id, requester_id, status");
static struct dbstmt q_clear_queue = DBSTMT(
    "DELETE FROM ticket_queue_counts");
static struct dbstmt q_count_queue = DBSTMT(
    "INSERT INTO ticket_queue_counts (department_id, assignee_id, status, "
    "n) SELECT department_id, COALESCE(assignee_id, 0), status, COUNT(*) "
    "FROM tickets GROUP BY department_id, COALESCE(assignee_id, 0), "
    "status");

/*
 * In one transaction: the tickets read are locked until it ends, so a
 * ticket written meanwhile waits, and its trigger counts it after.
 */
static int
recount_tx(void *arg)
{
	uint64_t	*n = arg, rows;
	int		 e;

	if ((e = db_exec(&q_clear_account, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_count_account, &rows, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_clear_queue, NULL, NULL, 0, NULL)) != DB_OK ||
	    (e = db_exec(&q_count_queue, NULL, NULL, 0, NULL)) != DB_OK)
		return e;
	*n = rows;
	return DB_OK;
}

/* Count the tickets again; *rows: the account count rows written. */
int
ticket_recount(uint64_t *rows)
{
	*rows = 0;
	return db_tx(recount_tx, rows);
}
