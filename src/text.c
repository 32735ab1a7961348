/*
 * Text for search: the terms a document is indexed under, the query
 * those terms are searched with, and highlighting of the words a query
 * found.  One tokenizer serves all three, so they always agree.
 *
 * What each language gets:
 *   en, fi, el	Snowball stems (libstemmer): a word is indexed under its
 *		stem and as written; a query word matches either, as a
 *		prefix, so "lasku" finds "laskujen" and "κωδικός" finds
 *		"κωδικό" (which Snowball stems differently).
 *   fi, et	base forms from the language libraries too (morph.c:
 *		Voikko, Hunspell): a word is indexed under its base forms
 *		as well, and a query word matches its base forms as whole
 *		terms, so "avaimet" finds "avain", "käsi" finds "käteen",
 *		"arvete" finds "arved".  A word the library does not know
 *		keeps only the above (Estonian has no Snowball stemmer:
 *		words as written, and prefixes).
 *   synonyms	staff-edited sets (search.c): a query word or words that
 *		are a member match any member (text_query_synonyms()).
 *   zh		runs of Han characters become overlapping bigrams; a query
 *		of n characters must match all its bigrams, a single
 *		character matches as a prefix.
 *   fa		zero-width non-joiners and tatweel are removed inside
 *		words, Arabic yeh and kaf become the Persian ones, harakat
 *		are dropped and Persian digits become ASCII; no stemming.
 * All text is NFKC-normalised before anything else is decided, then
 * lower-cased (GLib); Greek also loses its accents, as the Greek stemmer
 * expects.  Tokens hold only letters, digits and marks.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <libstemmer.h>

#include "portico.h"

#define MAX_WORD	64	/* bytes; longer "words" are not indexed */
#define MAX_QWORDS	8	/* query words used, the rest ignored */

enum tok { TOK_WORD, TOK_HAN };

/* Stemmers, made on first use and kept for the process. */
static struct {
	const char		*lang;
	const char		*algorithm;
	struct sb_stemmer	*st;
	bool			 tried;
} stemmers[] = {
	{ "en", "english", NULL, false },
	{ "fi", "finnish", NULL, false },
	{ "el", "greek", NULL, false },
};

static struct sb_stemmer *
stemmer_for(const char *lang)
{
	size_t	i;

	for (i = 0; i < sizeof(stemmers) / sizeof(stemmers[0]); i++) {
		if (strcmp(stemmers[i].lang, lang))
			continue;
		if (!stemmers[i].tried) {
			stemmers[i].tried = true;
			stemmers[i].st = sb_stemmer_new(stemmers[i].algorithm,
			    "UTF_8");
			if (stemmers[i].st == NULL)
				log_warnx("libstemmer: no %s stemmer",
				    stemmers[i].algorithm);
		}
		return stemmers[i].st;
	}
	return NULL;
}

static bool
is_han(gunichar c)
{
	GUnicodeScript	s = g_unichar_get_script(c);

	if (!g_unichar_isalnum(c))
		return false;		/* radicals, ideographic symbols */
	return s == G_UNICODE_SCRIPT_HAN || s == G_UNICODE_SCRIPT_HIRAGANA ||
	    s == G_UNICODE_SCRIPT_KATAKANA || s == G_UNICODE_SCRIPT_BOPOMOFO;
}

/* Characters dropped inside a word: joiners, tatweel, soft hyphen. */
static bool
is_invisible(gunichar c)
{
	return c == 0x200C || c == 0x200D || c == 0x0640 || c == 0x00AD;
}

/*
 * Whether c leaves no mark of its own on the page: format characters
 * (zero-width spaces and joiners, direction marks, BOM, tags), controls,
 * separators, marks with nothing to sit on, unassigned code points, and
 * the letters that are drawn as blanks (Hangul fillers, braille blank).
 */
static bool
is_blank_char(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_FORMAT:
	case G_UNICODE_CONTROL:
	case G_UNICODE_UNASSIGNED:
	case G_UNICODE_SURROGATE:
	case G_UNICODE_PRIVATE_USE:
	case G_UNICODE_SPACE_SEPARATOR:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
	case G_UNICODE_NON_SPACING_MARK:
	case G_UNICODE_ENCLOSING_MARK:
	case G_UNICODE_SPACING_MARK:
		return true;
	default:
		break;
	}
	return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 ||
	    c == 0x2800;
}

/*
 * How many characters of the UTF-8 text s a reader can see (0 for
 * invalid UTF-8): a title of zero-width spaces or fillers counts none.
 */
size_t
text_visible_chars(const char *s)
{
	const char	*p;
	size_t		 n = 0;

	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		return 0;
	for (p = s; *p; p = g_utf8_next_char(p))
		if (!is_blank_char(g_utf8_get_char(p)))
			n++;
	return n;
}

/* Arabic-script folding for Persian; 0 means drop the character. */
static gunichar
fold_arabic(gunichar c)
{
	if (c == 0x064A || c == 0x0649)
		return 0x06CC;			/* yeh */
	if (c == 0x0643)
		return 0x06A9;			/* kaf */
	if ((c >= 0x064B && c <= 0x065F) || c == 0x0670)
		return 0;			/* harakat */
	if (c >= 0x06F0 && c <= 0x06F9)
		return '0' + (c - 0x06F0);
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	return c;
}

/*
 * Append c, one code point of a character's compatibility decomposition,
 * to w: lower-cased, Arabic script folded, and a mark after a Greek
 * letter dropped (Greek loses its accents, as the Greek stemmer expects).
 */
static void
fold_append(GString *w, gunichar c, bool *greek)
{
	c = g_unichar_tolower(c);
	if ((c = fold_arabic(c)) == 0)
		return;
	if (g_unichar_ismark(c)) {
		if (!*greek)
			g_string_append_unichar(w, c);
		return;
	}
	*greek = g_unichar_get_script(c) == G_UNICODE_SCRIPT_GREEK;
	g_string_append_unichar(w, c == 0x03C2 ? 0x03C3 : c);	/* final sigma */
}

/*
 * Split text into tokens, calling fn for each with its folded form and
 * its place in text (byte offsets of the original).  Text must be valid
 * UTF-8.
 *
 * Each character is normalised (its compatibility decomposition, the
 * first half of NFKC) before it is judged, and only then are letters,
 * digits and the marks inside a word kept: "⑴" is "(", "1", ")" and
 * gives the word "1", "ＡＢ" is "ab", "＋" is no word at all.  A token
 * is composed again (NFKC) when it ends, and whatever that made that is
 * not a letter, digit or mark is dropped, so a token never holds
 * punctuation, operators or quotes of any script.
 */
typedef void tok_fn(void *, enum tok, const char *, size_t, size_t, size_t);

struct tokenizer {
	tok_fn		*fn;
	void		*arg;
	const char	*text;
	const char	*start;		/* of the token in text, or NULL */
	enum tok	 kind;
	bool		 greek;		/* the last letter was Greek */
	GString		*w;
};

/* Is c kept in a token of this kind (after composition)? */
static bool
tok_keeps(enum tok kind, gunichar c)
{
	if (kind == TOK_HAN)
		return is_han(c) || g_unichar_ismark(c);
	return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

/* End the token being built, if any, at byte offset to of the text. */
static void
tok_end(struct tokenizer *t, const char *to)
{
	GString		*k;
	gchar		*n, *p;
	gunichar	 c;

	if (t->start == NULL)
		return;
	if (t->w->len > 0 && (n = g_utf8_normalize(t->w->str,
	    (gssize)t->w->len, G_NORMALIZE_NFKC)) != NULL) {
		k = g_string_sized_new(t->w->len);
		for (p = n; *p; p = g_utf8_next_char(p))
			if (tok_keeps(t->kind, c = g_utf8_get_char(p)))
				g_string_append_unichar(k, c);
		if (k->len > 0)
			t->fn(t->arg, t->kind, k->str, k->len,
			    (size_t)(t->start - t->text),
			    (size_t)(to - t->text));
		g_string_free(k, TRUE);
		g_free(n);
	}
	t->start = NULL;
}

/* Start a token of kind at p unless one of that kind is under way. */
static void
tok_begin(struct tokenizer *t, enum tok kind, const char *p, const char *next)
{
	if (t->start != NULL && t->kind == kind)
		return;
	tok_end(t, t->start == p ? next : p);
	g_string_truncate(t->w, 0);
	t->start = p;
	t->kind = kind;
	t->greek = false;
}

/* One code point d of the character at [p, next). */
static void
tok_point(struct tokenizer *t, gunichar d, const char *p, const char *next)
{
	bool	in_word = t->start != NULL && t->kind == TOK_WORD;

	if (in_word && is_invisible(d))
		return;
	if (t->start != NULL && g_unichar_ismark(d)) {
		/* A mark goes with its letter (か and ゙ make が). */
		if (t->kind == TOK_HAN)
			g_string_append_unichar(t->w, d);
		else
			fold_append(t->w, d, &t->greek);
	} else if (is_han(d)) {
		tok_begin(t, TOK_HAN, p, next);
		g_string_append_unichar(t->w, d);
	} else if (g_unichar_isalnum(d)) {
		tok_begin(t, TOK_WORD, p, next);
		fold_append(t->w, d, &t->greek);
	} else
		/* A token wholly inside this character ends with it. */
		tok_end(t, t->start == p ? next : p);
}

/* The words of text to fn, until *stop (when stop is not NULL) is set. */
static void
tokenize_until(const char *text, tok_fn *fn, void *arg, const bool *stop)
{
	struct tokenizer t;
	gunichar	 d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
	const char	*p, *next;
	gsize		 n, i;

	memset(&t, 0, sizeof(t));
	t.fn = fn;
	t.arg = arg;
	t.text = text;
	t.w = g_string_sized_new(64);
	for (p = text; *p && (stop == NULL || !*stop); p = next) {
		next = g_utf8_next_char(p);
		n = g_unichar_fully_decompose(g_utf8_get_char(p), TRUE, d,
		    G_UNICHAR_MAX_DECOMPOSITION_LENGTH);
		for (i = 0; i < n; i++)
			tok_point(&t, d[i], p, next);
	}
	tok_end(&t, p);
	g_string_free(t.w, TRUE);
}

static void
tokenize(const char *text, tok_fn *fn, void *arg)
{
	tokenize_until(text, fn, arg, NULL);
}

static bool
is_latin_or_greek(const char *w, GUnicodeScript want)
{
	for (; *w; w = g_utf8_next_char(w)) {
		gunichar c = g_utf8_get_char(w);

		if (g_unichar_isdigit(c))
			continue;
		if (g_unichar_get_script(c) != want)
			return false;
	}
	return true;
}

/* w's stem in lang into out, or w itself when lang has no stemmer. */
static void
stem_into(struct buf *out, const char *lang, const char *w, size_t len)
{
	struct sb_stemmer	*st = stemmer_for(lang);
	const sb_symbol		*s;
	GUnicodeScript		 script = strcmp(lang, "el") ?
	    G_UNICODE_SCRIPT_LATIN : G_UNICODE_SCRIPT_GREEK;

	/* A stemmer may cut a word to nothing (Greek "εστε"): keep it whole. */
	if (st != NULL && is_latin_or_greek(w, script) &&
	    (s = sb_stemmer_stem(st, (const sb_symbol *)w, (int)len)) != NULL &&
	    sb_stemmer_length(st) > 0) {
		buf_add(out, s, (size_t)sb_stemmer_length(st));
		return;
	}
	buf_add(out, w, len);
}

/* ---- document terms ------------------------------------------------- */

struct terms {
	const char	*lang;
	struct buf	*out;
	struct arena	*a;
};

/* s folded as one word of a query or document, or NULL if it is not. */
struct one {
	struct arena	*a;
	const char	*w;
	size_t		 n;
};

static void
one_cb(void *arg, enum tok kind, const char *w, size_t len, size_t from,
    size_t to)
{
	struct one	*o = arg;

	if (o->n++ == 0 && kind == TOK_WORD && len <= MAX_WORD)
		o->w = arena_strndup(o->a, w, len);
}

static const char *
fold_one(struct arena *a, const char *s)
{
	struct one	o = { a, NULL, 0 };

	tokenize(s, one_cb, &o);
	return o.n == 1 ? o.w : NULL;
}

/*
 * Fold the base forms got[0..n) of the folded word w the way words are
 * folded, without w and without repeats, into out; returns how many.
 */
static size_t
bases_fold(struct arena *a, const char *w, const char *const *got, size_t n,
    const char *out[QWORD_BASES])
{
	const char	*f;
	size_t		 i, j, k = 0;

	for (i = 0; i < n; i++) {
		if ((f = fold_one(a, got[i])) == NULL || !strcmp(f, w))
			continue;
		for (j = 0; j < k && strcmp(out[j], f); j++)
			;
		if (j == k && k < QWORD_BASES)
			out[k++] = f;
	}
	return k;
}

/* The base forms of the folded word w in lang (morph.c), folded. */
static size_t
word_bases(struct arena *a, const char *lang, const char *w,
    const char *out[QWORD_BASES])
{
	const char	*got[QWORD_BASES];
	size_t		 n;

	morph_bases(a, lang, &w, 1, got, QWORD_BASES, &n);
	return bases_fold(a, w, got, n, out);
}

static void
han_terms(struct buf *out, const char *w, size_t len)
{
	const char	*p = w, *q, *r;

	q = g_utf8_next_char(p);
	if ((size_t)(q - w) >= len) {		/* one character */
		buf_add(out, w, len);
		buf_add(out, " ", 1);
		return;
	}
	for (; (size_t)(q - w) < len; p = q, q = r) {
		r = g_utf8_next_char(q);
		buf_add(out, p, (size_t)(r - p));
		buf_add(out, " ", 1);
	}
}

static void
term_cb(void *arg, enum tok kind, const char *w, size_t len, size_t from,
    size_t to)
{
	struct terms	*t = arg;
	const char	*bases[QWORD_BASES];
	size_t		 at, sl, n, i;

	if (kind == TOK_HAN) {
		han_terms(t->out, w, len);
		return;
	}
	if (len > MAX_WORD)
		return;
	/* The stem, and the word as written when that differs. */
	at = t->out->len;
	stem_into(t->out, t->lang, w, len);
	sl = t->out->len - at;
	if (sl != len || memcmp(t->out->p + at, w, len)) {
		buf_add(t->out, " ", 1);
		buf_add(t->out, w, len);
	}
	/* Its base forms, when a language library knows the word. */
	n = word_bases(t->a, t->lang, arena_strndup(t->a, w, len), bases);
	for (i = 0; i < n; i++)
		if (strlen(bases[i]) != sl || memcmp(bases[i], t->out->p + at,
		    sl)) {
			buf_add(t->out, " ", 1);
			buf_adds(t->out, bases[i]);
		}
	buf_add(t->out, " ", 1);
}

/* The index terms of text, written in lang, appended to out. */
void
text_terms(const char *lang, const char *text, struct buf *out)
{
	struct terms	t = { lang, out, arena_new() };

	tokenize(text, term_cb, &t);
	buf_add(out, "", 0);
	arena_free(t.a);
}

/* ---- queries ----------------------------------------------------------- */

/* Words that only make a query narrower. */
static const char *const stopwords[] = {
	"a", "an", "and", "are", "can", "do", "does", "for", "how", "i",
	"in", "is", "it", "my", "of", "on", "or", "the", "to", "what",
	"when", "why", "with", "you", "your",
	"ja", "ei", "on", "miten", "kuinka", "mika", "mikä",	/* fi */
	"ja", "kuidas", "mis", "ei",				/* et */
	"και", "το", "τα", "η", "ο", "πως", "να",		/* el */
	"از", "به", "در", "و", "را", "که", "با", "چگونه",	/* fa */
	NULL
};

static bool
is_stopword(const char *w)
{
	size_t	i;

	for (i = 0; stopwords[i] != NULL; i++)
		if (!strcmp(stopwords[i], w))
			return true;
	return false;
}

struct qbuild {
	struct text_query	*q;
	struct arena		*a;
};

/* The stems (en, fi, el) of qw's word, in a. */
static void
qword_stems(struct arena *a, struct qword *qw)
{
	static const char	*const langs[] = { "en", "fi", "el" };
	struct buf		 s = { NULL, 0, 0 };
	size_t			 i, len = strlen(qw->word);

	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		s.len = 0;
		stem_into(&s, langs[i], qw->word, len);
		qw->stems[i] = arena_strndup(a, s.p, s.len);
	}
	buf_free(&s);
}

/*
 * The base forms of q's words in any language, asked for all at once
 * (one question to the analyser), without those a stem already gives.
 */
static void
query_bases(struct arena *a, struct text_query *q)
{
	const char	*words[MAX_QWORDS] = { NULL }, *got[MAX_QWORDS * QWORD_BASES];
	size_t		 idx[MAX_QWORDS], ngot[MAX_QWORDS], n = 0, i, j, k;
	struct qword	*qw;

	for (i = 0; i < q->nwords; i++)
		if (!q->words[i].han) {
			idx[n] = i;
			words[n++] = q->words[i].word;
		}
	morph_bases(a, NULL, words, n, got, QWORD_BASES, ngot);
	for (i = 0; i < n; i++) {
		qw = &q->words[idx[i]];
		qw->nbases = bases_fold(a, qw->word, got + i * QWORD_BASES,
		    ngot[i], qw->bases);
		for (j = k = 0; j < qw->nbases; j++) {
			if (strcmp(qw->bases[j], qw->stems[0]) &&
			    strcmp(qw->bases[j], qw->stems[1]) &&
			    strcmp(qw->bases[j], qw->stems[2]))
				qw->bases[k++] = qw->bases[j];
		}
		qw->nbases = k;
	}
}

static void
query_cb(void *arg, enum tok kind, const char *w, size_t len, size_t from,
    size_t to)
{
	struct qbuild		*b = arg;
	struct text_query	*q = b->q;
	struct qword		*qw;
	size_t			 j;

	if (q->nwords == MAX_QWORDS || len > MAX_WORD)
		return;
	qw = &q->words[q->nwords];
	memset(qw, 0, sizeof(*qw));
	qw->word = arena_strndup(b->a, w, len);
	qw->han = kind == TOK_HAN;
	qw->nchars = (size_t)g_utf8_strlen(w, (gssize)len);
	for (j = 0; !qw->han && j < q->nwords; j++)
		if (!strcmp(q->words[j].word, qw->word))
			return;				/* said twice */
	if (!qw->han)
		qword_stems(b->a, qw);
	q->nwords++;
}

/*
 * Parse a visitor's query.  Returns false when it holds nothing to
 * search for (empty, punctuation only, one Latin letter).
 */
bool
text_query_parse(struct arena *a, const char *query, struct text_query *q)
{
	struct qbuild	b = { q, a };
	size_t		i, j, content = 0;

	memset(q, 0, sizeof(*q));
	tokenize(query, query_cb, &b);
	/* Stop words go when something else is left. */
	for (i = 0; i < q->nwords; i++)
		if (q->words[i].han || !is_stopword(q->words[i].word))
			content++;
	if (content > 0 && content < q->nwords) {
		for (i = j = 0; i < q->nwords; i++)
			if (q->words[i].han || !is_stopword(q->words[i].word))
				q->words[j++] = q->words[i];
		q->nwords = j;
	}
	for (i = j = 0; i < q->nwords; i++)
		if (q->words[i].han || q->words[i].nchars >= 2 ||
		    g_unichar_isdigit(g_utf8_get_char(q->words[i].word)))
			q->words[j++] = q->words[i];
	q->nwords = j;
	query_bases(a, q);
	return q->nwords > 0;
}

/*
 * One word of a query as a Mroonga alternative, appended to b: itself
 * as a prefix, its stems (as prefixes when of three letters or more)
 * and its base forms (whole); a Han word as its bigrams (any_word: any
 * of them).
 */
static void
emit_word(struct buf *b, const struct qword *w, bool any_word)
{
	const char	*p, *r;
	size_t		 j, k;

	if (w->han && w->nchars == 1) {
		buf_printf(b, "%s*", w->word);
		return;
	}
	if (w->han) {
		for (p = w->word; *(r = g_utf8_next_char(p)) != '\0'; p = r) {
			buf_add(b, p, (size_t)(g_utf8_next_char(r) - p));
			if (*g_utf8_next_char(r) != '\0')
				buf_adds(b, any_word ? " OR " : " ");
		}
		return;
	}
	buf_printf(b, "%s*", w->word);
	for (j = 0; j < 3 && w->stems[j] != NULL; j++) {
		for (k = 0; k < j; k++)
			if (!strcmp(w->stems[k], w->stems[j]))
				break;
		if (k == j && strcmp(w->stems[j], w->word))
			buf_printf(b, " OR %s%s", w->stems[j],
			    g_utf8_strlen(w->stems[j], -1) >= 3 ? "*" : "");
	}
	for (j = 0; j < w->nbases; j++)
		buf_printf(b, " OR %s", w->bases[j]);
}

/* Words ws[0..n) as one group that needs them all, appended to b. */
static void
emit_words(struct buf *b, const struct qword *ws, size_t n)
{
	size_t	i;

	buf_adds(b, "(");
	for (i = 0; i < n; i++) {
		buf_adds(b, i == 0 ? "(" : " (");
		emit_word(b, &ws[i], false);
		buf_adds(b, ")");
	}
	buf_adds(b, ")");
}

/*
 * The words of q as one parenthesised Mroonga boolean-mode group: all
 * words must match (any_word: at least one); each word is itself or any
 * of its stems and base forms, and a word or words that are a member of
 * a synonym set are that or any other member.  Terms are letters and
 * digits only, so nothing in them is an operator.  The caller adds the
 * pragma (weights) and its filters.
 */
char *
text_query_mroonga(struct arena *a, const struct text_query *q, bool any_word)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, j, n = 0;
	char		*out;

	buf_adds(&b, "(");
	for (i = 0; i < q->nwords; i++) {
		const struct qword *w = &q->words[i];

		if (w->covered)
			continue;
		buf_adds(&b, n++ == 0 ? "(" : any_word ? " OR (" : " (");
		if (w->nalts == 0)
			emit_word(&b, w, any_word);
		else {
			emit_words(&b, w, w->span);
			for (j = 0; j < w->nalts; j++) {
				buf_adds(&b, " OR ");
				emit_words(&b, w->alts[j].words,
				    w->alts[j].nwords);
			}
		}
		buf_adds(&b, ")");
	}
	buf_add(&b, ")", 2);
	out = arena_strdup(a, b.p);
	buf_free(&b);
	return out;
}

/* A synonym set's member, written as text_query_normal() writes. */
static bool
alt_parse(struct arena *a, const char *member, struct qalt *alt)
{
	const char	*p = member, *sp;
	struct qword	*w;

	memset(alt, 0, sizeof(*alt));
	while (*p != '\0' && alt->nwords < QALT_WORDS) {
		if ((sp = strchr(p, ' ')) == NULL)
			sp = p + strlen(p);
		w = &alt->words[alt->nwords++];
		w->word = arena_strndup(a, p, (size_t)(sp - p));
		w->nchars = (size_t)g_utf8_strlen(w->word, -1);
		w->han = is_han(g_utf8_get_char(w->word));
		if (fold_one(a, w->word) == NULL && !w->han)
			return false;
		if (!w->han)
			qword_stems(a, w);
		p = *sp ? sp + 1 : sp;
	}
	return *p == '\0' && alt->nwords > 0;
}

/*
 * Apply one synonym set to q: its members (each as text_query_normal()
 * writes a query: folded words, one space apart), n of them.  When the
 * words of one member stand in q side by side, they become a group
 * that any member matches.  Returns whether the set applied.
 */
bool
text_query_synonyms(struct arena *a, struct text_query *q,
    const char *const *members, size_t n)
{
	struct qalt	*alts;
	struct qalt	 m;
	size_t		 i, j, k, na;

	for (i = 0; i < n; i++) {
		if (!alt_parse(a, members[i], &m))
			continue;
		for (j = 0; j + m.nwords <= q->nwords; j++) {
			for (k = 0; k < m.nwords; k++)
				if (q->words[j + k].covered ||
				    q->words[j + k].nalts > 0 ||
				    strcmp(q->words[j + k].word,
				    m.words[k].word))
					break;
			if (k == m.nwords)
				break;
		}
		if (j + m.nwords > q->nwords)
			continue;
		alts = arena_alloc(a, sizeof(*alts) * n);
		for (k = na = 0; k < n; k++)
			if (k != i && alt_parse(a, members[k], &alts[na]))
				na++;
		if (na == 0)
			return false;
		q->words[j].span = m.nwords;
		q->words[j].alts = alts;
		q->words[j].nalts = na;
		for (k = 1; k < m.nwords; k++)
			q->words[j + k].covered = true;
		return true;
	}
	return false;
}

/* The query as one normalised line, for the search log. */
char *
text_query_normal(struct arena *a, const struct text_query *q)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	char		*out;

	for (i = 0; i < q->nwords; i++) {
		if (i > 0)
			buf_add(&b, " ", 1);
		buf_adds(&b, q->words[i].word);
	}
	buf_add(&b, "", 1);
	out = arena_strdup(a, b.p);
	buf_free(&b);
	return out;
}

/* ---- highlighting ------------------------------------------------------- */

struct hit {
	size_t	from, to;
};

struct hl {
	const struct text_query	*q;
	const char		*lang;
	const char		*text;
	struct hit		 hits[64];
	size_t			 nhits;
	size_t			 max;		/* the window's size, 0: all */
	bool			 done;		/* past the window */
};

static void
add_hit(struct hl *h, size_t from, size_t to)
{
	if (h->nhits < sizeof(h->hits) / sizeof(h->hits[0])) {
		h->hits[h->nhits].from = from;
		h->hits[h->nhits].to = to;
		h->nhits++;
	}
}

/* Is the word w one of qw's base forms, or begins it a synonym's word? */
static bool
hl_other(const struct qword *qw, const char *w, size_t len)
{
	size_t	i, j, l;

	for (i = 0; i < qw->nbases; i++)
		if (strlen(qw->bases[i]) == len && !memcmp(qw->bases[i], w, len))
			return true;
	for (i = 0; i < qw->nalts; i++)
		for (j = 0; j < qw->alts[i].nwords; j++) {
			l = strlen(qw->alts[i].words[j].word);
			if (!qw->alts[i].words[j].han && len >= l &&
			    !memcmp(w, qw->alts[i].words[j].word, l))
				return true;
		}
	return false;
}

static void
hl_cb(void *arg, enum tok kind, const char *w, size_t len, size_t from,
    size_t to)
{
	struct hl	*h = arg;
	struct buf	 s = { NULL, 0, 0 };
	size_t		 i, j;
	bool		 stemmed = false;

	/* A window shows no word further than max bytes after its first match:
	 * the rest of a long text is not read. */
	if (h->max > 0 && h->nhits > 0 && from > h->hits[0].from + h->max + 32)
		h->done = true;
	if (h->done)
		return;
	for (i = 0; i < h->q->nwords; i++) {
		const struct qword *qw = &h->q->words[i];

		if (qw->han != (kind == TOK_HAN))
			continue;
		if (qw->han) {
			/* The query's characters, inside this run. */
			const char *run = h->text + from, *m;
			size_t ql = strlen(qw->word);

			for (m = run; m + ql <= h->text + to; ) {
				if (!memcmp(m, qw->word, ql)) {
					add_hit(h, (size_t)(m - h->text),
					    (size_t)(m - h->text) + ql);
					m += ql;
				} else
					m = g_utf8_next_char(m);
			}
			continue;
		}
		if (len >= strlen(qw->word) &&
		    !strncmp(w, qw->word, strlen(qw->word))) {
			add_hit(h, from, to);
			break;
		}
		if (!stemmed) {
			stem_into(&s, h->lang, w, len);
			stemmed = true;
		}
		for (j = 0; j < 3; j++)
			if (s.len == strlen(qw->stems[j]) &&
			    !memcmp(s.p, qw->stems[j], s.len))
				break;
		if (j < 3 || hl_other(qw, w, len)) {
			add_hit(h, from, to);
			break;
		}
	}
	buf_free(&s);
}

/* Back to a character boundary at or before off. */
static size_t
char_start(const char *t, size_t off)
{
	while (off > 0 && ((unsigned char)t[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/*
 * Append to parent an element name holding text (or, with max > 0, a
 * window of about max bytes around the first match) with every word q
 * matched wrapped in <hl>.  Text is valid UTF-8 (it came from MariaDB).
 */
void
text_highlight(xmlNodePtr parent, const char *name, const char *text,
    const char *lang, const struct text_query *q, size_t max)
{
	struct hl	 h;
	xmlNodePtr	 n = xml_elem(parent, name);
	size_t		 len = strlen(text), from = 0, to = len, at, i;

	memset(&h, 0, sizeof(h));
	h.q = q;
	h.lang = lang;
	h.text = text;
	h.max = max;
	if (q != NULL)
		tokenize_until(text, hl_cb, &h, &h.done);
	if (max > 0 && len > max) {
		if (h.nhits > 0 && h.hits[0].from > max / 4)
			from = char_start(text, h.hits[0].from - max / 4);
		/* Start at a word boundary when one is near. */
		for (i = from; from > 0 && i < from + 20 && i < len; i++)
			if (text[i] == ' ') {
				from = i + 1;
				break;
			}
		to = from + max < len ? char_start(text, from + max) : len;
		if (from > 0)
			xmlNodeAddContent(n, (const xmlChar *)"… ");
	}
	at = from;
	for (i = 0; i < h.nhits; i++) {
		if (h.hits[i].from < at || h.hits[i].to > to)
			continue;
		xmlNodeAddContentLen(n, (const xmlChar *)text + at,
		    (int)(h.hits[i].from - at));
		xml_textn(n, "hl", text + h.hits[i].from,
		    h.hits[i].to - h.hits[i].from);
		at = h.hits[i].to;
	}
	xmlNodeAddContentLen(n, (const xmlChar *)text + at, (int)(to - at));
	if (to < len)
		xmlNodeAddContent(n, (const xmlChar *)" …");
}
