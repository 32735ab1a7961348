/* Unit tests: search terms, queries and highlighting (text.c), the
 * version diff (diff.c) and Markdown as plain text. */
#include "config.h"

#include <string.h>

#include "portico.h"
#include "tap.h"
#include "../fuzz/query_check.h"

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
	ok(HAS(t, "arvete arve ") && HAS(t, "tasumine"),
	    "Estonian: the word and its Hunspell base form: %s", t);
	free(t);

	/* Base forms from the language libraries (morph.c). */
	t = terms("fi", "Avaimet ja yhteyden katkeaminen käteen");
	ok(HAS(t, " avain ") && HAS(t, " yhteys ") && HAS(t, " käsi ") &&
	    HAS(t, "avaimet "), "Finnish: Voikko's base forms beside the "
	    "words (avaimet avain, yhteyden yhteys, käteen käsi): %s", t);
	free(t);
	t = terms("et", "toas arvetel paroolid");
	ok(HAS(t, "toas toa ") && HAS(t, "arvetel arve ") &&
	    HAS(t, "paroolid parooli "), "Estonian: case forms on the "
	    "genitive stem find it (toas toa, arvetel arve): %s", t);
	free(t);
	t = terms("et", "salasõnu");
	ok(!strcmp(t, "salasõnu "), "Estonian: a compound cut to its first "
	    "part is no base form: %s", t);
	free(t);
	t = terms("fi", "zxqvw");
	ok(!strcmp(t, "zxqvw "), "a word no library knows keeps what it had: "
	    "%s", t);
	free(t);
	t = terms("en", "keys");
	ok(!strcmp(t, "key keys "), "English: Snowball only: %s", t);
	free(t);
	ok(text_query_parse(a, "avaimen", &q) && q.words[0].nbases == 1 &&
	    !strcmp(q.words[0].bases[0], "avain"),
	    "a query word gets its base form: %s",
	    q.words[0].nbases ? q.words[0].bases[0] : "none");
	m = text_query_mroonga(a, &q, false);
	ok(HAS(m, " OR avain)") && query_check(m),
	    "the base form is one more whole term: %s", m);
	text_query_parse(a, "arvete käden", &q);
	m = text_query_mroonga(a, &q, false);
	ok(HAS(m, " OR arve)") && HAS(m, " OR käsi)") && query_check(m),
	    "two words, each with its base form: %s", m);

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

	/* Compatibility forms are normalised before letters are picked. */
	text_query_parse(a, "\u2474 \uFF0B\uFF46\uFF4F\uFF4F "
	    "\uFF0D\uFF42\uFF41\uFF52 \uFF08\uFF58\uFF59\uFF09 "
	    "\uFF02\uFF51\uFF55\uFF4F\uFF54\uFF45\uFF02 \uFF41\uFF42\uFF0A "
	    "\u2488\u2475", &q);
	m = text_query_normal(a, &q);
	ok(!strcmp(m, "1 foo bar xy quote ab 2"), "fullwidth and parenthesised "
	    "forms are their letters and digits: %s", m);
	m = text_query_mroonga(a, &q, false);
	ok(query_check(m) && !HAS(m, "(1)") && !HAS(m, "\"") && !HAS(m, "+"),
	    "\u2474, \uFF0B, \uFF0D, \uFF08\uFF09, \uFF02, \uFF0A are no "
	    "syntax: %s", m);
	m = text_query_mroonga(a, &q, true);
	ok(query_check(m), "nor when any word will do: %s", m);
	ok(text_query_parse(a, "\U0001D40E\U0001D411 \u1D3C\u1D3F", &q),
	    "letters that are capitals only after normalising");
	m = text_query_mroonga(a, &q, true);
	ok(query_check(m) && !strcmp(m, "((or*))"),
	    "never make the operator OR: %s", m);
	text_query_parse(a, "\u03B5\u03C3\u03C4\u03B5", &q);
	m = text_query_mroonga(a, &q, false);
	ok(query_check(m), "a word its stemmer cuts to nothing is no empty "
	    "term: %s", m);
	t = terms("en", "\u2474\uFF21\uFF22\uFF23 \uFB01le \u2474\u2475");
	ok(!strcmp(t, "1 abc file 1 2 "), "document terms are normalised the "
	    "same way: %s", t);
	free(t);
	t = terms("el", "\u03BA\u03C9\u03B4\u03B9\u03BA\u03BF\u0301\u03C2");
	m = terms("el", "\u03BA\u03C9\u03B4\u03B9\u03BA\u03CC\u03C2");
	ok(!strcmp(t, m), "a decomposed Greek accent folds as a composed one: "
	    "%s / %s", t, m);
	free(t);
	free(m);
	t = terms("zh", "\u304B\u3099\u304D \u2E80\u5BC6");
	ok(!strcmp(t, "\u304C\u304D \u5BC6 "), "a kana and its voicing mark "
	    "compose, a radical is no word: %s", t);
	free(t);

	/* Synonyms: a member's words side by side in the query. */
	{
		const char *set[] = { "گذرواژه", "رمز عبور", "کلمه عبور" };
		const char *set2[] = { "salasana", "tunnussana" };

		text_query_parse(a, "رمز عبور جدید", &q);
		ok(text_query_synonyms(a, &q, set, 3) && q.words[0].span == 2 &&
		    q.words[1].covered && q.words[0].nalts == 2,
		    "a two-word member found in the query");
		m = text_query_mroonga(a, &q, false);
		ok(HAS(m, "(((رمز*) (عبور*)) OR ((گذرواژه*)) OR ((کلمه*) "
		    "(عبور*))) (جدید*)") && query_check(m),
		    "any member, and the other words still: %s", m);
		m = text_query_mroonga(a, &q, true);
		ok(query_check(m), "any word, with synonyms: %s", m);
		text_query_parse(a, "رمز جدید عبور", &q);
		ok(!text_query_synonyms(a, &q, set, 3),
		    "a member's words apart are not the member");
		text_query_parse(a, "tunnussanan", &q);
		ok(!text_query_synonyms(a, &q, set2, 2),
		    "a set applies to its members as written");
		text_query_parse(a, "tunnussana", &q);
		ok(text_query_synonyms(a, &q, set2, 2), "a one-word member");
		m = text_query_mroonga(a, &q, false);
		ok(HAS(m, "((salasana*") && query_check(m),
		    "the other member with its stems: %s", m);
		text_highlight(root, "s", "Vaihda salasanasi", "fi", &q, 0);
		m = dump(root->last);
		ok(HAS(m, "<hl>salasanasi</hl>"), "a synonym is highlighted: %s",
		    m);
		free(m);
	}

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
	/* The text after the window is not read, the matches inside it are
	 * all marked, and a window at the very end still ends there. */
	text_query_parse(a, "needle", &q);
	memset(&b, 0, sizeof(b));
	buf_adds(&b, "needle hay needles");
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, " hay");
	buf_adds(&b, " needle");
	text_highlight(root, "s", b.p, "en", &q, 120);
	m = dump(root->last);
	ok(HAS(m, "<s><hl>needle</hl> hay <hl>needles</hl> hay") &&
	    strlen(m) < 200 && HAS(m, "…"),
	    "every match in a window is marked: %s", m);
	free(m);
	text_highlight(root, "s", b.p + 20, "en", &q, 120);
	m = dump(root->last);
	ok(HAS(m, "hay <hl>needle</hl></s>") && strlen(m) < 200,
	    "a window around a last match: %s", m);
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
