/* Unit tests: Markdown into the page document, safely. */
#include "config.h"

#include "portico.h"
#include "tap.h"

/* The XML markdown_to_xml() makes of md, as a string (caller frees). */
static char *
md(const char *src)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 root = xmlNewNode(NULL, (const xmlChar *)"body");
	xmlBufferPtr	 b = xmlBufferCreate();
	char		*out;

	xmlDocSetRootElement(doc, root);
	markdown_to_xml(root, src);
	xmlNodeDump(b, doc, root, 0, 0);
	out = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return out;
}

#define HAS(s, t)	(strstr((s), (t)) != NULL)

/*
 * A worker keeps what texts rendered to: a text rendered again (the
 * memo) gives the same XML, also after the request that rendered it
 * first gave its memory back (poisoned, as in development mode), after
 * hundreds of other texts pushed it out, and past the memo's text size.
 */
static void
memo_tests(void)
{
	char		*first, *o, text[64], *big;
	xmlDocPtr	 doc;
	size_t		 i;
	bool		 same = true;

	ok(xmlmem_init(true) == 0, "the request allocator (poisoning)");
	xmlmem_begin();
	first = md("A *reply* with [a link](https://example.com/x) and "
	    "`code`.\n\n> quoted\n");
	doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlmem_doc_free(doc);
	xmlmem_end();
	xmlmem_begin();
	o = md("A *reply* with [a link](https://example.com/x) and "
	    "`code`.\n\n> quoted\n");
	xmlmem_end();
	ok(!strcmp(first, o), "a text rendered again, in the next request, "
	    "is the same XML: %s", o);
	ok(HAS(o, "<a href=\"https://example.com/x\">a link</a>") &&
	    HAS(o, "<blockquote>"), "... and the right XML");
	free(o);
	for (i = 0; i < 600; i++) {
		snprintf(text, sizeof(text), "Text **%zu** of many\n", i);
		xmlmem_begin();
		o = md(text);
		xmlmem_end();
		snprintf(text, sizeof(text), "<strong>%zu</strong>", i);
		same &= HAS(o, text);
		free(o);
	}
	ok(same, "600 texts, more than the memo keeps, each its own XML");
	xmlmem_begin();
	o = md("A *reply* with [a link](https://example.com/x) and "
	    "`code`.\n\n> quoted\n");
	xmlmem_end();
	ok(!strcmp(first, o), "a text pushed out renders the same again");
	free(o);
	free(first);
	big = xcalloc(20001, 1);
	memset(big, 'w', 20000);
	memcpy(big, "*big*", 5);
	for (i = 0; i < 2; i++) {
		xmlmem_begin();
		o = md(big);
		xmlmem_end();
		ok(HAS(o, "<em>big</em>") && strlen(o) > 20000,
		    "a text past the memo's size renders (%zu)", i);
		free(o);
	}
	free(big);
}

int
main(void)
{
	char	*o, deep[400];
	size_t	 i;

	o = md("# Title\n\nSome *em* and **strong** and `code`.\n\n"
	    "- one\n- two\n\n3. three\n4. four\n");
	ok(HAS(o, "<h level=\"1\">Title</h>"), "a heading with its level");
	ok(HAS(o, "<em>em</em>") && HAS(o, "<strong>strong</strong>") &&
	    HAS(o, "<code>code</code>"), "inline emphasis and code");
	ok(HAS(o, "<ul><li>one</li><li>two</li></ul>"), "a tight list: %s", o);
	ok(HAS(o, "<ol start=\"3\">"), "an ordered list keeps its start");
	free(o);
	o = md("- loose\n\n- list\n");
	ok(HAS(o, "<li><p>loose</p></li>"), "a loose list keeps paragraphs");
	free(o);
	o = md("```sh\nrm -rf <dir>\n```\n");
	ok(HAS(o, "<pre lang=\"sh\">rm -rf &lt;dir&gt;\n</pre>"),
	    "a fenced code block, escaped, with its language");
	free(o);
	o = md("<script>alert(1)</script>\n\nHello <b onclick=\"x()\">bold</b> "
	    "<img src=x onerror=alert(1)>\n");
	ok(!HAS(o, "script") && !HAS(o, "onclick") && !HAS(o, "onerror"),
	    "raw HTML, block and inline, is dropped: %s", o);
	ok(HAS(o, "Hello ") && HAS(o, "bold"), "the words around it stay");
	free(o);
	o = md("[click](javascript:alert(1)) [ok](https://example.org/a?b=1) "
	    "[rel](/p/about) [mail](mailto:a@b.example) [data](data:text/html,x) "
	    "[JS](JaVaScRiPt:alert(1)) [proto](//evil.example/)\n");
	ok(!HAS(o, "javascript") && !HAS(o, "JaVaScRiPt") && !HAS(o, "data:"),
	    "javascript: and data: links lose their address: %s", o);
	ok(HAS(o, "click") && HAS(o, "JS"), "... but keep their words");
	ok(HAS(o, "<a href=\"https://example.org/a?b=1\">ok</a>") &&
	    HAS(o, "<a href=\"/p/about\">rel</a>") &&
	    HAS(o, "<a href=\"mailto:a@b.example\">mail</a>"),
	    "http(s), relative and mailto links stay");
	ok(!HAS(o, "//evil.example"), "a scheme-relative link to another host goes");
	free(o);
	o = md("![a *cat*](https://example.org/cat.png \"Cat\") "
	    "![x](javascript:alert(1)) ![m](mailto:a@b.example)\n");
	ok(HAS(o, "src=\"https://example.org/cat.png\"") &&
	    HAS(o, "alt=\"a cat\"") && HAS(o, "title=\"Cat\""),
	    "an image with its alt text and title");
	ok(!HAS(o, "javascript") && !HAS(o, "mailto"), "images only from http(s) or relative");
	free(o);
	for (i = 0; i < 300; i++)
		deep[i] = '>';
	strcpy(deep + 300, " deep\n");
	o = md(deep);
	ok(HAS(o, "deep") && strlen(o) < 2000, "deep nesting is flattened");
	free(o);
	o = md("فارسی **پررنگ** و 中文 \xff\xfe\n");
	ok(HAS(o, "<strong>پررنگ</strong>") && HAS(o, "中文"),
	    "Persian and Chinese text");
	ok(!HAS(o, "\xff"), "invalid UTF-8 does not reach the document");
	free(o);
	ok(url_allowed("page#x", true) && !url_allowed("", true) &&
	    url_allowed("/a:b", true) && !url_allowed("vbscript:x", true),
	    "the URL check on edge cases");
	memo_tests();
	return tap_done();
}
