/*
 * The records of a billing import file: CSV (RFC 4180, a header row
 * naming the fields) or JSON Lines (one object a line, json-c), both
 * into the same rows of named text fields (enum bfield), each with the
 * line it starts on.  What a row means is billing_import.c's business;
 * this file only says when the bytes are not a well-formed file of
 * known fields, with the line and the reason, and goes on to the next
 * record where it can.
 *
 * Values are text as written: nothing is trimmed, unquoted or rounded
 * beyond the file format's own quoting, and a JSON number is taken only
 * when it is an integer (a decimal must be written as a string, "12.50",
 * so it never passes through floating point).
 */
#include "config.h"

#include <string.h>

#include <json.h>

#include "portico.h"

const char *const billing_fields[BF__MAX + 1] = {
	"type", "ext_id", "account", "number", "product", "plan", "label",
	"title", "status", "kind", "cycle", "date", "due", "currency",
	"price", "quantity", "tax_rate", "amount", "method", "reference",
	"description", "line_no", "invoice_id", "order_id", "payment_id",
	"quote_id", "service_id", NULL
};

/* The longest value any field may have (the staging table's columns). */
const size_t billing_field_max[BF__MAX] = {
	20, 100, 40, 40, 200, 200, 300, 300, 20, 20, 20, 20, 20, 3, 30, 30,
	10, 30, 60, 200, 500, 10, 100, 100, 100, 100, 100
};

int
billing_field_of(const char *name)
{
	int	i;

	for (i = 0; i < BF__MAX; i++)
		if (!strcmp(billing_fields[i], name))
			return i;
	return -1;
}

static void
bad(struct billing_file *bf, size_t line, const char *why)
{
	struct billing_err	*e;

	if (bf->nerrs == bf->caperrs) {
		struct billing_err *n;

		bf->caperrs = bf->caperrs ? bf->caperrs * 2 : 16;
		n = arena_alloc(bf->arena, bf->caperrs * sizeof(*n));
		if (bf->nerrs > 0)
			memcpy(n, bf->errs, bf->nerrs * sizeof(*n));
		bf->errs = n;
	}
	e = &bf->errs[bf->nerrs++];
	e->line = line;
	e->why = why;
}

void
billing_file_error(struct billing_file *bf, size_t line, const char *why)
{
	bad(bf, line, why);
}

static struct billing_row *
row_new(struct billing_file *bf, size_t line)
{
	struct billing_row	*r;

	if (bf->nrows == bf->caprows) {
		struct billing_row *n;

		bf->caprows = bf->caprows ? bf->caprows * 2 : 64;
		n = arena_alloc(bf->arena, bf->caprows * sizeof(*n));
		if (bf->nrows > 0)
			memcpy(n, bf->rows, bf->nrows * sizeof(*n));
		bf->rows = n;
	}
	r = &bf->rows[bf->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	return r;
}

/*
 * Check and keep value v (len bytes) as field f of row r.  An empty
 * value is the same as an absent field.  false when it is refused
 * (reported).
 */
static bool
set_field(struct billing_file *bf, struct billing_row *r, int f,
    const char *v, size_t len)
{
	if (memchr(v, '\0', len) != NULL) {
		bad(bf, r->line, arena_printf(bf->arena, "%s: holds a NUL "
		    "byte", billing_fields[f]));
		return false;
	}
	if (!utf8_valid(v, len)) {
		bad(bf, r->line, arena_printf(bf->arena, "%s: not valid "
		    "UTF-8", billing_fields[f]));
		return false;
	}
	if (len > billing_field_max[f]) {
		bad(bf, r->line, arena_printf(bf->arena, "%s: longer than "
		    "%zu bytes", billing_fields[f], billing_field_max[f]));
		return false;
	}
	r->f[f] = len > 0 ? arena_strndup(bf->arena, v, len) : NULL;
	return true;
}

/* ---- CSV (RFC 4180) ---------------------------------------------------- */

struct csv {
	const char	*p, *end;
	size_t		 line;
};

/*
 * The next field of the record at c into *v and *len (unquoted, in arena
 * memory when it had doubled quotes); *eor when it ended the record.
 * NULL or the reason the bytes are not CSV.
 */
static const char *
csv_field(struct arena *a, struct csv *c, const char **v, size_t *len,
    bool *eor)
{
	const char	*s = c->p, *q;
	char		*o;
	size_t		 n;

	*eor = false;
	if (s < c->end && *s == '"') {
		size_t	opened = c->line;

		o = arena_alloc(a, (size_t)(c->end - s) + 1);
		n = 0;
		for (q = s + 1; ; q++) {
			if (q >= c->end)
				return arena_printf(a, "a quote opened on line "
				    "%zu is not closed", opened);
			if (*q == '"') {
				if (q + 1 < c->end && q[1] == '"') {
					o[n++] = '"';
					q++;
					continue;
				}
				break;
			}
			if (*q == '\n')
				c->line++;
			o[n++] = *q;
		}
		o[n] = '\0';
		*v = o;
		*len = n;
		s = q + 1;
	} else {
		for (q = s; q < c->end && *q != ',' && *q != '\n' &&
		    *q != '\r'; q++)
			if (*q == '"')
				return "a quote inside an unquoted field "
				    "(quote the field and double the quote)";
		*v = s;
		*len = (size_t)(q - s);
		s = q;
	}
	if (s >= c->end)
		*eor = true;
	else if (*s == ',')
		s++;
	else if (*s == '\n' || (*s == '\r' && s + 1 < c->end &&
	    s[1] == '\n')) {
		s += *s == '\r' ? 2 : 1;
		*eor = true;
	} else if (*s == '\r')
		return "a carriage return not followed by a line feed";
	else
		return "text after a closing quote";
	c->p = s;
	return NULL;
}

/* Skip to the start of the next line after an error. */
static void
csv_skip_line(struct csv *c)
{
	while (c->p < c->end && *c->p != '\n')
		c->p++;
	if (c->p < c->end)
		c->p++;
}

/*
 * One record: its fields into vals (up to max), their number into *n.
 * NULL or the reason (the rest of the line is skipped).
 */
static const char *
csv_record(struct arena *a, struct csv *c, const char **vals, size_t *lens,
    size_t max, size_t *n)
{
	const char	*v = NULL, *why;
	size_t		 len = 0;
	bool		 eor = false;

	*n = 0;
	while (!eor) {
		if ((why = csv_field(a, c, &v, &len, &eor)) != NULL) {
			csv_skip_line(c);
			return why;
		}
		if (*n < max) {
			vals[*n] = v;
			lens[*n] = len;
		}
		(*n)++;
	}
	return NULL;
}

static void
read_csv(struct billing_file *bf, const char *text, size_t len)
{
	struct csv	 c = { text, text + len, 1 };
	const char	*vals[BF__MAX + 1], *why;
	size_t		 lens[BF__MAX + 1], n, i, start;
	int		 cols[BF__MAX], f;
	size_t		 ncols;
	bool		 seen[BF__MAX] = { false };
	struct billing_row *r;

	/* A byte order mark is the writer's, not the first field's. */
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		c.p += 3;
	/* Nothing, or a blank first line, has no header to name fields. */
	if (c.p == c.end) {
		bad(bf, 1, "empty file: a CSV file starts with a header row "
		    "naming its columns");
		return;
	}
	if (*c.p == '\n' || (*c.p == '\r' && c.p + 1 < c.end &&
	    c.p[1] == '\n')) {
		bad(bf, 1, "no header row: the first line is empty; a CSV "
		    "file starts with a header row naming its columns");
		return;
	}
	if ((why = csv_record(bf->arena, &c, vals, lens, BF__MAX + 1,
	    &ncols)) != NULL) {
		bad(bf, 1, why);
		return;
	}
	if (ncols > BF__MAX) {
		bad(bf, 1, "the header names more columns than there are "
		    "fields");
		return;
	}
	for (i = 0; i < ncols; i++) {
		char *name = arena_strndup(bf->arena, vals[i], lens[i]);

		if (lens[i] == 0) {
			bad(bf, 1, arena_printf(bf->arena, "the header's "
			    "column %zu has no name", i + 1));
			return;
		}
		if ((f = billing_field_of(name)) < 0) {
			bad(bf, 1, arena_printf(bf->arena, "the header names "
			    "an unknown field \"%.40s\"", name));
			return;
		}
		if (seen[f]) {
			bad(bf, 1, arena_printf(bf->arena, "the header names "
			    "\"%s\" twice", name));
			return;
		}
		seen[f] = true;
		cols[i] = f;
	}
	if (!seen[BF_TYPE]) {
		bad(bf, 1, "the header has no \"type\" column");
		return;
	}
	c.line++;
	while (c.p < c.end) {
		start = c.line;
		if (*c.p == '\n' || (*c.p == '\r' && c.p + 1 < c.end &&
		    c.p[1] == '\n')) {
			c.p += *c.p == '\r' ? 2 : 1;
			c.line++;
			continue;
		}
		why = csv_record(bf->arena, &c, vals, lens, BF__MAX + 1, &n);
		c.line++;
		if (why != NULL) {
			bad(bf, start, why);
			continue;
		}
		if (n != ncols) {
			bad(bf, start, arena_printf(bf->arena, "%zu fields, "
			    "the header has %zu", n, ncols));
			continue;
		}
		r = row_new(bf, start);
		for (i = 0; i < ncols; i++)
			if (!set_field(bf, r, cols[i], vals[i], lens[i]))
				r->bad = true;
	}
}

/* ---- JSON Lines -------------------------------------------------------- */

/* Field f of r from JSON value v.  false when refused (reported). */
static bool
json_field(struct billing_file *bf, struct billing_row *r, int f,
    struct json_object *v)
{
	const char	*s;

	switch (json_object_get_type(v)) {
	case json_type_null:
		r->f[f] = NULL;
		return true;
	case json_type_string:
		s = json_object_get_string(v);
		return set_field(bf, r, f, s,
		    (size_t)json_object_get_string_len(v));
	case json_type_int:
		s = arena_printf(bf->arena, "%lld",
		    (long long)json_object_get_int64(v));
		return set_field(bf, r, f, s, strlen(s));
	case json_type_double:
		bad(bf, r->line, arena_printf(bf->arena, "%s: a decimal "
		    "must be a string (\"12.50\"), never a JSON number",
		    billing_fields[f]));
		return false;
	default:
		bad(bf, r->line, arena_printf(bf->arena, "%s: must be a "
		    "string", billing_fields[f]));
		return false;
	}
}

static void
read_jsonl_line(struct billing_file *bf, struct json_tokener *tok,
    const char *s, size_t len, size_t line)
{
	struct json_object	*o;
	struct billing_row	*r;
	enum json_tokener_error	 je;
	int			 f;

	if (!utf8_valid(s, len) || memchr(s, '\0', len) != NULL) {
		bad(bf, line, "not valid UTF-8");
		return;
	}
	json_tokener_reset(tok);
	o = json_tokener_parse_ex(tok, s, (int)len);
	je = json_tokener_get_error(tok);
	if (o == NULL || je != json_tokener_success ||
	    json_tokener_get_parse_end(tok) < len) {
		bad(bf, line, arena_printf(bf->arena, "not one JSON object: "
		    "%s", je == json_tokener_continue ? "the line ends inside "
		    "it" : je != json_tokener_success ?
		    json_tokener_error_desc(je) : "text after it"));
		if (o != NULL)
			json_object_put(o);
		return;
	}
	if (!json_object_is_type(o, json_type_object)) {
		bad(bf, line, "not a JSON object");
		json_object_put(o);
		return;
	}
	r = row_new(bf, line);
	json_object_object_foreach(o, key, val) {
		if ((f = billing_field_of(key)) < 0) {
			bad(bf, line, arena_printf(bf->arena, "unknown field "
			    "\"%.40s\"", key));
			r->bad = true;
			continue;
		}
		if (!json_field(bf, r, f, val))
			r->bad = true;
	}
	json_object_put(o);
}

static void
read_jsonl(struct billing_file *bf, const char *text, size_t len)
{
	struct json_tokener	*tok = json_tokener_new();
	const char		*p = text, *end = text + len, *nl;
	size_t			 line = 1, n;

	if (tok == NULL) {
		bad(bf, 0, "out of memory");
		return;
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		p += 3;
	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		read_jsonl_line(bf, tok, p, n, line);
	}
	json_tokener_free(tok);
}

/*
 * Read text (len bytes) as CSV or, when jsonl, as JSON Lines into bf's
 * rows and errors (in bf->arena).  A row with a refused field is kept
 * with bad set, so the rest of it is still checked.
 */
void
billing_read(struct billing_file *bf, const char *text, size_t len,
    bool jsonl)
{
	if (jsonl)
		read_jsonl(bf, text, len);
	else
		read_csv(bf, text, len);
}
