/* Unit tests: search terms, queries and highlighting (text.c), the
 * version diff (diff.c) and Markdown as plain text. */
#include "config.h"

#include <string.h>

#include "portico.h"
#include "tap.h"

#define HAS(s, t)	(strstr((s), (t)) != NULL)

static char *
terms(const char *lang, const char *text)
{
	struct buf	b = { NULL, 0, 0 };

	text_terms(lang, text, &b);
	return b.p;
}

static char *
dump(xmlNodePtr n)
{
	xmlBufferPtr	 b = xmlBufferCreate();
	char		*out;

	xmlNodeDump(b, n->doc, n, 0, 0);
	out = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return out;
}

int
main(void)
{
	struct arena		*a = arena_new();
	struct text_query	 q;
	struct buf		 b = { NULL, 0, 0 };
	xmlDocPtr		 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr		 root = xmlNewNode(NULL, (const xmlChar *)"r");
	char			*t, *m;

	xmlDocSetRootElement(doc, root);

	t = terms("fi", "Laskujen maksaminen");
	ok(HAS(t, "lasku ") && HAS(t, "laskujen "), "Finnish: stem and word: %s", t);
	free(t);
	t = terms("el", "Ο ΚΩΔΙΚΌΣ πρόσβασης");
	ok(HAS(t, "κωδικ ") && HAS(t, "κωδικοσ ") && !HAS(t, "ό"),
	    "Greek: lower-cased, accents and final sigma folded: %s", t);
	free(t);
	t = terms("zh", "下载发票");
	ok(!strcmp(t, "下载 载发 发票 "), "Chinese: overlapping bigrams: %s", t);
	free(t);
	t = terms("zh", "用 DNS 记录");
	ok(HAS(t, "用 ") && HAS(t, "dns ") && HAS(t, "记录 "),
	    "a lone Han character, and Latin words in Chinese text: %s", t);
	free(t);
	t = terms("fa", "صورتحساب‌ها را ببينيد");
	ok(HAS(t, "صورتحسابها ") && HAS(t, "ببینید"),
	    "Persian: joiners removed, Arabic yeh folded: %s", t);
	free(t);
	t = terms("et", "Arvete tasumine");
	ok(!strcmp(t, "arvete tasumine "), "Estonian: words as written: %s", t);
	free(t);

	ok(!text_query_parse(a, "", &q), "an empty query is nothing");
	ok(!text_query_parse(a, "  !!  ", &q), "punctuation is nothing");
	ok(!text_query_parse(a, "x", &q), "one letter is nothing");
	ok(text_query_parse(a, "7", &q), "one digit is something");
	ok(text_query_parse(a, "how to pay the invoice", &q) && q.nwords == 2,
	    "stop words go when other words remain (%zu)", q.nwords);
	ok(text_query_parse(a, "the", &q) && q.nwords == 1,
	    "a query of stop words keeps them");
	text_query_parse(a, "laskut maksu", &q);
	m = text_query_mroonga(a, &q, false);
	ok(!strcmp(m, "((laskut* OR lasku*) (maksu*))"),
	    "words and stems as prefixes, all required: %s", m);
	m = text_query_mroonga(a, &q, true);
	ok(HAS(m, ") OR ("), "any word: %s", m);
	text_query_parse(a, "重置密码", &q);
	m = text_query_mroonga(a, &q, false);
	ok(HAS(m, "(重置 置密 密码)"), "Chinese query: all its bigrams: %s", m);
	text_query_parse(a, "密", &q);
	ok(HAS(text_query_mroonga(a, &q, false), "(密*)"),
	    "one Han character is a prefix");
	text_query_parse(a, "alpha) OR (beta* -gamma \"delta\"", &q);
	m = text_query_mroonga(a, &q, false);
	ok(!HAS(m, "\"") && !HAS(m, "-gamma") && !HAS(m, "alpha)"),
	    "operators in a query are only text: %s", m);
	ok(!strcmp(text_query_normal(a, &q), "alpha beta gamma delta"),
	    "the normalised query: %s", text_query_normal(a, &q));

	text_query_parse(a, "password", &q);
	text_highlight(root, "s", "Reset your <b>passwords</b> here", "en", &q, 0);
	m = dump(root->last);
	ok(HAS(m, "<hl>passwords</hl>") && HAS(m, "&lt;b&gt;"),
	    "highlighting marks a word and escapes the rest: %s", m);
	free(m);
	text_query_parse(a, "发票", &q);
	text_highlight(root, "s", "如何下载发票？", "zh", &q, 0);
	m = dump(root->last);
	ok(HAS(m, "下载<hl>发票</hl>？"), "Chinese highlight inside a run: %s", m);
	free(m);
	text_query_parse(a, "needle", &q);
	memset(&b, 0, sizeof(b));
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "hay ");
	buf_adds(&b, "needle");
	for (int i = 0; i < 100; i++)
		buf_adds(&b, " hay");
	text_highlight(root, "s", b.p, "en", &q, 120);
	m = dump(root->last);
	ok(HAS(m, "<hl>needle</hl>") && strlen(m) < 200 && HAS(m, "…"),
	    "a snippet is a window around the match: %s", m);
	free(m);
	buf_free(&b);

	diff_xml(root, "one\ntwo\nthree", "one\n2\nthree\nfour");
	m = dump(root);
	ok(HAS(m, "<line op=\"same\">one</line><line op=\"del\">two</line>"
	    "<line op=\"ins\">2</line><line op=\"same\">three</line>"
	    "<line op=\"ins\">four</line>"), "a line diff");
	free(m);

	memset(&b, 0, sizeof(b));
	markdown_plain("# Title\n\nSome *text* <b>raw</b> and [a link](http://x/).\n\n- item\n", &b);
	ok(HAS(b.p, "Title\n") && HAS(b.p, "Some text") && HAS(b.p, "a link") &&
	    !HAS(b.p, "<b>") && HAS(b.p, "item"), "Markdown as plain text: %s", b.p);
	buf_free(&b);

	xmlFreeDoc(doc);
	arena_free(a);
	return tap_done();
}
