/*
 * portico-pdf: one invoice in (src/pdfjob.c's form, on standard input),
 * its PDF out (on standard output), laid out by src/pdf.c.  A worker
 * starts it for each PDF, so Pango, cairo and the fonts stay out of the
 * workers (see pdfjob.c).  Exits 0, or 1 with a message on standard
 * error (the worker's log).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "portico.h"

#define PDF_INPUT_MAX	(32 * 1024 * 1024)

int
main(void)
{
	struct arena		*a = arena_new();
	struct buf		 in = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct pdf_invoice	 inv;
	char			 chunk[16384];
	ssize_t			 n;
	size_t			 off;

	log_init("portico-pdf");
	for (;;) {
		if ((n = read(0, chunk, sizeof(chunk))) > 0) {
			buf_add(&in, chunk, (size_t)n);
			if (in.len > PDF_INPUT_MAX)
				log_fatalx("the invoice is too large");
		} else if (n == 0)
			break;
		else if (errno != EINTR)
			log_fatal("read");
	}
	if (pdfjob_get(a, in.p ? in.p : "", in.len, &inv) == -1)
		log_fatalx("the invoice is not in pdfjob.c's form");
	if (pdf_invoice(&inv, &out) == -1)
		log_fatalx("cairo could not make the PDF");
	for (off = 0; off < out.len; off += (size_t)n)
		if ((n = write(1, out.p + off, out.len - off)) == -1) {
			if (errno == EINTR) {
				n = 0;
				continue;
			}
			log_fatal("write");
		}
	return 0;
}
