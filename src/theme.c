/*
 * Themes: THEMES_DIR/NAME/theme.xsl, parsed once (at start and on
 * reload) and applied to every page document.  A theme may import
 * another (the example theme imports the default and overrides two
 * templates).
 *
 * libxslt is open by default: a stylesheet could read any file and write
 * files through exsl:document.  The security preferences installed here
 * forbid writing files, creating folders and any network access, and
 * allow reading only below THEMES_DIR; the entity loader refuses anything
 * else too, so no DTD or external entity is ever fetched.
 *
 * Templates reach the message catalogs through p:t('key', args...), in
 * the namespace urn:portico: the string for the request's language with
 * {1}, {2}... replaced by the arguments; p:tn('key', count, args...)
 * for a message that shows a count (its plural form, i18n.c),
 * p:n(number) for a number in the language's digits, p:digits(s) for a
 * day, time or decimal as the data holds it in those digits, and
 * p:size(bytes) for a file's size with the language's unit.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libexslt/exslt.h>

#include "portico.h"

#define PORTICO_NS	"urn:portico"

static xsltStylesheetPtr	 style;
static xsltStylesheetPtr	 mail_style;
static xsltSecurityPrefsPtr	 sec;
static char			 root_real[PATH_MAX];
static xmlExternalEntityLoader	 default_loader;
static struct buf		 errbuf;

static void	collect_error(void *, const char *, ...) PRINTFLIKE(2, 3);

/* libxslt and libxml2 report errors through this: keep the text. */
static void
collect_error(void *ctx, const char *fmt, ...)
{
	va_list	ap;
	char	line[1024];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (errbuf.len < 4096)
		buf_adds(&errbuf, line);
}

/* Is path (a file name or file: URL) inside the themes folder? */
static bool
inside_root(const char *path)
{
	char	 real[PATH_MAX];
	size_t	 n = strlen(root_real);

	if (!strncmp(path, "file://", 7))
		path += 7;
	if (strstr(path, "://") != NULL)
		return false;
	if (realpath(path, real) == NULL)
		return false;
	return !strncmp(real, root_real, n) && real[n] == '/';
}

static int
check_read(xsltSecurityPrefsPtr p, xsltTransformContextPtr c,
    const char *value)
{
	if (inside_root(value))
		return 1;
	log_warnx("theme: refused to read %s", value);
	return 0;
}

static xmlParserInputPtr
entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (url != NULL && inside_root(url))
		return default_loader(url, id, ctxt);
	log_warnx("xml: refused to load %s", url ? url : id ? id : "?");
	return NULL;
}

/* The request's catalog, from the transform's context (NULL: default). */
static const struct catalog *
ctxt_cat(xmlXPathParserContextPtr ctxt)
{
	xsltTransformContextPtr	 tc = xsltXPathGetTransformContext(ctxt);
	const struct req	*r = tc ? tc->_private : NULL;

	return r ? r->cat : NULL;
}

/* Push the text of b as the function's value, and free b. */
static void
push_formatted(xmlXPathParserContextPtr ctxt, struct buf *b)
{
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)(b->p ? b->p :
	    "")));
	buf_free(b);
}

/*
 * Push s (NULL: nothing) with {1}..{9} replaced by args[0..nargs-1] as
 * the function's value, and free the args.
 */
static void
push_filled(xmlXPathParserContextPtr ctxt, const char *s, xmlChar **args,
    int nargs)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 i;

	/* Most messages have no {N}: the string as it is. */
	if (s == NULL || strchr(s, '{') == NULL)
		valuePush(ctxt, xmlXPathNewString((const xmlChar *)(s ? s : "")));
	else {
		i18n_fill(s, (const char *const *)args, nargs, &b);
		push_formatted(ctxt, &b);
	}
	for (i = 0; i < nargs; i++)
		xmlFree(args[i]);
}

/* A number as the request's language writes it, in a new xmlChar *. */
static xmlChar *
number_str(xmlXPathParserContextPtr ctxt, double n)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlChar		*s;

	i18n_number(ctxt_cat(ctxt), n, &b);
	s = xmlStrdup((const xmlChar *)(b.p ? b.p : ""));
	buf_free(&b);
	return s;
}

/*
 * p:t(key, arg...): the catalog string in the request's language with
 * {1}, {2}... replaced by the arguments.  A key no catalog has gives
 * nothing (i18n_get() logs it), never the key itself.
 */
static void
fn_t(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar	*args[9] = { NULL }, *key;
	int	 i;

	if (nargs < 1 || nargs > 10) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	for (i = nargs - 1; i >= 1; i--)
		args[i - 1] = xmlXPathPopString(ctxt);
	key = xmlXPathPopString(ctxt);
	push_filled(ctxt, i18n_get(ctxt_cat(ctxt), (const char *)key), args,
	    nargs - 1);
	xmlFree(key);
}

/*
 * p:tn(key, n, arg...): the form of the message that the count n takes
 * by the language's plural rule, {1} being n in the language's digits
 * and {2}, {3}... the further arguments.
 */
static void
fn_tn(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar	*args[9] = { NULL }, *key;
	double	 n;
	int	 i;

	if (nargs < 2 || nargs > 10) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	for (i = nargs - 1; i >= 2; i--)
		args[i - 1] = xmlXPathPopString(ctxt);
	n = xmlXPathPopNumber(ctxt);
	key = xmlXPathPopString(ctxt);
	args[0] = number_str(ctxt, n);
	push_filled(ctxt, i18n_plural(ctxt_cat(ctxt), (const char *)key, n),
	    args, nargs - 1);
	xmlFree(key);
}

/* p:n(n): the number n in the request's language's digits. */
static void
fn_n(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct buf	b = { NULL, 0, 0 };

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	i18n_number(ctxt_cat(ctxt), xmlXPathPopNumber(ctxt), &b);
	push_formatted(ctxt, &b);
}

/*
 * p:digits(s): a day, a time or a decimal as the data holds it
 * (2026-01-15, 1.5) in the request's language's digits and decimal
 * separator (i18n_digits()).
 */
static void
fn_digits(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlChar		*s;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	s = xmlXPathPopString(ctxt);
	i18n_digits(ctxt_cat(ctxt), s ? (const char *)s : "", &b);
	xmlFree(s);
	push_formatted(ctxt, &b);
}

/* p:size(n): n bytes as the request's language writes a size
 * (i18n_size(): "1.5 MB", "۱٫۵ مگابایت"). */
static void
fn_size(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct buf	b = { NULL, 0, 0 };

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	i18n_size(ctxt_cat(ctxt), xmlXPathPopNumber(ctxt), &b);
	push_formatted(ctxt, &b);
}

/*
 * Set up libxslt for this process: security preferences rooted at dir,
 * the safe entity loader, EXSLT and the p: functions.  0 or -1.
 */
int
theme_init(const char *dir, char *err, size_t errlen)
{
	if (realpath(dir, root_real) == NULL) {
		snprintf(err, errlen, "%s: themes folder not found", dir);
		return -1;
	}
	xmlInitParser();
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	if (default_loader == NULL)
		default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(entity_loader);
	exsltRegisterAll();
	if (sec == NULL) {
		if ((sec = xsltNewSecurityPrefs()) == NULL ||
		    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE,
		    xsltSecurityForbid) ||
		    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
		    xsltSecurityForbid) ||
		    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
		    xsltSecurityForbid) ||
		    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
		    xsltSecurityForbid) ||
		    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE,
		    check_read)) {
			snprintf(err, errlen, "xslt: cannot set security "
			    "preferences");
			return -1;
		}
		xsltSetDefaultSecurityPrefs(sec);
	}
	xsltRegisterExtModuleFunction((const xmlChar *)"t",
	    (const xmlChar *)PORTICO_NS, fn_t);
	xsltRegisterExtModuleFunction((const xmlChar *)"tn",
	    (const xmlChar *)PORTICO_NS, fn_tn);
	xsltRegisterExtModuleFunction((const xmlChar *)"n",
	    (const xmlChar *)PORTICO_NS, fn_n);
	xsltRegisterExtModuleFunction((const xmlChar *)"digits",
	    (const xmlChar *)PORTICO_NS, fn_digits);
	xsltRegisterExtModuleFunction((const xmlChar *)"size",
	    (const xmlChar *)PORTICO_NS, fn_size);
	xsltSetGenericErrorFunc(NULL, collect_error);
	xmlSetGenericErrorFunc(NULL, collect_error);
	return 0;
}

static bool
theme_name_ok(const char *name)
{
	const char	*p;

	if (*name == '\0' || strlen(name) > 64)
		return false;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_'))
			return false;
	return true;
}

/* Parse one stylesheet; NULL with libxslt's messages in err. */
static xsltStylesheetPtr
parse(const char *path, char *err, size_t errlen)
{
	xsltStylesheetPtr	s;

	buf_free(&errbuf);
	s = xsltParseStylesheetFile((const xmlChar *)path);
	if (s == NULL || s->errors > 0) {
		snprintf(err, errlen, "%s: %s", path,
		    errbuf.p ? errbuf.p : "cannot parse the stylesheet");
		if (s != NULL)
			xsltFreeStylesheet(s);
		s = NULL;
	}
	buf_free(&errbuf);
	return s;
}

/*
 * Parse dir/name/theme.xsl (pages) and dir/name/mail.xsl (mail) and make
 * them the active theme.  On error the
 * active theme is kept and -1 returned with libxslt's messages in err.
 */
int
theme_load(const char *dir, const char *name, char *err, size_t errlen)
{
	xsltStylesheetPtr	 s, m;
	char			 path[PATH_MAX];

	if (!theme_name_ok(name)) {
		snprintf(err, errlen, "theme name \"%s\": use a-z, 0-9, - "
		    "and _", name);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s/theme.xsl", dir, name);
	if ((s = parse(path, err, errlen)) == NULL)
		return -1;
	/* A theme without mail templates of its own uses the default's. */
	snprintf(path, sizeof(path), "%s/%s/mail.xsl", dir, name);
	if (access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "%s/default/mail.xsl", dir);
	m = NULL;
	if (access(path, R_OK) == 0 && (m = parse(path, err, errlen)) == NULL) {
		xsltFreeStylesheet(s);
		return -1;
	}
	theme_release();
	style = s;
	mail_style = m;
	return 0;
}

void
theme_release(void)
{
	if (style != NULL)
		xsltFreeStylesheet(style);
	if (mail_style != NULL)
		xsltFreeStylesheet(mail_style);
	style = mail_style = NULL;
}

/*
 * Transform doc with the active theme for r.  On success *out is a
 * malloc'ed body (free with free()), *ctype its media type; returns 0.
 * Returns -1 on a transform error (logged).
 */
static int
theme_render_doc(xsltStylesheetPtr sheet, xmlDocPtr doc, struct req *r,
    char **out, size_t *len, const char **ctype)
{
	xsltTransformContextPtr	 tc;
	xmlDocPtr		 res = NULL;
	xmlChar			*s = NULL;
	int			 n = 0, rc = -1;

	*out = NULL;
	*len = 0;
	if (sheet == NULL)
		return -1;
	if ((tc = xsltNewTransformContext(sheet, doc)) == NULL)
		return -1;
	tc->_private = r;
	xsltSetCtxtSecurityPrefs(sec, tc);
	buf_free(&errbuf);
	res = xsltApplyStylesheetUser(sheet, doc, NULL, NULL, NULL, tc);
	if (res == NULL || tc->state != XSLT_STATE_OK) {
		log_warnx("theme: transform failed: %s",
		    errbuf.p ? errbuf.p : "?");
		goto out;
	}
	if (sheet->method == NULL ||
	    xmlStrEqual(sheet->method, (const xmlChar *)"html")) {
		/* HTML5, by our own serializer (html.c). */
		struct buf b = { NULL, 0, 0 };

		b.cap = 16384;
		b.p = xmalloc(b.cap);
		html_serialize(res, &b);
		*out = b.p;
		*len = b.len;
		*ctype = "text/html; charset=utf-8";
	} else {
		/* Mail text, feeds and other XML: libxslt's serializer. */
		if (xsltSaveResultToString(&s, &n, res, sheet) != 0)
			goto out;
		*out = xmalloc((size_t)n + 1);
		memcpy(*out, s ? (const char *)s : "", (size_t)n);
		(*out)[n] = '\0';
		*len = (size_t)n;
		xmlFree(s);
		*ctype = xmlStrEqual(sheet->method, (const xmlChar *)"text") ?
		    "text/plain; charset=utf-8" :
		    "application/xml; charset=utf-8";
	}
	rc = 0;
out:
	buf_free(&errbuf);
	xmlmem_doc_free(res);
	xsltFreeTransformContext(tc);
	return rc;
}

int
theme_render(struct req *r, char **out, size_t *len, const char **ctype)
{
	return theme_render_doc(style, r->doc, r, out, len, ctype);
}

/*
 * A mail's text (subject line, blank line, body) from the theme's
 * mail.xsl in language cat; *out is malloc'ed.  0 or -1.
 */
int
theme_render_mail(xmlDocPtr doc, const struct catalog *cat, char **out,
    size_t *len)
{
	struct req	 fake;
	const char	*ctype;

	if (mail_style == NULL) {
		log_warnx("theme: no mail.xsl, in the theme or the default");
		return -1;
	}
	memset(&fake, 0, sizeof(fake));
	fake.cat = cat;
	return theme_render_doc(mail_style, doc, &fake, out, len, &ctype);
}
