/*
 * Outgoing mail.  A handler queues a message (mail_queue): its text comes
 * from the theme's mail.xsl in the recipient's language and lands in the
 * mail_queue table in the same database as everything else, so a message
 * is never lost with a worker.  "portico-admin send-mail" delivers the
 * queue (mail_send_due): each message goes, as a MIME message built by
 * GMime, to the standard input of the configured sendmail-compatible
 * command, started with fork and exec (no shell).  When the command fails
 * the message stays queued and is tried again later, with growing pauses.
 * Several senders may run at once (on several hosts): a message is
 * claimed with SELECT ... FOR UPDATE SKIP LOCKED before it is sent.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <gmime/gmime.h>

#include "portico.h"

static struct dbstmt q_insert = DBSTMT(
    "INSERT INTO mail_queue (to_addr, subject, body, headers, created_at, "
    "next_attempt) VALUES (?, ?, ?, ?, NOW(), NOW())");
enum { DUE_ID, DUE_TO_ADDR, DUE_SUBJECT, DUE_BODY, DUE_ATTEMPTS, DUE_HEADERS,
    DUE__MAX };
static struct dbstmt q_due = DBSTMT_COLS(
    "SELECT id, to_addr, subject, body, attempts, headers FROM mail_queue "
    "WHERE sent_at IS NULL AND next_attempt <= NOW() ORDER BY id "
    "LIMIT 20 FOR UPDATE SKIP LOCKED", DUE__MAX);
static struct dbstmt q_lease = DBSTMT(
    "UPDATE mail_queue SET next_attempt = NOW() + INTERVAL 10 MINUTE "
    "WHERE id = ?");
static struct dbstmt q_sent = DBSTMT(
    "UPDATE mail_queue SET sent_at = NOW(), attempts = attempts + 1, "
    "last_error = '' WHERE id = ?");
static struct dbstmt q_failed = DBSTMT(
    "UPDATE mail_queue SET attempts = attempts + 1, last_error = ?, "
    "next_attempt = NOW() + INTERVAL LEAST(30 * POW(2, attempts), 3600) "
    "SECOND WHERE id = ?");

/*
 * s on one line, in place: every control character (C0 with CR, LF and
 * TAB, DEL, C1) and line separator becomes a space.  Names reach the
 * greeting and anything may reach the subject: neither may start a line
 * of its own, in the headers or in the body.  Returns s.
 */
static char *
one_line(char *s)
{
	unsigned char	*u = (unsigned char *)s;
	size_t		 i;

	for (i = 0; u[i] != '\0'; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			u[i] = ' ';
		else if (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
			u[i] = u[i + 1] = ' ';
		else if (u[i] == 0xe2 && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9))
			u[i] = u[i + 1] = u[i + 2] = ' ';
	}
	return s;
}

/*
 * The document a mail is rendered from: <mail kind lang dir> with the
 * site and the recipient (name made one line), in *root.  The caller
 * adds what the kind needs and passes it to mail_doc_queue().
 */
xmlDocPtr
mail_doc(struct arena *a, const char *kind, const struct catalog *cat,
    const char *to, const char *name, xmlNodePtr *root)
{
	xmlDocPtr	doc;
	xmlNodePtr	m, n;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	m = xmlNewNode(NULL, (const xmlChar *)"mail");
	xmlDocSetRootElement(doc, m);
	xml_attr(m, "kind", kind);
	xml_attr(m, "lang", cat->code);
	xml_attr(m, "dir", cat->rtl ? "rtl" : "ltr");
	n = xml_elem(m, "site");
	xml_attr(n, "name", conf->site_name);
	xml_attr(n, "url", conf->site_url);
	n = xml_elem(m, "to");
	xml_attr(n, "name", name ? one_line(arena_strdup(a, name)) : "");
	xml_attr(n, "email", to);
	*root = m;
	return doc;
}

/*
 * Render doc (mail_doc()) with the theme's mail.xsl in cat's language
 * and queue it to `to`, with headers: "Name: value" lines the sender
 * puts out (Message-ID, In-Reply-To, References, Reply-To,
 * Auto-Submitted), or NULL.  Frees doc.  An address that is not one
 * (valid_email(): no spaces or control characters) is refused.
 * Returns a dberr (DB_ERROR when the address or the template is bad).
 */
int
mail_doc_queue(xmlDocPtr doc, const struct catalog *cat, const char *to,
    const char *headers)
{
	char		*text = NULL, *nl;
	size_t		 len;
	struct dbarg	 a[4];
	int		 e;

	if (!valid_email(to, strlen(to))) {
		log_warnx("mail: not an address, not queued");
		xmlFreeDoc(doc);
		return DB_ERROR;
	}
	e = theme_render_mail(doc, cat, &text, &len);
	xmlFreeDoc(doc);
	/* The first line is the subject, then a blank line, then the body. */
	if (e != 0 || (nl = strstr(text, "\n\n")) == NULL) {
		log_warnx("mail: the template gave no subject line");
		free(text);
		return DB_ERROR;
	}
	*nl = '\0';
	a[0] = DBS(to);
	a[1] = DBS(one_line(text));
	a[2] = DBS(nl + 2);
	a[3] = DBS(headers ? headers : "");
	e = db_exec(&q_insert, NULL, NULL, 4, a);
	free(text);
	return e;
}

/*
 * Queue a message of the given kind (verify, reset, password-changed,
 * register-exists...) to address `to`, in language lang, with link (may
 * be NULL).  Returns a dberr, as mail_doc_queue().
 */
int
mail_queue(struct req *r, const char *to, const char *name, const char *lang,
    const char *kind, const char *link)
{
	return mail_queue_about(r, to, name, lang, kind, link, NULL, NULL);
}

/*
 * mail_queue() of a message about something: `about` (a title, made
 * one line; NULL: none) is the catalog messages' {2}, and `unsubscribe`
 * (NULL: none) a link that ends the mail of this kind without signing
 * in, shown at the end.
 */
int
mail_queue_about(struct req *r, const char *to, const char *name,
    const char *lang, const char *kind, const char *link, const char *about,
    const char *unsubscribe)
{
	const struct catalog	*cat = i18n_find(lang);
	xmlDocPtr		 doc;
	xmlNodePtr		 m;

	if (cat == NULL)
		cat = i18n_default();
	doc = mail_doc(r->arena, kind, cat, to, name, &m);
	if (link != NULL)
		xml_text(m, "link", link);
	if (about != NULL)
		xml_text(m, "about", one_line(arena_strdup(r->arena, about)));
	if (unsubscribe != NULL)
		xml_text(m, "unsubscribe", unsubscribe);
	if (r->remote_addr != NULL)
		xml_text(m, "addr", r->remote_addr);
	return mail_doc_queue(doc, cat, to, NULL);
}

/*
 * Load the theme and catalogs, once, for a program that is not a worker
 * (portico-admin) and renders mail.  Returns 0, or -1 with the reason
 * logged.
 */
int
mail_theme_load(void)
{
	static int	done;
	char		err[1024];

	if (done)
		return done == 1 ? 0 : -1;
	if (theme_init(conf->themes_dir, err, sizeof(err)) == -1 ||
	    i18n_load(conf->themes_dir, conf->languages,
	    conf->default_language, err, sizeof(err)) == -1 ||
	    theme_load(conf->themes_dir, conf->theme, err, sizeof(err)) == -1) {
		log_warnx("mail: the theme: %s", err);
		done = -1;
		return -1;
	}
	done = 1;
	return 0;
}

/* Is v a header value fit to put out: printable ASCII, one line? */
static bool
header_value_ok(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v < 0x20 || (unsigned char)*v > 0x7e)
			return false;
	return true;
}

/*
 * The queued row's own headers ("Name: value" lines) on msg: only the
 * ones that thread and route a ticket's mail, each checked again here
 * (one printable line), so a row can add no other header.
 */
static void
add_headers(GMimeMessage *msg, const char *headers)
{
	static const char *const allowed[] = { "In-Reply-To", "References",
	    "Auto-Submitted", "X-Auto-Response-Suppress", NULL };
	InternetAddressList	*l;
	gchar			**lines;
	char			*v;
	size_t			 i, k, n;

	lines = g_strsplit(headers, "\n", 16);
	for (i = 0; lines[i] != NULL; i++) {
		if ((v = strchr(lines[i], ':')) == NULL)
			continue;
		*v++ = '\0';
		while (*v == ' ')
			v++;
		if (*v == '\0' || !header_value_ok(v))
			continue;
		n = strlen(v);
		if (!g_ascii_strcasecmp(lines[i], "Message-ID") && n > 2 &&
		    v[0] == '<' && v[n - 1] == '>') {
			v[n - 1] = '\0';
			g_mime_message_set_message_id(msg, v + 1);
		} else if (!g_ascii_strcasecmp(lines[i], "Reply-To")) {
			if ((l = internet_address_list_parse(NULL, v)) != NULL) {
				internet_address_list_append(
				    g_mime_message_get_reply_to(msg), l);
				g_object_unref(l);
			}
		} else
			for (k = 0; allowed[k] != NULL; k++)
				if (!g_ascii_strcasecmp(lines[i], allowed[k]))
					g_mime_object_set_header(
					    GMIME_OBJECT(msg), allowed[k], v,
					    NULL);
	}
	g_strfreev(lines);
}

/*
 * A mail to many (voters of an idea...) rendered once per language:
 * greeting no one by name, of the given kind, in language lang, with
 * link (or NULL) and details, pairs of name and value ending in NULL,
 * as <detail name="NAME">VALUE</detail> for mail.xsl, and unsubscribe
 * (or NULL), the unsubscribe link (a placeholder the caller replaces
 * for each recipient).  *subject (one
 * line) and *body are allocated in a.  Returns a dberr (DB_ERROR when
 * the template is bad), as mail_queue() does; the caller queues them.
 */
int
mail_render(struct arena *a, const char *lang, const char *kind,
    const char *link, const char *const *details, const char *unsubscribe,
    const char **subject, const char **body)
{
	const struct catalog	*cat = i18n_find(lang);
	xmlDocPtr		 doc;
	xmlNodePtr		 m, n;
	char			*text = NULL, *nl;
	size_t			 len, i;
	int			 e;

	if (cat == NULL)
		cat = i18n_default();
	doc = xmlNewDoc((const xmlChar *)"1.0");
	m = xmlNewNode(NULL, (const xmlChar *)"mail");
	xmlDocSetRootElement(doc, m);
	xml_attr(m, "kind", kind);
	xml_attr(m, "lang", cat->code);
	xml_attr(m, "dir", cat->rtl ? "rtl" : "ltr");
	n = xml_elem(m, "site");
	xml_attr(n, "name", conf->site_name);
	xml_attr(n, "url", conf->site_url);
	n = xml_elem(m, "to");
	xml_attr(n, "name", "");
	xml_attr(n, "email", "");
	if (link != NULL)
		xml_text(m, "link", link);
	for (i = 0; details != NULL && details[i] != NULL &&
	    details[i + 1] != NULL; i += 2) {
		n = xml_text(m, "detail", details[i + 1]);
		xml_attr(n, "name", details[i]);
	}
	if (unsubscribe != NULL)
		xml_text(m, "unsubscribe", unsubscribe);
	e = theme_render_mail(doc, cat, &text, &len);
	xmlFreeDoc(doc);
	if (e != 0 || (nl = strstr(text, "\n\n")) == NULL) {
		log_warnx("mail: the %s template gave no subject line", kind);
		free(text);
		return DB_ERROR;
	}
	*nl = '\0';
	*subject = one_line(arena_strdup(a, text));
	*body = arena_strdup(a, nl + 2);
	free(text);
	return DB_OK;
}

/* The MIME message for one queued row; g_free() the result. */
static char *
build(const char *to, const char *subject, const char *body,
    const char *headers)
{
	GMimeMessage		*msg = g_mime_message_new(TRUE);
	GMimeTextPart		*part = g_mime_text_part_new_with_subtype("plain");
	InternetAddressList	*from;
	GDateTime		*now = g_date_time_new_now_utc();
	GMimeStream		*stream;
	GMimeDataWrapper	*content;
	char			*out, *id, *subj;

	if ((from = internet_address_list_parse(NULL, conf->mail_from)) != NULL) {
		internet_address_list_append(g_mime_message_get_from(msg), from);
		g_object_unref(from);
	}
	/* mail_queue() let no control character into either; rows queued
	 * before it did are made safe here as well. */
	subj = one_line(g_strdup(subject));
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, NULL, to);
	g_mime_message_set_subject(msg, subj, "utf-8");
	g_free(subj);
	g_mime_message_set_date(msg, now);
	id = g_mime_utils_generate_message_id("portico.invalid");
	g_mime_message_set_message_id(msg, id);
	g_free(id);
	if (headers != NULL && *headers)
		add_headers(msg, headers);
	/* UTF-8 as it is, whatever the text: links stay whole for people
	 * and for tests, and every language reads the same. */
	stream = g_mime_stream_mem_new_with_buffer(body, strlen(body));
	content = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(part), content);
	g_object_unref(content);
	g_object_unref(stream);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset",
	    "utf-8");
	g_mime_part_set_content_encoding(GMIME_PART(part),
	    GMIME_CONTENT_ENCODING_8BIT);
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(part));
	out = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	g_object_unref(part);
	g_object_unref(msg);
	g_date_time_unref(now);
	return out;
}

/* Pipe text to the mail command; 0, or -1 with the reason in err. */
static int
deliver(const char *text, char *err, size_t errlen)
{
	gchar	**argv = NULL;
	size_t	  len = strlen(text), off = 0;
	ssize_t	  n;
	pid_t	  pid;
	int	  fds[2], status;

	if (!g_shell_parse_argv(conf->mail_command, NULL, &argv, NULL)) {
		snprintf(err, errlen, "mail_command cannot be parsed");
		return -1;
	}
	if (pipe(fds) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		g_strfreev(argv);
		return -1;
	}
	if ((pid = fork()) == -1) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		g_strfreev(argv);
		return -1;
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	g_strfreev(argv);
	close(fds[0]);
	while (off < len) {
		if ((n = write(fds[1], text + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)n;
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			snprintf(err, errlen, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == len)
		return 0;
	snprintf(err, errlen, "%s: %s %d", conf->mail_command,
	    WIFEXITED(status) ? "exit status" : "signal",
	    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return -1;
}

/*
 * Called by the sender before each round: what turns other tables'
 * outboxes into queued mail (portico-admin sets it to the ticket
 * notices' renderer, which sits above this file).
 */
int	(*mail_outbox)(void);

struct batch {
	struct dbres	*rows;
};

static int
claim(void *arg)
{
	struct batch	*b = arg;
	struct dbarg	 a[1];
	size_t		 i;
	int		 e;

	dbres_free(b->rows);
	b->rows = NULL;
	if ((e = db_query(&q_due, &b->rows, 0, NULL)) != DB_OK)
		return e;
	for (i = 0; i < b->rows->nrows; i++) {
		a[0] = DBS(dbres_get(b->rows, i, DUE_ID));
		if ((e = db_exec(&q_lease, NULL, NULL, 1, a)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/*
 * Deliver what is due, then (unless once) keep watching the queue.
 * Returns 0, or 1 if the database failed (once) .
 */
int
mail_send_due(bool once)
{
	struct batch	 b = { NULL };
	struct dbarg	 a[2];
	char		*msg, err[512];
	size_t		 i, sent, failed;
	int		 e;

	g_mime_init();
	/* A mail command that exits early must not take the sender along. */
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		sent = failed = 0;
		if (mail_outbox != NULL && mail_outbox() != DB_OK)
			log_warnx("send-mail: outbox: %s", db_last_error());
		if ((e = db_tx(claim, &b)) != DB_OK) {
			log_warnx("send-mail: database: %s", db_last_error());
			if (once)
				return 1;
			sleep(5);
			continue;
		}
		for (i = 0; i < b.rows->nrows; i++) {
			if (!valid_email(dbres_get(b.rows, i, DUE_TO_ADDR),
			    strlen(dbres_get(b.rows, i, DUE_TO_ADDR)))) {
				/* Never a header line of its own: never sent. */
				a[0] = DBS("not an address");
				a[1] = DBS(dbres_get(b.rows, i, DUE_ID));
				db_exec(&q_failed, NULL, NULL, 2, a);
				failed++;
				continue;
			}
			msg = build(dbres_get(b.rows, i, DUE_TO_ADDR),
			    dbres_get(b.rows, i, DUE_SUBJECT),
			    dbres_get(b.rows, i, DUE_BODY),
			    dbres_get(b.rows, i, DUE_HEADERS));
			if (deliver(msg, err, sizeof(err)) == 0) {
				a[0] = DBS(dbres_get(b.rows, i, DUE_ID));
				db_exec(&q_sent, NULL, NULL, 1, a);
				sent++;
			} else {
				a[0] = DBS(err);
				a[1] = DBS(dbres_get(b.rows, i, DUE_ID));
				db_exec(&q_failed, NULL, NULL, 2, a);
				log_warnx("send-mail: message %s to %s: %s",
				    dbres_get(b.rows, i, DUE_ID),
				    dbres_get(b.rows, i, DUE_TO_ADDR), err);
				failed++;
			}
			g_free(msg);
		}
		if (sent || failed)
			log_info("send-mail: %zu sent, %zu failed", sent, failed);
		if (once && b.rows->nrows < 20)
			break;
		if (!once && b.rows->nrows == 0)
			sleep(2);
	}
	dbres_free(b.rows);
	return 0;
}
