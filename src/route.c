/*
 * The route table and the dispatcher.  Route policy is data: the path
 * pattern, the methods, the least role, whether a POST must come from
 * the site itself, whether it takes uploads, whether caches may store
 * its answers, the handler, the parameters it accepts and the spec of
 * each '*' path segment.  route_policy() and dispatch() enforce all of
 * it before any handler runs, so a handler only ever sees a request it
 * is meant to answer, with typed, valid parameters and path segments.
 * Fixed choices are checked against the one list of their values;
 * only passwords take any value (tests/unit/t_route.c walks the table).
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "portico.h"

bool
valid_any(const char *s, size_t len)
{
	return true;
}

/*
 * Length of the control character at s (C0, DEL, or C1 as UTF-8), else
 * 0.  The parser has already checked that the value is valid UTF-8.
 */
static size_t
control_at(const unsigned char *s, size_t left)
{
	if (s[0] < 0x20 || s[0] == 0x7f)
		return 1;
	if (s[0] == 0xc2 && left > 1 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

/*
 * One line of text (a name, an address, a title, a query): no control
 * characters at all (C0 with CR, LF and TAB, DEL, C1) and no Unicode
 * line or paragraph separator, so nothing can start a new line in a
 * mail header, a log line or a greeting; and no bidirectional embedding,
 * override or isolate (U+202A-U+202E, U+2066-U+2069), which would show
 * a name to staff or in a mail in another order than it is written.
 */
bool
valid_line(const char *s, size_t len)
{
	return valid_form_line(s, len) && !text_has_bidi(s, len);
}

/*
 * One line as valid_line() says, except that bidirectional controls
 * pass: for a form whose handler refuses them itself (text_has_bidi())
 * and shows the form again with the text kept, not a bare 400.
 */
bool
valid_form_line(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (control_at(u + i, len - i) != 0)
			return false;
		/* U+2028, U+2029: a line or paragraph separator. */
		if (u[i] == 0xe2 && i + 2 < len && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9))
			return false;
	}
	return true;
}

/* Text of several lines (a body, an address, a comment): CR, LF and TAB
 * are allowed, no other control character. */
bool
valid_lines(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++)
		if (u[i] != '\n' && u[i] != '\r' && u[i] != '\t' &&
		    control_at(u + i, len - i) != 0)
			return false;
	return true;
}

/* A token mailed in a link or kept in a form: 64 lower-case hex digits. */
static bool
valid_token(const char *s, size_t len)
{
	return token_valid(s, len);
}

/*
 * An unsubscribe link's token: a signed one (link_sign(): a letter,
 * two numbers, the 64 hex digits of the signature, dash-separated), or
 * the random token links carried before they were signed.
 */
static bool
valid_unsub_token(const char *s, size_t len)
{
	size_t	i = 1, dashes = 0;

	if (token_valid(s, len))
		return true;
	if (len < 69 || len > 100 || strchr("tci", s[0]) == NULL)
		return false;
	for (; i < len - 65; i++) {
		if (s[i] == '-' && s[i - 1] != '-' && i > 1)
			dashes++;
		else if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return dashes == 1 && s[len - 65] == '-' && s[len - 66] != '-' &&
	    token_valid(s + len - 64, 64);
}

/* A session named on the sessions page: its token, or "others". */
static bool
valid_session(const char *s, size_t len)
{
	return token_valid(s, len) || !strcmp(s, "others");
}

bool
valid_lang(const char *s, size_t len)
{
	return len >= 2 && len <= 7 && i18n_find(s) != NULL;
}

bool
valid_local_path(const char *s, size_t len)
{
	return len > 0 && str_is_local_path(s);
}

static bool
valid_format(const char *s, size_t len)
{
	return !strcmp(s, "xml");
}

static bool
valid_uint(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 9)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The staff payment form's invoice: an id, or none (its first option). */
static bool
valid_staff_invoice(const char *s, size_t len)
{
	return len == 0 || valid_uint(s, len);
}

/* A new ticket's service: an id, or none (its first option). */
static bool
valid_ticket_service(const char *s, size_t len)
{
	return len == 0 || valid_uint(s, len);
}

static bool
valid_word(const char *s, size_t len)
{
	return valid_slug(s, len) && len <= 40;
}

static bool
valid_date(const char *s, size_t len)
{
	return len == 10 && s[4] == '-' && s[7] == '-' &&
	    valid_uint(s, 4) && valid_uint(s + 5, 2) && valid_uint(s + 8, 2);
}

/*
 * The fixed choices, each checked against the one list of its values
 * (content.c's tables, the staff and member forms' lists).  An _opt
 * validator also takes nothing, for a select whose first option is
 * empty.
 */
static bool
valid_kind(const char *s, size_t len)
{
	return content_kind_valid(s);
}

/* A kind the search finds: a content kind, an idea or a forum topic. */
static bool
valid_search_kind(const char *s, size_t len)
{
	return content_kind_valid(s) || !strcmp(s, "idea") ||
	    !strcmp(s, "topic");
}

static bool
valid_content_lang(const char *s, size_t len)
{
	return content_lang_valid(s);
}

static bool
valid_visibility_opt(const char *s, size_t len)
{
	return len == 0 || content_find(content_visibilities, s) != -1;
}

static bool
valid_news_kind_opt(const char *s, size_t len)
{
	return len == 0 || content_find(content_news_kinds, s) != -1;
}

static bool
valid_severity_opt(const char *s, size_t len)
{
	return len == 0 || content_find(content_severities, s) != -1;
}

static bool
valid_portal_role(const char *s, size_t len)
{
	return content_find(staff_portal_roles, s) != -1;
}

static bool
valid_user_status(const char *s, size_t len)
{
	return content_find(staff_statuses, s) != -1;
}

static bool
valid_change(const char *s, size_t len)
{
	return content_find(staff_changes, s) != -1;
}

static bool
valid_segment_kind(const char *s, size_t len)
{
	return content_find(staff_segment_kinds, s) != -1;
}

static bool
valid_member_role(const char *s, size_t len)
{
	return content_find(member_roles, s) != -1;
}

static bool
valid_vote(const char *s, size_t len)
{
	return content_find(feedback_votes, s) != -1;
}

static bool
valid_idea_status(const char *s, size_t len)
{
	return idea_status_of(s) != -1;
}

static bool
valid_idea_status_opt(const char *s, size_t len)
{
	return len == 0 || idea_status_of(s) != -1;
}

static bool
valid_idea_sort(const char *s, size_t len)
{
	return len == 0 || content_find(idea_sorts, s) != -1;
}

static bool
valid_idea_rank(const char *s, size_t len)
{
	return len == 0 || content_find(idea_ranks, s) != -1;
}

static bool
valid_idea_vote(const char *s, size_t len)
{
	return content_find(idea_vote_actions, s) != -1;
}

static bool
valid_idea_follow(const char *s, size_t len)
{
	return content_find(idea_follow_actions, s) != -1;
}

static bool
valid_slug_opt(const char *s, size_t len)
{
	return len == 0 || valid_slug(s, len);
}

static bool
valid_page(const char *s, size_t len)
{
	return valid_uint(s, len) && len <= 5 && s[0] != '0';
}

static bool
valid_status(const char *s, size_t len)
{
	return content_find(content_statuses, s) != -1;
}

/* Billing: an invoice's, order's or quote's number in its address (the
 * billing system's, ASCII), a status to filter by, a day, an export. */
static bool
valid_billing_number(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 40 || s[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    strchr("-_.", s[i]) != NULL))
			return false;
	return true;
}

static bool
valid_invoice_status_opt(const char *s, size_t len)
{
	return len == 0 || content_find(billing_invoice_statuses, s) != -1;
}

static bool
valid_export_kind(const char *s, size_t len)
{
	return content_find(billing_export_kinds, s) != -1;
}

/* A calendar day, YYYY-MM-DD with a month and a day that exist; or
 * nothing, for a form's empty field. */
static bool
valid_day_opt(const char *s, size_t len)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d;

	if (len == 0)
		return true;
	if (!valid_date(s, len))
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/*
 * A billing list's place (?after= or ?before=, page_billing.c): the sort
 * key of the row it is next to and the row's id, "2026-01-15.123"; an
 * order's key is a time, "2026-01-15T09:30:00.123".
 */
static bool
valid_cursor(const char *s, size_t len, size_t keylen)
{
	size_t	i;

	if (len <= keylen + 1 || len > keylen + 11 || s[keylen] != '.' ||
	    !valid_day_opt(s, 10))
		return false;
	if (keylen == 19 && (s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    !valid_uint(s + 11, 2) || !valid_uint(s + 14, 2) ||
	    !valid_uint(s + 17, 2) || atoi(s + 11) > 23 || atoi(s + 14) > 59 ||
	    atoi(s + 17) > 59))
		return false;
	for (i = keylen + 1; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return strtoul(s + keylen + 1, NULL, 10) <= UINT_MAX;
}

static bool
valid_day_cursor(const char *s, size_t len)
{
	return valid_cursor(s, len, 10);
}

static bool
valid_time_cursor(const char *s, size_t len)
{
	return valid_cursor(s, len, 19);
}

/*
 * The notices a redirect may ask a page to show (?done=NAME), each with
 * its message notice.NAME in the catalogs (tests/catalogs.sh checks
 * both ways): any other value is a 400, so no page can be asked to
 * show a message that does not exist.
 */
static const char *const notices[] = {
	"2fa-disabled", "2fa-unlocked", "account-created", "account-status",
	"category-saved", "company-saved", "content-restored",
	"content-saved", "email-changed", "email-sent", "feedback",
	"invite-accepted", "invited", "password-changed", "quote-accepted",
	"quote-declined", "reset",
	"forum-category-saved",
	"forum-category-deleted",
	"ideas-commented", "ideas-created", "ideas-followed", "ideas-merged",
	"ideas-status", "ideas-unfollowed", "ideas-unvoted", "ideas-voted",
	"invite-accepted", "invited", "password-changed", "reset",
	"role-changed", "saved", "segment-added", "segment-deleted",
	"segments-changed", "sessions-ended", "synonyms-added",
	"synonyms-deleted", "user-removed", "user-status", "verified",
	/* tickets: staff */
	"staff-replied", "staff-noted", "ticket-assigned", "ticket-changed",
	"ticket-merged", "canned-saved", "canned-deleted", "department-saved",
	"policy-saved", "held-posted", "held-discarded",
	/* tickets: customer */
	"ticket-created", "ticket-replied", "ticket-closed", "ticket-rated",
	"ticket-followup",
	/* the staff billing actions (page_staff_billing.c) */
	"payment-recorded", "credit-recorded", "credit-limit-set", NULL
};

static bool
valid_notice(const char *s, size_t len)
{
	return content_find(notices, s) != -1;
}

/* A news path segment: a kind's list, its feed (KIND.atom) or a slug. */
static bool
valid_news_arg(const char *s, size_t len)
{
	if (len > 5 && !strcmp(s + len - 5, ".atom"))
		return content_news_kind_of(s, len - 5) != NULL;
	return content_news_kind_of(s, len) != NULL || valid_slug(s, len);
}

/* A file's name in its address: what files.c's file_name_clean() keeps
 * (and the names it kept before it refused * : < > |). */
static bool
valid_file_name(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    strchr("\"\\;%?#", s[i]) != NULL)
			return false;
	return true;
}

/* A file part of a multipart form (check_params lets only these be). */
static bool
valid_file(const char *s, size_t len)
{
	return true;
}

/* tickets: staff */
static bool
valid_ticket_view(const char *s, size_t len)
{
	return content_find(staff_ticket_views, s) != -1;
}

static bool
valid_ticket_assignee_view(const char *s, size_t len)
{
	return content_find(staff_ticket_assignees, s) != -1;
}

static bool
valid_ticket_due(const char *s, size_t len)
{
	return len == 0 || content_find(staff_ticket_dues, s) != -1;
}

static bool
valid_ticket_priority_opt(const char *s, size_t len)
{
	return len == 0 || valid_ticket_priority(s, len);
}

/*
 * File parts that may come several times (a ticket's attachments: one
 * <input type="file" multiple>); the handler counts them against
 * ticket_max_attachments and checks each one's bytes.
 */
static bool
valid_files(const char *s, size_t len)
{
	return true;
}

/* tickets: customer.  A ticket's status (the list's filter), a rating. */
static bool
valid_ticket_status_opt(const char *s, size_t len)
{
	return len == 0 || valid_ticket_status(s, len);
}

/* An assignee: "me", 0 (nobody) or a user's id. */
static bool
valid_assignee(const char *s, size_t len)
{
	return !strcmp(s, "me") || valid_uint(s, len);
}

static bool
valid_rating(const char *s, size_t len)
{
	return len == 1 && s[0] >= '1' && s[0] <= '5';
}

/* A message id (BIGINT UNSIGNED): the last message a writer saw. */
static bool
valid_uint64(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 19)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
valid_reply_kind(const char *s, size_t len)
{
	return !strcmp(s, "reply") || !strcmp(s, "note");
}

static bool
valid_escalation(const char *s, size_t len)
{
	return content_find(staff_escalations, s) != -1;
}

static bool
valid_yes_no(const char *s, size_t len)
{
	return !strcmp(s, "yes") || !strcmp(s, "no");
}

static const struct param_spec p_none[] = {
	{ NULL, NULL, 0 }
};
static const struct param_spec p_language[] = {
	{ "lang", valid_lang, 8 },
	{ "next", valid_local_path, 2048 },
	{ "csrf", token_valid, 64 },	/* signed in: page_language() needs it */
	{ NULL, NULL, 0 }
};
static const struct param_spec p_sleep[] = {
	{ "ms", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
#define CSRF	{ "csrf", token_valid, 64 }
static const struct param_spec p_signin_get[] = {
	{ "next", valid_local_path, 2048 },
	{ "done", valid_notice, 40 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_signin[] = {
	{ "email", valid_line, 1000 },
	{ "password", valid_any, 4096 },
	{ "next", valid_local_path, 2048 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_csrf[] = {
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_register[] = {
	{ "name", valid_line, 1000 },
	{ "company", valid_line, 1000 },
	{ "email", valid_line, 1000 },
	{ "password", valid_any, 4096 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_token_get[] = {
	{ "token", valid_token, 64 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_token[] = {
	{ "token", valid_token, 64 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_reset[] = {
	{ "email", valid_line, 1000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_new_password[] = {
	{ "token", valid_token, 64 },
	{ "new_password", valid_any, 4096 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_done[] = {
	{ "done", valid_notice, 40 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_profile[] = {
	{ "name", valid_line, 1000 },
	{ "phone", valid_line, 200 },
	{ "language", valid_word, 16 },	/* unknown: the form says so */
	{ "time_zone", valid_line, 200 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_password[] = {
	{ "current_password", valid_any, 4096 },
	{ "new_password", valid_any, 4096 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_company[] = {
	{ "company", valid_line, 1000 },
	{ "billing_address", valid_lines, 4000 },
	{ "tax_id", valid_line, 200 },
	{ "phone", valid_line, 200 },
	CSRF,
	{ NULL, NULL, 0 }
};

static const struct param_spec p_session_end[] = {
	{ "session", valid_session, 64 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_invite[] = {
	{ "name", valid_line, 1000 },
	{ "email", valid_line, 1000 },
	{ "role", valid_word, 20 },	/* unknown: the form says so */
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_member_role[] = {
	{ "user", valid_uint, 9 },
	{ "role", valid_member_role, 20 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_member[] = {
	{ "user", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};

static const struct param_spec p_2fa_start[] = {
	{ "current_password", valid_any, 4096 },
	{ "code", valid_line, 64 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_code[] = {
	{ "code", valid_line, 64 },
	{ "next", valid_local_path, 2048 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_next[] = {
	{ "next", valid_local_path, 2048 },
	{ NULL, NULL, 0 }
};

static const struct param_spec p_search[] = {
	{ "q", valid_line, 200 },
	{ "done", valid_notice, 40 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_status[] = {
	{ "user", valid_uint, 9 },
	{ "account", valid_uint, 9 },
	{ "status", valid_user_status, 20 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_role[] = {
	{ "user", valid_uint, 9 },
	{ "portal_role", valid_portal_role, 20 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_segment[] = {
	{ "account", valid_uint, 9 },
	{ "user", valid_uint, 9 },
	{ "segment", valid_uint, 9 },
	{ "change", valid_change, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_segment_add[] = {
	{ "segment_name", valid_line, 400 },
	{ "kind", valid_segment_kind, 20 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_email[] = {
	{ "new_email", valid_line, 1000 },
	{ "current_password", valid_any, 4096 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_new_account[] = {
	{ "company", valid_line, 1000 },
	{ "name", valid_line, 1000 },
	{ "email", valid_line, 1000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_segment_del[] = {
	{ "segment", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_audit[] = {
	{ "event", valid_word, 40 },
	{ "email", valid_line, 254 },
	{ "from", valid_day_opt, 10 },
	{ "to", valid_day_opt, 10 },
	{ NULL, NULL, 0 }
};

static const struct param_spec p_kb_search[] = {
	{ "q", valid_line, 200 },
	{ "kind", valid_search_kind, 16 },
	{ "in", valid_content_lang, 8 },
	{ "category", valid_slug, 190 },
	{ "product", valid_line, 100 },
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_suggest[] = {
	{ "q", valid_line, 200 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_search_go[] = {
	{ "s", valid_uint, 9 },
	{ "i", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_page[] = {
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_feedback[] = {
	{ "helpful", valid_vote, 3 },
	{ "comment", valid_lines, 2000 },
	CSRF,
	{ NULL, NULL, 0 }
};

static const struct param_spec p_category_save[] = {
	{ "id", valid_uint, 9 },
	{ "category_name", valid_line, 800 },
	{ "name_en", valid_line, 800 },
	{ "name_fi", valid_line, 800 },
	{ "name_et", valid_line, 800 },
	{ "name_el", valid_line, 800 },
	{ "name_zh", valid_line, 800 },
	{ "name_fa", valid_line, 800 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_content[] = {
	{ "q", valid_line, 200 },
	{ "kind", valid_kind, 16 },
	{ "status", valid_status, 16 },
	{ "in", valid_content_lang, 8 },
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_content_new[] = {
	{ "title", valid_line, 300 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_content_save[] = {
	{ "id", valid_uint, 9 },
	{ "version", valid_uint, 9 },
	{ "kind", valid_kind, 16 },
	{ "lang", valid_content_lang, 8 },
	{ "title", valid_line, 1000 },
	{ "slug", valid_line, 400 },
	{ "category", valid_line, 400 },
	{ "summary", valid_lines, 2000 },
	{ "body", valid_lines, 65536 },
	{ "tags", valid_line, 1000 },
	{ "product", valid_line, 200 },
	{ "translation_of", valid_line, 400 },
	{ "visibility", valid_visibility_opt, 16 },
	{ "segments", valid_line, 1000 },
	{ "video_url", valid_line, 500 },
	{ "news_kind", valid_news_kind_opt, 16 },
	{ "severity", valid_severity_opt, 16 },
	{ "starts", valid_line, 40 },
	{ "ends", valid_line, 40 },
	{ "file_version", valid_line, 100 },
	{ "file", valid_file, (size_t)-1 },
	{ "action", valid_word, 20 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_compare[] = {
	{ "a", valid_uint, 9 },
	{ "b", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_restore[] = {
	{ "version", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_synonyms_add[] = {
	{ "lang", valid_content_lang, 8 },
	{ "members", valid_line, 1000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_synonyms_delete[] = {
	{ "set", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
/* tickets: customer */
static const struct param_spec p_tickets[] = {
	{ "status", valid_ticket_status_opt, 16 },
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_new_get[] = {
	{ "subject", valid_form_line, 1200 },	/* bidi: the form says so */
	{ "department", valid_word, 40 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_new[] = {
	{ "subject", valid_form_line, 1200 },	/* bidi: the form says so */
	{ "body", valid_lines, 65536 },
	{ "department", valid_word, 40 },	/* unknown: the form says so */
	{ "priority", valid_word, 16 },		/* not allowed: the form says so */
	{ "service", valid_ticket_service, 9 },	/* not the account's:
						   the form says so */
	{ "checked", valid_uint, 1 },
	{ "once", valid_token, 64 },
	{ "attachment", valid_files, (size_t)-1 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_deflect[] = {
	{ "d", valid_uint64, 19 },
	{ "i", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_reply[] = {
	{ "body", valid_lines, 65536 },
	{ "expect_last", valid_uint64, 19 },
	{ "once", valid_token, 64 },
	{ "attachment", valid_files, (size_t)-1 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_rate[] = {
	{ "rating", valid_rating, 1 },
	{ "comment", valid_lines, 2000 },
	CSRF,
	{ NULL, NULL, 0 }
};

static const struct param_spec p_search_stats[] = {
	{ "from", valid_day_opt, 10 },
	{ "to", valid_day_opt, 10 },
	{ NULL, NULL, 0 }
};

/* tickets: staff */
static const struct param_spec p_staff_queue[] = {
	{ "department", valid_uint, 5 },
	{ "status", valid_ticket_view, 10 },
	{ "assignee", valid_ticket_assignee_view, 10 },
	{ "priority", valid_ticket_priority_opt, 10 },
	{ "due", valid_ticket_due, 10 },
	{ "q", valid_line, 200 },
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_ticket[] = {
	{ "canned", valid_uint, 9 },
	{ "done", valid_notice, 40 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_reply[] = {
	{ "kind", valid_reply_kind, 5 },
	{ "body", valid_lines, 65536 },
	{ "expect_last", valid_uint64, 19 },
	{ "status", valid_ticket_status_opt, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_assign[] = {
	{ "assignee", valid_assignee, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_department[] = {
	{ "department", valid_uint, 5 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_priority[] = {
	{ "priority", valid_ticket_priority, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_status[] = {
	{ "status", valid_ticket_status, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
/* Held mail: the ticket it goes to, or the customer a new one is for
 * (unknown ones: the form says so). */
static const struct param_spec p_held_attach[] = {
	{ "ref", valid_line, 40 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_held_open[] = {
	{ "email", valid_line, 1000 },
	{ "department", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_merge[] = {
	{ "into", valid_line, 40 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_canned_save[] = {
	{ "id", valid_uint, 9 },
	{ "lang", valid_lang, 8 },
	{ "title", valid_line, 1000 },
	{ "body", valid_lines, 65536 },
	{ "department", valid_uint, 5 },
	CSRF,
	{ NULL, NULL, 0 }
};
/* A delete form: the row's id. */
static const struct param_spec p_delete_id[] = {
	{ "id", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ticket_reports[] = {
	{ "weeks", valid_uint, 2 },
	{ "department", valid_uint, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_department_save[] = {
	{ "id", valid_uint, 5 },
	{ "slug", valid_line, 100 },
	{ "position", valid_uint, 5 },
	{ "name_en", valid_line, 800 },
	{ "name_fi", valid_line, 800 },
	{ "name_et", valid_line, 800 },
	{ "name_el", valid_line, 800 },
	{ "name_zh", valid_line, 800 },
	{ "name_fa", valid_line, 800 },
	{ "calendar", valid_lines, 8000 },
	{ "account_roles", valid_line, 100 },
	{ "notify_addr", valid_line, 254 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_policy_save[] = {
	{ "id", valid_uint, 9 },
	{ "name", valid_line, 400 },
	{ "segment", valid_uint, 9 },
	{ "priority", valid_ticket_priority, 10 },
	{ "first_response", valid_line, 12 },
	{ "resolution", valid_line, 12 },
	{ "warn_percent", valid_line, 12 },
	{ "may_choose", valid_yes_no, 3 },
	{ "escalate", valid_escalation, 20 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec s_ticket_ref[] = {
	{ "ref", valid_ticket_ref, TICKET_REF_LEN },
	{ NULL, NULL, 0 }
};
/* Billing: ?account=ID names the account for staff (billing_open()). */
static const struct param_spec p_billing[] = {
	{ "account", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_billing_list[] = {
	{ "account", valid_uint, 9 },
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_billing_invoices[] = {
	{ "account", valid_uint, 9 },
	{ "status", valid_invoice_status_opt, 20 },
	{ "from", valid_day_opt, 10 },
	{ "to", valid_day_opt, 10 },
	{ "after", valid_day_cursor, 21 },
	{ "before", valid_day_cursor, 21 },
	{ NULL, NULL, 0 }
};
/* The lists paged by their sort key (a day, or an order's time). */
static const struct param_spec p_billing_keyset[] = {
	{ "account", valid_uint, 9 },
	{ "after", valid_day_cursor, 21 },
	{ "before", valid_day_cursor, 21 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_billing_orders[] = {
	{ "account", valid_uint, 9 },
	{ "after", valid_time_cursor, 30 },
	{ "before", valid_time_cursor, 30 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_billing_export[] = {
	{ "account", valid_uint, 9 },
	{ "kind", valid_export_kind, 10 },
	{ "from", valid_day_opt, 10 },
	{ "to", valid_day_opt, 10 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_billing_quote[] = {
	{ "account", valid_uint, 9 },
	{ "done", valid_notice, 40 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_quote_decide[] = {
	{ "version", valid_uint, 9 },
	{ "comment", valid_lines, 2000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_ideas[] = {
	{ "sort", valid_idea_sort, 8 },
	{ "status", valid_idea_status_opt, 16 },
	{ "page", valid_page, 5 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_title[] = {
	{ "title", valid_line, 800 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_new[] = {
	{ "title", valid_line, 800 },
	{ "description", valid_lines, 32000 },
	{ "product", valid_line, 100 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_vote[] = {
	{ "action", valid_idea_vote, 8 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_follow[] = {
	{ "action", valid_idea_follow, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_comment[] = {
	{ "body", valid_lines, 16000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_status[] = {
	{ "status", valid_idea_status, 16 },
	{ "comment", valid_lines, 16000 },
	{ "news", valid_slug_opt, 190 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_idea_merge[] = {
	{ "into", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
/* ---- the community forum ---- */
/* A topic in its address: its id, then "-" and its slug (any slug). */
static bool
valid_topic_ref(const char *s, size_t len)
{
	size_t	n = strspn(s, "0123456789");

	return n > 0 && n <= 9 && s[0] != '0' && valid_slug(s, len) &&
	    (n == len || s[n] == '-');
}

/* What staff do to a post, or to a topic (forum_actions and move). */
static bool
valid_post_action(const char *s, size_t len)
{
	return !strcmp(s, "hide") || !strcmp(s, "unhide") ||
	    !strcmp(s, "approve") || !strcmp(s, "dismiss");
}

static bool
valid_topic_action(const char *s, size_t len)
{
	return content_find(forum_actions, s) != -1 || !strcmp(s, "move");
}

static bool
valid_ban_change(const char *s, size_t len)
{
	return !strcmp(s, "add") || !strcmp(s, "remove");
}

static const struct param_spec p_forum_new_get[] = {
	{ "category", valid_slug, 100 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_new[] = {
	{ "category", valid_slug, 100 },
	{ "title", valid_line, 300 },
	{ "body", valid_lines, 60000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_topic[] = {
	{ "page", valid_page, 5 },
	{ "quote", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_reply[] = {
	{ "body", valid_lines, 60000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_accept[] = {
	{ "post", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_solved[] = {
	{ "solved", valid_yes_no, 3 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_edit[] = {
	{ "title", valid_line, 300 },
	{ "body", valid_lines, 60000 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_flag[] = {
	{ "reason", valid_line, 500 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_post_mod[] = {
	{ "action", valid_post_action, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_topic_mod[] = {
	{ "action", valid_topic_action, 10 },
	{ "category", valid_slug, 100 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_ban[] = {
	{ "user", valid_uint, 9 },
	{ "reason", valid_line, 500 },
	{ "change", valid_ban_change, 6 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_watch[] = {
	{ "watch", valid_yes_no, 3 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_unsub_get[] = {
	{ "token", valid_unsub_token, 100 },
	{ NULL, NULL, 0 }
};
static bool
valid_forum_visibility(const char *s, size_t len)
{
	(void)len;
	return !strcmp(s, "public") || !strcmp(s, "signed-in") ||
	    !strcmp(s, "segments") || !strcmp(s, "staff");
}
static const struct param_spec p_forum_category_save[] = {
	{ "id", valid_uint, 9 },
	{ "slug", valid_slug, FORUM_SLUG_MAX },
	{ "parent", valid_slug_opt, FORUM_SLUG_MAX },
	{ "position", valid_uint, 4 },
	{ "visibility", valid_forum_visibility, 10 },
	{ "segments", valid_line, 800 },
	{ "name_en", valid_line, 200 },
	{ "name_fi", valid_line, 200 },
	{ "name_et", valid_line, 200 },
	{ "name_el", valid_line, 200 },
	{ "name_zh", valid_line, 200 },
	{ "name_fa", valid_line, 200 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_unsub_post[] = {
	{ "token", valid_unsub_token, 100 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_merge[] = {
	{ "into", valid_uint, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_ideas[] = {
	{ "rank", valid_idea_rank, 10 },
	{ "segment", valid_uint, 9 },
	{ "days", valid_page, 3 },
	{ NULL, NULL, 0 }
};
static const struct param_spec p_forum_split[] = {
	{ "from", valid_uint, 9 },
	{ "title", valid_line, 300 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec s_topic[] = {
	{ "topic", valid_topic_ref, 120 },
	{ NULL, NULL, 0 }
};

/*
 * Path segments, one spec per '*' of a pattern.  A segment that fails
 * its spec is a page that does not exist: 404.
 */
static const struct param_spec s_page[] = {
	{ "slug", valid_slug, 100 },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_slug[] = {
	{ "slug", valid_slug, 190 },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_news[] = {
	{ "news", valid_news_arg, 195 },
	{ NULL, NULL, 0 }
};
/* The staff billing actions (page_staff_billing.c). */
static const struct param_spec p_staff_payment[] = {
	{ "date", valid_line, 10 },
	{ "amount", valid_line, 30 },
	{ "currency", valid_line, 10 },
	{ "method", valid_line, 60 },
	{ "reference", valid_line, 200 },
	{ "invoice", valid_staff_invoice, 9 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_credit[] = {
	{ "date", valid_line, 10 },
	{ "credit_kind", valid_word, 20 },
	{ "amount", valid_line, 30 },
	{ "currency", valid_line, 10 },
	{ "description", valid_line, 500 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec p_staff_limit[] = {
	{ "limit", valid_line, 30 },
	{ "currency", valid_line, 10 },
	CSRF,
	{ NULL, NULL, 0 }
};
static const struct param_spec s_id[] = {
	{ "id", valid_uint, 9 },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_idea[] = {
	{ "idea", valid_idea_ref, 80 },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_file[] = {
	{ "id", valid_uint, 9 },
	{ "name", valid_file_name, 200 },
	{ NULL, NULL, 0 }
};

/* tickets: customer.  A reference (T-XXXXXXXX) and an attachment. */
static const struct param_spec s_ticket[] = {
	{ "ref", valid_ticket_ref, TICKET_REF_LEN },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_ticket_file[] = {
	{ "ref", valid_ticket_ref, TICKET_REF_LEN },
	{ "id", valid_uint, 9 },
	{ "name", valid_file_name, 200 },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_held_file[] = {
	{ "id", valid_uint, 9 },
	{ "file", valid_uint, 9 },
	{ "name", valid_file_name, 200 },
	{ NULL, NULL, 0 }
};
static const struct param_spec s_billing_number[] = {
	{ "number", valid_billing_number, 40 },
	{ NULL, NULL, 0 }
};

/* Accepted on every GET page, besides the route's own. */
static const struct param_spec p_global[] = {
	{ "format", valid_format, 3 },
	{ "lang", valid_lang, 8 },		/* this page in this language */
	{ NULL, NULL, 0 }
};

#define GET	(METHOD_GET | METHOD_HEAD)
#define POST	METHOD_POST
#define PF	(RF_SAME_ORIGIN | RF_CSRF)
static const struct route routes[] = {
	{ GET,	"/",		ROLE_ANON, RF_CACHE,	page_home,	p_none, NULL },
	{ GET,	"/p/*",		ROLE_ANON, RF_CACHE,	page_content,	p_none, s_page },
	{ GET,	"/kb",		ROLE_ANON, RF_CACHE,	page_kb,	p_none, NULL },
	{ GET,	"/sitemap.xml",	ROLE_ANON, RF_PUBLIC,	page_sitemap,	p_none, NULL },
	{ GET,	"/kb/*",	ROLE_ANON, RF_CACHE,	page_kb_category, p_page, s_slug },
	{ GET,	"/a/*",		ROLE_ANON, RF_CACHE,	page_article,	p_done, s_slug },
	{ POST,	"/a/*/feedback", ROLE_ANON, RF_SAME_ORIGIN, page_article_feedback, p_feedback, s_slug },
	{ GET,	"/faq",		ROLE_ANON, RF_CACHE,	page_faq,	p_none, NULL },
	{ GET,	"/faq/*",	ROLE_ANON, RF_CACHE,	page_faq,	p_page, s_slug },
	{ GET,	"/news",	ROLE_ANON, RF_CACHE,	page_news,	p_none, NULL },
	{ GET,	"/news/*",	ROLE_ANON, RF_CACHE,	page_news_item,	p_none, s_news },
	{ GET,	"/downloads",	ROLE_ANON, RF_CACHE,	page_downloads,	p_page, NULL },
	{ GET,	"/downloads/*",	ROLE_ANON, RF_CACHE,	page_download,	p_none, s_slug },
	{ GET,	"/files/*/*",	ROLE_ANON, RF_PUBLIC,	page_file,	p_none, s_file },
	{ GET,	"/search",	ROLE_ANON, RF_PUBLIC,	page_search,	p_kb_search, NULL },
	{ GET,	"/search/suggest", ROLE_ANON, RF_PUBLIC, page_search_suggest, p_suggest, NULL },
	{ GET,	"/search/go",	ROLE_ANON, 0,		page_search_go,	p_search_go, NULL },
	{ GET,	"/ideas",	ROLE_ANON, RF_PUBLIC,	page_ideas,	p_ideas, NULL },
	{ GET,	"/ideas/roadmap", ROLE_ANON, RF_PUBLIC,	page_ideas_roadmap, p_none, NULL },
	{ GET,	"/ideas/changelog", ROLE_ANON, RF_PUBLIC, page_ideas_changelog, p_page, NULL },
	{ GET,	"/ideas/similar", ROLE_ANON, RF_PUBLIC,	page_ideas_similar, p_suggest, NULL },
	{ GET,	"/ideas/new",	ROLE_CUSTOMER, 0,	page_ideas_new,	p_idea_title, NULL },
	{ POST,	"/ideas/new",	ROLE_CUSTOMER, PF,	page_ideas_create, p_idea_new, NULL },
	{ GET,	"/ideas/unsubscribe", ROLE_ANON, 0,	page_ideas_unsubscribe, p_forum_unsub_get, NULL },
	{ POST,	"/ideas/unsubscribe", ROLE_ANON, PF,	page_ideas_unsubscribe_post, p_unsub_post, NULL },
	{ GET,	"/ideas/*",	ROLE_ANON, RF_PUBLIC,	page_idea,	p_done, s_idea },
	{ POST,	"/ideas/*/vote", ROLE_CUSTOMER, PF,	page_idea_vote,	p_idea_vote, s_idea },
	{ POST,	"/ideas/*/follow", ROLE_CUSTOMER, PF,	page_idea_follow, p_idea_follow, s_idea },
	{ POST,	"/ideas/*/comment", ROLE_CUSTOMER, PF,	page_idea_comment, p_idea_comment, s_idea },
	{ GET,	"/staff/ideas",	ROLE_AGENT, 0,		page_staff_ideas, p_staff_ideas, NULL },
	{ POST,	"/staff/ideas/*/status", ROLE_AGENT, PF, page_staff_idea_status, p_idea_status, s_idea },
	{ POST,	"/staff/ideas/*/merge", ROLE_AGENT, PF,	page_staff_idea_merge, p_idea_merge, s_idea },
	{ GET,	"/healthz",	ROLE_ANON, 0,		page_health,	p_none, NULL },
	{ POST,	"/language",	ROLE_ANON, RF_SAME_ORIGIN, page_language, p_language, NULL },
	{ GET,	"/_dev/sleep",	ROLE_ANON, RF_DEV_ONLY,	page_dev_sleep,	p_sleep, NULL },
	{ GET,	"/signin",	ROLE_ANON, 0,		page_signin,	p_signin_get, NULL },
	{ POST,	"/signin",	ROLE_ANON, PF,		page_signin_post, p_signin, NULL },
	{ POST,	"/signout",	ROLE_ANON, PF,		page_signout,	p_csrf, NULL },
	{ GET,	"/register",	ROLE_ANON, 0,		page_register,	p_none, NULL },
	{ POST,	"/register",	ROLE_ANON, PF,		page_register_post, p_register, NULL },
	{ GET,	"/register/sent", ROLE_ANON, 0,		page_register_sent, p_none, NULL },
	{ GET,	"/verify",	ROLE_ANON, 0,		page_verify,	p_token_get, NULL },
	{ POST,	"/verify",	ROLE_ANON, PF,		page_verify_post, p_token, NULL },
	{ GET,	"/reset",	ROLE_ANON, 0,		page_reset,	p_none, NULL },
	{ POST,	"/reset",	ROLE_ANON, PF,		page_reset_post, p_reset, NULL },
	{ GET,	"/reset/sent",	ROLE_ANON, 0,		page_reset_sent, p_none, NULL },
	{ GET,	"/reset/confirm", ROLE_ANON, 0,		page_reset_confirm, p_token_get, NULL },
	{ POST,	"/reset/confirm", ROLE_ANON, PF,	page_reset_confirm_post, p_new_password, NULL },
	{ GET,	"/account",	ROLE_CUSTOMER, 0,	page_account,	p_done, NULL },
	{ GET,	"/account/profile", ROLE_CUSTOMER, 0,	page_profile,	p_done, NULL },
	{ POST,	"/account/profile", ROLE_CUSTOMER, PF,	page_profile_post, p_profile, NULL },
	{ POST,	"/account/password", ROLE_CUSTOMER, PF,	page_password_post, p_password, NULL },
	{ GET,	"/account/company", ROLE_CUSTOMER, 0,	page_company,	p_none, NULL },
	{ POST,	"/account/company", ROLE_CUSTOMER, PF,	page_company_post, p_company, NULL },
	{ GET,	"/account/sessions", ROLE_CUSTOMER, 0,	page_sessions,	p_done, NULL },
	{ POST,	"/account/sessions/end", ROLE_CUSTOMER, PF, page_sessions_end, p_session_end, NULL },
	{ GET,	"/account/activity", ROLE_CUSTOMER, 0,	page_activity,	p_none, NULL },
	{ GET,	"/account/users", ROLE_CUSTOMER, 0,	page_members,	p_done, NULL },
	{ POST,	"/account/users/invite", ROLE_CUSTOMER, PF, page_invite_post, p_invite, NULL },
	{ POST,	"/account/users/role", ROLE_CUSTOMER, PF, page_role_post, p_member_role, NULL },
	{ POST,	"/account/users/remove", ROLE_CUSTOMER, PF, page_remove_post, p_member, NULL },
	{ GET,	"/invite",	ROLE_ANON, 0,		page_invite,	p_token_get, NULL },
	{ GET,	"/account/2fa",	ROLE_CUSTOMER, 0,	page_2fa,	p_done, NULL },
	{ POST,	"/account/email", ROLE_CUSTOMER, PF,	page_email_post, p_email, NULL },
	{ GET,	"/account/email/confirm", ROLE_CUSTOMER, 0, page_email_confirm, p_token_get, NULL },
	{ POST,	"/account/email/confirm", ROLE_CUSTOMER, PF, page_email_confirm_post, p_token, NULL },
	{ GET,	"/staff",	ROLE_AGENT, 0,		page_staff_home, p_none, NULL },
	{ GET,	"/staff/users",	ROLE_AGENT, 0,		page_staff_users, p_search, NULL },
	{ POST,	"/staff/users/status", ROLE_AGENT, PF,	page_staff_user_status, p_staff_status, NULL },
	{ POST,	"/staff/users/role", ROLE_ADMIN, PF,	page_staff_user_role, p_staff_role, NULL },
	{ POST,	"/staff/users/segment", ROLE_ADMIN, PF,	page_staff_user_segment, p_staff_segment, NULL },
	{ POST,	"/staff/users/unlock-2fa", ROLE_AGENT, PF, page_staff_user_unlock, p_member, NULL },
	{ GET,	"/staff/accounts", ROLE_AGENT, 0,	page_staff_accounts, p_search, NULL },
	{ POST,	"/staff/accounts/status", ROLE_AGENT, PF, page_staff_account_status, p_staff_status, NULL },
	{ POST,	"/staff/accounts/new", ROLE_AGENT, PF,	page_staff_account_new, p_new_account, NULL },
	{ POST,	"/staff/accounts/segment", ROLE_ADMIN, PF, page_staff_account_segment, p_staff_segment, NULL },
	{ GET,	"/staff/segments", ROLE_ADMIN, 0,	page_staff_segments, p_done, NULL },
	{ POST,	"/staff/segments", ROLE_ADMIN, PF,	page_staff_segment_add, p_segment_add, NULL },
	{ POST,	"/staff/segments/delete", ROLE_ADMIN, PF, page_staff_segment_delete, p_segment_del, NULL },
	{ GET,	"/staff/audit",	ROLE_ADMIN, 0,		page_staff_audit, p_audit, NULL },
	{ POST,	"/account/2fa/start", ROLE_CUSTOMER, PF, page_2fa_start, p_2fa_start, NULL },
	{ GET,	"/account/2fa/setup", ROLE_CUSTOMER, 0,	page_2fa_setup,	p_none, NULL },
	{ POST,	"/account/2fa/confirm", ROLE_CUSTOMER, PF, page_2fa_confirm, p_code, NULL },
	{ POST,	"/account/2fa/disable", ROLE_CUSTOMER, PF, page_2fa_disable, p_2fa_start, NULL },
	{ GET,	"/signin/2fa",	ROLE_ANON, 0,		page_signin_2fa, p_next, NULL },
	{ POST,	"/signin/2fa",	ROLE_ANON, PF,		page_signin_2fa_post, p_code, NULL },
	{ GET,	"/signin/2fa/setup", ROLE_ANON, 0,	page_2fa_setup,	p_none, NULL },
	{ POST,	"/signin/2fa/setup", ROLE_ANON, PF,	page_2fa_confirm, p_code, NULL },
	{ POST,	"/invite",	ROLE_ANON, PF,		page_invite_accept, p_new_password, NULL },
	{ GET,	"/staff/content", ROLE_AGENT, 0,	page_staff_content, p_staff_content, NULL },
	{ GET,	"/staff/content/new", ROLE_AGENT, 0,	page_staff_content_new, p_content_new, NULL },
	{ POST,	"/staff/content/save", ROLE_AGENT, PF | RF_UPLOAD, page_staff_content_save, p_content_save, NULL },
	{ GET,	"/staff/content/*", ROLE_AGENT, 0,	page_staff_content_edit, p_done, s_id },
	{ GET,	"/staff/content/*/history", ROLE_AGENT, 0, page_staff_content_history, p_done, s_id },
	{ GET,	"/staff/content/*/compare", ROLE_AGENT, 0, page_staff_content_compare, p_compare, s_id },
	{ POST,	"/staff/content/*/restore", ROLE_AGENT, PF, page_staff_content_restore, p_restore, s_id },
	{ GET,	"/staff/search", ROLE_AGENT, 0,	page_staff_search_stats, p_search_stats, NULL },
	{ GET,	"/staff/search/synonyms", ROLE_AGENT, 0, page_staff_synonyms, p_done, NULL },
	{ POST,	"/staff/search/synonyms", ROLE_AGENT, PF, page_staff_synonyms_add, p_synonyms_add, NULL },
	{ POST,	"/staff/search/synonyms/delete", ROLE_AGENT, PF, page_staff_synonyms_delete, p_synonyms_delete, NULL },
	{ GET,	"/staff/categories", ROLE_AGENT, 0,	page_staff_categories, p_done, NULL },
	{ POST,	"/staff/categories/save", ROLE_AGENT, PF, page_staff_category_save, p_category_save, NULL },
	/* tickets: staff (the fixed paths before /staff/tickets/REF) */
	{ GET,	"/staff/tickets", ROLE_AGENT, 0,	page_staff_tickets, p_staff_queue, NULL },
	{ GET,	"/staff/tickets/reports", ROLE_AGENT, 0, page_staff_ticket_reports, p_ticket_reports, NULL },
	{ GET,	"/staff/tickets/canned", ROLE_AGENT, 0,	page_staff_canned, p_done, NULL },
	{ POST,	"/staff/tickets/canned", ROLE_AGENT, PF, page_staff_canned_save, p_canned_save, NULL },
	{ POST,	"/staff/tickets/canned/delete", ROLE_AGENT, PF, page_staff_canned_delete, p_delete_id, NULL },
	{ GET,	"/staff/tickets/departments", ROLE_ADMIN, 0, page_staff_departments, p_done, NULL },
	{ POST,	"/staff/tickets/departments", ROLE_ADMIN, PF, page_staff_department_save, p_department_save, NULL },
	{ GET,	"/staff/tickets/policies", ROLE_ADMIN, 0, page_staff_policies, p_done, NULL },
	{ POST,	"/staff/tickets/policies", ROLE_ADMIN, PF, page_staff_policy_save, p_policy_save, NULL },
	{ GET,	"/staff/tickets/held", ROLE_AGENT, 0,	page_staff_held, p_done, NULL },
	{ GET,	"/staff/tickets/held/*", ROLE_AGENT, 0,	page_staff_held_mail, p_done, s_id },
	{ GET,	"/staff/tickets/held/*/files/*/*", ROLE_AGENT, 0, page_staff_held_file, p_none, s_held_file },
	{ POST,	"/staff/tickets/held/*/attach", ROLE_AGENT, PF, page_staff_held_attach, p_held_attach, s_id },
	{ POST,	"/staff/tickets/held/*/open", ROLE_AGENT, PF, page_staff_held_open, p_held_open, s_id },
	{ POST,	"/staff/tickets/held/*/discard", ROLE_AGENT, PF, page_staff_held_discard, p_csrf, s_id },
	{ GET,	"/staff/tickets/*", ROLE_AGENT, 0,	page_staff_ticket, p_staff_ticket, s_ticket_ref },
	{ POST,	"/staff/tickets/*/reply", ROLE_AGENT, PF, page_staff_ticket_reply, p_staff_reply, s_ticket_ref },
	{ POST,	"/staff/tickets/*/assign", ROLE_AGENT, PF, page_staff_ticket_assign, p_ticket_assign, s_ticket_ref },
	{ POST,	"/staff/tickets/*/department", ROLE_AGENT, PF, page_staff_ticket_department, p_ticket_department, s_ticket_ref },
	{ POST,	"/staff/tickets/*/priority", ROLE_AGENT, PF, page_staff_ticket_priority, p_ticket_priority, s_ticket_ref },
	{ POST,	"/staff/tickets/*/status", ROLE_AGENT, PF, page_staff_ticket_status, p_ticket_status, s_ticket_ref },
	{ POST,	"/staff/tickets/*/merge", ROLE_AGENT, PF, page_staff_ticket_merge, p_ticket_merge, s_ticket_ref },
	{ GET,	"/staff/tickets/*/files/*/*", ROLE_AGENT, 0, page_staff_ticket_file, p_none, s_ticket_file },
	/* tickets: customer */
	{ GET,	"/tickets",	ROLE_CUSTOMER, 0,	page_tickets,	p_tickets, NULL },
	{ GET,	"/tickets/new",	ROLE_CUSTOMER, 0,	page_ticket_new, p_ticket_new_get, NULL },
	{ POST,	"/tickets/new",	ROLE_CUSTOMER, PF | RF_ATTACH, page_ticket_create, p_ticket_new, NULL },
	{ GET,	"/tickets/suggest", ROLE_CUSTOMER, 0,	page_ticket_suggest, p_suggest, NULL },
	{ GET,	"/tickets/deflect", ROLE_CUSTOMER, 0,	page_ticket_deflect, p_ticket_deflect, NULL },
	{ GET,	"/tickets/*",	ROLE_CUSTOMER, 0,	page_ticket,	p_done, s_ticket },
	{ POST,	"/tickets/*/reply", ROLE_CUSTOMER, PF | RF_ATTACH, page_ticket_reply, p_ticket_reply, s_ticket },
	{ POST,	"/tickets/*/close", ROLE_CUSTOMER, PF,	page_ticket_close, p_csrf, s_ticket },
	{ POST,	"/tickets/*/rate", ROLE_CUSTOMER, PF,	page_ticket_rate, p_ticket_rate, s_ticket },
	{ GET,	"/tickets/*/files/*/*", ROLE_CUSTOMER, 0, page_ticket_file, p_none, s_ticket_file },
	/* an account's billing for staff; the credit limit is the admins' */
	{ GET,	"/staff/accounts/*/billing", ROLE_AGENT, 0, page_staff_billing, p_done, s_id },
	{ POST,	"/staff/accounts/*/billing/payment", ROLE_AGENT, PF, page_staff_billing_payment, p_staff_payment, s_id },
	{ POST,	"/staff/accounts/*/billing/credit", ROLE_AGENT, PF, page_staff_billing_credit, p_staff_credit, s_id },
	{ POST,	"/staff/accounts/*/billing/credit-limit", ROLE_ADMIN, PF, page_staff_billing_limit, p_staff_limit, s_id },
	/* Billing (page_billing.c, page_quotes.c): billing_open() applies the account role rule */
	{ GET,	"/billing",	ROLE_CUSTOMER, 0,	page_billing,	p_billing, NULL },
	{ GET,	"/billing/invoices", ROLE_CUSTOMER, 0,	page_billing_invoices, p_billing_invoices, NULL },
	{ GET,	"/billing/invoices/*", ROLE_CUSTOMER, 0, page_billing_invoice, p_billing, s_billing_number },
	{ GET,	"/billing/invoices/*/pdf", ROLE_CUSTOMER, 0, page_billing_invoice_pdf, p_billing, s_billing_number },
	{ GET,	"/billing/export", ROLE_CUSTOMER, 0,	page_billing_export, p_billing_export, NULL },
	{ GET,	"/billing/payments", ROLE_CUSTOMER, 0,	page_billing_payments, p_billing_keyset, NULL },
	{ GET,	"/billing/credits", ROLE_CUSTOMER, 0,	page_billing_credits, p_billing_keyset, NULL },
	{ GET,	"/billing/services", ROLE_CUSTOMER, 0,	page_billing_services, p_billing_list, NULL },
	{ GET,	"/billing/services/*", ROLE_CUSTOMER, 0, page_billing_service, p_billing, s_id },
	{ GET,	"/billing/orders", ROLE_CUSTOMER, 0,	page_billing_orders, p_billing_orders, NULL },
	{ GET,	"/billing/orders/*", ROLE_CUSTOMER, 0,	page_billing_order, p_billing, s_billing_number },
	{ GET,	"/billing/quotes", ROLE_CUSTOMER, 0,	page_billing_quotes, p_billing_list, NULL },
	{ GET,	"/billing/quotes/*", ROLE_CUSTOMER, 0,	page_billing_quote, p_billing_quote, s_billing_number },
	{ POST,	"/billing/quotes/*/accept", ROLE_CUSTOMER, PF, page_billing_quote_accept, p_quote_decide, s_billing_number },
	{ POST,	"/billing/quotes/*/decline", ROLE_CUSTOMER, PF, page_billing_quote_decline, p_quote_decide, s_billing_number },
	/* the community forum */
	{ GET,	"/community",	ROLE_ANON, 0,		page_forum,	p_none, NULL },
	{ GET,	"/community/new", ROLE_CUSTOMER, 0,	page_forum_new,	p_forum_new_get, NULL },
	{ POST,	"/community/new", ROLE_CUSTOMER, PF,	page_forum_new_post, p_forum_new, NULL },
	{ GET,	"/community/c/*", ROLE_ANON, 0,		page_forum_category, p_page, s_slug },
	{ GET,	"/community/feed/*", ROLE_ANON, RF_PUBLIC, page_forum_feed, p_none, s_slug },
	{ GET,	"/community/t/*", ROLE_ANON, 0,		page_forum_topic, p_forum_topic, s_topic },
	{ POST,	"/community/t/*/reply", ROLE_CUSTOMER, PF, page_forum_reply, p_forum_reply, s_topic },
	{ POST,	"/community/t/*/accept", ROLE_CUSTOMER, PF, page_forum_accept, p_forum_accept, s_topic },
	{ POST,	"/community/t/*/solved", ROLE_CUSTOMER, PF, page_forum_solved, p_forum_solved, s_topic },
	{ POST,	"/community/t/*/moderate", ROLE_AGENT, PF, page_forum_topic_moderate, p_forum_topic_mod, s_topic },
	{ GET,	"/community/p/*/edit", ROLE_CUSTOMER, 0,	page_forum_edit, p_none, s_id },
	{ POST,	"/community/p/*/edit", ROLE_CUSTOMER, PF, page_forum_edit_post, p_forum_edit, s_id },
	{ GET,	"/community/p/*/history", ROLE_AGENT, 0, page_forum_history, p_none, s_id },
	{ POST,	"/community/p/*/flag", ROLE_CUSTOMER, PF, page_forum_flag, p_forum_flag, s_id },
	{ POST,	"/community/p/*/moderate", ROLE_AGENT, PF, page_forum_post_moderate, p_forum_post_mod, s_id },
	{ POST,	"/community/t/*/watch", ROLE_CUSTOMER, PF, page_forum_watch, p_forum_watch, s_topic },
	{ POST,	"/community/c/*/watch", ROLE_CUSTOMER, PF, page_forum_category_watch, p_forum_watch, s_slug },
	{ GET,	"/community/unsubscribe", ROLE_ANON, 0,	page_forum_unsubscribe, p_forum_unsub_get, NULL },
	{ POST,	"/community/unsubscribe", ROLE_ANON, PF, page_forum_unsubscribe_post, p_unsub_post, NULL },
	{ POST,	"/community/t/*/kb-draft", ROLE_AGENT, PF, page_forum_kb_draft, p_csrf, s_topic },
	{ POST,	"/community/t/*/merge", ROLE_AGENT, PF, page_forum_merge, p_forum_merge, s_topic },
	{ POST,	"/community/t/*/split", ROLE_AGENT, PF, page_forum_split, p_forum_split, s_topic },
	{ GET,	"/staff/community", ROLE_AGENT, 0,	page_staff_community, p_none, NULL },
	{ GET,	"/staff/community/categories", ROLE_AGENT, 0, page_staff_forum_categories, p_done, NULL },
	{ POST,	"/staff/community/categories/save", ROLE_AGENT, PF, page_staff_forum_category_save, p_forum_category_save, NULL },
	{ POST,	"/staff/community/categories/delete", ROLE_AGENT, PF, page_staff_forum_category_delete, p_delete_id, NULL },
	{ POST,	"/staff/community/ban", ROLE_AGENT, PF,	page_staff_community_ban, p_forum_ban, NULL },
};
#undef GET
#undef POST
#undef PF

/* s percent-encoded for a query string value, in r's arena. */
static const char *
url_escape(struct req *r, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out = arena_alloc(r->arena, strlen(s) * 3 + 1);
	char			*o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~/", c)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* Match path against pattern, capturing '*' segments into r->args. */
static bool
route_match(struct req *r, const char *pattern, const char *path)
{
	const char	*p = pattern, *s = path, *slash;
	size_t		 nargs = 0;

	while (*p != '\0') {
		if (*p == '*') {
			if ((slash = strchr(s, '/')) == NULL)
				slash = s + strlen(s);
			if (slash == s || nargs == sizeof(r->args) /
			    sizeof(r->args[0]))
				return false;
			r->args[nargs++] = arena_strndup(r->arena, s,
			    (size_t)(slash - s));
			s = slash;
			p++;
			continue;
		}
		if (*p++ != *s++)
			return false;
	}
	if (*s != '\0')
		return false;
	r->nargs = nargs;
	return true;
}

static const struct param_spec *
spec_find(const struct param_spec *specs, const char *name)
{
	for (; specs != NULL && specs->name != NULL; specs++)
		if (!strcmp(specs->name, name))
			return specs;
	return NULL;
}

/*
 * Check every parameter of l against the route's allowlist (and, for
 * query strings, the global one).  Returns 0 or 400 with the reason set.
 */
static int
check_params(struct req *r, const struct kvlist *l, bool query)
{
	const struct param_spec	*sp;
	size_t			 i, j;

	for (i = 0; i < l->n; i++) {
		sp = spec_find(r->route->params, l->v[i].key);
		if (sp == NULL && query)
			sp = spec_find(p_global, l->v[i].key);
		if (sp == NULL)
			return page_error(r, 400, "unknown-param",
			    l->v[i].key);
		for (j = 0; j < i && sp->valid != valid_files; j++)
			if (!strcmp(l->v[j].key, l->v[i].key))
				return page_error(r, 400, "duplicate-param",
				    l->v[i].key);
		if ((l->v[i].filename != NULL) != (sp->valid == valid_file ||
		    sp->valid == valid_files) ||
		    l->v[i].vlen > sp->maxlen ||
		    !sp->valid(l->v[i].val, l->v[i].vlen))
			return page_error(r, 400, "invalid-param",
			    l->v[i].key);
	}
	return 0;
}

/*
 * Check the path's '*' segments against the route's segment specs.
 * Returns 0, or 404: a malformed slug or id names no page.
 */
static int
check_segments(struct req *r)
{
	const struct param_spec	*sp = r->route->segs;
	size_t			 i;

	for (i = 0; i < r->nargs; i++, sp++)
		if (sp == NULL || sp->name == NULL ||
		    strlen(r->args[i]) > sp->maxlen ||
		    !sp->valid(r->args[i], strlen(r->args[i])))
			return page_error(r, 404, NULL, NULL);
	return 0;
}

/* The route table, for the tests that walk it; *n its length. */
const struct route *
route_table(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}

const struct param_spec *
route_global_params(void)
{
	return p_global;
}

/*
 * A state-changing request must come from a page of this site: its
 * Origin, or failing that its Referer, must be the configured site URL.
 */
static bool
same_origin(const struct req *r)
{
	const char	*site = conf->site_url;
	size_t		 n = strlen(site);

	while (n > 0 && site[n - 1] == '/')
		n--;
	if (r->origin != NULL && *r->origin != '\0')
		return strlen(r->origin) == n && !strncmp(r->origin, site, n);
	if (r->referer != NULL)
		return !strncmp(r->referer, site, n) && r->referer[n] == '/';
	return false;
}

static void
allow_header(struct req *r, const char *path)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	unsigned	 m = 0;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (route_match(r, routes[i].pattern, path))
			m |= routes[i].methods;
	if (m & METHOD_GET)
		buf_adds(&b, "GET, HEAD");
	if (m & METHOD_POST)
		buf_adds(&b, b.len ? ", POST" : "POST");
	req_header(r, "Allow", b.p ? b.p : "");
	buf_free(&b);
}

/*
 * The route's policy that needs no body: the path and method, routes
 * of development mode, the least role and the origin of a POST.  The
 * worker runs it before it reads a body, so nobody can make a worker
 * read or parse a body for a route they may not use.  Sets r->route;
 * returns 0, or an HTTP status with the answer made (404, 405, 403, or
 * 303 to the sign-in page).
 */
int
route_policy(struct req *r)
{
	const struct route	*rt = NULL;
	bool			 path_known = false;
	size_t			 i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!route_match(r, routes[i].pattern, r->path))
			continue;
		path_known = true;
		if (routes[i].methods & r->method) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		if (!path_known)
			return page_error(r, 404, NULL, NULL);
		allow_header(r, r->path);
		return page_error(r, 405, NULL, NULL);
	}
	r->route = rt;
	if ((rt->flags & RF_DEV_ONLY) && !conf->development)
		return page_error(r, 404, NULL, NULL);
	if (r->role < rt->role) {
		/* Someone not signed in is asked to sign in first, and
		 * comes back to the page, its query too (a confirmation
		 * link's token) when that fits the next parameter. */
		if (r->user == NULL && r->method != METHOD_POST) {
			const char *next = r->path;

			if (r->query_string != NULL &&
			    *r->query_string != '\0' && strlen(r->path) + 1 +
			    strlen(r->query_string) <= 2048)
				next = arena_printf(r->arena, "%s?%s",
				    r->path, r->query_string);
			return req_redirect(r, arena_printf(r->arena,
			    "/signin?next=%s", url_escape(r, next)));
		}
		return page_error(r, 403, rt->role == ROLE_ADMIN &&
		    r->role == ROLE_AGENT ? "admin" : "role", NULL);
	}
	if (r->method == METHOD_POST && (rt->flags & RF_SAME_ORIGIN) &&
	    !same_origin(r))
		return page_error(r, 403, "origin", NULL);
	return 0;
}

/*
 * Route r and run its handler: route_policy() unless the worker ran it
 * already, then what needs the form (the CSRF token, the parameters).
 * A handler returns an HTTP status, or HTTP_DB(e) for a database error
 * that is made the error page here, in one place.  On return r holds a
 * page document, a raw body or a redirect, and r->status the HTTP
 * status.
 */
void
dispatch(struct req *r)
{
	const struct route	*rt;
	const char		*lang;
	int			 st;

	if (r->route == NULL && (st = route_policy(r)) != 0) {
		r->status = st;
		return;
	}
	rt = r->route;
	if (r->method == METHOD_POST && (rt->flags & RF_CSRF) && !csrf_ok(r)) {
		r->status = page_error(r, 403, "csrf", NULL);
		return;
	}
	if ((st = check_params(r, &r->query, true)) != 0 ||
	    (st = check_params(r, &r->form, false)) != 0 ||
	    (st = check_segments(r)) != 0) {
		r->status = st;
		return;
	}
	if (kv_get(&r->query, "format") != NULL) {
		if (!conf->development) {
			r->status = page_error(r, 403, "format", NULL);
			return;
		}
		r->want_xml = true;
	}
	if ((lang = kv_get(&r->query, "lang")) != NULL)
		r->cat = i18n_find(lang);
	/* The web server's copy of the page is still current: 304. */
	if ((r->status = pagecache_check(r)) != 0)
		return;
	st = rt->handler(r);
	if (st < 0)
		st = page_error(r, db_status(HTTP_DB_ERR(st)), "database",
		    NULL);
	else if (st >= 400 && r->doc == NULL)
		st = page_error(r, st, r->fail_reason, r->fail_arg);
	r->status = st;
}
