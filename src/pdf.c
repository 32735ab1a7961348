/*
 * An invoice as a PDF, laid out with Pango and drawn with cairo: Pango
 * shapes each text (Persian joined and right to left, Chinese from the
 * Noto CJK fonts fontconfig finds), cairo writes the PDF with the fonts
 * embedded and their text extractable.  The caller gives every text
 * already made (labels in the viewer's language, amounts through
 * money_format()), so this file knows nothing of invoices but their
 * shape.  A right-to-left viewer gets the page mirrored: columns run
 * from the right, and each text takes its own direction.
 *
 * Only portico-pdf (src/pdfmain.c) calls this file: the workers hand it
 * their invoices through pdfjob.c, so neither these libraries nor the
 * fonts ever load into a worker.
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "portico.h"

#define PAGE_W		595.0	/* A4, in points */
#define PAGE_H		842.0
#define MARGIN		50.0
#define FONT		"Noto Sans, Noto Sans Arabic, Noto Sans CJK SC"
#define BODY_W		(PAGE_W - 2 * MARGIN)

/* Column widths of the lines' table, in points: description first. */
static const double col_w[PDF_COLS] = { 215, 50, 80, 50, 100 };

/*
 * The fonts an invoice is set in.  Fontconfig is given these files
 * only, not the system's hundreds of Noto families, which it would
 * otherwise read and sort for every fallback (an invoice with Chinese:
 * 0.40 s of CPU with the system's, 0.31 s with these, most of it the
 * CJK font's loading and subsetting; 0.1 s without Chinese).  A file
 * that is missing is left out; with none, the system's configuration
 * serves.
 */
static const char *const font_files[] = {
	"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
};

struct pen {
	cairo_t			*cr;
	PangoContext		*ctx;
	const struct pdf_invoice *inv;
	double			 y;
};

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The x of a box w wide at x from the leading edge of the body. */
static double
lead_x(const struct pen *p, double x, double w)
{
	return p->inv->rtl ? PAGE_W - MARGIN - x - w : MARGIN + x;
}

/*
 * Draw text in a box w wide at x (from the leading edge) and the pen's
 * line; end aligns it to the box's trailing side (amounts).  Returns its
 * height.
 */
static double
pdf_text(struct pen *p, double x, double w, const char *text, int size,
    bool bold, bool end)
{
	PangoLayout		*l = pango_layout_new(p->ctx);
	PangoFontDescription	*fd;
	PangoAlignment		 al;
	int			 pw, ph;

	fd = pango_font_description_from_string(FONT);
	pango_font_description_set_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	/*
	 * The page's direction is every paragraph's base direction, so a
	 * Persian name runs right to left inside an English page and an
	 * invoice number keeps its place on a Persian one (the bidi
	 * algorithm orders the runs); LEFT and RIGHT are the page's sides.
	 */
	al = end ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	if (p->inv->rtl)
		al = end ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
	pango_layout_set_alignment(l, al);
	pango_layout_set_auto_dir(l, FALSE);
	pango_context_set_base_dir(pango_layout_get_context(l),
	    p->inv->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(l);
	pango_layout_set_text(l, text ? text : "", -1);
	cairo_move_to(p->cr, lead_x(p, x, w), p->y);
	pango_cairo_show_layout(p->cr, l);
	pango_layout_get_size(l, &pw, &ph);
	g_object_unref(l);
	return (double)ph / PANGO_SCALE;
}

/* A new page when h more points do not fit. */
static void
pdf_room(struct pen *p, double h)
{
	if (p->y + h <= PAGE_H - MARGIN)
		return;
	cairo_show_page(p->cr);
	p->y = MARGIN;
}

static void
pdf_rule(struct pen *p)
{
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += 4;
}

/* The provider's logo (PNG) at the leading top corner, if it loads. */
static double
pdf_logo(struct pen *p)
{
	cairo_surface_t	*img;
	double		 w, h, s;

	if (p->inv->logo == NULL || *p->inv->logo == '\0')
		return 0;
	img = cairo_image_surface_create_from_png(p->inv->logo);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return 0;
	}
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	s = h > 0 ? 40.0 / h : 1;
	cairo_save(p->cr);
	cairo_translate(p->cr, lead_x(p, 0, w * s), p->y);
	cairo_scale(p->cr, s, s);
	cairo_set_source_surface(p->cr, img, 0, 0);
	cairo_paint(p->cr);
	cairo_restore(p->cr);
	cairo_surface_destroy(img);
	return 44;
}

/* Label and value pairs, one per line, values at the trailing side. */
static void
pdf_pairs(struct pen *p, const char *const *kv, size_t n, double x,
    bool bold_last)
{
	double	h, h2;
	size_t	i;

	for (i = 0; i + 1 < n; i += 2) {
		bool bold = bold_last && i + 2 >= n;

		pdf_room(p, 16);
		h = pdf_text(p, x, 140, kv[i], 10, bold, false);
		h2 = pdf_text(p, x + 140, BODY_W - x - 140, kv[i + 1], 10,
		    bold, true);
		p->y += (h > h2 ? h : h2) + 2;
	}
}

static void
pdf_table(struct pen *p)
{
	const struct pdf_invoice *inv = p->inv;
	double	x, h, hmax;
	size_t	i, c;

	pdf_room(p, 40);
	for (c = 0, x = 0, hmax = 0; c < PDF_COLS; x += col_w[c++])
		if ((h = pdf_text(p, x, col_w[c] - 6, inv->head[c], 9, true,
		    c > 0)) > hmax)
			hmax = h;
	p->y += hmax + 2;
	pdf_rule(p);
	for (i = 0; i < inv->nlines; i++) {
		pdf_room(p, 16);
		for (c = 0, x = 0, hmax = 0; c < PDF_COLS; x += col_w[c++])
			if ((h = pdf_text(p, x, col_w[c] - 6,
			    inv->lines[i].cell[c], 9, false, c > 0)) > hmax)
				hmax = h;
		p->y += hmax + 3;
	}
	pdf_rule(p);
}

/* A font map of font_files, or the system's when none of them loads. */
static PangoFontMap *
pdf_fontmap(void)
{
	PangoFontMap	*fm;
	FcConfig	*fc;
	size_t		 i, n = 0;

	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (fm == NULL)
		return pango_cairo_font_map_new();
	if ((fc = FcConfigCreate()) == NULL)
		return fm;
	for (i = 0; i < sizeof(font_files) / sizeof(font_files[0]); i++)
		if (FcConfigAppFontAddFile(fc, (const FcChar8 *)font_files[i]))
			n++;
	if (n > 0)
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fc);
	FcConfigDestroy(fc);
	return fm;
}

/*
 * Lay out inv as an A4 PDF appended to out.  Returns 0, or -1 when
 * cairo fails (logged).
 */
int
pdf_invoice(const struct pdf_invoice *inv, struct buf *out)
{
	cairo_surface_t	*s;
	struct pen	 p = { NULL, NULL, inv, MARGIN };
	PangoFontMap	*fm = pdf_fontmap();
	cairo_status_t	 st;
	double		 h;

	s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W,
	    PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    inv->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "Portico");
	p.cr = cairo_create(s);
	p.ctx = pango_font_map_create_context(fm);
	pango_cairo_update_context(p.cr, p.ctx);
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	p.y += pdf_logo(&p);
	p.y += pdf_text(&p, 0, BODY_W, inv->provider, 14, true, false) + 2;
	if (inv->provider_address != NULL && *inv->provider_address)
		p.y += pdf_text(&p, 0, BODY_W, inv->provider_address, 9,
		    false, false);
	p.y += 16;
	p.y += pdf_text(&p, 0, BODY_W, inv->title, 18, true, false) + 8;
	pdf_pairs(&p, inv->meta, inv->nmeta, 0, false);
	p.y += 10;
	h = pdf_text(&p, 0, BODY_W, inv->bill_to_label, 9, true, false);
	p.y += h + 1;
	p.y += pdf_text(&p, 0, BODY_W, inv->bill_to, 10, false, false) + 16;
	pdf_table(&p);
	p.y += 6;
	pdf_pairs(&p, inv->totals, inv->ntotals, BODY_W / 2, true);
	if (inv->footer != NULL && *inv->footer) {
		p.y += 16;
		pdf_room(&p, 30);
		pdf_text(&p, 0, BODY_W, inv->footer, 9, false, false);
	}
	cairo_show_page(p.cr);
	g_object_unref(p.ctx);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	g_object_unref(fm);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		log_warnx("pdf: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

