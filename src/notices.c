/*
 * Ticket notifications: the outbox ticket_notices, which ticket.c fills
 * in the same transaction as each change, rendered into mail_queue.
 *
 * Where: in the mail sender's every round (portico-admin send-mail,
 * through mail.c's mail_outbox hook), before it claims the mail that
 * is due; sla-tick only writes notices.  Several senders on several
 * hosts may run at once: a notice is claimed with SELECT ... FOR
 * UPDATE SKIP LOCKED and its mail queued and the notice marked done in
 * one transaction, so it is mailed once, never half.
 *
 * Who gets what: the customer (the ticket's requester) in their own
 * language and time zone; staff (the assignee, else the department's
 * notify_addr) in theirs or the default.  An internal note is never
 * mailed to a customer: a "reply" notice of an internal message goes
 * to nobody outside staff, and its text to nobody at all.
 *
 * Threading: every mail to the customer has its own Message-ID, and
 * In-Reply-To and References naming the thread's first message (the
 * customer's first mail, or the acknowledgement, whose Message-ID is
 * then stored as the first message's mail_id), so mail clients show
 * one thread; a staff reply's Message-ID is stored in its
 * ticket_messages.mail_id, so the customer's answer threads by
 * In-Reply-To.  Reply-To is support+TOKEN@domain (ticket_mail_address),
 * which mail-in routes back to the ticket.  Subjects carry
 * "[T-XXXXXXXX]" for clients that drop the headers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

#define BATCH	20

enum { NOTE_ID, NOTE_TICKET, NOTE_MESSAGE, NOTE_KIND, NOTE__MAX };
static struct dbstmt q_pending = DBSTMT_COLS(
    "SELECT id, ticket_id, message_id, kind FROM ticket_notices "
    "WHERE done_at IS NULL ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED",
    NOTE__MAX);
static struct dbstmt q_done = DBSTMT(
    "UPDATE ticket_notices SET done_at = NOW() WHERE id = ?");

enum { TK_REF, TK_SUBJECT, TK_STATUS, TK_PRIORITY, TK_TOKEN, TK_FIRST_DUE,
    TK_RESOLUTION_DUE, TK_FIRST_AT, TK_ASSIGNEE, TK_MERGED_REF, TK_EMAIL,
    TK_NAME, TK_LANG, TK_TZ, TK_USER_STATUS, TK_NOTIFY, TK_DEPT,
    TK_FIRST_MIN, TK__MAX };
static struct dbstmt q_ticket = DBSTMT_COLS(
    "SELECT t.ref, t.subject, t.status, t.priority, t.mail_token, "
    "t.first_response_due, t.resolution_due, t.first_response_at, "
    "t.assignee_id, mt.ref, u.email, u.name, u.language, u.time_zone, "
    "u.status, d.notify_addr, "
    "COALESCE(dn.name, d.slug), p.first_response_min "
    "FROM tickets t JOIN users u ON u.id = t.requester_id "
    "JOIN departments d ON d.id = t.department_id "
    "LEFT JOIN department_names dn ON dn.department_id = d.id AND "
    "dn.lang = u.language "
    "LEFT JOIN sla_policies p ON p.id = t.policy_id "
    "LEFT JOIN tickets mt ON mt.id = t.merged_into "
    "WHERE t.id = ?", TK__MAX);

enum { MSG_BODY, MSG_INTERNAL, MSG_KIND, MSG_AUTHOR, MSG_MAIL_ID, MSG__MAX };
static struct dbstmt q_message = DBSTMT_COLS(
    "SELECT m.body, m.internal, m.author_kind, "
    "COALESCE(a.name, m.author_email, ''), "
    "m.mail_id FROM ticket_messages m LEFT JOIN users a ON a.id = "
    "m.author_id WHERE m.id = ? AND m.ticket_id = ?", MSG__MAX);

enum { ROOT_ID, ROOT_MAIL_ID, ROOT__MAX };
static struct dbstmt q_root = DBSTMT_COLS(
    "SELECT id, mail_id FROM ticket_messages WHERE ticket_id = ? "
    "ORDER BY id LIMIT 1", ROOT__MAX);
static struct dbstmt q_set_mail_id = DBSTMT(
    "UPDATE ticket_messages SET mail_id = ? WHERE id = ? AND mail_id IS NULL");

enum { STAFF_EMAIL, STAFF_NAME, STAFF_LANG, STAFF_TZ, STAFF__MAX };
static struct dbstmt q_staff = DBSTMT_COLS(
    "SELECT email, name, language, time_zone FROM users WHERE id = ? "
    "AND portal_role IN ('agent', 'admin') AND status = 'active'",
    STAFF__MAX);

/* One notice being rendered. */
struct notice {
	struct arena	*a;
	unsigned	 ticket_id;
	uint64_t	 message_id;	/* 0: none */
	const char	*kind;
	struct dbres	*t;		/* q_ticket's row */
	struct dbres	*m;		/* q_message's row, or NULL */
	struct dbres	*t2;		/* q_root's row */
	uint64_t	 root_id;	/* the thread's first message */
	const char	*root_mail_id;	/* its Message-ID, or NULL */
};

static const char *
tget(const struct notice *n, size_t col)
{
	const char	*v = dbres_get(n->t, 0, col);

	return v ? v : "";
}

/* The domain Message-IDs are made in: the support address's, else the
 * sender's (mail_from), else a reserved one. */
static const char *
id_domain(struct arena *a)
{
	const char	*at = strrchr(conf->ticket_mail_address, '@');
	size_t		 n;

	if (at == NULL)
		at = strrchr(conf->mail_from, '@');
	if (at == NULL || (n = strcspn(at + 1, "> ")) == 0)
		return "portico.invalid";
	return arena_strndup(a, at + 1, n);
}

/* A new Message-ID (without <>), unique: the ticket's reference and 96
 * random bits. */
static char *
new_mail_id(struct notice *n)
{
	unsigned char	r[12];
	char		hex[25];

	if (random_bytes(r, sizeof(r)) == -1)
		log_fatalx("notices: no random bytes");
	hex_encode(hex, r, sizeof(r));
	return arena_printf(n->a, "%s.%s@%s", tget(n, TK_REF), hex,
	    id_domain(n->a));
}

/* support+TOKEN@domain, or NULL when mail-in is off. */
static const char *
reply_to(struct notice *n)
{
	const char	*sup = conf->ticket_mail_address, *at;

	if (sup == NULL || (at = strchr(sup, '@')) == NULL ||
	    *tget(n, TK_TOKEN) == '\0')
		return NULL;
	return arena_printf(n->a, "%.*s+%s%s", (int)(at - sup), sup,
	    tget(n, TK_TOKEN), at);
}

/* A DATETIME (UTC) as seconds, or -1. */
static int64_t
utc_seconds(const char *s)
{
	struct tm	tm;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || strptime(s, "%Y-%m-%d %H:%M:%S", &tm) == NULL)
		return -1;
	return (int64_t)timegm(&tm);
}

/* The due time as the recipient reads it, or "" . */
static const char *
due_text(struct notice *n, const char *when, const char *zone,
    const char *lang)
{
	const char	*out;
	int64_t		 t = utc_seconds(when);

	if (t < 0)
		return "";
	if (sla_format(n->a, t, zone, lang, &out) == -1 &&
	    sla_format(n->a, t, "UTC", lang, &out) == -1 &&
	    sla_format(n->a, t, "UTC", "en", &out) == -1)
		return "";
	return out;
}

/* The headers of a mail on the ticket: its Message-ID, the thread's
 * first message, Reply-To, and Auto-Submitted unless a person wrote it. */
static char *
headers(struct notice *n, const char *id, bool person)
{
	const char	*rt = reply_to(n);
	struct buf	 b = { NULL, 0, 0 };
	char		*out;

	buf_printf(&b, "Message-ID: <%s>\n", id);
	if (n->root_mail_id != NULL && strcmp(n->root_mail_id, id))
		buf_printf(&b, "In-Reply-To: <%s>\nReferences: <%s>\n",
		    n->root_mail_id, n->root_mail_id);
	if (rt != NULL)
		buf_printf(&b, "Reply-To: %s\n", rt);
	if (!person)
		buf_adds(&b, "Auto-Submitted: auto-generated\n");
	buf_add(&b, "", 1);
	out = arena_strdup(n->a, b.p);
	buf_free(&b);
	return out;
}

/* <ticket .../> for the template. */
static void
ticket_xml(struct notice *n, xmlNodePtr root, const char *zone,
    const char *lang, bool staff)
{
	xmlNodePtr	 t = xml_elem(root, "ticket");
	const char	*due;
	long		 mins;

	xml_attr(t, "ref", tget(n, TK_REF));
	xml_attr(t, "subject", tget(n, TK_SUBJECT));
	xml_attr(t, "status", tget(n, TK_STATUS));
	xml_attr(t, "priority", tget(n, TK_PRIORITY));
	xml_attr(t, "department", tget(n, TK_DEPT));
	xml_attrf(t, "url", "%s/%s%s", conf->site_url,
	    staff ? "staff/tickets/" : "tickets/", tget(n, TK_REF));
	/* The next answer due: the first response, else the resolution. */
	due = *tget(n, TK_FIRST_AT) == '\0' && *tget(n, TK_FIRST_DUE) ?
	    tget(n, TK_FIRST_DUE) : tget(n, TK_RESOLUTION_DUE);
	if (*due)
		xml_attr(t, "due", due_text(n, due, zone, lang));
	if ((mins = strtol(tget(n, TK_FIRST_MIN), NULL, 10)) > 0)
		xml_attrf(t, "within-hours", "%ld", (mins + 59) / 60);
	if (*tget(n, TK_MERGED_REF))
		xml_attr(t, "merged-into", tget(n, TK_MERGED_REF));
}

/* The message's text, when there is one and the recipient may read it. */
static void
message_xml(struct notice *n, xmlNodePtr root, bool staff)
{
	xmlNodePtr	m;

	if (n->m == NULL || n->m->nrows != 1)
		return;
	if (!staff && strcmp(dbres_get(n->m, 0, MSG_INTERNAL), "0"))
		return;
	m = xml_text(root, "message", dbres_get(n->m, 0, MSG_BODY));
	xml_attr(m, "author", dbres_get(n->m, 0, MSG_AUTHOR));
	xml_attr(m, "author-kind", dbres_get(n->m, 0, MSG_KIND));
}

/* The mail of kind to the ticket's customer. */
static int
to_customer(struct notice *n, const char *kind, bool person)
{
	const struct catalog	*cat = i18n_find(tget(n, TK_LANG));
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	const char		*id;
	struct dbarg		 a[2];
	int			 e;

	if (strcmp(tget(n, TK_USER_STATUS), "active"))
		return DB_OK;
	if (cat == NULL)
		cat = i18n_default();
	doc = mail_doc(n->a, kind, cat, tget(n, TK_EMAIL), tget(n, TK_NAME),
	    &root);
	ticket_xml(n, root, tget(n, TK_TZ), cat->code, false);
	message_xml(n, root, false);
	if (!strcmp(kind, "ticket-auto-close-warning"))
		xml_attrf(xml_elem(root, "auto-close"), "days", "%d",
		    conf->ticket_auto_close_warn_days);
	id = new_mail_id(n);
	/* The first mail of a thread begun on the web roots the thread. */
	if (n->root_mail_id == NULL && n->root_id != 0) {
		a[0] = DBS(id);
		a[1] = DBI(n->root_id);
		if ((e = db_exec(&q_set_mail_id, NULL, NULL, 2, a)) != DB_OK) {
			xmlFreeDoc(doc);
			return e;
		}
		n->root_mail_id = id;
	}
	/* A reply keeps the Message-ID it went out as: answers thread. */
	if (n->message_id != 0 && !strcmp(kind, "ticket-reply")) {
		a[0] = DBS(id);
		a[1] = DBI(n->message_id);
		if ((e = db_exec(&q_set_mail_id, NULL, NULL, 2, a)) != DB_OK) {
			xmlFreeDoc(doc);
			return e;
		}
	}
	return mail_doc_queue(doc, cat, tget(n, TK_EMAIL),
	    headers(n, id, person));
}

/* The mail of kind to one staff address (a user's, or a department's
 * notify_addr in the default language). */
static int
to_staff_addr(struct notice *n, const char *kind, const char *email,
    const char *name, const char *lang, const char *zone)
{
	const struct catalog	*cat = lang ? i18n_find(lang) : NULL;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;

	if (email == NULL || *email == '\0')
		return DB_OK;
	if (cat == NULL)
		cat = i18n_default();
	doc = mail_doc(n->a, kind, cat, email, name, &root);
	xml_attr(root, "staff", "yes");
	ticket_xml(n, root, zone ? zone : "UTC", cat->code, true);
	xml_text(root, "customer", tget(n, TK_NAME));
	message_xml(n, root, true);
	return mail_doc_queue(doc, cat, email, arena_printf(n->a,
	    "Message-ID: <%s>\nAuto-Submitted: auto-generated\n",
	    new_mail_id(n)));
}

/* The assignee if there is one, else (or also, for escalations) the
 * department's address. */
static int
to_staff(struct notice *n, const char *kind, bool both)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	bool		 sent = false;
	int		 e = DB_OK;

	if (*tget(n, TK_ASSIGNEE)) {
		a[0] = DBS(tget(n, TK_ASSIGNEE));
		if ((e = db_query(&q_staff, &res, 1, a)) != DB_OK)
			return e;
		if (res->nrows == 1) {
			e = to_staff_addr(n, kind, dbres_get(res, 0,
			    STAFF_EMAIL), dbres_get(res, 0, STAFF_NAME),
			    dbres_get(res, 0, STAFF_LANG), dbres_get(res, 0,
			    STAFF_TZ));
			sent = true;
		}
		dbres_free(res);
		if (e != DB_OK)
			return e;
	}
	if (!sent || both)
		e = to_staff_addr(n, kind, tget(n, TK_NOTIFY), NULL, NULL,
		    NULL);
	return e;
}

/* A reply: the customer gets staff's public replies; staff get the
 * customer's.  An internal note goes to no one. */
static int
reply(struct notice *n)
{
	if (n->m == NULL || n->m->nrows != 1 ||
	    strcmp(dbres_get(n->m, 0, MSG_INTERNAL), "0"))
		return DB_OK;
	if (!strcmp(dbres_get(n->m, 0, MSG_KIND), "staff"))
		return to_customer(n, "ticket-reply", true);
	if (!strcmp(dbres_get(n->m, 0, MSG_KIND), "customer"))
		return to_staff(n, "ticket-customer-reply", false);
	return DB_OK;
}

static int
render(struct notice *n)
{
	int	e;

	if (!strcmp(n->kind, "reply"))
		return reply(n);
	if (!strcmp(n->kind, "created")) {
		if ((e = to_customer(n, "ticket-created", false)) != DB_OK)
			return e;
		return to_staff(n, "ticket-new-staff", false);
	}
	if (!strcmp(n->kind, "escalated"))
		return to_staff(n, "ticket-escalated", true);
	return to_customer(n, arena_printf(n->a, "ticket-%s", n->kind), false);
}

/* Read what one notice needs, then render it. */
static int
notice_one(struct notice *n)
{
	struct dbarg	 a[2];
	int		 e;

	a[0] = DBI(n->ticket_id);
	if ((e = db_query(&q_ticket, &n->t, 1, a)) != DB_OK)
		return e;
	if (n->t->nrows != 1)
		return DB_OK;
	if (n->message_id != 0) {
		a[0] = DBI(n->message_id);
		a[1] = DBI(n->ticket_id);
		if ((e = db_query(&q_message, &n->m, 2, a)) != DB_OK)
			return e;
	}
	a[0] = DBI(n->ticket_id);
	if ((e = db_query(&q_root, &n->t2, 1, a)) != DB_OK)
		return e;
	if (n->t2->nrows == 1) {
		n->root_id = strtoull(dbres_get(n->t2, 0, ROOT_ID), NULL, 10);
		n->root_mail_id = dbres_get(n->t2, 0, ROOT_MAIL_ID);
		if (*n->root_mail_id == '\0')
			n->root_mail_id = NULL;
	}
	return render(n);
}

struct round {
	size_t	claimed;
	size_t	failed;
};

/* One transaction: claim up to BATCH notices, queue their mail, mark
 * them done. */
static int
batch(void *arg)
{
	struct round	*rd = arg;
	struct dbres	*res;
	struct notice	 n;
	struct dbarg	 a[1];
	struct arena	*ar;
	size_t		 i;
	int		 e;

	rd->claimed = rd->failed = 0;
	if ((e = db_query(&q_pending, &res, 0, NULL)) != DB_OK)
		return e;
	ar = arena_new();
	for (i = 0; i < res->nrows; i++) {
		memset(&n, 0, sizeof(n));
		n.a = ar;
		n.ticket_id = (unsigned)strtoul(dbres_get(res, i, NOTE_TICKET),
		    NULL, 10);
		n.message_id = strtoull(dbres_get(res, i, NOTE_MESSAGE), NULL,
		    10);
		n.kind = dbres_get(res, i, NOTE_KIND);
		e = notice_one(&n);
		dbres_free(n.t);
		dbres_free(n.m);
		dbres_free(n.t2);
		/* A template or address error loses that mail, not the
		 * outbox: the notice is done, the reason logged. */
		if (e == DB_ERROR) {
			log_warnx("notices: notice %s (%s): %s",
			    dbres_get(res, i, NOTE_ID), n.kind,
			    db_last_error());
			rd->failed++;
		} else if (e != DB_OK)
			break;
		a[0] = DBS(dbres_get(res, i, NOTE_ID));
		if ((e = db_exec(&q_done, NULL, NULL, 1, a)) != DB_OK)
			break;
		rd->claimed++;
	}
	dbres_free(res);
	arena_free(ar);
	return e;
}

/*
 * Render every pending notice into mail_queue.  Returns a dberr (the
 * batch that failed is rolled back and tried again next round).
 */
int
notices_run(void)
{
	struct round	rd;
	int		e;

	if (mail_theme_load() == -1)
		return DB_ERROR;
	do {
		if ((e = db_tx(batch, &rd)) != DB_OK)
			return e;
		if (rd.claimed)
			log_info("notices: %zu rendered, %zu failed",
			    rd.claimed, rd.failed);
	} while (rd.claimed == BATCH);
	return DB_OK;
}
