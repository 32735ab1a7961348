/*
 * Portico: shared types and prototypes, listed by the file that defines them.
 *
 * Memory policy, said once: x*() allocators abort on out-of-memory (internal
 * bookkeeping only); everything a request allocates lives in its arena and is
 * released by req_free(); I/O and database calls return checked errors.
 */
#ifndef PORTICO_H
#define PORTICO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>

#include <libxml/tree.h>

#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))

struct dbarg;

/* util.c */
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xrealloc(void *, size_t);
char		*xstrdup(const char *);
int64_t		 now_ms(void);
bool		 utf8_valid(const char *, size_t);
int		 random_bytes(void *, size_t);
void		 hex_encode(char *, const unsigned char *, size_t);
bool		 str_is_local_path(const char *);

struct arena;
struct arena	*arena_new(void);
void		*arena_alloc(struct arena *, size_t);
#define FILE_NAME_MAX	200	/* bytes of a stored file's name */
char		*file_name_clean(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_printf(struct arena *, const char *, ...) PRINTFLIKE(2, 3);
void		 arena_free(struct arena *);

struct buf {
	char	*p;
	size_t	 len, cap;
};
void		 buf_add(struct buf *, const void *, size_t);
void		 buf_adds(struct buf *, const char *);
bool		 text_has_bidi(const char *, size_t);
void		 buf_printf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
void		 buf_free(struct buf *);

/* xmlmem.c: request-scoped allocation for libxml2 and libxslt. */
int		 xmlmem_init(bool);
void		 xmlmem_begin(void);
void		 xmlmem_end(void);
bool		 xmlmem_pause(void);
void		 xmlmem_resume(bool);
void		 xmlmem_doc_free(xmlDocPtr);

/* log.c: err(3)-style logging to stderr, tagged with the request id. */
void		 log_init(const char *);
void		 log_set_rid(const char *);
void		 log_info(const char *, ...) PRINTFLIKE(1, 2);
void		 log_warn(const char *, ...) PRINTFLIKE(1, 2);
void		 log_warnx(const char *, ...) PRINTFLIKE(1, 2);
NORETURN void	 log_fatal(const char *, ...) PRINTFLIKE(1, 2);
NORETURN void	 log_fatalx(const char *, ...) PRINTFLIKE(1, 2);

/* conf.c */
struct conf {
	char		*listen;		/* unix:PATH, tcp:HOST:PORT, fd0 */
	unsigned	 socket_mode;
	char		*socket_group;
	bool		 listen_allow_remote;
	int		 workers;
	int		 max_requests;
	int		 request_timeout;	/* seconds */
	int		 restart_backoff_max;	/* seconds */
	char		*themes_dir;
	char		*theme;
	char		*sql_dir;
	char		*default_language;
	char		*languages;		/* space-separated, or empty */
	bool		 development;
	bool		 query_stats;
	char		*site_name;
	char		*site_url;
	bool		 https;
	char		*db_socket;
	char		*db_host;
	int		 db_port;
	char		*db_user;
	char		*db_password;
	char		*db_name;
	int		 max_body;
	int		 max_fields;
	int		 max_field_size;
	char		*registration;		/* open, invite, closed */
	int		 argon2_memory;		/* KiB */
	int		 argon2_time;
	int		 argon2_parallelism;
	int		 argon2_max_parallel;
	char		*lock_dir;
	int		 session_idle_minutes;
	int		 session_max_hours;
	int		 verify_token_hours;
	int		 reset_token_minutes;
	char		*mail_command;
	char		*mail_from;
	bool		 require_2fa_staff;
	int		 totp_max_failures;
	int		 totp_lock_minutes;
	bool		 sso;
	char		*sso_variable;
	bool		 sso_create;
	char		*log_file;
	char		*files_dir;
	char		*files_accel;
	int		 max_upload;		/* bytes */
	char		*video_embeds;		/* space-separated prefixes */
	char		*upload_types;		/* space-separated MIME types */
	int		 page_cache_seconds;	/* longest a copy is reused */
	int		 page_cache_check_seconds; /* served unasked */
	char		*admin_db_user;		/* portico-admin's own user */
	char		*admin_db_password;
	char		*voikko_path;		/* Finnish base forms */
	char		*hunspell_et;		/* Estonian, no .aff/.dic */
	char		*hunspell_el;		/* Greek, no .aff/.dic */
	int		 ticket_reopen_days;	/* a reply reopens until */
	int		 ticket_auto_close_days; /* waiting/resolved: closed */
	int		 ticket_auto_close_warn_days; /* mail this long before */
	int		 ticket_max_attachments; /* per message */
	int		 ticket_max_attachment;	/* bytes */
	char		*ticket_mail_address;	/* reply-to: local+TOKEN@domain */
	char		*ticket_unknown_sender;	/* reject or hold */
	char		*ticket_mail_department; /* slug, for mail naming none */
	char		*ticket_roles;		/* account roles that see all:
						   "owner" by default */
	char		*billing_provider_name;	/* on invoices; "": site_name */
	char		*billing_provider_address;
	char		*billing_provider_logo;	/* a PNG file, or "" */
	char		*billing_pay_url;	/* "{number}", "{amount}"… */
	char		*billing_quote_roles;	/* who accepts quotes */
	char		*billing_staff_address;	/* quote decisions; "": mail_from */
	char		*billing_time_zone;	/* due dates are days there */
	int		 forum_rate_posts;	/* posts a user may make in */
	int		 forum_rate_minutes;	/* ... this many minutes */
	int		 forum_queue_first;	/* a user's first N posts wait
						   for a moderator (0: none) */
	int		 forum_edit_minutes;	/* authors edit until */
	uint64_t	 loaded_us;		/* when it was read: names pages */
};
int		 conf_load(const char *, struct conf *, char *, size_t);
void		 conf_free(struct conf *);
void		 conf_usage(FILE *);
void		 conf_use_admin_db(struct conf *);
extern struct conf *conf;	/* the active configuration of this process */

/* kv.c: a list of decoded name/value pairs (query, form, cookies). */
struct kv {
	const char	*key;
	const char	*val;
	size_t		 vlen;
	const char	*filename;	/* multipart file parts, else NULL */
	const char	*ctype;		/* multipart file parts, else NULL */
};
struct kvlist {
	struct kv	*v;
	size_t		 n, cap;
};
struct kv	*kv_push(struct arena *, struct kvlist *);
const struct kv	*kv_find(const struct kvlist *, const char *);
const char	*kv_get(const struct kvlist *, const char *);

/* parse.c: parsers of untrusted bytes; each returns a PERR_* value. */
enum perr {
	PERR_OK = 0,
	PERR_MALFORMED,		/* 400 */
	PERR_ENCODING,		/* 400: bad percent-encoding */
	PERR_UTF8,		/* 400: not valid UTF-8 */
	PERR_TOO_MANY,		/* 413: too many fields */
	PERR_TOO_LARGE,		/* 413: a field or the body is too large */
	PERR__MAX
};
struct limits {
	size_t	max_fields;
	size_t	max_field_size;
};
int		 perr_status(int);
const char	*perr_text(int);
int		 parse_urlencoded(struct arena *, const char *, size_t,
		    const struct limits *, struct kvlist *);
int		 parse_cookies(struct arena *, const char *,
		    const struct limits *, struct kvlist *);
int		 url_decode(char *, size_t *, bool);
int		 parse_path(struct arena *, const char *, const char **);

/* multipart.c: multipart/form-data through GMime. */
void		 multipart_init(void);
int		 parse_multipart(struct arena *, const char *, const char *,
		    size_t, const struct limits *, struct kvlist *);

/* req.c: the request a handler sees, and the response it fills in. */
enum method { METHOD_GET = 1, METHOD_HEAD = 2, METHOD_POST = 4 };
enum role { ROLE_ANON, ROLE_CUSTOMER, ROLE_AGENT, ROLE_ADMIN, ROLE__MAX };

struct user {
	unsigned	 id;
	const char	*email;
	const char	*name;
	const char	*lang;
	const char	*tz;
	enum role	 role;
	unsigned	 account_id;	/* 0 for staff */
	const char	*account_role;	/* owner, billing, technical, member */
	bool		 second_factor;	/* two-factor sign-in is on */
};

struct catalog;
struct route;
struct req {
	struct arena		*arena;
	char			 rid[33];
	int64_t			 start_ms;
	enum method		 method;
	const char		*method_name;
	const char		*path;
	const char		*query_string;
	const char		*content_type;
	size_t			 content_length;
	const char		*cookie_header;
	const char		*accept_language;
	const char		*origin;
	const char		*referer;
	const char		*remote_addr;
	const char		*user_agent;
	const char		*if_none_match;	/* a cached copy's ETag */
	const char		*sso_identity;	/* from the web server, sso on */
	const char		*body;
	size_t			 body_len;
	struct kvlist		 query;
	struct kvlist		 form;
	struct kvlist		 cookies;
	const struct route	*route;
	const char		*args[4];	/* path segments matched by '*' */
	size_t			 nargs;
	enum role		 role;
	const struct user	*user;		/* signed in, else NULL */
	unsigned		 mfa_user;	/* awaiting the second factor */
	unsigned char		 sid_hash[32];	/* of the session's id */
	char			 csrf[65];
	const struct catalog	*cat;

	/* response */
	int			 status;
	struct kvlist		 headers;
	xmlDocPtr		 doc;		/* page XML, rendered by the theme */
	xmlNodePtr		 content;	/* the page's own element */
	const char		*location;	/* for redirects */
	const char		*body_out;	/* a raw body (XML, text) */
	size_t			 body_out_len;
	const char		*ctype_out;
	const char		*fail_reason;	/* of a failure, for its page */
	const char		*fail_arg;
	bool			 want_xml;	/* ?format=xml */
	char			 etag[96];	/* names a page that may be kept */
	uint64_t		 gen;		/* content generation, once read */
	bool			 gen_read;
	const unsigned		*vsegs;		/* the visitor's segments, once read */
	size_t			 nvsegs;
	bool			 vsegs_read;
};
struct req	*req_new(void);
void		 req_free(struct req *);
void		 req_header(struct req *, const char *, const char *);
int		 req_redirect(struct req *, const char *);
int		 req_fail(struct req *, int, const char *, const char *);

/* route.c: the route table and the dispatcher. */
struct param_spec {
	const char	*name;
	bool		(*valid)(const char *, size_t);
	size_t		 maxlen;
};
struct route {
	unsigned		 methods;
	const char		*pattern;	/* '*' matches one segment */
	enum role		 role;
	unsigned		 flags;
#define RF_SAME_ORIGIN	0x01	/* a POST must come from the site itself */
#define RF_DEV_ONLY	0x02	/* exists only in development mode */
#define RF_CSRF		0x04	/* the form must carry the CSRF token */
#define RF_CACHE	0x08	/* public: the page cache may keep it */
#define RF_UPLOAD	0x10	/* multipart bodies up to max_upload larger */
#define RF_PUBLIC	0x20	/* public: caches may store it, page cache not */
#define RF_ATTACH	0x40	/* multipart bodies up to ticket_max_attachments
				   times ticket_max_attachment larger */
	int			(*handler)(struct req *);
	const struct param_spec	*params;	/* allowlist, NULL-terminated */
	const struct param_spec	*segs;		/* one per '*', in order */
};
const struct route *route_table(size_t *);
const struct param_spec *route_global_params(void);
int		 route_policy(struct req *);
void		 dispatch(struct req *);
bool		 valid_any(const char *, size_t);
bool		 valid_line(const char *, size_t);
bool		 valid_form_line(const char *, size_t);
bool		 valid_lines(const char *, size_t);
bool		 valid_slug(const char *, size_t);
bool		 valid_lang(const char *, size_t);
bool		 valid_local_path(const char *, size_t);

/* page.c: building the page document. */
extern void	(*page_banner)(xmlNodePtr, const char *);
xmlNodePtr	 page_new(struct req *, const char *);
xmlNodePtr	 xml_text(xmlNodePtr, const char *, const char *);
xmlNodePtr	 xml_textn(xmlNodePtr, const char *, const char *, size_t);
xmlNodePtr	 xml_elem(xmlNodePtr, const char *);
void		 xml_attr(xmlNodePtr, const char *, const char *);
void		 xml_attrf(xmlNodePtr, const char *, const char *, ...)
		    PRINTFLIKE(3, 4);
int		 page_error(struct req *, int, const char *, const char *);
int		 page_raw_xml(struct req *, xmlDocPtr, const char *);
/*
 * What a handler returns for a database error e (enum dberr) it does
 * not handle itself: dispatch() makes the error page, with the status
 * db_status(e) and the reason "database".
 */
#define HTTP_DB(e)	(-1 - (int)(e))
#define HTTP_DB_ERR(st)	(-1 - (st))

/* theme.c: XSLT themes, parsed once and applied per request. */
int		 theme_init(const char *, char *, size_t);
int		 theme_load(const char *, const char *, char *, size_t);
void		 theme_release(void);
int		 theme_render(struct req *, char **, size_t *, const char **);
int		 theme_render_mail(xmlDocPtr, const struct catalog *, char **,
		    size_t *);

/* sla.c: business-hours calendars and the service-level clock. */
#define SLA_SPANS	8		/* intervals a weekday may have */
#define SLA_ZONE_MAX	64		/* an IANA zone name, with its NUL */
#define SLA_OPEN	INT64_MAX	/* the end of a pause still going on */
struct sla_span {
	int16_t		 from, to;	/* minutes of the local day, [from, to) */
};
struct sla_calendar {
	char		 zone[SLA_ZONE_MAX];
	struct sla_span	 week[7][SLA_SPANS];	/* [0] Monday, sorted */
	size_t		 nspans[7];
	int32_t		*holidays;	/* local days since 1970-01-01, sorted */
	size_t		 nholidays;
};
struct sla_pause {
	int64_t		 from, to;	/* UTC seconds, [from, to) */
};
enum sla_err {
	SLA_OK,
	SLA_EINVAL,	/* negative or too large target, pause ends first */
	SLA_ENEVER,	/* the calendar is never open */
	SLA_EPAUSED,	/* a pause without end stops the clock first */
	SLA_EFAR,	/* beyond ten years */
	SLA_EZONE	/* the time zone library failed */
};
int		 sla_parse(struct arena *, const char *, struct sla_calendar **,
		    char *, size_t);
const struct sla_calendar *sla_always(void);
bool		 sla_zone_valid(const char *);
int		 sla_today(const char *, char [11]);
int		 sla_due(const struct sla_calendar *, int64_t, long,
		    const struct sla_pause *, size_t, int64_t *);
int		 sla_elapsed(const struct sla_calendar *, int64_t, int64_t,
		    const struct sla_pause *, size_t, int64_t *);
const char	*sla_strerror(int);
int		 sla_format(struct arena *, int64_t, const char *, const char *,
		    const char **);
int		 sla_format_date(struct arena *, int64_t, const char *,
		    const char *, const char **);

/*
 * ticket.c: the ticket model.  The customer pages, the staff queue,
 * mail-in and sla-tick all change tickets through these functions only;
 * each runs its own transaction (retried on deadlock), records what
 * changed (ticket_events), recomputes the due times (derived data, on
 * write) and queues its notifications in ticket_notices in the same
 * transaction.  They return 0, a dberr, or one of the TICKET_E codes.
 */
#define TICKET_REF_LEN	10		/* "T-" and 8 characters */
enum ticket_status {
	TICKET_NEW, TICKET_OPEN, TICKET_WAITING, TICKET_RESOLVED,
	TICKET_CLOSED, TICKET_STATUS__MAX
};
enum ticket_priority {
	TICKET_LOW, TICKET_NORMAL, TICKET_HIGH, TICKET_URGENT,
	TICKET_PRIORITY__MAX
};
extern const char *const ticket_statuses[TICKET_STATUS__MAX + 1];
extern const char *const ticket_priorities[TICKET_PRIORITY__MAX + 1];
enum ticket_err {
	TICKET_ENOENT = 100,	/* no such ticket (or merged away) */
	TICKET_ECOLLISION,	/* the thread has a message the writer
				   has not seen (expect_last) */
	TICKET_EEXPIRED,	/* closed, or resolved longer than the
				   reopen period: open a linked ticket */
	TICKET_EPOLICY,		/* no department, calendar or policy */
	TICKET_ESTATE,		/* the change is not allowed from here */
	TICKET_EDUPLICATE,	/* sent before: its form_key opened a
				   ticket already (that one's reference
				   is given), or the same writer posted
				   the same text since expect_last
				   (that message's id is given) */
	TICKET_EAUDIENCE	/* a merge would show a member of the
				   account what their role does not, or
				   lose the requester their ticket */
};
struct attach;
struct ticket_new {
	unsigned	 account_id;
	unsigned	 requester_id;
	unsigned	 department_id;
	enum ticket_priority priority;
	const char	*subject;	/* one line */
	const char	*body;		/* Markdown, or a mail's text */
	const char	*lang;		/* the requester's language */
	const char	*source;	/* "web", "mail" or "staff" */
	const char	*mail_id;	/* the Message-ID it came as, or NULL */
	unsigned	 parent_id;	/* 0, or the ticket it follows */
	const char	*form_key;	/* the web form's one-time key (a
					   token), or NULL */
	const struct attach *attach;	/* files kept (by hash) before: */
	size_t		 nattach;	/* their rows join the ticket's */
	unsigned	 service_id;	/* 0, or one of the account's
					   services (the caller checked) */
};
struct ticket_post {
	unsigned	 ticket_id;
	unsigned	 author_id;	/* 0 for the system */
	const char	*author_kind;	/* "customer", "staff", "system" */
	const char	*author_email;	/* NULL, or the address of a mail
					   no user was matched to (held
					   mail an agent attached) */
	bool		 internal;	/* a staff-only note */
	const char	*body;
	const char	*source;	/* "web" or "mail" */
	const char	*mail_id;	/* or NULL */
	uint64_t	 expect_last;	/* 0, or the last message the writer
					   saw: another one since is a
					   TICKET_ECOLLISION, nothing saved */
	int		 set_status;	/* -1: the rule (a customer's reply
					   opens, staff's public reply waits
					   on the customer), else the status */
	const struct attach *attach;	/* files kept (by hash) before: */
	size_t		 nattach;	/* their rows join the message's */
};
/*
 * Who may read a ticket, for lists and searches (ticket_access() is the
 * same rule for one ticket): staff all; a customer the tickets of their
 * own account they opened, all of them when their account role is one
 * of conf->ticket_roles, and a department's when their role is one of
 * the department's account_roles.  t is tickets, d its department; bind
 * the TICKET_ACCESS_ARGS values ticket_access_args() fills, in order.
 */
#define TICKET_ACCESS_SQL \
	"(? <> 0 OR (t.account_id = ? AND (t.requester_id = ? OR " \
	"FIND_IN_SET(?, ?) > 0 OR FIND_IN_SET(?, d.account_roles) > 0)))"
#define TICKET_ACCESS_ARGS	6
int		 ticket_create(const struct ticket_new *, unsigned *,
		    uint64_t *, char [TICKET_REF_LEN + 1]);
int		 ticket_post(const struct ticket_post *, uint64_t *);
int		 ticket_set_status(unsigned, unsigned, enum ticket_status);
int		 ticket_set_priority(unsigned, unsigned, enum ticket_priority);
int		 ticket_set_department(unsigned, unsigned, unsigned);
int		 ticket_assign(unsigned, unsigned, unsigned);
int		 ticket_merge(unsigned, unsigned, unsigned);
int		 ticket_rate(unsigned, unsigned, unsigned, const char *);
int		 ticket_due_refresh(unsigned);
/* page_staff_held.c: held mail, for agents */
int		 page_staff_held(struct req *);
int		 page_staff_held_mail(struct req *);
int		 page_staff_held_file(struct req *);
int		 page_staff_held_attach(struct req *);
int		 page_staff_held_open(struct req *);
int		 page_staff_held_discard(struct req *);
/* ticket_search.c: tickets in the search index (the staff queue's) */
int		 ticket_index(unsigned);
int		 ticket_reindex(size_t *);
/* ticket_counts.c: the counts of the customer's list and the queue */
int		 ticket_recount(uint64_t *);
void		 ticket_index_after(int);
struct ticket_policy {
	unsigned	 id;
	char		 name[101];
	long		 first_response_min;	/* business minutes */
	long		 resolution_min;
	bool		 may_choose_priority;
};
int		 ticket_policy(unsigned, enum ticket_priority,
		    struct ticket_policy *);
/* ticket_access(r, account_id, requester_id, department's account_roles) */
int		 ticket_access(const struct req *, unsigned, unsigned,
		    const char *);
void		 ticket_access_args(const struct req *, struct dbarg *);
bool		 valid_ticket_ref(const char *, size_t);
bool		 valid_ticket_status(const char *, size_t);
bool		 valid_ticket_priority(const char *, size_t);
int		 ticket_status_of(const char *);
int		 ticket_priority_of(const char *);

/*
 * money.c: exact amounts, integer minor units beside an ISO 4217 code;
 * formatted for a viewer's language by money_format() only.
 */
#define MONEY_MAX	INT64_C(999999999999999999)	/* |amount| */
#define MONEY_EINVAL	1
int		 money_exponent(const char *);
bool		 valid_currency(const char *, size_t);
int		 money_parse(const char *, const char *, int64_t *);
int		 money_add(int64_t, int64_t, int64_t *);
int		 money_times(int64_t, int64_t, int64_t *);
int		 money_tax(int64_t, int, int64_t *);
const char	*money_decimal(struct arena *, int64_t, const char *);
int		 money_format(struct arena *, int64_t, const char *,
		    const char *, const char **);

/* mailparse.c: an incoming mail, parsed by GMime (no database). */
#define MAIL_RCPTS	16		/* recipients kept */
#define MAIL_REFS	32		/* Message-IDs it answers, kept */
#define MAIL_FILES	32		/* files of one mail, at most */
#define MAIL_TEXT_MAX	(1024 * 1024)	/* bytes of text kept */
enum mail_auto { MAIL_HUMAN, MAIL_AUTO_REPLY, MAIL_BOUNCE };
struct mail_file {
	const char	*name;		/* UTF-8, no folders or controls */
	const char	*cid;		/* Content-ID of an inline part */
	const char	*data;
	size_t		 len;
};
struct mail_msg {
	const char	*message_id;	/* without <> */
	const char	*from;		/* the sender's address, or NULL */
	const char	*from_name;
	const char	*subject;	/* decoded, one line */
	const char	*refs[MAIL_REFS];	/* In-Reply-To, References */
	size_t		 nrefs;
	const char	*rcpts[MAIL_RCPTS];	/* Delivered-To, To, Cc */
	size_t		 nrcpts;
	const char	*text;		/* plain UTF-8, never HTML */
	bool		 from_html;	/* the text was read from HTML */
	bool		 text_cut;	/* longer than MAIL_TEXT_MAX */
	bool		 auth_failed;	/* an MTA found DMARC failed */
	enum mail_auto	 autokind;
	struct mail_file files[MAIL_FILES];
	size_t		 nfiles;
	size_t		 files_dropped;	/* beyond the count allowed */
};
int		 mail_parse(struct arena *, const char *, size_t, size_t,
		    struct mail_msg *);
char		*mail_html_text(struct arena *, const char *, size_t);
char		*mail_reply_text(struct arena *, const char *);

/* mailin.c: portico-admin mail-in, one message on standard input. */
int		 mailin_run(int, const char *);

/* markdown.c: Markdown (libcmark) into the page document. */
void		 markdown_to_xml(xmlNodePtr, const char *);
void		 markdown_plain(const char *, struct buf *);
bool		 url_allowed(const char *, bool);

/* morph.c: base forms from Voikko (fi) and Hunspell (et, el). */
void		 morph_bases(struct arena *, const char *, const char *const *,
		    size_t, const char **, size_t, size_t *);
bool		 morph_wanted(void);
int		 morph_open(void);
pid_t		 morph_spawn(int);

/* text.c: index terms, queries and highlighting in six languages. */
#define QWORD_BASES	4
struct qalt;
struct qword {
	const char	*word;		/* folded, as typed */
	const char	*stems[3];	/* en, fi, el */
	const char	*bases[QWORD_BASES];	/* from morph.c, folded */
	size_t		 nbases;
	bool		 han;
	size_t		 nchars;
	size_t		 span;		/* words of a synonym found here */
	const struct qalt *alts;	/* the synonym's other members */
	size_t		 nalts;
	bool		 covered;	/* inside an earlier word's span */
};
#define QALT_WORDS	4
struct qalt {
	struct qword	 words[QALT_WORDS];
	size_t		 nwords;
};
struct text_query {
	struct qword	 words[8];
	size_t		 nwords;
};
void		 text_terms(const char *, const char *, struct buf *);
size_t		 text_visible_chars(const char *);
bool		 text_query_parse(struct arena *, const char *,
		    struct text_query *);
char		*text_query_mroonga(struct arena *, const struct text_query *,
		    bool);
char		*text_query_normal(struct arena *, const struct text_query *);
bool		 text_query_synonyms(struct arena *, struct text_query *,
		    const char *const *, size_t);
void		 text_highlight(xmlNodePtr, const char *, const char *,
		    const char *, const struct text_query *, size_t);

/* content.c: content items, who sees them, saving with versions. */
/*
 * The one access rule for content, on a row's visibility and id
 * columns: staff see everything; 'public' is for all, 'signed-in' for
 * anyone signed in, 'segments' for users in (or of an account in) one
 * of the item's segments.  Binds the four content_access_args().
 */
#define ACCESS_SQL(vis, id) \
	"(? <> 0 OR " vis " = 'public' OR (" vis " = 'signed-in' AND ? <> 0) " \
	"OR (" vis " = 'segments' AND EXISTS (SELECT 1 FROM item_segments " \
	"acs LEFT JOIN user_segments aus ON aus.segment_id = acs.segment_id " \
	"AND aus.user_id = ? LEFT JOIN account_segments aas ON " \
	"aas.segment_id = acs.segment_id AND aas.account_id = ? WHERE " \
	"acs.item_id = " id " AND (aus.user_id IS NOT NULL OR " \
	"aas.account_id IS NOT NULL))))"
#define ITEM_MAX_SEGMENTS	16
struct item {
	unsigned	 id, group_id, category_id, author_id, file_id, version;
	unsigned	 nfiles;		/* files attached (read only) */
	const char	*kind, *lang, *slug, *title, *summary, *body, *tags;
	const char	*product, *status, *visibility, *video_url;
	const char	*news_kind, *severity, *starts_at, *ends_at;
	const char	*file_version, *updated_at, *published_at;
	unsigned	 segments[ITEM_MAX_SEGMENTS];
	size_t		 nsegments;
};
enum content_kind { KIND_ARTICLE, KIND_VIDEO, KIND_FAQ, KIND_DOWNLOAD,
    KIND_NEWS, KIND__MAX };
enum content_lang { CLANG_EN, CLANG_FI, CLANG_ET, CLANG_EL, CLANG_ZH,
    CLANG_FA, CLANG__MAX };
enum visibility { VIS_PUBLIC, VIS_SIGNED_IN, VIS_SEGMENTS, VIS__MAX };
enum item_status { STATUS_DRAFT, STATUS_PUBLISHED, STATUS_ARCHIVED,
    STATUS__MAX };
enum news_kind { NEWS_NOTICE, NEWS_UPDATE, NEWS_BLOG, NEWS__MAX };
enum severity { SEV_INFO, SEV_MINOR, SEV_MAJOR, SEV_CRITICAL, SEV__MAX };
/* The lists items are shown in: articles and videos in the knowledge
 * base, and one each for FAQ entries, downloads and news. */
enum content_section { SEC_KB, SEC_FAQ, SEC_DOWNLOAD, SEC_NEWS, SEC__MAX };
extern const char *const content_sections[SEC__MAX + 1];
extern const char *const content_kinds[KIND__MAX + 1];
extern const char *const content_langs[CLANG__MAX + 1];
extern const char *const content_visibilities[VIS__MAX + 1];
extern const char *const content_statuses[STATUS__MAX + 1];
extern const char *const content_news_kinds[NEWS__MAX + 1];
extern const char *const content_news_paths[NEWS__MAX + 1];
extern const char *const content_severities[SEV__MAX + 1];
int		 content_find(const char *const *, const char *);
bool		 content_kind_valid(const char *);
bool		 content_lang_valid(const char *);
const char	*content_news_kind_of(const char *, size_t);
const char	*content_list_text(struct arena *, const char *const *,
		    const char *, const char *);
const char	*item_check(const struct item *, const char **);
void		 content_access_args(const struct req *, struct dbarg *);
bool		 content_tag_next(const char **, char[101]);
const char	*content_url(struct arena *, const char *, const char *);
bool		 video_embed_allowed(const char *);
int		 item_load(struct req *, struct arena *, const char *, unsigned,
		    struct item *, bool *);
int		 item_store(struct item *, unsigned, const char *, unsigned,
		    bool *);
int		 items_batch(struct arena *, unsigned, size_t, struct item **,
		    size_t *);
char		*content_slug(struct arena *, const char *);
int		 category_ensure(struct arena *, const char *, const char *,
		    const char *, unsigned *);
size_t		 category_depth(const char *);
int		 category_name_set(unsigned, const char *, const char *,
		    uint64_t *);
int		 content_generation_bump(void);
int		 content_generation(uint64_t *);
int		 content_generation_of(struct req *, uint64_t *);
int		 item_segments_named(struct arena *, const char *, struct item *,
		    const char **);
int		 item_group_of(const char *, unsigned *);
int		 content_viewer_segments(struct req *, const unsigned **,
		    size_t *);

/* categories.c: the category tree, held per worker. */
struct category {
	unsigned	 id, parent;
	char		*slug;
	char		*names[CLANG__MAX];	/* in each language */
	unsigned	 rank[CLANG__MAX];	/* list order in each */
	unsigned char	 own[SEC__MAX];		/* audience of its items */
	unsigned char	 sub;			/* ... and of those below */
	unsigned	*segs;			/* segments of limited ones */
	size_t		 nsegs;
};
int		 category_get(struct req *, const char *, unsigned,
		    const struct category **);
const char	*category_name(const struct req *, const struct category *);
int		 category_list(struct req *, long, int,
		    const struct category ***, size_t *);
int		 category_products(struct req *, size_t, const char ***,
		    size_t *);

/* itemlist.c: lists of items in the visitor's language. */
struct list_opts {
	const char	*name;		/* <items name=...> */
	const char	*kind;		/* a kind, "kb" (articles+videos), NULL */
	const char	*news_kind;	/* NULL: any */
	unsigned	 category_id;	/* 0: any */
	bool		 by_title;	/* else newest first */
	bool		 bodies;	/* with each body rendered */
	size_t		 offset, limit;
};
size_t		 list_page(struct req *);
int		 list_pages_xml(xmlNodePtr, size_t, size_t, size_t);
int		 item_list_firsts(struct req *, xmlNodePtr,
		    const struct list_opts *);
int		 item_list(struct req *, xmlNodePtr, const struct list_opts *,
		    size_t *);
int		 item_list_home(struct req *, xmlNodePtr, const char *, size_t);

/* search.c: the search index and the one search every page can call. */
struct search_hit {
	const char	*kind, *url, *title, *plain, *lang, *updated;
	unsigned	 item_id;
};
struct search_opts {
	const char	*query;
	const char	*kind;		/* NULL: all */
	const char	*lang;		/* NULL: all */
	const char	*product;	/* NULL: all */
	unsigned	 category_id;	/* 0: all */
	size_t		 offset, limit;
	bool		 log;		/* write it to the search log */
};
struct search_result {
	struct text_query	 q;
	bool			 empty;		/* nothing to search for */
	bool			 any_word;	/* no page had every word */
	size_t			 total;		/* at most SEARCH_MAX_COUNT */
	struct search_hit	*hits;
	size_t			 nhits;
	uint64_t		 log_id;
};
#define SEARCH_MAX_COUNT	1000	/* counted up to, and pages up to */
#define SEARCH_PAGE_MAX		10	/* hits in one answer */
int		 search_index_item(const struct item *);
int		 search_reindex(size_t *);
#define SEARCH_MARK_LEN	32
int		 search_reindex_begin(char *);
int		 search_reindex_end(const char *, uint64_t *);
int		 search_local_apply(unsigned);
/* searchsync.c: this node's copy of the index kept up with search_source */
int		 search_sync_full(uint64_t *);
int		 search_sync_catch_up(uint64_t *);
int		 search_sync_follow(void);
/* One document of the index: an item's, or another kind's (an idea). */
struct search_doc {
	const char	*kind, *lang, *product, *visibility, *url, *title;
	const char	*plain;		/* the text snippets are cut from */
	const char	*extra;		/* indexed too, not shown (tags) */
	const char	*updated_at;	/* YYYY-MM-DDTHH:MM:SSZ */
	unsigned	 doc_id;	/* 0: the item's id */
	unsigned	 item_id, category_id, account_id;
};
int		 search_doc_put(const struct search_doc *);
int		 search_doc_remove(unsigned);

/*
 * forum.c: the community forum's model.  Who may see a forum category
 * (and so its topics, in lists, pages, search and mail) is said as for
 * content (ACCESS_SQL, the same four content_access_args() values): a
 * row's visibility 'public', 'signed-in', 'segments' or 'staff' (only
 * the first clause).  vis is the effective visibility, the most limited
 * along the category's parents (FORUM_EFFECTIVE_VIS; a topic stores its
 * category's); for 'segments', the viewer must be in a segment of every
 * category along cat's parents that is limited to segments (or staff).
 */
#define FORUM_EFFECTIVE_VIS(c, p) \
	"ELT(GREATEST(" c ".visibility + 0, IFNULL(" p ".visibility + 0, " \
	"1)), 'public', 'signed-in', 'segments', 'staff')"
#define FORUM_SEGMENTS_SQL(cat, user, account) \
	"NOT EXISTS (SELECT 1 FROM forum_categories fsc WHERE (fsc.id = " \
	cat " OR fsc.id = (SELECT fpc.parent_id FROM forum_categories fpc " \
	"WHERE fpc.id = " cat ")) AND fsc.visibility IN ('segments', " \
	"'staff') AND NOT EXISTS (SELECT 1 FROM forum_category_segments fcs " \
	"LEFT JOIN user_segments fus ON fus.segment_id = fcs.segment_id AND " \
	"fus.user_id = " user " LEFT JOIN account_segments fas ON " \
	"fas.segment_id = fcs.segment_id AND fas.account_id = " account \
	" WHERE fcs.category_id = fsc.id AND (fus.user_id IS NOT NULL OR " \
	"fas.account_id IS NOT NULL)))"
#define FORUM_ACCESS_SQL(vis, cat) \
	"(? <> 0 OR " vis " = 'public' OR (" vis " = 'signed-in' AND ? <> 0) " \
	"OR (" vis " = 'segments' AND " FORUM_SEGMENTS_SQL(cat, "?", "?") "))"
#define FORUM_DOC_BASE	2000000000u	/* search_docs id of topic 0 */
#define FORUM_SLUG_MAX	100		/* forum_topics.slug */
#define FORUM_REPEAT_SECONDS 60	/* the same post again: a double click */
enum forum_err {
	FORUM_ENOENT = 100,	/* no such topic, post or category */
	FORUM_ECLOSED,		/* a customer's reply to a closed topic */
	FORUM_ESTATE		/* not allowed from here */
};
enum forum_action { FORUM_HIDE, FORUM_UNHIDE, FORUM_CLOSE, FORUM_OPEN,
    FORUM_PIN, FORUM_UNPIN, FORUM_APPROVE, FORUM_ACT__MAX };
extern const char *const forum_actions[FORUM_ACT__MAX + 1];
struct forum_new {
	unsigned	 category_id, author_id;
	bool		 staff, queued;
	const char	*title, *slug, *lang, *body;
	unsigned	 topic_id;		/* set */
	bool		 repeat;		/* set: the same topic, asked
						 * a moment ago, is topic_id */
};
char		*forum_slug(struct arena *, const char *);
int		 forum_may_post(unsigned, bool, const char **, bool *);
int		 forum_topic_new(struct forum_new *);
int		 forum_reply(unsigned, unsigned, bool, bool, const char *,
		    unsigned *, unsigned *, bool *);
int		 forum_accept(unsigned, unsigned);
int		 forum_solved(unsigned, unsigned, bool);
int		 forum_edit(unsigned, unsigned, const char *, const char *);
int		 forum_topic_act(unsigned, enum forum_action);
int		 forum_post_set(unsigned, bool, bool, unsigned *);
int		 forum_move(unsigned, unsigned);
int		 forum_ban(unsigned, unsigned, const char *);
int		 forum_unban(unsigned);
int		 forum_flag(unsigned, unsigned, const char *);
int		 forum_flags_resolve(unsigned);
int		 forum_indexed(unsigned);
int		 forum_watch(unsigned, unsigned, unsigned, bool);
int		 forum_merge(unsigned, unsigned);
int		 forum_split(unsigned, unsigned, const char *, const char *,
		    unsigned *);
int		 forum_unsubscribe(struct arena *, const char *, bool *);
int		 forum_notify(struct req *, unsigned, unsigned, bool);
int		 search_index_topic(unsigned);
int		 search_reindex_topics(size_t *);
struct dbstmt;
int		 search_index_each(struct dbstmt *, int (*)(unsigned), size_t *);

/* derived.c: lists, counts, category audiences and related articles,
 * computed when content changes. */
int		 derived_item_changed(unsigned, const char *);
int		 derived_product_of(unsigned, char *, size_t);
int		 derived_rebuild(size_t *);
int		 derived_popular(size_t *);
int		 item_save(struct item *, unsigned, const char *, unsigned,
		    bool *);
int		 search_run(struct req *, const struct search_opts *,
		    struct search_result *);
void		 search_hits_xml(xmlNodePtr, const struct search_result *,
		    size_t);
#define SYNONYMS_MAX	10	/* members of one synonym set */
int		 synonyms_add(struct arena *, const char *, const char *,
		    unsigned, const char **);

/* views.c */
void		 views_count(unsigned);
void		 views_flush(void);
void		 views_idle(void);

/* item.c: the parts of a content page every kind shares. */
int		 item_by_slug(struct req *, const char *, const char *const [],
		    struct item *);
int		 category_trail(struct req *, xmlNodePtr, unsigned);
void		 item_xml(struct req *, xmlNodePtr, const struct item *);

/* page_kb.c */
const char	*feedback_voter(struct req *);

/* import.c */
int		 import_articles(const char *);

/*
 * billing_read.c: the records of a billing import file, CSV (RFC 4180)
 * or JSON Lines, as rows of named text fields (README.md, "Billing
 * import format"); the staging table has the same columns.
 */
enum bfield {
	BF_TYPE, BF_EXT_ID, BF_ACCOUNT, BF_NUMBER, BF_PRODUCT, BF_PLAN,
	BF_LABEL, BF_TITLE, BF_STATUS, BF_KIND, BF_CYCLE, BF_DATE, BF_DUE,
	BF_CURRENCY, BF_PRICE, BF_QUANTITY, BF_TAX_RATE, BF_AMOUNT, BF_METHOD,
	BF_REFERENCE, BF_DESCRIPTION, BF_LINE_NO, BF_INVOICE_ID, BF_ORDER_ID,
	BF_PAYMENT_ID, BF_QUOTE_ID, BF_SERVICE_ID, BF__MAX
};
extern const char *const billing_fields[BF__MAX + 1];
extern const size_t billing_field_max[BF__MAX];
struct billing_row {
	size_t		 line;		/* where it starts (a staging id) */
	bool		 bad;		/* a field was refused */
	const char	*f[BF__MAX];	/* NULL when absent or empty */
	/* what billing_import.c reads from the text */
	int		 type;
	int64_t		 amount, price, quantity, tax_bp;
	unsigned	 line_no;
};
struct billing_err {
	size_t		 line;
	const char	*why;
};
struct billing_file {
	struct arena		*arena;
	struct billing_row	*rows;
	size_t			 nrows, caprows;
	struct billing_err	*errs;
	size_t			 nerrs, caperrs;
};
int		 billing_field_of(const char *);
void		 billing_read(struct billing_file *, const char *, size_t,
		    bool);
void		 billing_file_error(struct billing_file *, size_t,
		    const char *);

/*
 * billing_ledger.c: what staff record by hand, and the invoice figures
 * derived on write (totals from the lines, paid from the allocations,
 * the status that follows), for the import and for staff alike.
 */
enum {
	LEDGER_EINVOICE = 100	/* not the account's open invoice, or it
				 * owes less than the payment */
};
int		 billing_digits(const char *, size_t);
bool		 billing_day_valid(const char *);
int		 billing_today(char [11]);
int		 ledger_invoice_settle(unsigned);
int		 ledger_overdue_tick(uint64_t *);
int		 ledger_payment_record(unsigned, unsigned, unsigned,
		    const char *, const char *, const char *, int64_t,
		    const char *, uint64_t *);
int		 ledger_credit_record(unsigned, unsigned, const char *,
		    const char *, const char *, int64_t, const char *,
		    uint64_t *);
int		 ledger_credit_limit_set(unsigned, bool, int64_t, const char *);

/* billing_check.c: one import row's text, checked before the database. */
enum btype {		/* in the order they are applied: parents first */
	BT_SERVICE, BT_ORDER, BT_INVOICE, BT_QUOTE, BT_PAYMENT, BT_CREDIT,
	BT_ORDER_LINE, BT_INVOICE_LINE, BT_QUOTE_LINE, BT_ALLOCATION, BT__MAX
};
extern const char *const billing_types[BT__MAX + 1];
int		 billing_type_of(const char *);
const char	*billing_row_check(struct arena *, struct billing_row *);
const char	*billing_row_key(struct arena *, const struct billing_row *);
const char	*billing_amount_check(struct arena *, const struct billing_row *,
		    int, const char *, int64_t *);

/* billing_import.c: portico-admin billing-import. */
#define BILLING_IMPORT_OK	0
#define BILLING_IMPORT_REFUSED	1	/* bad rows: that input not applied */
#define BILLING_IMPORT_USAGE	2
#define BILLING_IMPORT_FAILED	3	/* unreadable file, database error */
int		 billing_import_files(char *const *, size_t);
int		 billing_import_staging(void);

/* files.c */
const char	*file_type(const char *, size_t);
int		 file_write(struct arena *, const void *, size_t, const char *,
		    char [65]);
const char	*file_put(struct req *, const struct kv *, size_t,
		    const char **, const char **, char [65]);
const char	*file_store(struct req *, const struct kv *, unsigned,
		    unsigned *);
bool		 file_type_allowed(const char *);
int		 file_send(struct req *, const char *, const char *,
		    const char *);
int		 file_store_attach(unsigned, unsigned);

/* diff.c */
void		 diff_xml(xmlNodePtr, const char *, const char *);

/* page_news.c */
void		 banner_xml(xmlNodePtr, const char *);

/* pagecache.c */
int		 pagecache_check(struct req *);
bool		 pagecache_public(const struct req *);
bool		 pagecache_allowed(const struct req *);

/* html.c */
void		 html_serialize(xmlDocPtr, struct buf *);

/* i18n.c: message catalogs and language choice. */
struct catalog {
	char		 code[8];
	char		*name;		/* the language's own name */
	bool		 rtl;
	char		 digits[16];	/* CLDR numbering system: latn, arabext */
	size_t		 n;
	char		**keys;		/* sorted; a plural form is KEY#one */
	char		**vals;
	int		 plural;	/* its CLDR plural rule (i18n.c) */
	int		 digit_set;	/* its digits (i18n.c) */
};
int		 i18n_load(const char *, const char *, const char *, char *,
		    size_t);
void		 i18n_release(void);
const struct catalog *i18n_find(const char *);
const struct catalog *i18n_default(void);
size_t		 i18n_count(void);
const struct catalog *i18n_at(size_t);
const char	*i18n_get(const struct catalog *, const char *);
const char	*i18n_plural(const struct catalog *, const char *, double);
const char	*i18n_category(const struct catalog *, double);
void		 i18n_digits(const struct catalog *, const char *, struct buf *);
void		 i18n_number(const struct catalog *, double, struct buf *);
void		 i18n_size(const struct catalog *, double, struct buf *);
void		 i18n_fill(const char *, const char *const *, int, struct buf *);
const struct catalog *i18n_negotiate(const char *, const char *);

/* db.c: one MariaDB connection per worker, prepared statements only. */
enum dberr {
	DB_OK = 0,
	DB_UNAVAILABLE,		/* no server: 503 */
	DB_RETRY,		/* deadlock or lock wait: retry the transaction */
	DB_DUPLICATE,		/* unique key violated */
	DB_ERROR		/* anything else: 500 */
};
struct dbstmt {
	const char	*sql;		/* constant text, never built */
	void		*stmt;		/* MYSQL_STMT of this connection */
	unsigned	 gen;		/* connection generation it belongs to */
	unsigned	 ncols;		/* columns it returns */
};
/*
 * A statement that returns rows is declared with the number of its
 * columns, the __MAX of the enum of their names beside it, and its
 * results are read by those names:
 *
 *	enum { USER_ID, USER_EMAIL, USER__MAX };
 *	static struct dbstmt q_user = DBSTMT_COLS(
 *	    "SELECT id, email FROM users WHERE id = ?", USER__MAX);
 *	... dbres_get(res, 0, USER_EMAIL) ...
 *
 * The count is checked when the statement is prepared (fatal in
 * development, a 500 otherwise), so a SELECT and its names cannot drift
 * apart.  DBSTMT() is a statement that returns no columns.
 */
#define DBSTMT_COLS(s, n)	{ (s), NULL, 0, (n) }
#define DBSTMT(s)	DBSTMT_COLS(s, 0)
/*
 * A DATETIME column (UTC, as every connection's time zone is) as seconds
 * since 1970, and such seconds back, in a statement's text; x is an SQL
 * expression.  Not UNIX_TIMESTAMP() and FROM_UNIXTIME(): on MariaDB
 * before 11.5 they are NULL past 2038-01-19.
 */
#define SQL_EPOCH(x)	"TIMESTAMPDIFF(SECOND, '1970-01-01', " x ")"
#define SQL_FROM_EPOCH(x) \
	"(TIMESTAMP'1970-01-01 00:00:00' + INTERVAL " x " SECOND)"
struct dbres {
	size_t		  nrows, ncols;
	char		**cell;		/* row-major; NULL for SQL NULL */
	unsigned long	 *len;
};
struct dbarg {
	char		 type;		/* 's' string, 'i' integer, 'n' null */
	const char	*s;
	size_t		 slen;
	long long	 i;
};
#define DBS(x)		((struct dbarg){ 's', (x), (size_t)-1, 0 })
#define DBI(x)		((struct dbarg){ 'i', NULL, 0, (long long)(x) })
#define DBNULL		((struct dbarg){ 'n', NULL, 0, 0 })
extern bool	 db_patient;
int		 db_connect(void);
void		 db_disconnect(void);
int		 db_query(struct dbstmt *, struct dbres **, size_t,
		    const struct dbarg *);
int		 db_exec(struct dbstmt *, uint64_t *, uint64_t *, size_t,
		    const struct dbarg *);
int		 db_run_text(const char *, size_t, char *, size_t);
void		 db_stats_begin(void);
int		 db_stats_end(unsigned long *, unsigned long long *);
void		 dbres_free(struct dbres *);
const char	*dbres_get(const struct dbres *, size_t, size_t);
int		 db_begin(void);
int		 db_commit(void);
void		 db_rollback(void);
int		 db_tx(int (*)(void *), void *);
bool		 db_in_tx(void);
int		 db_status(int);
const char	*db_last_error(void);

/* crypto.c */
void		 sha256(const void *, size_t, unsigned char [32]);
int		 token_new(char [65], unsigned char [32]);
bool		 token_valid(const char *, size_t);
bool		 ct_equal(const char *, const char *);
const char	*link_sign(struct arena *, const char *);
int		 link_verify(struct arena *, const char *, const char **, bool *);
int		 link_secret(void);
int		 password_hash(const char *, char *, size_t);
int		 password_verify(const char *, const char *);
bool		 password_needs_rehash(const char *);
int		 password_dummy_init(void);
const char	*password_dummy(void);

/* session.c */
const char	*session_cookie_name(void);
int		 session_load(struct req *);
int		 session_start(struct req *, unsigned, bool);
int		 session_end(struct req *);
int		 session_end_others(struct req *, unsigned);
int		 session_sso(struct req *);
const char	*csrf_token(struct req *);
bool		 csrf_ok(const struct req *);

/* password.c */
const char	*password_policy(const char *, const char *);
bool		 password_is_common(const char *);
size_t		 password_common_count(void);

/* form.c: forms in the page document, checks on their fields. */
xmlNodePtr	 form_new(struct req *, xmlNodePtr, const char *, const char *,
		    const char *);
xmlNodePtr	 form_field(xmlNodePtr, const char *, const char *,
		    const char *, const char *);
void		 form_hidden(xmlNodePtr, const char *, const char *);
void		 form_button(xmlNodePtr, const char *, const char *);
void		 form_option(xmlNodePtr, const char *, const char *);
void		 page_notice(struct req *, const char *, const char *);
bool		 valid_email(const char *, size_t);
char		*email_normalize(struct arena *, const char *);
bool		 valid_phone(const char *, size_t);
bool		 valid_text(const char *, size_t, size_t);
bool		 valid_time_zone(const char *, size_t);

/* throttle.c */
int		 throttle_wait(const char *, const char *, int *);
int		 throttle_fail(const char *, const char *);
int		 throttle_clear(const char *, const char *);
int		 throttle_mail(struct req *, const char *, int *);
int		 throttle_mail_page(struct req *, int);

/* account.c */
int		 access_account(const struct req *, unsigned);
struct account_user {
	unsigned	 id;
	const char	*email;
	const char	*name;
	const char	*hash;		/* "" when the user has no password */
	const char	*status;	/* unverified, active, suspended */
	const char	*lang;
	unsigned	 account_id;
	const char	*totp_secret;	/* base32, "" when none */
	const char	*totp_pending;	/* a new secret not yet confirmed, or "" */
	bool		 totp_enabled;
	bool		 totp_locked;	/* too many wrong codes, for now */
	bool		 staff;		/* agent or admin */
};
int		 user_by_email(struct req *, const char *, struct account_user *,
		    bool *);
int		 user_by_id(struct req *, unsigned, struct account_user *,
		    bool *);
int		 user_set_password(unsigned, const char *);
int		 token_create(unsigned, const char *, int, char [65]);
int		 token_owner(const char *, const char *, unsigned *);
int		 token_spend(const char *, const char *, unsigned *);
int		 tokens_void(unsigned);
const char	*site_link(struct req *, const char *, const char *);
const char	*home_path(bool);
int		 token_from_request(struct req *, const char *, const char **,
		    unsigned *);
int		 token_set_password(struct req *, const char *,
		    int (*)(struct req *, const char *, const char *),
		    struct account_user *);

/* qr.c: QR codes (libqrencode) as a matrix in the page document. */
int		 qr_xml(xmlNodePtr, const char *);

/* totp.c */
enum mfa {
	MFA_WRONG,		/* not a good code (counted) */
	MFA_TOTP,		/* a right code from the authenticator */
	MFA_RECOVERY,		/* a right recovery code, now spent */
	MFA_LOCKED		/* locked by earlier failures: not checked */
};
void		 totp_init(void);
int		 totp_new_secret(char [33]);
int		 totp_verify(unsigned, const char *, const char *);
int		 totp_match(const char *, const char *, uint64_t *);
int		 mfa_check(struct req *, const struct account_user *,
		    const char *, enum mfa *);
int		 mfa_unlock(struct req *, const struct account_user *);
int		 recovery_spend(unsigned, const char *);
int		 recovery_new(struct req *, unsigned, const char *[10]);
int		 recovery_clear(unsigned);

/* audit.c */
void		 audit(struct req *, const char *, unsigned, unsigned,
		    const char *, ...) PRINTFLIKE(5, 6);

/* mail.c */
int		 mail_queue(struct req *, const char *, const char *,
		    const char *, const char *, const char *);
xmlDocPtr	 mail_doc(struct arena *, const char *, const struct catalog *,
		    const char *, const char *, xmlNodePtr *);
int		 mail_doc_queue(xmlDocPtr, const struct catalog *, const char *,
		    const char *);
int		 mail_render(struct arena *, const char *, const char *,
		    const char *, const char *const *, const char *,
		    const char **, const char **);

/*
 * idea.c: the suggestions model (ideas, votes, comments, followers,
 * the status workflow, merges).  Each change is one transaction that
 * locks the idea's row and keeps its counts equal to the rows they
 * count.  They return 0, a dberr, or one of the IDEA_E codes.
 */
enum idea_status { IDEA_NEW, IDEA_UNDER_REVIEW, IDEA_PLANNED,
    IDEA_IN_PROGRESS, IDEA_DONE, IDEA_DECLINED, IDEA_STATUS__MAX };
extern const char *const idea_statuses[IDEA_STATUS__MAX + 1];
enum idea_err {
	IDEA_ENOENT = 100,	/* no such idea */
	IDEA_EMERGED		/* merged already, or into itself */
};
/* Ideas' search documents: ids from here on (items stay below). */
#define IDEA_DOC_BASE	3000000000u
/* Tickets' search documents (ticket_search.c): ids from here on. */
#define TICKET_DOC_BASE	4000000000u
/* The languages status mails are written in (content_langs). */
#define IDEA_MAIL_LANGS	"en,fi,et,el,zh,fa"
struct idea_new {
	unsigned	 author_id;
	const char	*title, *description, *product, *lang;
};
const char	*idea_url(struct arena *, unsigned, const char *);
int		 idea_status_of(const char *);
#define IDEA_REPEAT_SECONDS 60	/* the same idea again: a double click */
int		 idea_create(const struct idea_new *, unsigned *, bool *);
int		 idea_index(unsigned);
int		 idea_reindex(size_t *);
int		 idea_vote(unsigned *, const struct user *, bool, unsigned *);
int		 idea_may_post(unsigned, bool, const char **);
int		 idea_mail_stop(struct arena *, const char *, bool *);
int		 idea_comment(unsigned *, const struct user *, const char *);
int		 idea_check(unsigned);
int		 idea_subscribe(unsigned, unsigned, bool);
int		 idea_set_status(struct req *, unsigned, const char *, unsigned,
		    const char *, const char *, unsigned, size_t *);
int		 idea_merge(unsigned, unsigned, unsigned);
int		 mail_queue_about(struct req *, const char *, const char *,
		    const char *, const char *, const char *, const char *,
		    const char *);
int		 mail_send_due(bool);
int		 mail_theme_load(void);
extern int	(*mail_outbox)(void);

/* notices.c: ticket notices (ticket_notices) rendered into mail_queue. */
int		 notices_run(void);

/* slatick.c: portico-admin sla-tick. */
int		 slatick_run(void);

/* migrate.c */
int		 migrate_run(const char *, bool);

/*
 * billing.c: whose billing a request may see and which of it, amounts
 * in the viewer's language, a quote's decision, CSV cells.
 */
enum billing_what {
	BILLING_ANY,		/* money or services: the overview */
	BILLING_SERVICES,	/* services (technical contacts too) */
	BILLING_MONEY		/* invoices, payments, credits, orders, quotes */
};
struct billing {
	unsigned	 account_id;
	const char	*company, *number, *address, *tax_id, *phone;
	const char	*status;	/* the account's: active, suspended */
	bool		 has_limit;	/* a credit limit is set */
	int64_t		 limit;
	const char	*limit_currency;
	bool		 staff;		/* a staff user looking, ?account=ID */
	bool		 money;		/* may see money */
	bool		 services;	/* may see services */
	bool		 decide;	/* may accept or decline quotes */
};
/*
 * A draft invoice or quote is the billing system's, not yet sent to the
 * customer: shown to staff only.  The one bound value is c->staff.
 */
#define BILLING_SHOWN_SQL(status) "(" status " <> 'draft' OR ? <> 0)"
enum quote_err {
	QUOTE_ENOENT = 100,	/* no such quote of the account */
	QUOTE_EDECIDED,		/* accepted, declined or expired already */
	QUOTE_ECHANGED,		/* a newer version than the one shown */
	QUOTE_EEXPIRED		/* past its valid-until date */
};
int		 billing_account(struct req *, unsigned, struct billing *);
int		 billing_open(struct req *, enum billing_what, struct billing *);
const char	*billing_link(struct req *, const struct billing *,
		    const char *);
const char	*billing_amount(struct req *, const char *, const char *);
const char	*billing_quantity(struct req *, const char *);
const char	*billing_rate(struct req *, const char *);
xmlNodePtr	 billing_amount_xml(struct req *, xmlNodePtr, const char *,
		    const char *, const char *);
int		 billing_quote_decide(struct req *, const struct billing *,
		    const char *, unsigned, bool, const char *);
void		 csv_cell(struct buf *, char, const char *);

/* pdf.c: an invoice laid out with Pango, drawn as PDF by cairo (in
 * portico-pdf only: see pdfjob.c). */
#define PDF_COLS	5	/* description, quantity, unit, tax, net */
struct pdf_line {
	const char	*cell[PDF_COLS];
};
struct pdf_invoice {
	bool			 rtl;		/* the viewer reads right to left */
	const char		*provider;	/* name */
	const char		*provider_address;
	const char		*logo;		/* a PNG file, or NULL */
	const char		*title;		/* "Invoice 2026-0042" */
	const char *const	*meta;		/* label, value, label, value… */
	size_t			 nmeta;		/* of the array: 2 per pair */
	const char		*bill_to_label;
	const char		*bill_to;	/* name and address, lines */
	const char		*head[PDF_COLS];
	const struct pdf_line	*lines;
	size_t			 nlines;
	const char *const	*totals;	/* label, value… the last bold */
	size_t			 ntotals;
	const char		*footer;
};
int		 pdf_invoice(const struct pdf_invoice *, struct buf *);

/* pdfjob.c: an invoice handed to portico-pdf, its PDF read back. */
void		 pdfjob_put(const struct pdf_invoice *, struct buf *);
int		 pdfjob_get(struct arena *, const char *, size_t,
		    struct pdf_invoice *);
int		 pdf_invoice_apart(const struct pdf_invoice *, struct buf *);

/* pages: the handlers, one file each. */
int		 page_home(struct req *);
int		 page_content(struct req *);
int		 page_health(struct req *);
int		 page_language(struct req *);
int		 page_dev_sleep(struct req *);
int		 page_signin(struct req *);
int		 page_signin_post(struct req *);
int		 page_signout(struct req *);
int		 page_register(struct req *);
int		 page_register_post(struct req *);
int		 page_register_sent(struct req *);
int		 page_verify(struct req *);
int		 page_verify_post(struct req *);
int		 page_reset(struct req *);
int		 page_reset_post(struct req *);
int		 page_reset_sent(struct req *);
int		 page_reset_confirm(struct req *);
int		 page_reset_confirm_post(struct req *);
int		 page_account(struct req *);
int		 page_profile(struct req *);
int		 page_profile_post(struct req *);
int		 page_password_post(struct req *);
int		 page_profile_with(struct req *, const char *, const char *, int);
int		 page_email_post(struct req *);
int		 page_email_confirm(struct req *);
int		 page_email_confirm_post(struct req *);
int		 page_company(struct req *);
int		 page_company_post(struct req *);
int		 page_sessions(struct req *);
int		 page_sessions_end(struct req *);
int		 page_activity(struct req *);
extern const char *const member_roles[];
int		 page_members(struct req *);
int		 page_invite_post(struct req *);
int		 page_role_post(struct req *);
int		 page_remove_post(struct req *);
int		 page_invite(struct req *);
int		 page_invite_accept(struct req *);
extern const char *const staff_portal_roles[];
extern const char *const staff_statuses[];
extern const char *const staff_changes[];
extern const char *const staff_segment_kinds[];
int		 page_staff_users(struct req *);
int		 page_staff_user_status(struct req *);
int		 page_staff_user_role(struct req *);
int		 page_staff_user_segment(struct req *);
int		 page_staff_user_unlock(struct req *);
int		 page_staff_accounts(struct req *);
int		 page_staff_account_status(struct req *);
int		 page_staff_account_new(struct req *);
int		 page_staff_account_segment(struct req *);
int		 page_staff_segments(struct req *);
int		 page_staff_segment_add(struct req *);
int		 page_staff_segment_delete(struct req *);
int		 page_staff_audit(struct req *);
int		 page_2fa(struct req *);
int		 page_2fa_start(struct req *);
int		 page_2fa_setup(struct req *);
int		 page_2fa_confirm(struct req *);
int		 page_2fa_disable(struct req *);
int		 page_signin_2fa(struct req *);
int		 page_signin_2fa_post(struct req *);
int		 page_kb(struct req *);
int		 page_kb_category(struct req *);
int		 page_article(struct req *);
extern const char *const feedback_votes[];
int		 page_article_feedback(struct req *);
int		 page_search(struct req *);
int		 page_search_suggest(struct req *);
int		 page_search_go(struct req *);
int		 page_faq(struct req *);
int		 page_news(struct req *);
int		 page_news_item(struct req *);
int		 page_downloads(struct req *);
int		 page_download(struct req *);
int		 page_file(struct req *);
int		 page_sitemap(struct req *);
int		 page_staff_content(struct req *);
int		 page_staff_content_new(struct req *);
int		 page_staff_content_edit(struct req *);
int		 page_staff_content_save(struct req *);
int		 page_staff_categories(struct req *);
int		 page_staff_category_save(struct req *);
int		 page_staff_content_history(struct req *);
int		 page_staff_content_compare(struct req *);
int		 page_staff_content_restore(struct req *);
int		 page_staff_search_stats(struct req *);
int		 page_staff_synonyms(struct req *);
int		 page_staff_synonyms_add(struct req *);
int		 page_staff_synonyms_delete(struct req *);
/*
 * The customer's tickets.  ticket_form.c: what the ticket forms share
 * (attachments, deflection records, times in the viewer's zone);
 * page_tickets.c: the list, the new-ticket form with its deflection,
 * the customer's tickets in the one search box and the deflections in
 * the search analytics; page_ticket.c: one ticket.
 */
struct attach {
	const char	*name, *type;
	char		 sha[65];
	size_t		 size;
};
struct tfmt;
const char	*attach_take(struct req *, struct attach **, size_t *);
void		 attach_form(xmlNodePtr, xmlNodePtr, const char *);
int		 attach_send(struct req *, const char *, const char *,
		    const char *);
int		 ticket_fail(struct req *, int);
const char	*ticket_once(struct req *);
const char	*ticket_form_key(struct req *, const char *,
		    const char *const [], size_t);
int		 deflection_log(struct req *, const char *, const char *,
		    unsigned, uint64_t *);
struct tfmt	*tfmt_open(struct req *);
const char	*tfmt_time(struct tfmt *, int64_t);
const char	*viewer_zone(const struct req *);
void		 ticket_customer_args(const struct req *, struct dbarg *);
int		 page_tickets(struct req *);
int		 page_ticket_new(struct req *);
int		 page_ticket_create(struct req *);
int		 page_ticket_suggest(struct req *);
int		 page_ticket_deflect(struct req *);
int		 tickets_search_xml(struct req *, xmlNodePtr, const char *);
int		 deflections_xml(struct req *, xmlNodePtr, struct dbarg *);
int		 page_ticket(struct req *);
int		 page_ticket_reply(struct req *);
int		 page_ticket_close(struct req *);
int		 page_ticket_rate(struct req *);
int		 page_ticket_file(struct req *);
struct staff_link {
	const char	*path;
	enum role	 role;		/* the least, as the route table says */
	const char	*label;		/* catalog key of its name */
};
extern const struct staff_link staff_links[];
int		 page_staff_home(struct req *);
/* page_billing.c, page_quotes.c */
int		 billing_card(struct req *, xmlNodePtr, const struct billing *);
int		 page_billing(struct req *);
int		 page_billing_invoices(struct req *);
int		 page_billing_invoice(struct req *);
int		 page_billing_invoice_pdf(struct req *);
int		 page_billing_export(struct req *);
int		 page_billing_payments(struct req *);
int		 page_billing_credits(struct req *);
int		 page_billing_services(struct req *);
int		 page_billing_service(struct req *);
int		 page_billing_orders(struct req *);
int		 page_billing_order(struct req *);
extern const char *const billing_invoice_statuses[];
extern const char *const billing_export_kinds[];
int		 page_billing_quotes(struct req *);
int		 page_billing_quote(struct req *);
int		 page_billing_quote_accept(struct req *);
int		 page_billing_quote_decline(struct req *);

/* tickets: staff (page_staff_tickets.c, page_staff_ticket.c,
 * page_staff_canned.c, page_staff_ticket_reports.c, page_staff_sla.c) */
extern const char *const staff_ticket_views[];
extern const char *const staff_ticket_assignees[];
extern const char *const staff_ticket_dues[];
extern const char *const staff_escalations[];
xmlNodePtr	 staff_field(xmlNodePtr, const char *, const char *,
		    const char *, const char *);
const char	*staff_time(struct req *, const char *);
void		 staff_time_xml(struct req *, xmlNodePtr, const char *,
		    const char *);
int		 staff_departments_xml(struct req *, xmlNodePtr, unsigned,
		    xmlNodePtr);
int		 staff_agents_xml(struct req *, xmlNodePtr, xmlNodePtr);
int		 page_staff_tickets(struct req *);
const char	*canned_fill(struct arena *, const char *, const char *,
		    const char *);
int		 page_staff_ticket(struct req *);
int		 page_staff_ticket_reply(struct req *);
int		 page_staff_ticket_assign(struct req *);
int		 page_staff_ticket_department(struct req *);
int		 page_staff_ticket_priority(struct req *);
int		 page_staff_ticket_status(struct req *);
int		 page_staff_ticket_merge(struct req *);
int		 page_staff_ticket_file(struct req *);
int		 page_staff_canned(struct req *);
int		 page_staff_canned_save(struct req *);
int		 page_staff_canned_delete(struct req *);
int		 page_staff_ticket_reports(struct req *);
int		 ticket_reports_derive(long, size_t *);
int		 page_staff_departments(struct req *);
int		 page_staff_department_save(struct req *);
int		 page_staff_policies(struct req *);
int		 page_staff_policy_save(struct req *);
/* page_staff_billing.c: an account's billing for staff. */
int		 page_staff_billing(struct req *);
int		 page_staff_billing_payment(struct req *);
int		 page_staff_billing_credit(struct req *);
int		 page_staff_billing_limit(struct req *);
extern const char *const idea_sorts[];
extern const char *const idea_ranks[];
extern const char *const idea_vote_actions[];
extern const char *const idea_follow_actions[];
bool		 valid_idea_ref(const char *, size_t);
int		 ideas_top_xml(struct req *, xmlNodePtr, size_t);
int		 page_ideas(struct req *);
int		 page_ideas_new(struct req *);
int		 page_ideas_create(struct req *);
int		 page_ideas_similar(struct req *);
int		 page_ideas_roadmap(struct req *);
int		 page_ideas_changelog(struct req *);
int		 page_idea(struct req *);
int		 page_idea_vote(struct req *);
int		 page_idea_comment(struct req *);
int		 page_idea_follow(struct req *);
int		 page_staff_ideas(struct req *);
int		 page_staff_idea_status(struct req *);
int		 page_staff_idea_merge(struct req *);
int		 page_forum(struct req *);
int		 page_forum_new(struct req *);
int		 page_forum_new_post(struct req *);
int		 page_forum_category(struct req *);
int		 page_forum_topic(struct req *);
int		 page_forum_reply(struct req *);
int		 page_forum_accept(struct req *);
int		 page_forum_solved(struct req *);
int		 forum_home_xml(struct req *, xmlNodePtr);
int		 page_forum_edit(struct req *);
int		 page_forum_edit_post(struct req *);
int		 page_forum_history(struct req *);
int		 page_forum_flag(struct req *);
int		 page_forum_post_moderate(struct req *);
int		 page_forum_topic_moderate(struct req *);
int		 page_staff_community(struct req *);
int		 page_staff_community_ban(struct req *);
int		 page_forum_watch(struct req *);
int		 page_forum_kb_draft(struct req *);
int		 page_forum_merge(struct req *);
int		 page_forum_split(struct req *);
int		 page_forum_category_watch(struct req *);
int		 page_forum_unsubscribe(struct req *);
int		 page_forum_unsubscribe_post(struct req *);
int		 page_forum_feed(struct req *);
int		 page_staff_forum_categories(struct req *);
int		 page_staff_forum_category_delete(struct req *);
int		 page_staff_forum_category_save(struct req *);
int		 page_ideas_unsubscribe(struct req *);
int		 page_ideas_unsubscribe_post(struct req *);

#endif /* PORTICO_H */
