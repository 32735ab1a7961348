/*
 * HTML5 serialization of a theme's result tree.
 *
 * libxml2's HTML serializer follows HTML 4: it adds its own
 * http-equiv charset <meta>, looks every element up in a table by
 * case-insensitive comparison and URI-escapes links, which was a third of
 * the time of a page.  A theme's result is a tree libxslt built, never
 * text from outside, so serializing it is a walk: elements with their
 * attributes, void elements without an end tag, text and attribute values
 * escaped.  Escaping is unconditional, inside <script> and <style> too (a
 * theme puts no data there, and the content security policy forbids
 * inline code anyway).  Comments and processing instructions are dropped.
 */
#include "config.h"

#include <string.h>

#include "portico.h"

static const char *const voids[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "source", "track", "wbr", NULL
};

static bool
is_void(const xmlChar *name)
{
	size_t	i;

	for (i = 0; voids[i] != NULL; i++)
		if (!strcmp((const char *)name, voids[i]))
			return true;
	return false;
}

/* Append s escaped: & < > always, " in attribute values. */
static void
escape(struct buf *b, const xmlChar *s, bool attr)
{
	const xmlChar	*p, *run = s;
	const char	*rep;

	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		default:
			rep = NULL;
			break;
		}
		if (rep == NULL)
			continue;
		buf_add(b, run, (size_t)(p - run));
		buf_adds(b, rep);
		run = p + 1;
	}
	buf_add(b, run, (size_t)(p - run));
}

static void
qname(struct buf *b, const xmlNs *ns, const xmlChar *name)
{
	if (ns != NULL && ns->prefix != NULL) {
		buf_adds(b, (const char *)ns->prefix);
		buf_add(b, ":", 1);
	}
	buf_adds(b, (const char *)name);
}

static void
node(struct buf *b, const xmlNode *n)
{
	const xmlAttr	*a;
	const xmlNs	*ns;
	const xmlNode	*c;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				escape(b, n->content, false);
			break;
		case XML_ELEMENT_NODE:
			buf_add(b, "<", 1);
			qname(b, n->ns, n->name);
			for (ns = n->nsDef; ns != NULL; ns = ns->next) {
				buf_adds(b, ns->prefix ? " xmlns:" : " xmlns");
				if (ns->prefix)
					buf_adds(b, (const char *)ns->prefix);
				buf_add(b, "=\"", 2);
				escape(b, ns->href, true);
				buf_add(b, "\"", 1);
			}
			for (a = n->properties; a != NULL; a = a->next) {
				buf_add(b, " ", 1);
				qname(b, a->ns, a->name);
				buf_add(b, "=\"", 2);
				for (c = a->children; c != NULL; c = c->next)
					if (c->content != NULL)
						escape(b, c->content, true);
				buf_add(b, "\"", 1);
			}
			buf_add(b, ">", 1);
			if (n->ns == NULL && is_void(n->name))
				break;
			node(b, n->children);
			buf_add(b, "</", 2);
			qname(b, n->ns, n->name);
			buf_add(b, ">", 1);
			break;
		default:
			break;
		}
	}
}

/* Append the HTML5 document for result tree doc to b. */
void
html_serialize(xmlDocPtr doc, struct buf *b)
{
	buf_adds(b, "<!DOCTYPE html>\n");
	node(b, doc->children);
	buf_add(b, "\n", 1);
}
