/*
 * What the customer's ticket pages share: the attachments a new ticket
 * or a reply carries (checked, typed by their bytes and kept like
 * downloads before the message is saved; their rows are written by
 * ticket.c in the message's own transaction), the
 * deflection records (which articles the new-ticket form suggested,
 * which one the visitor opened, whether they then opened a ticket),
 * the access rule's arguments for a customer, times in the viewer's
 * own zone and language (sla_format_date()), and the one-time key of a
 * form that opens a ticket (a double click opens one).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "portico.h"

/* ---- attachments --------------------------------------------------------- */

/*
 * Check and keep the form's attachment parts (name "attachment", as
 * many as ticket_max_attachments, each up to ticket_max_attachment
 * bytes of an upload_types type).  Empty parts (a file input left
 * empty) are skipped.  Returns NULL with *out and *n set (arena), or
 * the form error: "ticket-attachments" or files.c's upload-*.
 */
const char *
attach_take(struct req *r, struct attach **out, size_t *n)
{
	struct attach	*at;
	const char	*err;
	size_t		 i, k = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < r->form.n; i++)
		if (r->form.v[i].filename != NULL && r->form.v[i].vlen > 0)
			k++;
	if (k == 0)
		return NULL;
	if (k > (size_t)conf->ticket_max_attachments)
		return "ticket-attachments";
	at = arena_alloc(r->arena, k * sizeof(*at));
	for (i = 0; i < r->form.n; i++) {
		const struct kv	*p = &r->form.v[i];

		if (p->filename == NULL || p->vlen == 0 ||
		    strcmp(p->key, "attachment"))
			continue;
		if ((err = file_put(r, p, (size_t)conf->ticket_max_attachment,
		    &at[*n].type, &at[*n].name, at[*n].sha)) != NULL)
			return err;
		at[*n].size = p->vlen;
		(*n)++;
	}
	*out = at;
	return NULL;
}

/*
 * The attachment field of form, and its limits on pg (the page's own
 * element) for the theme to say: @max-attachments, @max-mb.
 */
void
attach_form(xmlNodePtr pg, xmlNodePtr form, const char *error)
{
	if (conf->ticket_max_attachments == 0)
		return;
	xml_attr(form_field(form, "attachment", "file", NULL, error), "label",
	    "tickets.field-attachment");
	xml_attrf(pg, "max-attachments", "%d", conf->ticket_max_attachments);
	xml_attrf(pg, "max-mb", "%d", (conf->ticket_max_attachment +
	    (1 << 20) - 1) >> 20);
}

/*
 * The answer to a ticket.c error e that the caller does not handle
 * itself: a database error, or the themed page of a ticket that is
 * gone (404), in a state that does not allow the change (409), or
 * without a service-level policy (503).
 */
int
ticket_fail(struct req *r, int e)
{
	switch (e) {
	case TICKET_ENOENT:
		return 404;
	case TICKET_EPOLICY:
		return page_error(r, 503, "ticket-policy", NULL);
	case TICKET_ECOLLISION:
	case TICKET_EEXPIRED:
	case TICKET_ESTATE:
		return page_error(r, 409, "ticket-state", NULL);
	default:
		return HTTP_DB(e);
	}
}

/*
 * Send a ticket's attachment, once the caller has checked access.  A
 * mail's files are typed by their bytes, whatever they are: one of a
 * type an upload may not have (an SVG, HTML, a script) goes out as
 * application/octet-stream, so no browser shows or runs it on the
 * portal's origin, and every file under a sandbox policy.  Returns
 * file_send()'s status.
 */
int
attach_send(struct req *r, const char *name, const char *type,
    const char *sha)
{
	req_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
	return file_send(r, name, file_type_allowed(type) ? type :
	    "application/octet-stream", sha);
}

/* ---- a form sent twice -------------------------------------------------- */

/*
 * A new one-time value for a form that opens a ticket (the new-ticket
 * form, the reply form: a reply too late opens one), sent back as its
 * hidden "once": 64 hex digits in r's arena, or NULL.
 */
const char *
ticket_once(struct req *r)
{
	unsigned char	 raw[32];
	char		*hex = arena_alloc(r->arena, 65);

	if (random_bytes(raw, sizeof(raw)) == -1)
		return NULL;
	hex_encode(hex, raw, sizeof(raw));
	return hex;
}

/*
 * The ticket model's form_key of a form sent with once and what it
 * says (texts[], n of them): the same form sent again with the same
 * texts (a double click, a resent POST) has the same key and opens no
 * second ticket; the form sent back with other texts is another
 * ticket.  NULL (no key) when the form had no once.  In r's arena.
 */
const char *
ticket_form_key(struct req *r, const char *once, const char *const texts[],
    size_t n)
{
	struct buf	 b = { NULL, 0, 0 };
	unsigned char	 h[32];
	char		*hex;
	size_t		 i;

	if (once == NULL || *once == '\0')
		return NULL;
	buf_adds(&b, once);
	/* Each text ends with a NUL: ("ab", "c") is not ("a", "bc"). */
	for (i = 0; i < n; i++)
		buf_add(&b, texts[i] != NULL ? texts[i] : "",
		    (texts[i] != NULL ? strlen(texts[i]) : 0) + 1);
	sha256(b.p, b.len, h);
	buf_free(&b);
	hex = arena_alloc(r->arena, 65);
	hex_encode(hex, h, sizeof(h));
	return hex;
}

/* ---- deflection ---------------------------------------------------------- */

static struct dbstmt q_deflect = DBSTMT(
    "INSERT INTO ticket_deflections (at, user_id, lang, query, item_id, "
    "outcome) VALUES (UTC_TIMESTAMP(), NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?)");

/*
 * Record one deflection event (outcome "suggested", "opened" or
 * "submitted") of r's visitor for query; *id (may be NULL) the row.
 */
int
deflection_log(struct req *r, const char *outcome, const char *query,
    unsigned item_id, uint64_t *id)
{
	struct dbarg	a[5];
	char		q[301];
	size_t		n = strlen(query);

	/* The column holds 300 characters; a subject has at most 300. */
	if (n > 300) {
		n = 300;
		while (n > 0 && ((unsigned char)query[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(q, query, n);
	q[n] = '\0';
	a[0] = DBI(r->user ? r->user->id : 0);
	a[1] = DBS(r->cat->code);
	a[2] = DBS(q);
	a[3] = DBI(item_id);
	a[4] = DBS(outcome);
	return db_exec(&q_deflect, NULL, id, 5, a);
}

/* ---- access -------------------------------------------------------------- */

/*
 * TICKET_ACCESS_ARGS for the customer pages: the model's rule, but
 * never the staff clause (staff work in the queue, not as a customer;
 * here they have no account, so they see nothing).
 */
void
ticket_customer_args(const struct req *r, struct dbarg *a)
{
	ticket_access_args(r, a);
	a[0] = DBI(0);
}

/* ---- times --------------------------------------------------------------- */

/* The viewer's time zone: their setting when ICU knows it, else UTC. */
const char *
viewer_zone(const struct req *r)
{
	if (r->user != NULL && r->user->tz != NULL && *r->user->tz &&
	    sla_zone_valid(r->user->tz))
		return r->user->tz;
	return "UTC";
}

struct tfmt {
	const char	*zone, *lang;
	struct arena	*a;
};

/*
 * The times of one page (day, month, year, hour, minute) in r's
 * viewer's zone and language: sla_format_date(), whose formatter stays
 * open from page to page.
 */
struct tfmt *
tfmt_open(struct req *r)
{
	struct tfmt	*t = arena_alloc(r->arena, sizeof(*t));

	t->zone = viewer_zone(r);
	t->lang = r->cat->code;
	t->a = r->arena;
	return t;
}

/* when (UTC seconds) as the viewer reads it, from the arena; UTC in
 * ISO form when ICU refuses. */
const char *
tfmt_time(struct tfmt *t, int64_t when)
{
	const char	*s;
	time_t		 tt = (time_t)when;
	struct tm	 tm;

	if (sla_format_date(t->a, when, t->zone, t->lang, &s) == 0)
		return s;
	gmtime_r(&tt, &tm);
	return arena_printf(t->a, "%04d-%02d-%02d %02d:%02d UTC",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min);
}
