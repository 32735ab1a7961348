/*
 * portico-admin mail-in: one message on standard input, from a Postfix
 * pipe transport or fetchmail's MDA (conf/postfix-master.cf,
 * conf/fetchmailrc), becomes a new ticket, a reply on one, or a line
 * in mail_in saying why it became neither.
 *
 *  - A mail from a known contact (an active customer user, users.email)
 *    opens a ticket in the department its address names
 *    (support+billing@, or billing@ of the support domain), else
 *    ticket_mail_department, else the first department.
 *  - A reply is threaded by the ticket's token in the address
 *    (support+TOKEN@), by In-Reply-To/References against the
 *    Message-IDs the thread's messages came in or went out as (and the
 *    reference our own Message-IDs begin with), or by "[T-XXXXXXXX]"
 *    in the subject; it is posted only if its sender may
 *    read that ticket (ticket.c's access rule), so a sender of another
 *    account who quotes a reference opens a ticket of their own.
 *  - Auto-replies and bounces are recorded, never answered or posted.
 *  - Unknown senders, and known ones whose domain's DMARC check failed
 *    at a receiving MTA (Authentication-Results): ticket_unknown_sender
 *    = hold (kept in mail_in for staff) or reject (answered at most
 *    once a day per address, with Auto-Submitted, so no two robots
 *    talk forever).
 *
 * Everything of one message (the mail_in line, the ticket, its message,
 * its files) is one transaction: ticket.c's functions join it
 * (db_tx() inside db_tx()).  The same Message-ID a second time (an MTA
 * retrying after a lost answer) is stored once.  Exit codes follow
 * sysexits(3): EX_TEMPFAIL when the database (or the files folder)
 * fails, so the MTA keeps the message and retries; EX_DATAERR for
 * bytes that are no mail or too large; 0 otherwise, whatever became of
 * the message.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>

#include "portico.h"

#define TOKEN_MAX	24		/* tickets.mail_token */
#define SUBJECT_MAX	300		/* tickets.subject, characters */
#define IN_SUBJECT_MAX	500		/* mail_in.subject */
#define MERGE_HOPS	5		/* merged into merged into ... */

enum { USER_ID, USER_ACCOUNT_ID, USER_LANG, USER_ROLE, USER_NAME, USER__MAX };
static struct dbstmt q_user = DBSTMT_COLS(
    "SELECT u.id, u.account_id, u.language, u.account_role, u.name "
    "FROM users u JOIN accounts a ON a.id = u.account_id "
    "WHERE u.email = ? AND u.status = 'active' AND "
    "u.portal_role = 'customer' AND a.status = 'active'", USER__MAX);

/* The ticket a mail names, if its sender may read it. */
enum { TK_ID, TK_MERGED, TK_DEPT, TK__MAX };
static struct dbstmt q_by_token = DBSTMT_COLS(
    "SELECT t.id, t.merged_into, t.department_id FROM tickets t "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE t.mail_token = ? AND " TICKET_ACCESS_SQL, TK__MAX);
static struct dbstmt q_by_mail_id = DBSTMT_COLS(
    "SELECT t.id, t.merged_into, t.department_id FROM ticket_messages m "
    "JOIN tickets t ON t.id = m.ticket_id "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE m.mail_id = ? AND " TICKET_ACCESS_SQL " LIMIT 1", TK__MAX);
static struct dbstmt q_by_ref = DBSTMT_COLS(
    "SELECT t.id, t.merged_into, t.department_id FROM tickets t "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE t.ref = ? AND " TICKET_ACCESS_SQL, TK__MAX);
static struct dbstmt q_by_id = DBSTMT_COLS(
    "SELECT t.id, t.merged_into, t.department_id FROM tickets t "
    "JOIN departments d ON d.id = t.department_id "
    "WHERE t.id = ? AND " TICKET_ACCESS_SQL, TK__MAX);

enum { DEPT_ID, DEPT__MAX };
static struct dbstmt q_dept = DBSTMT_COLS(
    "SELECT id FROM departments WHERE slug = ?", DEPT__MAX);
static struct dbstmt q_dept_first = DBSTMT_COLS(
    "SELECT id FROM departments ORDER BY position, id LIMIT 1", DEPT__MAX);

static struct dbstmt q_mail_in = DBSTMT(
    "INSERT INTO mail_in (message_id, from_addr, subject, received_at, "
    "outcome, ticket_id, held_body, held_reason, held_state) "
    "VALUES (?, ?, ?, NOW(), ?, NULLIF(?, 0), ?, ?, ?)");
/* A held (or refused) mail's files, for staff (page_staff_held.c). */
static struct dbstmt q_held_file = DBSTMT(
    "INSERT INTO mail_in_files (mail_in_id, name, content_type, size, "
    "sha256) VALUES (?, ?, ?, ?, ?)");
static struct dbstmt q_mail_in_ticket = DBSTMT(
    "UPDATE mail_in SET outcome = ?, ticket_id = ? WHERE id = ?");
static struct dbstmt q_attach = DBSTMT(
    "INSERT INTO ticket_attachments (ticket_id, message_id, name, "
    "content_type, size, sha256, inline_cid, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, NOW())");
enum { REJ_N, REJ__MAX };
static struct dbstmt q_rejected_lately = DBSTMT_COLS(
    "SELECT COUNT(*) FROM mail_in FORCE INDEX (mail_in_outcome) "
    "WHERE outcome = 'rejected' AND received_at > NOW() - INTERVAL 1 DAY "
    "AND from_addr = ?", REJ__MAX);

static const char *utf8_prefix(struct arena *, const char *, long);

struct job {
	struct req		*r;
	struct mail_msg		*m;
	struct user		 u;		/* the sender, when known */
	bool			 known;
	const char		*extension;	/* of support+EXT@, or NULL */
	const char		*addr_dept;	/* billing@ of the domain */
	unsigned		 ticket_id;	/* the ticket it answers */
	unsigned		 department_id;
	const char		*kind;		/* what decide() made of it: new,
						   reply, held, rejected,
						   auto-reply, bounce */
	const char		*outcome;	/* mail_in.outcome, once stored */
	const char		*held_reason;	/* why it waits for staff */
	const char		*body;		/* what is posted */
	const char		*subject;
	char			 sha[MAIL_FILES][65];
	const char		*type[MAIL_FILES];
	bool			 keep[MAIL_FILES];
	bool			 answer;	/* a rejection to mail */
	/* out */
	unsigned		 new_ticket;
	char			 ref[TICKET_REF_LEN + 1];
};

/* ---- reading ------------------------------------------------------------ */

/* All of fd, up to max bytes; NULL when larger or unreadable. */
static char *
read_all(struct arena *a, int fd, size_t max, size_t *len)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 chunk[65536], *out;
	ssize_t		 n;

	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	*len = b.len;
	out = arena_alloc(a, b.len + 1);
	if (b.len)
		memcpy(out, b.p, b.len);
	out[b.len] = '\0';
	buf_free(&b);
	return out;
}

/* The largest message read: every file at its limit, base64, and text. */
static size_t
max_message(void)
{
	size_t	n = (size_t)conf->ticket_max_attachment *
	    ((size_t)conf->ticket_max_attachments + 1) / 3 * 4 + (1 << 20);

	return n > (256u << 20) ? 256u << 20 : n;
}

/* ---- who sent it, and where it goes ----------------------------------------- */

static int
sender(struct job *j)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	char		*email;
	int		 e;

	if (j->m->from == NULL || !valid_email(j->m->from, strlen(j->m->from)))
		return DB_OK;
	email = email_normalize(j->r->arena, j->m->from);
	a[0] = DBS(email);
	if ((e = db_query(&q_user, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1) {
		j->known = true;
		j->u.id = (unsigned)strtoul(dbres_get(res, 0, USER_ID), NULL,
		    10);
		j->u.account_id = (unsigned)strtoul(dbres_get(res, 0,
		    USER_ACCOUNT_ID), NULL, 10);
		j->u.email = email;
		j->u.lang = arena_strdup(j->r->arena,
		    dbres_get(res, 0, USER_LANG));
		j->u.account_role = arena_strdup(j->r->arena,
		    dbres_get(res, 0, USER_ROLE));
		j->u.name = arena_strdup(j->r->arena,
		    dbres_get(res, 0, USER_NAME));
		j->u.role = ROLE_CUSTOMER;
		j->r->user = &j->u;
		j->r->role = ROLE_CUSTOMER;
	}
	dbres_free(res);
	return DB_OK;
}

/*
 * Of the addresses the mail went to, the one of the support address
 * (ticket_mail_address): its +extension (a ticket's token or a
 * department), or a department's name in place of the local part
 * (billing@ of the same domain).
 */
static void
route(struct job *j, const char *recipient)
{
	const char	*sup = conf->ticket_mail_address, *at, *sat, *plus;
	const char	*rc;
	size_t		 i, n, slen;

	if (sup == NULL || (sat = strchr(sup, '@')) == NULL)
		return;
	slen = (size_t)(sat - sup);
	for (i = 0; i <= j->m->nrcpts; i++) {
		rc = i < j->m->nrcpts ? j->m->rcpts[i] : recipient;
		if (rc == NULL || (at = strrchr(rc, '@')) == NULL ||
		    strcasecmp(at, sat))
			continue;
		plus = memchr(rc, '+', (size_t)(at - rc));
		n = (size_t)((plus ? plus : at) - rc);
		if (n == slen && !strncasecmp(rc, sup, n)) {
			if (plus != NULL && at - plus - 1 > 0 &&
			    at - plus - 1 <= 40)
				j->extension = arena_strndup(j->r->arena,
				    plus + 1, (size_t)(at - plus - 1));
		} else if (n <= 40 && j->addr_dept == NULL)
			j->addr_dept = arena_strndup(j->r->arena, rc, n);
	}
}

/* The ticket of one look-up, its merges followed, if the sender may
 * read it; 0 if none. */
static int
ticket_of(struct job *j, struct dbstmt *q, const char *key, unsigned *id)
{
	struct dbres	*res;
	struct dbarg	 a[1 + TICKET_ACCESS_ARGS];
	const char	*merged;
	int		 e, hop;

	*id = 0;
	a[0] = DBS(key);
	ticket_access_args(j->r, a + 1);
	for (hop = 0; hop <= MERGE_HOPS; hop++) {
		if ((e = db_query(q, &res, 1 + TICKET_ACCESS_ARGS, a)) != DB_OK)
			return e;
		if (res->nrows == 0) {
			dbres_free(res);
			return DB_OK;
		}
		*id = (unsigned)strtoul(dbres_get(res, 0, TK_ID), NULL, 10);
		/* A new ticket that follows it goes to its department. */
		j->department_id = (unsigned)strtoul(dbres_get(res, 0,
		    TK_DEPT), NULL, 10);
		merged = dbres_get(res, 0, TK_MERGED);
		if (*merged == '\0') {
			dbres_free(res);
			return DB_OK;
		}
		/* Merged away: the ticket it went into, if readable. */
		a[0] = DBS(arena_strdup(j->r->arena, merged));
		dbres_free(res);
		q = &q_by_id;
		*id = 0;
	}
	return DB_OK;
}

/* "[T-XXXXXXXX]" in the subject, or NULL. */
static const char *
subject_ref(struct job *j)
{
	const char	*s = j->m->subject, *p;

	for (p = s; (p = strstr(p, "[T-")) != NULL; p++)
		if (strlen(p) >= TICKET_REF_LEN + 2 && p[TICKET_REF_LEN + 1] ==
		    ']' && valid_ticket_ref(p + 1, TICKET_REF_LEN))
			return arena_strndup(j->r->arena, p + 1,
			    TICKET_REF_LEN);
	return NULL;
}

/* Which ticket the mail answers: the address's token, then the
 * Message-IDs it answers, then the reference in its subject. */
static int
thread(struct job *j)
{
	const char	*ref;
	size_t		 i;
	int		 e;

	if (j->extension != NULL && strlen(j->extension) <= TOKEN_MAX &&
	    (e = ticket_of(j, &q_by_token, j->extension, &j->ticket_id)) !=
	    DB_OK)
		return e;
	for (i = 0; j->ticket_id == 0 && i < j->m->nrefs; i++) {
		if ((e = ticket_of(j, &q_by_mail_id, j->m->refs[i],
		    &j->ticket_id)) != DB_OK)
			return e;
		/* Our own Message-IDs begin with the reference (notices.c):
		 * an answer to a notice whose id was not kept threads too. */
		if (j->ticket_id == 0 && valid_ticket_ref(j->m->refs[i],
		    TICKET_REF_LEN) && j->m->refs[i][TICKET_REF_LEN] == '.' &&
		    (e = ticket_of(j, &q_by_ref, arena_strndup(j->r->arena,
		    j->m->refs[i], TICKET_REF_LEN), &j->ticket_id)) != DB_OK)
			return e;
	}
	if (j->ticket_id == 0 && (ref = subject_ref(j)) != NULL &&
	    (e = ticket_of(j, &q_by_ref, ref, &j->ticket_id)) != DB_OK)
		return e;
	return DB_OK;
}

static int
department_named(const char *slug, unsigned *id)
{
	struct dbres	*res;
	struct dbarg	 a[1];
	int		 e;

	a[0] = DBS(slug);
	if (slug == NULL || *slug == '\0' ||
	    !valid_slug(slug, strlen(slug)))
		return DB_OK;
	if ((e = db_query(&q_dept, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows == 1)
		*id = (unsigned)strtoul(dbres_get(res, 0, DEPT_ID), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

/* A new ticket's department: named by the address, else the
 * configured one, else the first. */
static int
department(struct job *j)
{
	struct dbres	*res;
	int		 e;

	j->department_id = 0;
	if ((e = department_named(j->extension, &j->department_id)) != DB_OK ||
	    (j->department_id == 0 && (e = department_named(j->addr_dept,
	    &j->department_id)) != DB_OK) ||
	    (j->department_id == 0 && (e = department_named(
	    conf->ticket_mail_department, &j->department_id)) != DB_OK))
		return e;
	if (j->department_id != 0)
		return DB_OK;
	if ((e = db_query(&q_dept_first, &res, 0, NULL)) != DB_OK)
		return e;
	if (res->nrows == 1)
		j->department_id = (unsigned)strtoul(dbres_get(res, 0,
		    DEPT_ID), NULL, 10);
	dbres_free(res);
	return DB_OK;
}

/* Is the mail from the portal itself (a loop through a forward)? */
static bool
from_self(const struct mail_msg *m)
{
	const char	*sup = conf->ticket_mail_address, *lt, *mf;
	size_t		 n;

	if (m->from == NULL)
		return false;
	if (sup != NULL && *sup && !strcasecmp(m->from, sup))
		return true;
	/* mail_from is "Name <addr>" or an address. */
	mf = conf->mail_from;
	if ((lt = strrchr(mf, '<')) != NULL)
		mf = lt + 1;
	n = strcspn(mf, ">");
	return n == strlen(m->from) && !strncasecmp(mf, m->from, n);
}

/* ---- what is stored ----------------------------------------------------- */

/* The MIME type of the bytes by libmagic (files.c), in a's memory. */
static const char *
sniff(struct arena *a, const char *p, size_t len)
{
	const char	*t = file_type(p, len);

	return arena_strdup(a, t && strlen(t) < 100 ? t :
	    "application/octet-stream");
}

/*
 * Write a file to files_dir by its SHA-256 (file_write()).  Before the
 * transaction: a file whose row is rolled back is only an unused copy.
 * Returns 0 or -1.
 */
static int
keep_file(struct job *j, size_t i)
{
	const struct mail_file	*f = &j->m->files[i];

	j->type[i] = sniff(j->r->arena, f->data, f->len);
	return file_write(j->r->arena, f->data, f->len, arena_printf(
	    j->r->arena, "mail-in.%ld.%lld", (long)getpid(),
	    (long long)now_ms()), j->sha[i]);
}

/* Write the files the message keeps; a file over the size limit is
 * named in the text instead.  Returns 0 or -1. */
static int
keep_files(struct job *j)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	buf_adds(&b, j->body);
	if (j->m->text_cut)
		buf_printf(&b, "\n\n[the text goes on beyond %d bytes, "
		    "not kept]", MAIL_TEXT_MAX);
	for (i = 0; i < j->m->nfiles; i++) {
		if (j->m->files[i].len > (size_t)conf->ticket_max_attachment) {
			buf_printf(&b, "\n\n[%s: %zu bytes, not kept]",
			    j->m->files[i].name, j->m->files[i].len);
			continue;
		}
		if (keep_file(j, i) == -1) {
			buf_free(&b);
			return -1;
		}
		j->keep[i] = true;
	}
	if (j->m->files_dropped)
		buf_printf(&b, "\n\n[%zu more files, not kept]",
		    j->m->files_dropped);
	/* A message is never empty: files alone are named. */
	for (i = 0; b.len == 0 && i < j->m->nfiles; i++)
		buf_printf(&b, "%s[%s]", i ? " " : "", j->m->files[i].name);
	if (b.len == 0)
		buf_adds(&b, "-");
	buf_add(&b, "", 1);
	j->body = arena_strdup(j->r->arena, b.p);
	buf_free(&b);
	return 0;
}

static int
attach(struct job *j, unsigned ticket, uint64_t message)
{
	struct dbarg	 a[7];
	size_t		 i;
	int		 e;

	for (i = 0; i < j->m->nfiles; i++) {
		if (!j->keep[i])
			continue;
		a[0] = DBI(ticket);
		a[1] = DBI(message);
		a[2] = DBS(j->m->files[i].name);
		a[3] = DBS(j->type[i]);
		a[4] = DBI(j->m->files[i].len);
		a[5] = DBS(j->sha[i]);
		a[6] = j->m->files[i].cid ? DBS(j->m->files[i].cid) : DBNULL;
		if ((e = db_exec(&q_attach, NULL, NULL, 7, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/* Is the message one staff decide on: held, or refused (answered)? */
static bool
held_kind(const struct job *j)
{
	return !strcmp(j->kind, "held") || !strcmp(j->kind, "rejected");
}

/* The kept files of a held mail, as rows of its mail_in line in_id. */
static int
held_files(struct job *j, uint64_t in_id)
{
	struct dbarg	 a[5];
	size_t		 i;
	int		 e;

	for (i = 0; i < j->m->nfiles; i++) {
		if (!j->keep[i])
			continue;
		a[0] = DBI(in_id);
		a[1] = DBS(j->m->files[i].name);
		a[2] = DBS(j->type[i]);
		a[3] = DBI(j->m->files[i].len);
		a[4] = DBS(j->sha[i]);
		if ((e = db_exec(&q_held_file, NULL, NULL, 5, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/* A new ticket from the mail (parent: the closed one it answered). */
static int
open_ticket(struct job *j, unsigned parent, uint64_t *msg)
{
	struct ticket_new	 t;

	memset(&t, 0, sizeof(t));
	t.account_id = j->u.account_id;
	t.requester_id = j->u.id;
	t.department_id = j->department_id;
	t.priority = TICKET_NORMAL;
	t.subject = j->subject;
	t.body = j->body;
	t.lang = j->u.lang;
	t.source = "mail";
	t.mail_id = j->m->message_id;
	t.parent_id = parent;
	j->outcome = "ticket";
	return ticket_create(&t, &j->new_ticket, msg, j->ref);
}

/* The reply: posted on its ticket as the customer, or, when that ticket
 * no longer takes replies, a new ticket that follows it. */
static int
post_reply(struct job *j, uint64_t *msg)
{
	struct ticket_post	 p;
	int			 e;

	memset(&p, 0, sizeof(p));
	p.ticket_id = j->ticket_id;
	p.author_id = j->u.id;
	p.author_kind = "customer";
	p.body = j->body;
	p.source = "mail";
	p.mail_id = j->m->message_id;
	p.set_status = -1;
	j->outcome = "reply";
	j->new_ticket = j->ticket_id;
	if ((e = ticket_post(&p, msg)) == TICKET_EEXPIRED)
		e = open_ticket(j, j->ticket_id, msg);
	return e;
}

/* The reply to an unknown sender, in the default language. */
static int
reject_answer(struct job *j)
{
	const struct catalog	*cat = i18n_default();
	struct dbres		*res;
	struct dbarg		 a[1];
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	char			*headers;
	bool			 lately;
	int			 e;

	a[0] = DBS(j->m->from);
	if ((e = db_query(&q_rejected_lately, &res, 1, a)) != DB_OK)
		return e;
	lately = strtoul(dbres_get(res, 0, REJ_N), NULL, 10) > 1;
	dbres_free(res);
	/* One answer a day per address: a forged sender gets no flood. */
	if (lately || cat == NULL)
		return DB_OK;
	doc = mail_doc(j->r->arena, "ticket-unknown-sender", cat, j->m->from,
	    NULL, &root);
	xml_text(root, "link", arena_printf(j->r->arena, "%s/tickets/new",
	    conf->site_url));
	headers = arena_printf(j->r->arena, "In-Reply-To: <%s>\n"
	    "References: <%s>\nAuto-Submitted: auto-replied\n"
	    "X-Auto-Response-Suppress: All", j->m->message_id,
	    j->m->message_id);
	return mail_doc_queue(doc, cat, j->m->from, headers);
}

/* The transaction: the mail_in line first (a second delivery of the
 * message stops here, DB_DUPLICATE), then what it becomes. */
static int
store(void *arg)
{
	struct job	*j = arg;
	struct dbarg	 a[8];
	uint64_t	 in_id, msg = 0;
	bool		 held = held_kind(j);
	int		 e;

	a[0] = DBS(j->m->message_id);
	a[1] = DBS(j->m->from ? j->m->from : "");
	a[2] = DBS(utf8_prefix(j->r->arena, j->m->subject, IN_SUBJECT_MAX));
	/* What a try before (a deadlock, retried) set is undone. */
	j->outcome = !strcmp(j->kind, "new") ? "ticket" : j->kind;
	j->new_ticket = 0;
	*j->ref = '\0';
	a[3] = DBS(j->outcome);
	a[4] = DBI(j->ticket_id);
	a[5] = held ? DBS(j->body) : DBNULL;
	a[6] = held ? DBS(j->held_reason) : DBNULL;
	a[7] = held ? DBS("held") : DBNULL;
	if ((e = db_exec(&q_mail_in, NULL, &in_id, 8, a)) != DB_OK)
		return e;
	if (held && (e = held_files(j, in_id)) != DB_OK)
		return e;
	if (!strcmp(j->kind, "rejected"))
		return j->answer ? reject_answer(j) : DB_OK;
	if (strcmp(j->kind, "new") && strcmp(j->kind, "reply"))
		return DB_OK;
	if (!strcmp(j->kind, "reply"))
		e = post_reply(j, &msg);
	else
		e = open_ticket(j, 0, &msg);
	if (e != DB_OK || (e = attach(j, j->new_ticket, msg)) != DB_OK)
		return e;
	a[0] = DBS(j->outcome);
	a[1] = DBI(j->new_ticket);
	a[2] = DBI(in_id);
	return db_exec(&q_mail_in_ticket, NULL, NULL, 3, a);
}

/* s cut to at most n characters (an arena copy if cut). */
static const char *
utf8_prefix(struct arena *a, const char *s, long n)
{
	const char	*end;

	if (g_utf8_strlen(s, -1) <= n)
		return s;
	end = g_utf8_offset_to_pointer(s, n);
	return arena_strndup(a, s, (size_t)(end - s));
}

/* The subject a new ticket gets: the mail's, else its text's first
 * line, at most SUBJECT_MAX characters. */
static const char *
ticket_subject(struct job *j)
{
	const char	*s = j->m->subject;
	size_t		 n;

	if (*s == '\0') {
		n = strcspn(j->m->text, "\n");
		s = *j->m->text ? arena_strndup(j->r->arena, j->m->text, n) :
		    "(no subject)";
	}
	return utf8_prefix(j->r->arena, s, SUBJECT_MAX);
}

/* What becomes of the message, before anything is stored. */
static int
decide(struct job *j, const char *recipient)
{
	int	e;

	j->body = j->m->text;
	j->subject = ticket_subject(j);
	if (j->m->autokind != MAIL_HUMAN || from_self(j->m)) {
		j->kind = j->m->autokind == MAIL_BOUNCE ? "bounce" :
		    "auto-reply";
		return DB_OK;
	}
	/* A sender whose domain refused the mail (DMARC) is no one we
	 * know: anyone may write any From. */
	if (!j->m->auth_failed && (e = sender(j)) != DB_OK)
		return e;
	if (!j->known) {
		j->kind = !strcmp(conf->ticket_unknown_sender, "reject") ?
		    "rejected" : "held";
		j->held_reason = *j->kind == 'r' ? "rejected" :
		    j->m->auth_failed ? "dmarc" : "unknown-sender";
		j->answer = *j->kind == 'r' && mail_theme_load() == 0;
		return DB_OK;
	}
	route(j, recipient);
	if ((e = thread(j)) != DB_OK)
		return e;
	if (j->ticket_id != 0) {
		/* The thread has what the reply quotes. */
		j->kind = "reply";
		j->body = mail_reply_text(j->r->arena, j->m->text);
		return DB_OK;
	}
	j->kind = "new";
	return department(j);
}

static int
exit_db(int e, const char *what)
{
	log_warnx("mail-in: %s: %s", what, e == DB_UNAVAILABLE ?
	    "the database is unavailable" : db_last_error());
	return EX_TEMPFAIL;
}

/*
 * Read one message from fd and store what it becomes; recipient is the
 * envelope recipient when the MTA passes it (else the headers'
 * Delivered-To, X-Original-To, To and Cc are read).  Returns a
 * sysexits(3) code.
 */
int
mailin_run(int fd, const char *recipient)
{
	struct req	*r = req_new();
	struct mail_msg	 m;
	struct job	 j;
	char		*raw;
	size_t		 len;
	int		 e, rc = EX_OK;

	log_set_rid("mail-in");
	memset(&j, 0, sizeof(j));
	j.r = r;
	j.m = &m;
	if ((raw = read_all(r->arena, fd, max_message(), &len)) == NULL ||
	    len == 0) {
		log_warnx("mail-in: no message, or larger than %zu bytes",
		    max_message());
		rc = EX_DATAERR;
		goto out;
	}
	if (mail_parse(r->arena, raw, len, (size_t)conf->ticket_max_attachments,
	    &m) == -1) {
		log_warnx("mail-in: not a mail (no sender)");
		rc = EX_DATAERR;
		goto out;
	}
	if ((e = db_connect()) != DB_OK || (e = decide(&j, recipient)) != DB_OK) {
		rc = exit_db(e, m.message_id);
		goto out;
	}
	/* Held and refused mail keep their files too, for staff. */
	if ((!strcmp(j.kind, "new") || !strcmp(j.kind, "reply") ||
	    held_kind(&j)) && keep_files(&j) == -1) {
		rc = EX_TEMPFAIL;
		goto out;
	}
	e = db_tx(store, &j);
	ticket_index_after(e);
	if (e == DB_DUPLICATE) {
		log_info("mail-in: <%s> was stored before", m.message_id);
		goto out;
	}
	if (e == TICKET_EPOLICY || e == TICKET_ENOENT || e == TICKET_ESTATE) {
		/* No department or policy to open it under: kept for staff. */
		log_warnx("mail-in: <%s>: no ticket (%d), held", m.message_id,
		    e);
		j.kind = "held";
		j.held_reason = "no-department";
		j.ticket_id = 0;
		e = db_tx(store, &j);
		ticket_index_after(e);
	}
	if (e != DB_OK) {
		rc = e == DB_DUPLICATE ? EX_OK : exit_db(e, m.message_id);
		goto out;
	}
	log_info("mail-in: <%s> from %s: %s%s%s", m.message_id,
	    m.from ? m.from : "-", j.outcome, *j.ref ? " " : "", j.ref);
out:
	req_free(r);
	return rc;
}
