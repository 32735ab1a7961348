/*
 * QR codes through libqrencode, as data in the page document: the theme
 * draws them (xslt/default/two-factor.xsl makes an inline SVG), so no
 * markup is made here.
 *
 *	<qr size="33"><row>1111111010…</row>…</qr>
 *
 * One <row> per line of modules, top to bottom, '1' a dark module and
 * '0' a light one; the quiet zone around the code is the theme's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "portico.h"

/*
 * Append <qr> for text to parent, error correction level M (15 %: a
 * phone's camera reads it from a screen).  Returns 0, or -1 when
 * libqrencode cannot make one (text too long, out of memory), logged.
 * The code's modules are wiped before they are freed: what it encodes
 * may be a secret (an authenticator's key).
 */
int
qr_xml(xmlNodePtr parent, const char *text)
{
	QRcode		*qr;
	xmlNodePtr	 n;
	char		*row;
	size_t		 w, x, y;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL) {
		log_warn("QRcode_encodeString");
		return -1;
	}
	w = (size_t)qr->width;
	row = xmalloc(w + 1);
	n = xml_elem(parent, "qr");
	xml_attrf(n, "size", "%zu", w);
	for (y = 0; y < w; y++) {
		for (x = 0; x < w; x++)
			row[x] = (qr->data[y * w + x] & 1) ? '1' : '0';
		row[w] = '\0';
		xml_text(n, "row", row);
	}
	explicit_bzero(row, w + 1);
	free(row);
	explicit_bzero(qr->data, w * w);
	QRcode_free(qr);
	return 0;
}
