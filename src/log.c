/*
 * Logging in the manner of err(3): one line per event on stderr, which
 * the pool's supervisor (systemd, quickstart) sends to the journal or a
 * file.  Every line carries the process id and, inside a request, its id.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "portico.h"

static const char	*log_ident = "portico";
static char		 log_rid[40];

void
log_init(const char *ident)
{
	log_ident = ident;
}

void
log_set_rid(const char *rid)
{
	if (rid == NULL)
		log_rid[0] = '\0';
	else
		snprintf(log_rid, sizeof(log_rid), "%s", rid);
}

static void	log_vline(const char *, int, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));

static void
log_vline(const char *level, int err, const char *fmt, va_list ap)
{
	char		 msg[1024], stamp[32];
	struct tm	 tm;
	time_t		 t = time(NULL);
	size_t		 n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (err) {
		n = strlen(msg);
		snprintf(msg + n, sizeof(msg) - n, ": %s", strerror(err));
	}
	/* One message, one line: what a request brought cannot add lines. */
	for (n = 0; msg[n] != '\0'; n++)
		if ((unsigned char)msg[n] < 0x20 || msg[n] == 0x7f)
			msg[n] = '?';
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%d] %s%s%s %s\n", stamp, log_ident,
	    (int)getpid(), level, log_rid[0] ? " rid=" : "", log_rid, msg);
	fflush(stderr);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline("info", 0, fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;
	int	e = errno;

	va_start(ap, fmt);
	log_vline("warn", e, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline("warn", 0, fmt, ap);
	va_end(ap);
}

void
log_fatal(const char *fmt, ...)
{
	va_list	ap;
	int	e = errno;

	va_start(ap, fmt);
	log_vline("fatal", e, fmt, ap);
	va_end(ap);
	exit(1);
}

void
log_fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline("fatal", 0, fmt, ap);
	va_end(ap);
	exit(1);
}
