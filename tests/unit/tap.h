/*
 * A minimal TAP producer for the unit tests: ok(cond, "what"), then
 * return tap_done() from main().  automake's tap-driver reads the output.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	tap_n, tap_failed;

__attribute__((format(printf, 2, 3)))
static int
ok(int cond, const char *fmt, ...)
{
	va_list	ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	return cond;
}

__attribute__((unused)) static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* The source tree (make check sets top_srcdir). */
__attribute__((unused)) static const char *
srcdir(void)
{
	const char	*s = getenv("top_srcdir");

	return s ? s : ".";
}

#endif
