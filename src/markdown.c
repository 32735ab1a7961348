/*
 * Markdown into the page document, through libcmark (CommonMark).
 *
 * cmark parses; this file walks its tree and builds page XML with the
 * escaping calls only, so nothing in a body can become markup: raw HTML
 * (blocks and inline) is dropped, and a link or image whose address is
 * not http(s), mailto (links only) or relative keeps its text but loses
 * the address.  Nesting deeper than MAX_DEPTH is flattened (the theme's
 * recursion stays bounded).  The vocabulary, documented in xslt/README.md:
 *
 *   p  h@level  ul  ol@start  li  blockquote  pre@lang  hr
 *   em  strong  code  a@href@title  img@src@alt@title  br
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "portico.h"

#define MAX_DEPTH	32

/* May this address appear in a page?  Links also take mailto:. */
bool
url_allowed(const char *u, bool link)
{
	const char	*colon = strchr(u, ':');
	const char	*stop = strpbrk(u, "/?#");

	/* No scheme (a colon only after a path, query or fragment starts). */
	if (colon == NULL || (stop != NULL && stop < colon))
		return *u != '\0' && strncmp(u, "//", 2) != 0;
	if (!strncasecmp(u, "https:", 6) || !strncasecmp(u, "http:", 5))
		return true;
	return link && !strncasecmp(u, "mailto:", 7);
}

static void	walk(xmlNodePtr, cmark_node *, int);

static void
children(xmlNodePtr x, cmark_node *n, int depth)
{
	cmark_node	*c;

	for (c = cmark_node_first_child(n); c != NULL; c = cmark_node_next(c))
		walk(x, c, depth + 1);
}

/* An element for n, or the parent itself past the depth limit. */
static xmlNodePtr
elem(xmlNodePtr parent, const char *name, int depth)
{
	return depth > MAX_DEPTH ? parent : xml_elem(parent, name);
}

static void
text(xmlNodePtr parent, const char *s)
{
	xmlNodeAddContent(parent, (const xmlChar *)(s ? s : ""));
}

/* The alt text of an image: its inline content, as plain text. */
static void
image_alt(xmlNodePtr img, cmark_node *n)
{
	xmlNodePtr	 tmp = xmlNewNode(NULL, (const xmlChar *)"alt");
	xmlChar		*alt;

	children(tmp, n, MAX_DEPTH);
	alt = xmlNodeGetContent(tmp);
	xml_attr(img, "alt", alt ? (const char *)alt : "");
	xmlFree(alt);
	xmlFreeNode(tmp);
}

static void
walk(xmlNodePtr x, cmark_node *n, int depth)
{
	const char	*url, *info;
	xmlNodePtr	 e;
	char		 num[16];

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		/* In a tight list an item's paragraph is just its text. */
		if (cmark_node_parent(n) != NULL &&
		    cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_ITEM &&
		    cmark_node_get_list_tight(cmark_node_parent(
		    cmark_node_parent(n))))
			children(x, n, depth);
		else
			children(elem(x, "p", depth), n, depth);
		break;
	case CMARK_NODE_HEADING:
		e = elem(x, "h", depth);
		if (e != x) {
			snprintf(num, sizeof(num), "%d",
			    cmark_node_get_heading_level(n));
			xml_attr(e, "level", num);
		}
		children(e, n, depth);
		break;
	case CMARK_NODE_LIST:
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
			e = elem(x, "ol", depth);
			if (e != x && cmark_node_get_list_start(n) != 1) {
				snprintf(num, sizeof(num), "%d",
				    cmark_node_get_list_start(n));
				xml_attr(e, "start", num);
			}
		} else
			e = elem(x, "ul", depth);
		children(e, n, depth);
		break;
	case CMARK_NODE_ITEM:
		children(elem(x, "li", depth), n, depth);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		children(elem(x, "blockquote", depth), n, depth);
		break;
	case CMARK_NODE_CODE_BLOCK:
		e = xml_text(x, "pre", cmark_node_get_literal(n));
		info = cmark_node_get_fence_info(n);
		if (info != NULL && *info != '\0' && strlen(info) < 40)
			xml_attr(e, "lang", info);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		xml_elem(x, "hr");
		break;
	case CMARK_NODE_TEXT:
		text(x, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		text(x, "\n");
		break;
	case CMARK_NODE_LINEBREAK:
		xml_elem(x, "br");
		break;
	case CMARK_NODE_CODE:
		xml_text(x, "code", cmark_node_get_literal(n));
		break;
	case CMARK_NODE_EMPH:
		children(elem(x, "em", depth), n, depth);
		break;
	case CMARK_NODE_STRONG:
		children(elem(x, "strong", depth), n, depth);
		break;
	case CMARK_NODE_LINK:
		url = cmark_node_get_url(n);
		if (url == NULL || !url_allowed(url, true)) {
			children(x, n, depth);	/* the words stay */
			break;
		}
		e = elem(x, "a", depth);
		if (e != x) {
			xml_attr(e, "href", url);
			if (cmark_node_get_title(n) && *cmark_node_get_title(n))
				xml_attr(e, "title", cmark_node_get_title(n));
		}
		children(e, n, depth);
		break;
	case CMARK_NODE_IMAGE:
		url = cmark_node_get_url(n);
		if (url == NULL || !url_allowed(url, false)) {
			children(x, n, depth);
			break;
		}
		e = xml_elem(x, "img");
		xml_attr(e, "src", url);
		if (cmark_node_get_title(n) && *cmark_node_get_title(n))
			xml_attr(e, "title", cmark_node_get_title(n));
		image_alt(e, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
	default:
		/* Raw HTML is never passed through. */
		break;
	}
}

/* Parse Markdown md (n bytes) and append its content to parent. */
static void
render(xmlNodePtr parent, const char *md, size_t n)
{
	cmark_node	*doc;

	doc = cmark_parse_document(md, n,
	    CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART);
	if (doc == NULL)
		log_fatalx("cmark: out of memory");
	children(parent, doc, 0);
	cmark_node_free(doc);
}

/*
 * A worker's memo of rendered Markdown.  What a text renders to depends
 * on the text alone, and the same texts come back (a ticket's messages,
 * a topic's replies, read again and again): each worker keeps what the
 * last MEMO_N texts of at most MEMO_TEXT bytes rendered to, MEMO_BYTES
 * of text in all, in a document of its own, and copies it into the page
 * (a copy costs a fifth of parsing and walking).  A hit compares the
 * whole text, so a changed text is a new entry; the least recently used
 * entry goes.
 */
#define MEMO_N		256
#define MEMO_TEXT	(8 * 1024)
#define MEMO_BYTES	(512 * 1024)

struct memo {
	uint64_t	 hash;
	size_t		 len;
	char		*text;
	xmlNodePtr	 frag;
	uint64_t	 used;
};

static struct memo	 memo[MEMO_N];
static xmlDocPtr	 memo_doc;
static size_t		 memo_bytes;
static uint64_t		 memo_clock;

static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t	h = 14695981039346656037ull;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static void
memo_drop(struct memo *m)
{
	if (m->frag != NULL) {
		xmlUnlinkNode(m->frag);
		xmlFreeNode(m->frag);
	}
	free(m->text);
	memo_bytes -= m->len;
	memset(m, 0, sizeof(*m));
}

/* The least recently used entry; with empty, an empty one first. */
static struct memo *
memo_oldest(bool empty)
{
	struct memo	*old = NULL;
	size_t		 i;

	for (i = 0; i < MEMO_N; i++) {
		if (memo[i].text == NULL) {
			if (empty)
				return &memo[i];
			continue;
		}
		if (old == NULL || memo[i].used < old->used)
			old = &memo[i];
	}
	return old;
}

/* The entry of md (n bytes), rendered now if need be; NULL: not kept. */
static const struct memo *
memo_get(const char *md, size_t n)
{
	struct memo	*m;
	uint64_t	 h = fnv1a(md, n);
	bool		 was;
	size_t		 i;

	for (i = 0; i < MEMO_N; i++) {
		m = &memo[i];
		if (m->text != NULL && m->hash == h && m->len == n &&
		    !memcmp(m->text, md, n)) {
			m->used = ++memo_clock;
			return m;
		}
	}
	was = xmlmem_pause();
	while (memo_bytes + n > MEMO_BYTES && (m = memo_oldest(false)) != NULL)
		memo_drop(m);
	if ((m = memo_oldest(true))->text != NULL)
		memo_drop(m);
	if ((m->text = malloc(n + 1)) == NULL) {
		xmlmem_resume(was);
		return NULL;
	}
	memcpy(m->text, md, n);
	m->text[n] = '\0';
	if (memo_doc == NULL &&
	    (memo_doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		log_fatalx("xmlNewDoc: out of memory");
	if ((m->frag = xmlNewDocNode(memo_doc, NULL, (const xmlChar *)"md",
	    NULL)) == NULL)
		log_fatalx("xmlNewDocNode: out of memory");
	render(m->frag, md, n);
	xmlmem_resume(was);
	m->hash = h;
	m->len = n;
	m->used = ++memo_clock;
	memo_bytes += n;
	return m;
}

/*
 * Parse Markdown md and append its content to parent.  Invalid UTF-8 is
 * replaced (the text reaching the document is always UTF-8).
 */
void
markdown_to_xml(xmlNodePtr parent, const char *md)
{
	const struct memo	*m;
	xmlNodePtr		 copy;
	size_t			 n = strlen(md);

	if (n > MEMO_TEXT || (m = memo_get(md, n)) == NULL) {
		render(parent, md, n);
		return;
	}
	if (m->frag->children == NULL)
		return;
	if ((copy = xmlDocCopyNodeList(parent->doc, m->frag->children)) ==
	    NULL)
		log_fatalx("xmlDocCopyNodeList: out of memory");
	xmlAddChildList(parent, copy);
}

/*
 * The words of Markdown md as plain text (for the search index and its
 * snippets): text, code and link words, blocks separated by newlines,
 * raw HTML dropped as on the page.
 */
void
markdown_plain(const char *md, struct buf *out)
{
	cmark_node		*doc, *n;
	cmark_iter		*it;
	cmark_event_type	 ev;
	const char		*s;

	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
	if (doc == NULL || (it = cmark_iter_new(doc)) == NULL)
		log_fatalx("cmark: out of memory");
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if ((s = cmark_node_get_literal(n)) != NULL)
				buf_adds(out, s);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_add(out, " ", 1);
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT && out->len > 0 &&
			    out->p[out->len - 1] != '\n')
				buf_add(out, "\n", 1);
			break;
		default:
			break;
		}
	}
	buf_add(out, "", 0);
	cmark_iter_free(it);
	cmark_node_free(doc);
}
