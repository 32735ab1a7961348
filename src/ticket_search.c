/*
 * Tickets in the search index, for the staff queue's search box.
 *
 * A ticket is one document (kind "ticket", id TICKET_DOC_BASE + the
 * ticket's id) written through search_doc_put()'s path: its subject as
 * the title and its messages (internal notes too: only staff read these
 * documents) as the text.  Its facet words say the queue's filters
 * (§t status, §r priority, §d department) and a visibility no customer
 * or visitor search asks for: §vstaff, which a signed-in customer's
 * search never requires and a visitor's excludes, and search_run()
 * excludes §kticket from every search but the queue's, so a ticket's
 * words find nothing, and count nothing, in /search, its suggestions or
 * the ticket form's deflection.  ticket.c calls ticket_index() after
 * each change of a subject, message, status, priority or department;
 * `portico-admin reindex` writes every ticket again.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "portico.h"

/* A document's text is cut at 256 KiB of its first 100 messages: the
 * first messages say what a ticket is about. */
#define TICKET_DOC_TEXT		(256 * 1024)

enum { TD_ID, TD_REF, TD_SUBJECT, TD_LANG, TD_STATUS, TD_PRIORITY,
    TD_DEPT, TD_ACCOUNT, TD_UPDATED, TD__MAX };
static struct dbstmt q_ticket_doc = DBSTMT_COLS(
    "SELECT id, ref, subject, lang, status, priority, department_id, "
    "account_id, DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM tickets WHERE id = ?", TD__MAX);
enum { TM_BODY, TM__MAX };
static struct dbstmt q_ticket_doc_messages = DBSTMT_COLS(
    "SELECT body FROM ticket_messages WHERE ticket_id = ? AND "
    "author_kind <> 'system' ORDER BY id LIMIT 100", TM__MAX);
/* As search_doc_put()'s statement, with the ticket's own facet words. */
static struct dbstmt q_ticket_doc_add = DBSTMT(
    "INSERT INTO search_source (id, kind, item_id, lang, category_id, "
    "product, visibility, account_id, url, title, plain, title_terms, "
    "body_terms, updated_at, facets, rev, deleted, changed_at) "
    "SELECT ? + x.item_id, 'ticket', x.item_id, x.lang, 0, '', 'staff', "
    "x.account_id, x.url, x.title, x.plain, x.title_terms, x.body_terms, "
    "STR_TO_DATE(x.updated_at, '%Y-%m-%dT%H:%i:%sZ'), CONCAT_WS(' ', "
    "'§kticket', '§vstaff', CONCAT('§l', x.lang), CONCAT('§t', x.status), "
    "CONCAT('§r', x.priority), CONCAT('§d', x.department_id)), 1, 0, "
    "UTC_TIMESTAMP(6) FROM (SELECT ? AS item_id, ? AS lang, "
    "? AS account_id, ? AS url, ? AS title, ? AS plain, ? AS title_terms, "
    "? AS body_terms, ? AS updated_at, ? AS status, ? AS priority, "
    "? AS department_id) x ON DUPLICATE KEY UPDATE kind = VALUES(kind), "
    "item_id = VALUES(item_id), lang = VALUES(lang), "
    "category_id = VALUES(category_id), product = VALUES(product), "
    "visibility = VALUES(visibility), account_id = VALUES(account_id), "
    "url = VALUES(url), title = VALUES(title), plain = VALUES(plain), "
    "title_terms = VALUES(title_terms), body_terms = VALUES(body_terms), "
    "updated_at = VALUES(updated_at), facets = VALUES(facets), "
    "rev = search_source.rev + 1, deleted = 0, "
    "changed_at = VALUES(changed_at)");
/* One column, the id (search_index_each()). */
static struct dbstmt q_tickets_after = DBSTMT_COLS(
    "SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT 500", 1);

/* The text of ticket id's messages (Markdown made plain) into b. */
static int
ticket_doc_text(unsigned id, struct buf *b)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	size_t		 i;
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_ticket_doc_messages, &res, 1, a)) != DB_OK)
		return e;
	for (i = 0; i < res->nrows && b->len < TICKET_DOC_TEXT; i++) {
		markdown_plain(dbres_get(res, i, TM_BODY), b);
		buf_add(b, "\n", 1);
	}
	dbres_free(res);
	/* Cut at a character's start, never inside one. */
	if (b->len > TICKET_DOC_TEXT) {
		b->len = TICKET_DOC_TEXT;
		while (b->len > 0 && ((unsigned char)b->p[b->len] & 0xc0) ==
		    0x80)
			b->len--;
		b->p[b->len] = '\0';
	}
	buf_adds(b, "");
	return DB_OK;
}

/* Write the document of the ticket row t (q_ticket_doc's). */
static int
ticket_doc_put(const struct dbres *t)
{
	struct buf	 plain = { NULL, 0, 0 }, tt = { NULL, 0, 0 };
	struct buf	 bt = { NULL, 0, 0 }, url = { NULL, 0, 0 };
	const char	*lang = dbres_get(t, 0, TD_LANG);
	unsigned	 id = (unsigned)strtoul(dbres_get(t, 0, TD_ID), NULL, 10);
	struct dbarg	 a[13];
	int		 e;

	if ((e = ticket_doc_text(id, &plain)) != DB_OK)
		goto out;
	text_terms(lang, dbres_get(t, 0, TD_SUBJECT), &tt);
	text_terms(lang, plain.p, &bt);
	buf_adds(&tt, "");
	buf_adds(&bt, "");
	buf_printf(&url, "/staff/tickets/%s", dbres_get(t, 0, TD_REF));
	a[0] = DBI(TICKET_DOC_BASE);
	a[1] = DBI(id);
	a[2] = DBS(lang);
	a[3] = DBI(strtoul(dbres_get(t, 0, TD_ACCOUNT), NULL, 10));
	a[4] = DBS(url.p);
	a[5] = DBS(dbres_get(t, 0, TD_SUBJECT));
	a[6] = DBS(plain.p);
	a[7] = DBS(tt.p);
	a[8] = DBS(bt.p);
	a[9] = DBS(dbres_get(t, 0, TD_UPDATED));
	a[10] = DBS(dbres_get(t, 0, TD_STATUS));
	a[11] = DBS(dbres_get(t, 0, TD_PRIORITY));
	a[12] = DBI(strtoul(dbres_get(t, 0, TD_DEPT), NULL, 10));
	if ((e = db_exec(&q_ticket_doc_add, NULL, NULL, 13, a)) == DB_OK)
		e = search_local_apply(TICKET_DOC_BASE + id);
out:
	buf_free(&plain);
	buf_free(&tt);
	buf_free(&bt);
	buf_free(&url);
	return e;
}

/*
 * Bring ticket id's document up to date: written from the ticket and
 * its messages, removed when the ticket is gone.  Returns a dberr.
 */
int
ticket_index(unsigned id)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBI(id);
	if ((e = db_query(&q_ticket_doc, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		e = ticket_doc_put(res);
	else
		e = search_doc_remove(TICKET_DOC_BASE + id);
	dbres_free(res);
	return e;
}

/* Write every ticket's document again (portico-admin reindex); *n
 * counts them. */
int
ticket_reindex(size_t *n)
{
	return search_index_each(&q_tickets_after, ticket_index, n);
}
