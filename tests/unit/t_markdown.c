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
	return tap_done();
}
