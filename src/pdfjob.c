/*
 * An invoice's PDF made by portico-pdf (src/pdfmain.c), a program of
 * its own started for each PDF: the worker writes the invoice to its
 * standard input and reads the PDF from its standard output.  Pango,
 * cairo, fontconfig and the fonts then never load into a worker:
 * linking them costs a process some 5 MiB resident before it draws
 * anything, and laying out Noto Sans CJK 30 MiB more (measured in
 * make bench: the largest worker at 48 MiB after PDFs in the worker,
 * 19 MiB with this), against the 15 MiB budget of a worker.  The price is a fork, an exec and the fonts' loading per PDF.
 *
 * The invoice travels as a list of texts, each its length in decimal,
 * a newline and its bytes, in the order pdfjob_put() writes them; the
 * counts of the lists are texts too.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "portico.h"

#define PDF_SECONDS	20	/* the longest portico-pdf may take */

static void
put(struct buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	buf_printf(b, "%zu\n", strlen(s));
	buf_adds(b, s);
}

static void
put_n(struct buf *b, size_t n)
{
	char	s[32];

	snprintf(s, sizeof(s), "%zu", n);
	put(b, s);
}

/* inv as portico-pdf reads it, onto b. */
void
pdfjob_put(const struct pdf_invoice *inv, struct buf *b)
{
	size_t	i, c;

	put(b, inv->rtl ? "rtl" : "ltr");
	put(b, inv->provider);
	put(b, inv->provider_address);
	put(b, inv->logo);
	put(b, inv->title);
	put_n(b, inv->nmeta);
	for (i = 0; i < inv->nmeta; i++)
		put(b, inv->meta[i]);
	put(b, inv->bill_to_label);
	put(b, inv->bill_to);
	for (c = 0; c < PDF_COLS; c++)
		put(b, inv->head[c]);
	put_n(b, inv->nlines);
	for (i = 0; i < inv->nlines; i++)
		for (c = 0; c < PDF_COLS; c++)
			put(b, inv->lines[i].cell[c]);
	put_n(b, inv->ntotals);
	for (i = 0; i < inv->ntotals; i++)
		put(b, inv->totals[i]);
	put(b, inv->footer);
}

/* The next text of *p (before end) into a's memory; NULL when short. */
static const char *
get(struct arena *a, const char **p, const char *end)
{
	char		*nl;
	size_t		 len;

	if ((nl = memchr(*p, '\n', (size_t)(end - *p))) == NULL)
		return NULL;
	len = strtoul(*p, NULL, 10);
	if (len > (size_t)(end - nl - 1))
		return NULL;
	*p = nl + 1 + len;
	return arena_strndup(a, nl + 1, len);
}

static bool
get_n(struct arena *a, const char **p, const char *end, size_t max,
    size_t *n)
{
	const char	*s = get(a, p, end);

	if (s == NULL)
		return false;
	*n = strtoul(s, NULL, 10);
	return *n <= max;
}

/*
 * The invoice pdfjob_put() wrote, from the len bytes at s, into *inv
 * in a's memory.  Returns 0, or -1 for bytes that are not one.
 */
int
pdfjob_get(struct arena *a, const char *s, size_t len,
    struct pdf_invoice *inv)
{
	const char	 *p = s, *end = s + len, *rtl, **meta, **tot;
	struct pdf_line	 *lines;
	size_t		  i, c;

	memset(inv, 0, sizeof(*inv));
	if ((rtl = get(a, &p, end)) == NULL)
		return -1;
	inv->rtl = !strcmp(rtl, "rtl");
	if ((inv->provider = get(a, &p, end)) == NULL ||
	    (inv->provider_address = get(a, &p, end)) == NULL ||
	    (inv->logo = get(a, &p, end)) == NULL ||
	    (inv->title = get(a, &p, end)) == NULL ||
	    !get_n(a, &p, end, 64, &inv->nmeta))
		return -1;
	meta = arena_alloc(a, (inv->nmeta + 1) * sizeof(*meta));
	for (i = 0; i < inv->nmeta; i++)
		if ((meta[i] = get(a, &p, end)) == NULL)
			return -1;
	inv->meta = meta;
	if ((inv->bill_to_label = get(a, &p, end)) == NULL ||
	    (inv->bill_to = get(a, &p, end)) == NULL)
		return -1;
	for (c = 0; c < PDF_COLS; c++)
		if ((inv->head[c] = get(a, &p, end)) == NULL)
			return -1;
	if (!get_n(a, &p, end, 100000, &inv->nlines))
		return -1;
	lines = arena_alloc(a, (inv->nlines + 1) * sizeof(*lines));
	for (i = 0; i < inv->nlines; i++)
		for (c = 0; c < PDF_COLS; c++)
			if ((lines[i].cell[c] = get(a, &p, end)) == NULL)
				return -1;
	inv->lines = lines;
	if (!get_n(a, &p, end, 64, &inv->ntotals))
		return -1;
	tot = arena_alloc(a, (inv->ntotals + 1) * sizeof(*tot));
	for (i = 0; i < inv->ntotals; i++)
		if ((tot[i] = get(a, &p, end)) == NULL)
			return -1;
	inv->totals = tot;
	if ((inv->footer = get(a, &p, end)) == NULL)
		return -1;
	return p == end ? 0 : -1;
}

/* All len bytes at p to fd; 0 or -1. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* portico-pdf beside the running program (both are installed in one
 * folder, and quickstart builds both in the source tree). */
static int
pdfjob_path(char *path, size_t size)
{
	ssize_t	 n;
	char	*slash;

	if ((n = readlink("/proc/self/exe", path, size - 1)) <= 0)
		return -1;
	path[n] = '\0';
	if ((slash = strrchr(path, '/')) == NULL ||
	    (size_t)(slash - path) + sizeof("/portico-pdf") > size)
		return -1;
	strcpy(slash, "/portico-pdf");
	return 0;
}

/* The child: stdin and stdout the pipes, then portico-pdf. */
static void
pdfjob_exec(const char *path, int in, int out)
{
	char	*argv[] = { (char *)"portico-pdf", NULL };

	if (dup2(in, 0) == -1 || dup2(out, 1) == -1)
		_exit(127);
	if (in != 0)
		close(in);
	if (out != 1)
		close(out);
	signal(SIGPIPE, SIG_DFL);
	alarm(PDF_SECONDS);
	execv(path, argv);
	_exit(127);
}

/*
 * inv as a PDF made by portico-pdf, appended to out.  Returns 0, or -1
 * (logged) when the program cannot be started or fails.
 */
int
pdf_invoice_apart(const struct pdf_invoice *inv, struct buf *out)
{
	struct buf	 job = { NULL, 0, 0 };
	char		 path[PATH_MAX], chunk[16384];
	ssize_t		 n = 0;
	pid_t		 pid;
	int		 to[2], from[2], status = 0, rc = -1;

	if (pdfjob_path(path, sizeof(path)) == -1) {
		log_warnx("pdf: where is portico-pdf?");
		return -1;
	}
	if (pipe(to) == -1) {
		log_warn("pdf: pipe");
		return -1;
	}
	if (pipe(from) == -1) {
		log_warn("pdf: pipe");
		close(to[0]);
		close(to[1]);
		return -1;
	}
	if ((pid = fork()) == -1) {
		log_warn("pdf: fork");
		goto out;
	}
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		pdfjob_exec(path, to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	to[0] = from[1] = -1;
	/* portico-pdf reads all of the invoice before it writes. */
	pdfjob_put(inv, &job);
	if (write_all(to[1], job.p, job.len) == -1)
		log_warn("pdf: writing to portico-pdf");
	close(to[1]);
	to[1] = -1;
	for (;;) {
		if ((n = read(from[0], chunk, sizeof(chunk))) > 0)
			buf_add(out, chunk, (size_t)n);
		else if (n == 0 || errno != EINTR)
			break;
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (n == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else
		log_warnx("pdf: portico-pdf failed (%s %d)", WIFEXITED(status) ?
		    "exit status" : "signal", WIFEXITED(status) ?
		    WEXITSTATUS(status) : WTERMSIG(status));
out:
	buf_free(&job);
	if (to[0] != -1)
		close(to[0]);
	if (to[1] != -1)
		close(to[1]);
	if (from[0] != -1)
		close(from[0]);
	if (from[1] != -1)
		close(from[1]);
	return rc;
}
