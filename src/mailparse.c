/*
 * An incoming mail, parsed by GMime into what mail-in keeps: the sender,
 * the subject (RFC 2047 decoded), the Message-IDs it answers, the
 * addresses it went to, whether a machine sent it (an auto-reply or a
 * bounce), its text and its files.
 *
 * The text is plain UTF-8, never HTML: of a multipart/alternative the
 * text/plain part is taken, and a mail with HTML only is read by
 * libxml2's HTML parser and only its text is kept (blocks become lines,
 * a link keeps its address in brackets).  Parts in any charset are
 * converted (unknown or wrong charsets as Windows-1252, which maps every
 * byte), so everything out of here is valid UTF-8.  No database, no
 * request: mailin.c stores what this finds.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>

#include "portico.h"


struct walk {
	struct arena		*a;
	struct mail_msg		*m;
	struct buf		 text;
	bool			 have_text;
	size_t			 depth;
	size_t			 unnamed;
	size_t			 maxfiles;
};

static void	walk(struct walk *, GMimeObject *, bool);

/* The parser's options: loose RFC 2047, and the charsets an unlabelled
 * 8-bit header is tried in. */
static GMimeParserOptions *
options(void)
{
	static GMimeParserOptions	*o;
	static const char		*fallback[] = { "utf-8", "windows-1252",
					    NULL };

	if (o == NULL) {
		o = g_mime_parser_options_new();
		g_mime_parser_options_set_rfc2047_compliance_mode(o,
		    GMIME_RFC_COMPLIANCE_LOOSE);
		g_mime_parser_options_set_address_compliance_mode(o,
		    GMIME_RFC_COMPLIANCE_LOOSE);
		g_mime_parser_options_set_parameter_compliance_mode(o,
		    GMIME_RFC_COMPLIANCE_LOOSE);
		g_mime_parser_options_set_fallback_charsets(o, fallback);
	}
	return o;
}

/* s as valid UTF-8 in the arena (invalid bytes become U+FFFD). */
static char *
utf8_clean(struct arena *a, const char *s, size_t len)
{
	gchar	*v;
	char	*out;

	if (utf8_valid(s, len))
		return arena_strndup(a, s, len);
	v = g_utf8_make_valid(s, (gssize)len);
	out = arena_strdup(a, v);
	g_free(v);
	return out;
}

/* A header value on one line: control characters become spaces, runs
 * of spaces one, trimmed.  Returns an arena copy. */
static char *
one_line(struct arena *a, const char *s)
{
	char	*out, *o;
	size_t	 len = strlen(s);

	out = o = arena_alloc(a, len + 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			c = ' ';
		if (c == ' ' && (o == out || o[-1] == ' '))
			continue;
		*o++ = (char)c;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/*
 * A Message-ID or Content-ID as the database keeps it (an ASCII
 * column): printable ASCII without spaces or brackets as it is, else
 * (RFC 6532 allows UTF-8) the SHA-256 of its bytes, the same every time
 * the same id is read, so threading still finds it.
 */
static char *
mail_id(struct arena *a, const char *id)
{
	unsigned char	 h[32];
	char		 hex[65];
	const char	*p;

	for (p = id; *p; p++)
		if (*p <= ' ' || *p > '~' || *p == '<' || *p == '>')
			break;
	if (*p == '\0' && p - id < 250)
		return arena_strdup(a, id);
	sha256(id, strlen(id), h);
	hex_encode(hex, h, 32);
	return arena_printf(a, "%s@id.invalid", hex);
}

/* The decoded bytes of a leaf part (transfer encoding undone). */
static char *
part_bytes(struct arena *a, GMimePart *part, size_t *len)
{
	GMimeDataWrapper	*dw;
	GMimeStream		*mem;
	GByteArray		*ba;
	char			*p;

	*len = 0;
	if ((dw = g_mime_part_get_content(part)) == NULL)
		return arena_strdup(a, "");
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(dw, mem) < 0) {
		g_object_unref(mem);
		return NULL;
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	p = arena_alloc(a, ba->len + 1);
	memcpy(p, ba->data, ba->len);
	p[ba->len] = '\0';
	*len = ba->len;
	g_object_unref(mem);
	return p;
}

/* Remove NUL bytes from p[0..len) (no charset of text has them, and
 * UTF-8 cleaning would make each a U+FFFD); returns the new length. */
static size_t
drop_nul(char *p, size_t len)
{
	size_t	i, o = 0;

	for (i = 0; i < len; i++)
		if (p[i] != '\0')
			p[o++] = p[i];
	p[o] = '\0';
	return o;
}

/*
 * A text part's bytes as UTF-8: from its charset when it names one
 * iconv knows and the bytes are valid in it, else as UTF-8 when they
 * are, else as Windows-1252.  Line ends become LF, NUL and other
 * control characters (but TAB) go.
 */
static char *
part_text(struct arena *a, GMimePart *part)
{
	const char	*cs;
	char		*raw, *conv = NULL, *out, *o;
	const char	*p;
	size_t		 len;
	gsize		 clen;

	if ((raw = part_bytes(a, part, &len)) == NULL)
		return arena_strdup(a, "");
	cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part),
	    "charset");
	if (cs == NULL || (g_ascii_strncasecmp(cs, "utf-16", 6) &&
	    g_ascii_strncasecmp(cs, "utf-32", 6) &&
	    g_ascii_strncasecmp(cs, "ucs", 3)))
		len = drop_nul(raw, len);
	if (cs != NULL && g_ascii_strcasecmp(cs, "utf-8") &&
	    g_ascii_strcasecmp(cs, "us-ascii"))
		conv = g_convert(raw, (gssize)len, "UTF-8",
		    g_mime_charset_iconv_name(cs), NULL, &clen, NULL);
	if (conv == NULL && !utf8_valid(raw, len))
		conv = g_convert(raw, (gssize)len, "UTF-8", "WINDOWS-1252",
		    NULL, &clen, NULL);
	if (conv != NULL) {
		raw = utf8_clean(a, conv, clen);
		g_free(conv);
	} else
		raw = utf8_clean(a, raw, len);
	out = o = arena_alloc(a, strlen(raw) + 1);
	for (p = raw; *p; p++) {
		if (*p == '\r') {
			if (p[1] != '\n')
				*o++ = '\n';
			continue;
		}
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
			continue;
		if (*p == 0x7f)
			continue;
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* ---- HTML to text -------------------------------------------------------- */

static bool
is_elem(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (!xmlStrcasecmp(n->name, (const xmlChar *)*names))
			return true;
	return false;
}

static const char *const skipped[] = { "script", "style", "head", "title",
    "template", "noscript", "object", "iframe", NULL };
static const char *const blocks[] = { "p", "div", "br", "tr", "li", "h1",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul",
    "ol", "hr", "section", "article", "header", "footer", "address",
    "dl", "dt", "dd", NULL };

/* Add a line break unless the text ends with one already. */
static void
html_break(struct buf *b)
{
	if (b->len > 0 && b->p[b->len - 1] != '\n')
		buf_add(b, "\n", 1);
}

/* Text with its white space collapsed (in <pre>, kept). */
static void
html_chars(struct buf *b, const char *s, bool pre)
{
	bool	space;

	if (pre) {
		buf_adds(b, s);
		return;
	}
	for (; *s; s++) {
		space = *s == ' ' || *s == '\n' || *s == '\r' || *s == '\t';
		if (space) {
			if (b->len > 0 && b->p[b->len - 1] != ' ' &&
			    b->p[b->len - 1] != '\n')
				buf_add(b, " ", 1);
		} else
			buf_add(b, s, 1);
	}
}

static void
html_walk(struct buf *b, xmlNodePtr n, bool pre, size_t depth)
{
	xmlChar	*href;
	size_t	 start;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			html_chars(b, (const char *)n->content, pre);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || is_elem(n, skipped) ||
		    depth > 200)
			continue;
		if (is_elem(n, blocks))
			html_break(b);
		if (!xmlStrcasecmp(n->name, (const xmlChar *)"li"))
			buf_adds(b, "- ");
		start = b->len;
		html_walk(b, n->children, pre ||
		    !xmlStrcasecmp(n->name, (const xmlChar *)"pre"), depth + 1);
		/* A link whose text is not its address keeps the address. */
		if (!xmlStrcasecmp(n->name, (const xmlChar *)"a") &&
		    (href = xmlGetProp(n, (const xmlChar *)"href")) != NULL) {
			if ((!xmlStrncasecmp(href, (const xmlChar *)"http", 4) ||
			    !xmlStrncasecmp(href, (const xmlChar *)"mailto:", 7)) &&
			    (b->len - start != (size_t)xmlStrlen(href) ||
			    memcmp(b->p + start, href, b->len - start)))
				buf_printf(b, " <%s>", (const char *)href);
			xmlFree(href);
		}
		if (is_elem(n, blocks) && xmlStrcasecmp(n->name,
		    (const xmlChar *)"br"))
			html_break(b);
		if (!xmlStrcasecmp(n->name, (const xmlChar *)"p"))
			buf_add(b, "\n", 1);
	}
}

/* Blank lines at most two in a row, no spaces at line ends, trimmed. */
static char *
tidy_text(struct arena *a, const char *s)
{
	char	*out = arena_alloc(a, strlen(s) + 1), *o = out;
	size_t	 nl = 0;

	while (*s == '\n' || *s == ' ')
		s++;
	for (; *s; s++) {
		if (*s == '\n') {
			while (o > out && (o[-1] == ' ' || o[-1] == '\t'))
				o--;
			if (++nl > 2)
				continue;
		} else
			nl = 0;
		*o++ = *s;
	}
	while (o > out && (o[-1] == '\n' || o[-1] == ' ' || o[-1] == '\t'))
		o--;
	*o = '\0';
	return out;
}

/*
 * The text of an HTML document (UTF-8): markup, scripts and styles are
 * dropped, blocks become lines.  Nothing is fetched.  Returns an arena
 * string.
 */
char *
mail_html_text(struct arena *a, const char *html, size_t len)
{
	htmlDocPtr	 doc;
	struct buf	 b = { NULL, 0, 0 };
	char		*out;

	doc = htmlReadMemory(html, (int)(len > INT32_MAX ? INT32_MAX : len),
	    NULL, "UTF-8", HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	if (doc != NULL) {
		html_walk(&b, xmlDocGetRootElement(doc), false, 0);
		xmlFreeDoc(doc);
	}
	buf_add(&b, "", 1);
	out = tidy_text(a, b.p);
	buf_free(&b);
	return out;
}

/* ---- a reply's own words -------------------------------------------------- */

/* Is the line [p, end) an attribution ("On Mon, ... wrote:", "... kirjoitti:")
 * that a quote follows: it ends with a colon and names an address or a
 * time? */
static bool
attribution(const char *p, const char *end)
{
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == p || (end[-1] != ':' && (end - p < 3 ||
	    memcmp(end - 3, "\xef\xbc\x9a", 3))))
		return false;
	return memchr(p, '@', (size_t)(end - p)) != NULL ||
	    memchr(p, ':', (size_t)(end - p - 1)) != NULL;
}

/*
 * The text of a reply without what it quotes: from Outlook's
 * "-----Original Message-----" (or its underscore line before "From:")
 * on, and the block of "> " lines that ends the text, with the
 * attribution line before it ("On ..., Name <addr> wrote:").  Quotes
 * followed by the writer's own lines (an answer written inline) are
 * kept.  When nothing would be left, the text as it came.  Returns an
 * arena string.
 */
char *
mail_reply_text(struct arena *a, const char *text)
{
	const char	*line[4096], *p, *cut = NULL;
	char		*out;
	size_t		 n = 0, i, k;
	bool		 quoted = false;

	for (p = text; n < 4096; p++) {
		line[n++] = p;
		if ((p = strchr(p, '\n')) == NULL)
			break;
	}
	if (n == 4096)
		return arena_strdup(a, text);
	for (i = 0; i < n && cut == NULL; i++)
		if (!strncmp(line[i], "-----Original Message-----", 26) ||
		    (i + 1 < n && !strncmp(line[i],
		    "________________________________", 32) &&
		    !strncmp(line[i + 1], "From:", 5)))
			cut = line[i];
	if (cut == NULL) {
		/* Up from the end over quoted and blank lines. */
		for (k = n; k > 0 && (*line[k - 1] == '>' ||
		    *line[k - 1] == '\n' || *line[k - 1] == '\0'); k--)
			quoted |= *line[k - 1] == '>';
		if (!quoted || k == 0)
			return arena_strdup(a, text);
		cut = line[k];
		if (attribution(line[k - 1], line[k - 1] +
		    strcspn(line[k - 1], "\n")))
			cut = line[k - 1];
	}
	out = tidy_text(a, arena_strndup(a, text, (size_t)(cut - text)));
	return *out ? out : arena_strdup(a, text);
}

/* ---- the MIME tree -------------------------------------------------------- */

static void
add_file(struct walk *w, GMimePart *part)
{
	struct mail_file	*f;
	GMimeContentType	*ct;
	const char		*name, *cid;
	char			*data;
	size_t			 len;

	if ((data = part_bytes(w->a, part, &len)) == NULL || len == 0)
		return;
	if (w->m->nfiles == w->maxfiles) {
		w->m->files_dropped++;
		return;
	}
	name = g_mime_part_get_filename(part);
	if (name == NULL || (name = file_name_clean(w->a, name)) == NULL) {
		ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
		name = arena_printf(w->a, "part-%zu.%s", ++w->unnamed,
		    ct && ct->subtype && strlen(ct->subtype) < 20 &&
		    strspn(ct->subtype, "abcdefghijklmnopqrstuvwxyz0123456789")
		    == strlen(ct->subtype) ? ct->subtype : "bin");
	}
	f = &w->m->files[w->m->nfiles++];
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->data = data;
	f->len = len;
	cid = g_mime_object_get_content_id(GMIME_OBJECT(part));
	if (cid != NULL && *cid)
		f->cid = mail_id(w->a, cid);
}

/* Is the part meant to be read in place (no attachment disposition, no
 * file name)? */
static bool
part_inline(GMimeObject *o)
{
	const char	*d = g_mime_object_get_disposition(o);

	if (d != NULL && !g_ascii_strcasecmp(d, "attachment"))
		return false;
	return g_mime_part_get_filename(GMIME_PART(o)) == NULL;
}

/* A text part that is the body, or a part of it. */
static void
add_text(struct walk *w, GMimePart *part, bool html)
{
	char	*t = part_text(w->a, part);

	if (html) {
		t = mail_html_text(w->a, t, strlen(t));
		w->m->from_html = true;
	}
	if (w->have_text)
		buf_adds(&w->text, "\n\n");
	buf_adds(&w->text, t);
	w->have_text = true;
}

/* The best child of a multipart/alternative for text: text/plain, then
 * what holds HTML (text/html, or a multipart/related around it). */
static GMimeObject *
alternative_pick(GMimeMultipart *mp)
{
	GMimeObject	*o, *html = NULL;
	int		 i, n = g_mime_multipart_get_count(mp);

	for (i = 0; i < n; i++) {
		o = g_mime_multipart_get_part(mp, i);
		if (GMIME_IS_PART(o) &&
		    g_mime_content_type_is_type(g_mime_object_get_content_type(o),
		    "text", "plain"))
			return o;
	}
	for (i = 0; i < n; i++) {
		o = g_mime_multipart_get_part(mp, i);
		if (html == NULL && (GMIME_IS_MULTIPART(o) ||
		    g_mime_content_type_is_type(g_mime_object_get_content_type(o),
		    "text", "html")))
			html = o;
	}
	return html;
}

/* The files (not the texts) below o: the inline images of an HTML
 * alternative whose text/plain sibling was read instead. */
static void
walk_files(struct walk *w, GMimeObject *o)
{
	GMimeMultipart	*mp;
	int		 i;

	if (GMIME_IS_MULTIPART(o)) {
		mp = GMIME_MULTIPART(o);
		for (i = 0; i < g_mime_multipart_get_count(mp); i++)
			walk_files(w, g_mime_multipart_get_part(mp, i));
	} else if (GMIME_IS_PART(o) && !g_mime_content_type_is_type(
	    g_mime_object_get_content_type(o), "text", "*"))
		add_file(w, GMIME_PART(o));
}

static void
walk_multipart(struct walk *w, GMimeMultipart *mp, bool alternative)
{
	GMimeObject	*o, *pick;
	int		 i, n = g_mime_multipart_get_count(mp);

	if (alternative && (pick = alternative_pick(mp)) != NULL) {
		walk(w, pick, true);
		for (i = 0; i < n; i++)
			if ((o = g_mime_multipart_get_part(mp, i)) != pick)
				walk_files(w, o);
		return;
	}
	for (i = 0; i < n; i++)
		walk(w, g_mime_multipart_get_part(mp, i), true);
}

static void
walk(struct walk *w, GMimeObject *o, bool body_ok)
{
	GMimeContentType	*ct = g_mime_object_get_content_type(o);
	GMimeMessage		*inner;
	GMimeStream		*mem;
	GByteArray		*ba;
	struct mail_file	*f;

	if (++w->depth > 20) {
		w->depth--;
		return;
	}
	if (GMIME_IS_MULTIPART(o)) {
		walk_multipart(w, GMIME_MULTIPART(o),
		    g_mime_content_type_is_type(ct, "multipart", "alternative"));
	} else if (GMIME_IS_MESSAGE_PART(o)) {
		/* A forwarded or returned message: kept whole, as a file. */
		inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		if (inner != NULL && w->m->nfiles < w->maxfiles) {
			mem = g_mime_stream_mem_new();
			g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL,
			    mem);
			ba = g_mime_stream_mem_get_byte_array(
			    GMIME_STREAM_MEM(mem));
			if (ba->len > 0) {
				f = &w->m->files[w->m->nfiles++];
				memset(f, 0, sizeof(*f));
				f->name = arena_printf(w->a, "message-%zu.eml",
				    ++w->unnamed);
				f->data = arena_strndup(w->a,
				    (const char *)ba->data, ba->len);
				f->len = ba->len;
			}
			g_object_unref(mem);
		}
	} else if (GMIME_IS_PART(o)) {
		if (body_ok && part_inline(o) &&
		    g_mime_content_type_is_type(ct, "text", "plain"))
			add_text(w, GMIME_PART(o), false);
		else if (body_ok && !w->have_text && part_inline(o) &&
		    g_mime_content_type_is_type(ct, "text", "html"))
			add_text(w, GMIME_PART(o), true);
		else if (!(part_inline(o) && g_mime_content_type_is_type(ct,
		    "text", "html")))
			add_file(w, GMIME_PART(o));
	}
	w->depth--;
}

/* ---- headers ---------------------------------------------------------- */

/* The value of the first header called name, or NULL. */
static const char *
header(GMimeMessage *msg, const char *name)
{
	return g_mime_object_get_header(GMIME_OBJECT(msg), name);
}

static bool
value_is(const char *v, const char *word)
{
	size_t	n = strlen(word);

	while (v != NULL && (*v == ' ' || *v == '\t'))
		v++;
	return v != NULL && !g_ascii_strncasecmp(v, word, n) &&
	    (v[n] == '\0' || v[n] == ';' || v[n] == ' ' || v[n] == '\t' ||
	    v[n] == '\r' || v[n] == '\n');
}

/*
 * Sent by a machine?  RFC 3834's Auto-Submitted (anything but "no"),
 * Precedence bulk, junk or list, the X-Autoreply family, a null sender
 * (Return-Path: <>), a delivery report (multipart/report, or mail from
 * MAILER-DAEMON).  Bounces are told apart from other auto-replies.
 */
static enum mail_auto
auto_kind(GMimeMessage *msg, const char *from)
{
	GMimeContentType	*ct;
	const char		*v;
	bool			 null_sender = false;

	ct = g_mime_object_get_content_type(g_mime_message_get_mime_part(msg) ?
	    g_mime_message_get_mime_part(msg) : GMIME_OBJECT(msg));
	if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
	    "report"))
		return MAIL_BOUNCE;
	if ((v = header(msg, "Return-Path")) != NULL) {
		while (*v == ' ' || *v == '\t')
			v++;
		null_sender = !strncmp(v, "<>", 2) || *v == '\0';
	}
	if (from == NULL || !g_ascii_strncasecmp(from, "mailer-daemon@", 14) ||
	    !g_ascii_strncasecmp(from, "postmaster@", 11))
		return null_sender || from == NULL ? MAIL_BOUNCE : MAIL_AUTO_REPLY;
	if (null_sender)
		return MAIL_AUTO_REPLY;
	if ((v = header(msg, "Auto-Submitted")) != NULL && !value_is(v, "no"))
		return MAIL_AUTO_REPLY;
	if ((v = header(msg, "Precedence")) != NULL && (value_is(v, "bulk") ||
	    value_is(v, "junk") || value_is(v, "list")))
		return MAIL_AUTO_REPLY;
	if (header(msg, "X-Autoreply") != NULL ||
	    header(msg, "X-Autorespond") != NULL ||
	    header(msg, "X-Autogenerated") != NULL)
		return MAIL_AUTO_REPLY;
	return MAIL_HUMAN;
}

/*
 * Did a receiving MTA find the sender's domain refused the mail
 * (Authentication-Results: ... dmarc=fail, RFC 8601)?  Any such header
 * counts: a forged one can only make its own mail held, never pass
 * another's.
 */
static bool
auth_failed(GMimeMessage *msg)
{
	GMimeHeaderList	*hl;
	GMimeHeader	*h;
	const char	*v, *p;
	int		 i;

	hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	for (i = 0; i < g_mime_header_list_get_count(hl); i++) {
		h = g_mime_header_list_get_header_at(hl, i);
		if (g_ascii_strcasecmp(g_mime_header_get_name(h),
		    "Authentication-Results") ||
		    (v = g_mime_header_get_value(h)) == NULL)
			continue;
		for (p = v; (p = strstr(p, "dmarc")) != NULL; ) {
			p += 5;
			p += strspn(p, " \t\r\n");
			if (*p != '=')
				continue;
			p++;
			p += strspn(p, " \t\r\n");
			if (!g_ascii_strncasecmp(p, "fail", 4) &&
			    !g_ascii_isalnum(p[4]))
				return true;
		}
	}
	return false;
}

/* Add each mailbox of list (and of its groups) to the recipients. */
static void
add_addresses(struct walk *w, InternetAddressList *list)
{
	InternetAddress	*ia;
	const char	*addr;
	int		 i;

	if (list == NULL)
		return;
	for (i = 0; i < internet_address_list_length(list); i++) {
		ia = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			add_addresses(w, internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(ia)));
			continue;
		}
		addr = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(ia));
		if (addr == NULL || *addr == '\0' || w->m->nrcpts == MAIL_RCPTS)
			continue;
		w->m->rcpts[w->m->nrcpts++] = one_line(w->a, addr);
	}
}

/* The recipients: To, Cc, and every Delivered-To and X-Original-To the
 * receiving MTA added. */
static void
recipients(struct walk *w, GMimeMessage *msg)
{
	GMimeHeaderList		*hl;
	GMimeHeader		*h;
	InternetAddressList	*l;
	int			 i;

	hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	for (i = 0; i < g_mime_header_list_get_count(hl); i++) {
		h = g_mime_header_list_get_header_at(hl, i);
		if (g_ascii_strcasecmp(g_mime_header_get_name(h),
		    "Delivered-To") && g_ascii_strcasecmp(
		    g_mime_header_get_name(h), "X-Original-To"))
			continue;
		if ((l = internet_address_list_parse(options(),
		    g_mime_header_get_value(h))) != NULL) {
			add_addresses(w, l);
			g_object_unref(l);
		}
	}
	add_addresses(w, g_mime_message_get_to(msg));
	add_addresses(w, g_mime_message_get_cc(msg));
}

/* In-Reply-To's ids, then References' from the newest back. */
static void
references(struct walk *w, GMimeMessage *msg)
{
	static const char *const names[] = { "In-Reply-To", "References" };
	GMimeReferences	*refs;
	const char	*v, *id;
	size_t		 k;
	int		 i, n;

	for (k = 0; k < 2; k++) {
		if ((v = header(msg, names[k])) == NULL ||
		    (refs = g_mime_references_parse(options(), v)) == NULL)
			continue;
		n = g_mime_references_length(refs);
		for (i = n - 1; i >= 0 && w->m->nrefs < MAIL_REFS; i--) {
			id = g_mime_references_get_message_id(refs, i);
			if (id != NULL && *id)
				w->m->refs[w->m->nrefs++] = mail_id(w->a, id);
		}
		g_mime_references_free(refs);
	}
}

/* A text longer than MAIL_TEXT_MAX bytes is cut on a character's
 * boundary (the thread keeps a message, not a book). */
static void
cut_text(struct mail_msg *m)
{
	size_t	n = strlen(m->text);
	char	*t = (char *)m->text;

	if (n <= MAIL_TEXT_MAX)
		return;
	n = MAIL_TEXT_MAX;
	while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
		n--;
	t[n] = '\0';
	m->text_cut = true;
}

/*
 * Parse the message raw[0..len) into *m (every string in the arena a).
 * At most maxfiles files are kept (files_dropped counts the others).
 * A message without a Message-ID gets one made of the SHA-256 of its
 * bytes, so the same bytes delivered twice are still one message.
 * Returns 0, or -1 when the bytes are no mail: GMime reads almost
 * anything as one, so a message without a sender's address is none.
 */
int
mail_parse(struct arena *a, const char *raw, size_t len, size_t maxfiles,
    struct mail_msg *m)
{
	GMimeStream		*stream;
	GMimeParser		*parser;
	GMimeMessage		*msg;
	InternetAddressList	*from;
	InternetAddress		*ia;
	struct walk		 w;
	unsigned char		 h[32];
	char			 hex[65];
	const char		*v;

	memset(m, 0, sizeof(*m));
	memset(&w, 0, sizeof(w));
	w.a = a;
	w.m = m;
	w.maxfiles = maxfiles < MAIL_FILES ? maxfiles : MAIL_FILES;
	g_mime_init();
	stream = g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	msg = g_mime_parser_construct_message(parser, options());
	g_object_unref(parser);
	if (msg == NULL)
		return -1;
	from = g_mime_message_get_from(msg);
	if (from != NULL && internet_address_list_length(from) > 0) {
		ia = internet_address_list_get_address(from, 0);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia) &&
		    (v = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(ia))) != NULL && *v &&
		    strlen(v) <= 254)
			m->from = one_line(a, utf8_clean(a, v, strlen(v)));
		if ((v = internet_address_get_name(ia)) != NULL)
			m->from_name = one_line(a, utf8_clean(a, v, strlen(v)));
	}
	if ((v = g_mime_message_get_subject(msg)) != NULL)
		m->subject = one_line(a, utf8_clean(a, v, strlen(v)));
	else
		m->subject = "";
	if ((v = g_mime_message_get_message_id(msg)) != NULL && *v)
		m->message_id = mail_id(a, v);
	else {
		sha256(raw, len, h);
		hex_encode(hex, h, 32);
		m->message_id = arena_printf(a, "%s@mail-in.invalid", hex);
	}
	m->autokind = auto_kind(msg, m->from);
	m->auth_failed = auth_failed(msg);
	recipients(&w, msg);
	references(&w, msg);
	if (g_mime_message_get_mime_part(msg) != NULL)
		walk(&w, g_mime_message_get_mime_part(msg), true);
	buf_add(&w.text, "", 1);
	m->text = tidy_text(a, w.text.p);
	buf_free(&w.text);
	cut_text(m);
	g_object_unref(msg);
	/* Nothing to answer or to thread without a sender. */
	return m->from == NULL ? -1 : 0;
}
