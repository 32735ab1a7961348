/*
 * Base forms of words from the language libraries Debian ships: Voikko
 * for Finnish (käden -> käsi, avaimet -> avain) and Hunspell for
 * Estonian (arvete, arvetel -> arve; toas, toad -> toa), and for Greek
 * when a Greek dictionary with affix rules is configured.
 *
 * The dictionaries are large in memory (Hunspell's Estonian one about
 * 32 MB, Voikko's transducer about 4 MB once read), more than a worker
 * may hold.  So the pool runs one analyser process beside its workers
 * (morph_spawn()), which loads them once; a worker sends it a word and
 * reads the answer on a socket pair of its own that it hands over with
 * the question (SCM_RIGHTS), so answers never cross between workers.
 * A process without an analyser (portico-admin's import and reindex,
 * the unit tests) loads the libraries itself, on first use.
 *
 * A word the library does not know gets no base form: the caller keeps
 * what it did before (Snowball stems, prefixes).  Bases are returned as
 * the library spells them; text.c folds them as it folds every word.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <glib.h>
#include <hunspell.h>
#include <libvoikko/voikko.h>

#include "portico.h"

#define MAX_TERM	64	/* bytes, as text.c's longest word */
#define MORPH_MSG	4096	/* bytes of one question or answer */
#define MORPH_WORDS	16	/* words in one question */
#define MORPH_WAIT_MS	500	/* longest wait for the analyser */
#define MORPH_PAUSE_MS	2000	/* after a missed answer, ask nobody */

/* The pool's socket pair: workers write to [0], the analyser reads [1]. */
static int	 morph_sock[2] = { -1, -1 };
/* The pool and its workers only ask: a worker never loads a dictionary. */
static bool	 morph_ask;
static int64_t	 morph_down_until;

static struct VoikkoHandle	*voikko;
static bool			 voikko_tried;

struct hun {
	const char	*lang;
	Hunhandle	*h;
	iconv_t		 to, from;	/* UTF-8 to the dictionary's, back */
	bool		 tried;
};
static struct hun	hunspell[] = {
	{ "et", NULL, (iconv_t)-1, (iconv_t)-1, false },
	{ "el", NULL, (iconv_t)-1, (iconv_t)-1, false },
};
#define NHUN	(sizeof(hunspell) / sizeof(hunspell[0]))

static const char *
hun_path(const char *lang)
{
	if (conf == NULL)
		return !strcmp(lang, "et") ? "/usr/share/hunspell/et_EE" : "";
	return !strcmp(lang, "et") ? conf->hunspell_et : conf->hunspell_el;
}

static const char *
voikko_dir(void)
{
	return conf == NULL ? "/usr/lib/voikko" : conf->voikko_path;
}

static struct VoikkoHandle *
voikko_get(void)
{
	const char	*err = NULL;

	if (!voikko_tried && *voikko_dir()) {
		voikko_tried = true;
		if ((voikko = voikkoInit(&err, "fi", voikko_dir())) == NULL)
			log_warnx("voikko: %s: %s (Finnish words get no base "
			    "forms)", voikko_dir(), err ? err : "no dictionary");
	}
	return voikko;
}

static struct hun *
hun_get(const char *lang)
{
	struct hun	*u = NULL;
	const char	*path, *enc;
	char		*aff, *dic;
	size_t		 i;

	for (i = 0; i < NHUN; i++)
		if (!strcmp(hunspell[i].lang, lang))
			u = &hunspell[i];
	if (u == NULL || u->tried)
		return u != NULL && u->h != NULL ? u : NULL;
	u->tried = true;
	if (*(path = hun_path(lang)) == '\0')
		return NULL;
	aff = g_strdup_printf("%s.aff", path);
	dic = g_strdup_printf("%s.dic", path);
	if (access(aff, R_OK) == -1 || access(dic, R_OK) == -1)
		log_warnx("hunspell: %s: %s (%s words get no base forms)",
		    dic, strerror(errno), lang);
	else if ((u->h = Hunspell_create(aff, dic)) != NULL) {
		enc = Hunspell_get_dic_encoding(u->h);
		u->to = iconv_open(enc, "UTF-8");
		u->from = iconv_open("UTF-8", enc);
		if (u->to == (iconv_t)-1 || u->from == (iconv_t)-1) {
			log_warnx("hunspell: %s: no conversion from %s", dic,
			    enc);
			Hunspell_destroy(u->h);
			u->h = NULL;
		}
	}
	g_free(aff);
	g_free(dic);
	return u->h != NULL ? u : NULL;
}

/* s converted by cd into out (size n); false when it cannot be. */
static bool
convert(iconv_t cd, const char *s, char *out, size_t n)
{
	char	*in = (char *)s, *o = out;
	size_t	 il = strlen(s), ol = n - 1;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1)
		return false;
	*o = '\0';
	return true;
}

/* Append base b of w to out, then a space; not w itself. */
static void
add_base(struct buf *out, const char *w, const char *b)
{
	if (*b == '\0' || !strcmp(w, b) || strlen(b) > MAX_TERM ||
	    strpbrk(b, " \n") != NULL)
		return;
	buf_adds(out, b);
	buf_add(out, " ", 1);
}

static void
voikko_bases(const char *w, struct buf *out)
{
	struct VoikkoHandle		 *v = voikko_get();
	struct voikko_mor_analysis	**an;
	char				 *b;
	size_t				  i;

	if (v == NULL || (an = voikkoAnalyzeWordCstr(v, w)) == NULL)
		return;
	for (i = 0; an[i] != NULL; i++)
		if ((b = voikko_mor_analysis_value_cstr(an[i], "BASEFORM")) !=
		    NULL) {
			add_base(out, w, b);
			voikko_free_mor_analysis_value_cstr(b);
		}
	voikko_free_mor_analysis(an);
}

/*
 * Hunspell's stems of w.  Two things of the Estonian dictionary are
 * undone: a compound is stemmed to its first part (salasõnu -> sala),
 * so a stem much shorter than the word is no base; and the case forms
 * of a word hang on its comitative (toas, toast -> toaga), whose base
 * is the genitive stem without -ga (toa) when that is a word too.
 */
static void
hunspell_bases(const char *lang, const char *w, struct buf *out)
{
	struct hun	*u = hun_get(lang);
	char		 in[4 * MAX_TERM + 1], s[4 * MAX_TERM + 1];
	char		**list;
	size_t		 wl = (size_t)g_utf8_strlen(w, -1), sl;
	int		 n, i;

	if (u == NULL || !convert(u->to, w, in, sizeof(in)))
		return;
	n = Hunspell_stem(u->h, &list, in);
	for (i = 0; i < n; i++) {
		if (!convert(u->from, list[i], s, sizeof(s)))
			continue;
		sl = (size_t)g_utf8_strlen(s, -1);
		if (3 * sl < 2 * wl)
			continue;
		if (!strcmp(lang, "et") && sl > 4 &&
		    !strcmp(list[i] + strlen(list[i]) - 2, "ga")) {
			list[i][strlen(list[i]) - 2] = '\0';
			if (Hunspell_spell(u->h, list[i]))
				s[strlen(s) - 2] = '\0';
		}
		add_base(out, w, s);
	}
	if (n > 0)
		Hunspell_free_list(u->h, &list, n);
}

/*
 * The answers given so far, "lang word" -> its bases: a reindex asks
 * about the same words again and again.  Bounded; emptied when full.
 */
#define CACHE_MAX	100000
static GHashTable	*cache;

/* The bases of w in lang, each followed by a space, onto out. */
static void
analyse_word(const char *lang, const char *w, struct buf *out)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*key, *hit;

	if (cache == NULL)
		cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    g_free);
	key = g_strdup_printf("%s %s", lang, w);
	if ((hit = g_hash_table_lookup(cache, key)) != NULL) {
		buf_adds(out, hit);
		g_free(key);
		return;
	}
	buf_add(&b, "", 0);
	if (!*lang || !strcmp(lang, "fi"))
		voikko_bases(w, &b);
	if (!*lang || !strcmp(lang, "et"))
		hunspell_bases("et", w, &b);
	if (!*lang || !strcmp(lang, "el"))
		hunspell_bases("el", w, &b);
	buf_add(&b, "", 1);
	if (g_hash_table_size(cache) >= CACHE_MAX)
		g_hash_table_remove_all(cache);
	g_hash_table_insert(cache, key, g_strdup(b.p));
	buf_adds(out, b.p);
	buf_free(&b);
}

/*
 * The bases of words, one a line, in lang ("" for every language), made
 * here: for each word a line of its bases, each followed by a space.
 */
static void
analyse(const char *lang, const char *words, struct buf *out)
{
	const char	*p, *nl;
	char		 w[MAX_TERM + 1];
	size_t		 n;

	for (p = words; *p; p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if ((n = (size_t)(nl - p)) <= MAX_TERM) {
			memcpy(w, p, n);
			w[n] = '\0';
			analyse_word(lang, w, out);
		}
		buf_add(out, "\n", 1);
	}
}

/* Ask the analyser about words; false when it did not answer in time. */
static bool
ask(const char *lang, const char *w, struct buf *out)
{
	static char	 q[MORPH_MSG], a[MORPH_MSG];
	char		 cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec	 iov;
	struct msghdr	 m;
	struct cmsghdr	*c;
	struct pollfd	 p;
	int		 sv[2], len;
	ssize_t		 n;

	len = snprintf(q, sizeof(q), "%s%c%s", lang, '\0', w);
	if (len < 0 || (size_t)len >= sizeof(q) || now_ms() < morph_down_until)
		return false;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return false;
	memset(&m, 0, sizeof(m));
	iov.iov_base = q;
	iov.iov_len = (size_t)len;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &sv[1], sizeof(int));
	n = sendmsg(morph_sock[0], &m, MSG_NOSIGNAL | MSG_DONTWAIT);
	close(sv[1]);
	p.fd = sv[0];
	p.events = POLLIN;
	if (n == len && poll(&p, 1, MORPH_WAIT_MS) == 1 &&
	    (n = recv(sv[0], a, sizeof(a), 0)) >= 0) {
		buf_add(out, a, (size_t)n);
		close(sv[0]);
		return true;
	}
	close(sv[0]);
	log_warnx("the word analyser did not answer: no base forms for %d "
	    "seconds", MORPH_PAUSE_MS / 1000);
	morph_down_until = now_ms() + MORPH_PAUSE_MS;
	return false;
}

/*
 * The base forms of the words w[0..n) (folded, tokens of text.c) in
 * lang (NULL: in every language that has a library), as NUL-terminated
 * strings in a: out[i] gets at most max of word i's, nout[i] how many.
 * Never a word itself.  One question to the analyser for them all.
 */
void
morph_bases(struct arena *a, const char *lang, const char *const *w,
    size_t n, const char **out, size_t max, size_t *nout)
{
	struct buf	 q = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	const char	*p, *nl, *sp;
	size_t		 i, k;

	memset(nout, 0, n * sizeof(*nout));
	if (lang == NULL)
		lang = "";
	if (n == 0 || n > MORPH_WORDS || (strcmp(lang, "") &&
	    strcmp(lang, "fi") && strcmp(lang, "et") && strcmp(lang, "el")))
		return;
	for (i = 0; i < n; i++) {
		if (strchr(w[i], '\n') != NULL)
			return;
		buf_printf(&q, "%s%s", i ? "\n" : "", w[i]);
	}
	buf_add(&b, "", 0);
	if (!morph_ask)
		analyse(lang, q.p, &b);
	else if (morph_sock[0] != -1 && morph_wanted())
		ask(lang, q.p, &b);
	buf_add(&b, "", 1);
	for (i = 0, p = b.p; i < n && (nl = strchr(p, '\n')) != NULL;
	    i++, p = nl + 1)
		for (k = 0; nout[i] < max && (sp = memchr(p + k, ' ',
		    (size_t)(nl - p) - k)) != NULL; k = (size_t)(sp - p) + 1)
			out[i * max + nout[i]++] = arena_strndup(a, p + k,
			    (size_t)(sp - p) - k);
	buf_free(&q);
	buf_free(&b);
}

/* ---- the analyser process ------------------------------------------- */

/* Does the configuration name any dictionary? */
bool
morph_wanted(void)
{
	return *voikko_dir() || *hun_path("et") || *hun_path("el");
}

/*
 * In the pool, before any worker: from now on this process and its
 * workers ask the analyser and never load a dictionary themselves; the
 * socket pair workers inherit is made here.  0 or -1 (then no base
 * forms until a reload makes it).
 */
int
morph_open(void)
{
	morph_ask = true;
	if (morph_sock[0] != -1)
		return 0;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
	    morph_sock) == -1) {
		log_warn("socketpair");
		return -1;
	}
	return 0;
}

/* Answer one question read from the pool's socket. */
static void
serve_one(void)
{
	char		 q[MORPH_MSG + 1], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec	 iov = { q, MORPH_MSG };
	struct msghdr	 m;
	struct cmsghdr	*c;
	struct buf	 out = { NULL, 0, 0 };
	ssize_t		 n;
	size_t		 ll;
	int		 fd = -1;

	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	if ((n = recvmsg(morph_sock[1], &m, MSG_CMSG_CLOEXEC)) <= 0) {
		if (n == -1 && errno != EINTR)
			log_fatal("analyser: recvmsg");
		return;
	}
	for (c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
	if (fd == -1)
		return;
	q[n] = '\0';
	ll = strlen(q);
	if (ll < (size_t)n && g_utf8_validate(q + ll + 1, -1, NULL))
		analyse(q, q + ll + 1, &out);
	if (out.len > MORPH_MSG)
		out.len = 0;
	/* EPIPE: the worker stopped waiting (while we were restarted). */
	if (send(fd, out.len ? out.p : "", out.len, MSG_NOSIGNAL) == -1 &&
	    errno != EPIPE)
		log_warn("analyser: send");
	close(fd);
	buf_free(&out);
}

/*
 * Fork the analyser: it loads every configured dictionary, then answers
 * workers until it is killed.  close_fd is the pool's listening socket,
 * which it has no use for.  Returns its pid, or -1.
 */
pid_t
morph_spawn(int close_fd)
{
	sigset_t	all;
	pid_t		pid;

	if (morph_sock[1] == -1)
		return -1;
	if ((pid = fork()) == -1) {
		log_warn("fork");
		return -1;
	}
	if (pid > 0)
		return pid;
	close(close_fd);
	prctl(PR_SET_NAME, "portico-morph", 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	morph_ask = false;		/* it analyses here, never asks */
	voikko_get();
	hun_get("et");
	hun_get("el");
	for (;;)
		serve_one();
}
