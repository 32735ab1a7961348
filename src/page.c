/*
 * Building the page document.  Text and attributes go in only through
 * libxml2's escaping calls (xmlNewTextChild, xmlNewProp), so no data can
 * become markup; the theme decides what HTML it turns into.
 *
 * Every page is <page> with the common parts (site, language, the list
 * of languages) and one element of its own, named after the page kind;
 * xslt/README.md documents the vocabulary.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "portico.h"

/*
 * What adds the active-notices banner to every page's root: the workers
 * pass it in (page_news.c's banner_xml); without it pages have none.
 */
void	(*page_banner)(xmlNodePtr, const char *);

xmlNodePtr
xml_elem(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	n = xmlNewNode(NULL, (const xmlChar *)name);

	if (n == NULL)
		log_fatalx("xmlNewNode: out of memory");
	return xmlAddChild(parent, n);
}

/* A child element holding text (escaped by construction). */
xmlNodePtr
xml_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr	n;

	n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)(text ? text : ""));
	if (n == NULL)
		log_fatalx("xmlNewTextChild: out of memory");
	return n;
}

xmlNodePtr
xml_textn(xmlNodePtr parent, const char *name, const char *text, size_t len)
{
	xmlNodePtr	n = xml_elem(parent, name);

	xmlNodeAddContentLen(n, (const xmlChar *)text, (int)len);
	return n;
}

void
xml_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (xmlNewProp(n, (const xmlChar *)name,
	    (const xmlChar *)(value ? value : "")) == NULL)
		log_fatalx("xmlNewProp: out of memory");
}

void
xml_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char	buf[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xml_attr(n, name, buf);
}

/*
 * Start r's page document and return the page's own element, <kind>.
 * A page built before (an error after a partial page) is thrown away.
 */
xmlNodePtr
page_new(struct req *r, const char *kind)
{
	xmlNodePtr		 root, n, langs;
	const struct catalog	*c;
	size_t			 i;

	if (r->cat == NULL)
		r->cat = i18n_default();
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	if ((r->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		log_fatalx("xmlNewDoc: out of memory");
	root = xmlNewNode(NULL, (const xmlChar *)"page");
	xmlDocSetRootElement(r->doc, root);
	xml_attr(root, "kind", kind);
	xml_attr(root, "lang", r->cat->code);
	xml_attr(root, "dir", r->cat->rtl ? "rtl" : "ltr");
	xml_attr(root, "path", r->path);
	xml_attr(root, "request-id", r->rid);
	xml_attr(root, "theme", conf->theme);

	n = xml_elem(root, "site");
	xml_attr(n, "name", conf->site_name);
	xml_attr(n, "url", conf->site_url);
	if (conf->development)
		xml_attr(n, "development", "yes");

	langs = xml_elem(root, "languages");
	for (i = 0; i < i18n_count(); i++) {
		c = i18n_at(i);
		n = xml_text(langs, "language", c->name);
		xml_attr(n, "code", c->code);
		xml_attr(n, "dir", c->rtl ? "rtl" : "ltr");
		if (c == r->cat)
			xml_attr(n, "current", "yes");
	}
	if (page_banner != NULL)
		page_banner(root, r->cat->code);
	if (r->user != NULL) {
		n = xml_elem(root, "user");
		xml_attr(n, "name", r->user->name);
		xml_attr(n, "email", r->user->email);
		xml_attr(n, "role", r->user->role == ROLE_ADMIN ? "admin" :
		    r->user->role == ROLE_AGENT ? "agent" : "customer");
		/* Staff belong to no account: no account pages to link. */
		if (r->user->account_id != 0)
			xml_attr(n, "account", "yes");
		/* The sign-out button's token. */
		xml_attr(n, "csrf", r->csrf);
	}
	r->content = xml_elem(root, kind);
	return r->content;
}

/*
 * Make r's page the themed error page for status: reason is a short
 * word the catalog explains (error.reason.WORD), arg what it is about
 * (a parameter name, say).  Returns status, for "return page_error()".
 */
int
page_error(struct req *r, int status, const char *reason, const char *arg)
{
	xmlNodePtr	e;

	e = page_new(r, "error");
	xml_attrf(e, "status", "%d", status);
	if (reason != NULL)
		xml_attr(e, "reason", reason);
	if (arg != NULL)
		xml_attr(e, "arg", arg);
	r->status = status;
	return status;
}

/*
 * Make doc (which this frees) r's raw body of type ctype, for feeds
 * and other XML that is not a themed page.  Returns 200, or 500 with
 * the error page.
 */
int
page_raw_xml(struct req *r, xmlDocPtr doc, const char *ctype)
{
	xmlChar	*out = NULL;
	int	 len = 0;

	xmlDocDumpMemoryEnc(doc, &out, &len, "UTF-8");
	xmlFreeDoc(doc);
	if (out == NULL)
		return page_error(r, 500, NULL, NULL);
	r->body_out = arena_strndup(r->arena, (const char *)out, (size_t)len);
	r->body_out_len = (size_t)len;
	r->ctype_out = ctype;
	xmlFree(out);
	return 200;
}
