/*
 * The configuration file: "key = value" lines, '#' comments.  Every key
 * is declared once in the table below with its type, default and the
 * sentence that documents it (conf/portico.conf repeats them).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portico.h"

struct conf	*conf;

enum ctype { C_STR, C_INT, C_BOOL, C_MODE };

struct ckey {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	const char	*def;
	long		 min, max;
	const char	*doc;
};

#define O(f)	offsetof(struct conf, f)
static const struct ckey ckeys[] = {
	{ "listen", C_STR, O(listen), "unix:/run/portico/portico.sock", 0, 0,
	  "unix:PATH, tcp:HOST:PORT or fd0 (a socket handed over on fd 0)" },
	{ "socket_mode", C_MODE, O(socket_mode), "0660", 0, 0777,
	  "permissions of the unix socket" },
	{ "socket_group", C_STR, O(socket_group), "", 0, 0,
	  "group of the unix socket (the web server's), empty to keep" },
	{ "listen_allow_remote", C_BOOL, O(listen_allow_remote), "no", 0, 0,
	  "allow a TCP address other than loopback (private networks only)" },
	{ "workers", C_INT, O(workers), "4", 1, 256,
	  "number of worker processes" },
	{ "max_requests", C_INT, O(max_requests), "10000", 1, INT_MAX,
	  "a worker is replaced after this many requests" },
	{ "request_timeout", C_INT, O(request_timeout), "30", 1, 3600,
	  "seconds a worker may spend on one request before it is killed" },
	{ "restart_backoff_max", C_INT, O(restart_backoff_max), "10", 1, 600,
	  "longest wait, in seconds, before restarting a crashing worker" },
	{ "themes_dir", C_STR, O(themes_dir), PORTICO_DATADIR "/xslt", 0, 0,
	  "folder holding the themes and the i18n catalogs" },
	{ "sql_dir", C_STR, O(sql_dir), PORTICO_DATADIR "/sql", 0, 0,
	  "folder holding the numbered migrations (portico-admin migrate)" },
	{ "theme", C_STR, O(theme), "default", 0, 0,
	  "the active theme, a folder name under themes_dir" },
	{ "default_language", C_STR, O(default_language), "en", 0, 0,
	  "language used when nothing else decides" },
	{ "languages", C_STR, O(languages), "", 0, 0,
	  "space-separated languages offered; empty offers every catalog" },
	{ "development", C_BOOL, O(development), "no", 0, 0,
	  "development mode: ?format=xml shows the page XML" },
	{ "query_stats", C_BOOL, O(query_stats), "no", 0, 0,
	  "send each answer's statement count and the rows MariaDB read for "
	  "it as X-Statements and X-Rows-Read (tests and benchmarks)" },
	{ "site_name", C_STR, O(site_name), "Portico", 0, 0,
	  "the portal's name in page titles and headers" },
	{ "site_url", C_STR, O(site_url), "http://127.0.0.1:8080", 0, 0,
	  "the public URL of the portal: links in mail, origin checks" },
	{ "db_socket", C_STR, O(db_socket), "", 0, 0,
	  "MariaDB unix socket; empty to use db_host and db_port" },
	{ "db_host", C_STR, O(db_host), "localhost", 0, 0,
	  "MariaDB host when db_socket is empty; for a cluster, its nodes "
	  "as host[:port], host[:port]... (a worker moves to the next when "
	  "one fails)" },
	{ "db_port", C_INT, O(db_port), "3306", 1, 65535,
	  "MariaDB TCP port when db_socket is empty" },
	{ "db_user", C_STR, O(db_user), "portico", 0, 0,
	  "MariaDB user" },
	{ "db_password", C_STR, O(db_password), "", 0, 0,
	  "MariaDB password" },
	{ "db_name", C_STR, O(db_name), "portico", 0, 0,
	  "MariaDB database" },
	{ "admin_db_user", C_STR, O(admin_db_user), "", 0, 0,
	  "MariaDB user of portico-admin migrate, import-articles and reindex "
	  "(schema changes); empty to use db_user" },
	{ "admin_db_password", C_STR, O(admin_db_password), "", 0, 0,
	  "password of admin_db_user" },
	{ "max_body", C_INT, O(max_body), "1048576", 1024, INT_MAX,
	  "largest request body in bytes (413 above it)" },
	{ "max_fields", C_INT, O(max_fields), "200", 1, 100000,
	  "most fields in a query string, form or cookie header" },
	{ "max_field_size", C_INT, O(max_field_size), "65536", 64, INT_MAX,
	  "largest single field value in bytes" },
	{ "registration", C_STR, O(registration), "open", 0, 0,
	  "who may create an account: open, invite or closed" },
	{ "argon2_memory", C_INT, O(argon2_memory), "19456", 8192, 4194304,
	  "Argon2id memory per password hash, in KiB" },
	{ "argon2_time", C_INT, O(argon2_time), "2", 1, 20,
	  "Argon2id passes over that memory" },
	{ "argon2_parallelism", C_INT, O(argon2_parallelism), "1", 1, 16,
	  "Argon2id lanes" },
	{ "argon2_max_parallel", C_INT, O(argon2_max_parallel), "2", 1, 256,
	  "most password hashes computed at once on this host" },
	{ "lock_dir", C_STR, O(lock_dir), "/run/portico", 0, 0,
	  "folder for this host's lock files (shared by its workers)" },
	{ "session_idle_minutes", C_INT, O(session_idle_minutes), "120", 5,
	  1000000, "a session unused this long ends" },
	{ "session_max_hours", C_INT, O(session_max_hours), "168", 1, 100000,
	  "a session ends this long after sign-in, used or not" },
	{ "verify_token_hours", C_INT, O(verify_token_hours), "48", 1, 1000,
	  "how long an e-mail verification link works" },
	{ "reset_token_minutes", C_INT, O(reset_token_minutes), "60", 5, 10000,
	  "how long a password reset link works" },
	{ "mail_command", C_STR, O(mail_command), "/usr/sbin/sendmail -t -i",
	  0, 0, "sendmail-compatible command that takes a message on stdin" },
	{ "mail_from", C_STR, O(mail_from), "Portico <portico@localhost>", 0, 0,
	  "the From: of mail the portal sends" },
	{ "sso", C_BOOL, O(sso), "no", 0, 0,
	  "trust the identity the web server puts in sso_variable" },
	{ "sso_variable", C_STR, O(sso_variable), "REMOTE_USER", 0, 0,
	  "the FastCGI variable holding the signed-in e-mail address" },
	{ "sso_create", C_BOOL, O(sso_create), "no", 0, 0,
	  "create a user at the first single sign-on of an unknown address" },
	{ "require_2fa_staff", C_BOOL, O(require_2fa_staff), "yes", 0, 0,
	  "agents and admins must use two-factor sign-in" },
	{ "totp_max_failures", C_INT, O(totp_max_failures), "10", 3, 1000,
	  "wrong second-factor codes in a row that lock a user's second factor" },
	{ "totp_lock_minutes", C_INT, O(totp_lock_minutes), "1440", 1, 525600,
	  "how long a locked second factor stays locked" },
	{ "log_file", C_STR, O(log_file), "", 0, 0,
	  "append the log here instead of stderr" },
	{ "files_dir", C_STR, O(files_dir), "/var/lib/portico/files", 0, 0,
	  "folder holding uploaded files, named by their SHA-256" },
	{ "files_accel", C_STR, O(files_accel), "", 0, 0,
	  "internal web server location serving files_dir (X-Accel-Redirect)" },
	{ "max_upload", C_INT, O(max_upload), "52428800", 1024, INT_MAX,
	  "largest uploaded file, in bytes" },
	{ "upload_types", C_STR, O(upload_types),
	  "application/pdf application/zip application/gzip application/x-xz "
	  "application/x-tar text/plain image/png image/jpeg image/gif "
	  "image/webp video/mp4 video/webm", 0, 0,
	  "space-separated MIME types (read from the bytes) an upload may have" },
	{ "video_embeds", C_STR, O(video_embeds),
	  "https://www.youtube-nocookie.com/embed/ https://player.vimeo.com/video/",
	  0, 0, "space-separated address prefixes a video may be embedded from" },
	{ "page_cache_seconds", C_INT, O(page_cache_seconds), "0", 0, 86400,
	  "longest the web server may reuse an anonymous page (0: no cache)" },
	{ "page_cache_check_seconds", C_INT, O(page_cache_check_seconds), "2",
	  1, 3600, "how long the web server serves a kept page before asking "
	  "whether it is still current: the most a change takes to show" },
	{ "voikko_path", C_STR, O(voikko_path), "/usr/lib/voikko", 0, 0,
	  "folder of the Finnish Voikko dictionary (voikko-fi); empty: none" },
	{ "hunspell_et", C_STR, O(hunspell_et), "/usr/share/hunspell/et_EE",
	  0, 0, "Hunspell dictionary for Estonian base forms, the path without "
	  ".aff/.dic (myspell-et); empty: none" },
	{ "hunspell_el", C_STR, O(hunspell_el), "", 0, 0,
	  "Hunspell dictionary for Greek base forms, without .aff/.dic; empty: "
	  "none (Debian's el_GR lists every form without affix rules)" },
	{ "ticket_reopen_days", C_INT, O(ticket_reopen_days), "14", 0, 3650,
	  "a customer's reply reopens a resolved ticket for this many days; "
	  "after them it opens a new ticket linked to the old one" },
	{ "ticket_auto_close_days", C_INT, O(ticket_auto_close_days), "7", 1,
	  3650, "a ticket waiting on the customer or resolved this many days "
	  "is closed by sla-tick" },
	{ "ticket_auto_close_warn_days", C_INT, O(ticket_auto_close_warn_days),
	  "2", 0, 3650, "the customer is mailed this many days before the "
	  "automatic close (0: no mail)" },
	{ "ticket_max_attachments", C_INT, O(ticket_max_attachments), "5", 0,
	  100, "attachments one ticket message may carry" },
	{ "ticket_max_attachment", C_INT, O(ticket_max_attachment), "10485760",
	  1024, INT_MAX, "largest ticket attachment, in bytes" },
	{ "ticket_mail_address", C_STR, O(ticket_mail_address), "", 0, 0,
	  "support address that mail-in reads (support@example.com); "
	  "replies go to support+TOKEN@example.com; empty: no mail in" },
	{ "ticket_mail_department", C_STR, O(ticket_mail_department), "", 0, 0,
	  "department (its slug) of a ticket opened by mail whose address "
	  "names none (support+billing@ or billing@ of the support domain "
	  "do); empty: the first department" },
	{ "ticket_unknown_sender", C_STR, O(ticket_unknown_sender), "hold",
	  0, 0, "a mail from an address no contact has: \"reject\" (answer "
	  "with a reply saying so) or \"hold\" (for staff)" },
	{ "ticket_roles", C_STR, O(ticket_roles), "owner", 0, 0,
	  "account roles that see all of their account's tickets (besides "
	  "the department's own roles); members see their own" },
	{ "billing_provider_name", C_STR, O(billing_provider_name), "", 0, 0,
	  "the provider's name on invoices and their PDFs; empty: site_name" },
	{ "billing_provider_address", C_STR, O(billing_provider_address), "",
	  0, 0, "the provider's address and business id, one line under the name "
	  "on invoices" },
	{ "billing_provider_logo", C_STR, O(billing_provider_logo), "", 0, 0,
	  "a PNG file drawn at the top of invoice PDFs; empty: none" },
	{ "billing_pay_url", C_STR, O(billing_pay_url), "", 0, 0,
	  "the provider's payment page for an invoice, {number}, {amount} "
	  "(decimal), {currency} and {account} replaced; empty: no pay link" },
	{ "billing_quote_roles", C_STR, O(billing_quote_roles),
	  "owner billing", 0, 0, "account roles that may accept or decline "
	  "quotes" },
	{ "billing_staff_address", C_STR, O(billing_staff_address), "", 0, 0,
	  "where quote decisions are mailed; empty: mail_from" },
	{ "billing_time_zone", C_STR, O(billing_time_zone), "UTC", 0, 0,
	  "the provider's time zone (an IANA name such as Europe/Helsinki): "
	  "invoice due dates are days there, and an unpaid invoice is overdue "
	  "from the day after its due date" },
	{ "forum_rate_posts", C_INT, O(forum_rate_posts), "10", 1, 100000,
	  "community posts (topics and replies) a customer may write within "
	  "forum_rate_minutes; one more is refused until the oldest is older" },
	{ "forum_rate_minutes", C_INT, O(forum_rate_minutes), "10", 1, 1440,
	  "the window of forum_rate_posts, in minutes" },
	{ "forum_queue_first", C_INT, O(forum_queue_first), "0", 0, 1000,
	  "a customer's first N community posts wait in the moderation queue "
	  "until staff approve them (0: none wait)" },
	{ "forum_edit_minutes", C_INT, O(forum_edit_minutes), "30", 0, 100000,
	  "authors may edit a community post this many minutes after writing "
	  "it (staff always); each edit keeps the earlier text for staff" },
};
#undef O

static int
conf_set(struct conf *c, const struct ckey *k, const char *v, char *err,
    size_t errlen)
{
	char	*end, **sp;
	long	 l;

	switch (k->type) {
	case C_STR:
		sp = (char **)((char *)c + k->off);
		free(*sp);
		*sp = xstrdup(v);
		return 0;
	case C_BOOL:
		if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
			*(bool *)((char *)c + k->off) = true;
		else if (!strcmp(v, "no") || !strcmp(v, "false") ||
		    !strcmp(v, "0"))
			*(bool *)((char *)c + k->off) = false;
		else {
			snprintf(err, errlen, "%s: expected yes or no, got "
			    "\"%s\"", k->name, v);
			return -1;
		}
		return 0;
	case C_INT:
	case C_MODE:
		errno = 0;
		l = strtol(v, &end, k->type == C_MODE ? 8 : 10);
		if (errno || end == v || *end != '\0' || l < k->min ||
		    l > k->max) {
			snprintf(err, errlen, "%s: expected a %s from %ld to "
			    "%ld, got \"%s\"", k->name, k->type == C_MODE ?
			    "mode (octal)" : "number", k->min, k->max, v);
			return -1;
		}
		if (k->type == C_MODE)
			*(unsigned *)((char *)c + k->off) = (unsigned)l;
		else
			*(int *)((char *)c + k->off) = (int)l;
		return 0;
	}
	return -1;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * Load path into c (defaults first, then the file).  NULL path gives the
 * defaults.  Returns 0, or -1 with a message naming file and line in err.
 */
int
conf_load(const char *path, struct conf *c, char *err, size_t errlen)
{
	FILE		*f = NULL;
	struct timespec	 ts;
	char		 line[4096], msg[512], *k, *v, *eq;
	size_t		 i;
	int		 lineno = 0, rc = -1;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
		if (conf_set(c, &ckeys[i], ckeys[i].def, err, errlen) == -1)
			goto out;
	if (path == NULL)
		return 0;
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line too long", path,
			    lineno);
			goto out;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value",
			    path, lineno);
			goto out;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
			if (!strcmp(ckeys[i].name, k))
				break;
		if (i == sizeof(ckeys) / sizeof(ckeys[0])) {
			snprintf(err, errlen, "%s:%d: unknown key \"%s\"",
			    path, lineno, k);
			goto out;
		}
		if (conf_set(c, &ckeys[i], v, msg, sizeof(msg)) == -1) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		goto out;
	}
	if (strncmp(c->site_url, "http://", 7) &&
	    strncmp(c->site_url, "https://", 8)) {
		snprintf(err, errlen, "%s: site_url must start with http:// "
		    "or https://", path);
		goto out;
	}
	c->https = !strncmp(c->site_url, "https://", 8);
	clock_gettime(CLOCK_REALTIME, &ts);
	c->loaded_us = (uint64_t)ts.tv_sec * 1000000 +
	    (uint64_t)ts.tv_nsec / 1000;
	if (strcmp(c->registration, "open") && strcmp(c->registration, "invite")
	    && strcmp(c->registration, "closed")) {
		snprintf(err, errlen, "%s: registration must be open, invite or "
		    "closed", path);
		goto out;
	}
	if (!sla_zone_valid(c->billing_time_zone)) {
		snprintf(err, errlen, "%s: billing_time_zone \"%.60s\" is not "
		    "a time zone (an IANA name such as Europe/Helsinki)", path,
		    c->billing_time_zone);
		goto out;
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	if (rc == -1)
		conf_free(c);
	return rc;
}

void
conf_free(struct conf *c)
{
	size_t	 i;
	char	**sp;

	for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++) {
		if (ckeys[i].type != C_STR)
			continue;
		sp = (char **)((char *)c + ckeys[i].off);
		free(*sp);
		*sp = NULL;
	}
}

/* Print every key with its default and meaning (portico-admin conf-keys). */
void
conf_usage(FILE *out)
{
	size_t	i;

	for (i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
		fprintf(out, "# %s\n%s = %s\n\n", ckeys[i].doc, ckeys[i].name,
		    ckeys[i].def);
}

/*
 * portico-admin's commands that change the schema (migrate) or fill
 * whole tables (import-articles, reindex) use admin_db_user when it is
 * set: the workers' db_user needs no more than reading and writing rows.
 */
void
conf_use_admin_db(struct conf *c)
{
	if (c->admin_db_user == NULL || *c->admin_db_user == '\0')
		return;
	free(c->db_user);
	c->db_user = xstrdup(c->admin_db_user);
	free(c->db_password);
	c->db_password = xstrdup(c->admin_db_password);
}
