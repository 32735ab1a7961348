/*
 * Unit tests: the parts of the billing pages that need no database.
 * CSV cells (RFC 4180 quoting, formula injection neutralised, plain
 * numbers kept), quantities and tax rates as decimals, and invoice PDFs
 * (pdf.c): a PDF with the fonts embedded, the provider's PNG logo drawn
 * when it is configured and loads, none (and no failure) when it does
 * not, many lines over several pages.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "portico.h"
#include "tap.h"

/* The CSV cell of in is want; what says which case, on one line. */
static void
cell(const char *in, const char *want, const char *what)
{
	struct buf	b = { NULL, 0, 0 };

	csv_cell(&b, '\0', in);
	buf_add(&b, "", 1);
	ok(!strcmp(b.p, want), "CSV: %s", what);
	buf_free(&b);
}

static size_t
count(const struct buf *b, const char *needle)
{
	size_t	n = 0, len = strlen(needle), i;

	for (i = 0; i + len <= b->len; i++)
		if (!memcmp(b->p + i, needle, len))
			n++;
	return n;
}

static int
invoice(const char *logo, size_t nlines, bool rtl, struct buf *out)
{
	static const char *const meta[] = { "Issued", "2026-01-01", "Due",
	    "2026-01-15" };
	static const char *const tot[] = { "Total", "€803.20" };
	struct pdf_invoice	 p;
	struct pdf_line		 lines[120];
	size_t			 i;

	memset(&p, 0, sizeof(p));
	p.rtl = rtl;
	p.provider = "Northwind Hosting Oy";
	p.provider_address = "Esimerkkikatu 1";
	p.logo = logo;
	p.title = "Invoice T-1";
	p.meta = meta;
	p.nmeta = 4;
	p.bill_to_label = "Bill to";
	p.bill_to = "شرکت پارسیان\n上海市浦东新区";
	p.head[0] = "Description";
	p.head[1] = "Qty";
	p.head[2] = "Unit";
	p.head[3] = "Tax";
	p.head[4] = "Net";
	for (i = 0; i < nlines; i++) {
		lines[i].cell[0] = i % 2 ? "میزبانی وب" : "云服务器";
		lines[i].cell[1] = "1";
		lines[i].cell[2] = "€1.00";
		lines[i].cell[3] = "25.5 %";
		lines[i].cell[4] = "€1.00";
	}
	p.lines = lines;
	p.nlines = nlines;
	p.totals = tot;
	p.ntotals = 2;
	p.footer = "Thank you.";
	return pdf_invoice(&p, out);
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct req	 r;
	struct buf	 b = { NULL, 0, 0 };
	char		 png[] = "/tmp/t_billing_logoXXXXXX";
	cairo_surface_t	*s;
	cairo_t		*cr;
	int		 fd;

	cell("plain", "\"plain\"",
	    "a plain cell is quoted");
	cell("say \"hi\"", "\"say \"\"hi\"\"\"",
	    "quotes inside are doubled");
	cell("a,b\r\nc", "\"a,b\r\nc\"",
	    "a comma and a line break stay inside the quotes");
	cell("=1+2", "\"'=1+2\"",
	    "= is neutralised");
	cell("+1", "\"'+1\"",
	    "+ is neutralised");
	cell("-1+2", "\"'-1+2\"",
	    "- before a formula is neutralised");
	cell("@SUM(A1)", "\"'@SUM(A1)\"",
	    "@ is neutralised");
	cell("\t=1", "\"'\t=1\"",
	    "a leading tab is neutralised");
	cell("\r=1", "\"'\r=1\"",
	    "a leading carriage return is neutralised");
	cell("-12.50", "\"-12.50\"",
	    "a negative amount stays a number");
	cell("-12", "\"-12\"",
	    "a negative integer stays a number");
	cell("12.", "\"12.\"",
	    "a number-like text that starts with a digit is left as it is");
	cell("-", "\"'-\"",
	    "a lone minus is neutralised");
	cell("-.5", "\"'-.5\"",
	    "-.5 (no digit before the point) is neutralised");
	cell("", "\"\"",
	    "an empty cell is two quotes");

	memset(&r, 0, sizeof(r));
	r.arena = a;
	ok(!strcmp(billing_quantity(&r, "1500"), "1.5"), "1500 thousandths are 1.5");
	ok(!strcmp(billing_quantity(&r, "2000"), "2"), "2000 thousandths are 2");
	ok(!strcmp(billing_quantity(&r, "125"), "0.125"), "125 thousandths are 0.125");
	ok(!strcmp(billing_rate(&r, "2550"), "25.5"), "2550 basis points are 25.5 %%");
	ok(!strcmp(billing_rate(&r, "2400"), "24"), "2400 basis points are 24 %%");
	ok(!strcmp(billing_rate(&r, "1005"), "10.05"), "1005 basis points are 10.05 %%");

	ok(invoice(NULL, 3, false, &b) == 0 && b.len > 1000 &&
	    !memcmp(b.p, "%PDF-", 5), "an invoice is a PDF (%zu bytes)", b.len);
	ok(count(&b, "/FontFile") >= 2, "its fonts are embedded");
	ok(count(&b, "/Subtype /Image") == 0, "no logo configured: no image");
	ok(count(&b, "/Type /Page\n") + count(&b, "/Type /Page ") == 1,
	    "three lines fit one page");
	buf_free(&b);

	{
		struct pdf_invoice	 in, back;
		struct pdf_line		 l[2] = { { { "a", "b", "c", "d", "e" } },
					    { { "میزبانی\n", "", "云", "1", "2" } } };
		static const char *const m[] = { "k", "v" };

		memset(&in, 0, sizeof(in));
		in.rtl = true;
		in.provider = "P";
		in.title = "T";
		in.meta = m;
		in.nmeta = 2;
		in.head[4] = "Net";
		in.lines = l;
		in.nlines = 2;
		in.totals = m;
		in.ntotals = 2;
		pdfjob_put(&in, &b);
		ok(pdfjob_get(a, b.p, b.len, &back) == 0 && back.rtl &&
		    !strcmp(back.provider, "P") && !strcmp(back.logo, "") &&
		    back.nlines == 2 && !strcmp(back.lines[1].cell[0],
		    "میزبانی\n") && !strcmp(back.head[4], "Net") &&
		    back.ntotals == 2 && !strcmp(back.totals[1], "v"),
		    "an invoice handed to portico-pdf reads back the same");
		ok(pdfjob_get(a, b.p, b.len - 1, &back) == -1,
		    "a truncated one is refused");
		buf_free(&b);
		memset(&b, 0, sizeof(b));
	}
	fd = mkstemp(png);
	close(fd);
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 80, 40);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.1, 0.3, 0.7);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, png);
	cairo_surface_destroy(s);
	memset(&b, 0, sizeof(b));
	ok(invoice(png, 3, true, &b) == 0 && count(&b, "/Subtype /Image") == 1,
	    "a PNG logo is drawn (right to left too)");
	buf_free(&b);
	unlink(png);
	memset(&b, 0, sizeof(b));
	ok(invoice("/nonexistent/logo.png", 3, false, &b) == 0 &&
	    !memcmp(b.p, "%PDF-", 5) && count(&b, "/Subtype /Image") == 0,
	    "a logo that does not load is left out, the PDF made");
	buf_free(&b);
	memset(&b, 0, sizeof(b));
	ok(invoice(NULL, 120, false, &b) == 0 &&
	    count(&b, "/Type /Page\n") + count(&b, "/Type /Page ") > 1,
	    "120 lines run over more than one page");
	buf_free(&b);
	arena_free(a);
	return tap_done();
}
