/*
 * The service-level clock: business-hours calendars, the due time of a
 * target in business minutes, the business time between two instants,
 * and a due time shown in a viewer's zone and language.
 *
 * A calendar is text that staff edit and the database stores:
 *
 *   # Helpdesk, Helsinki
 *   zone Europe/Helsinki
 *   mon-fri 08:00-16:00
 *   sat 10:00-14:00
 *   holiday 2026-12-24
 *
 * Weekdays are mon..sun, alone, as ranges (sat-wed wraps the week) or
 * lists (mon,wed); a line may give several intervals; 24:00 closes at
 * midnight; "always" opens every day 00:00-24:00; a day no line names
 * is closed.  Hours and holidays are in the calendar's zone.
 *
 * Time zones come from ICU (ucal_*, udat_*), never from the process's
 * TZ: every computation opens a calendar in the zone it names.  A wall
 * time the clocks skip (spring forward) means the moment they jump; one
 * they show twice (fall back) means its first occurrence.
 *
 * Instants are UTC seconds (int64_t).  Nothing here keeps state between
 * calls; the parser allocates from the arena it is given.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

#include "portico.h"

#define DAY_MIN		(24 * 60)
#define LINE_MAX_LEN	512
/* How far ahead the clock looks before giving up: ten years of days. */
#define HORIZON_DAYS	3660
/* The largest target: a year of business minutes around the clock. */
#define TARGET_MAX	(366L * DAY_MIN)

static const char *const wdays[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static const struct sla_calendar always_utc = {
	.zone = "UTC",
	.week = { { { 0, DAY_MIN } }, { { 0, DAY_MIN } }, { { 0, DAY_MIN } },
	    { { 0, DAY_MIN } }, { { 0, DAY_MIN } }, { { 0, DAY_MIN } },
	    { { 0, DAY_MIN } } },
	.nspans = { 1, 1, 1, 1, 1, 1, 1 },
};

/*
 * Civil dates and days since 1970-01-01, proleptic Gregorian (H. Hinnant's
 * algorithms): the calendar walks local dates without any time zone.
 */
static int32_t
days_from_civil(int y, int m, int d)
{
	int		 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int		 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Monday is 0; 1970-01-01 was a Thursday. */
static int
weekday(int32_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

/* ---- zones --------------------------------------------------------- */

static int
zone_uchars(const char *zone, UChar *out, size_t cap)
{
	size_t		 i, n = strlen(zone);

	if (n == 0 || n >= cap)
		return -1;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)zone[i]) &&
		    strchr("/_+-", zone[i]) == NULL)
			return -1;
	u_uastrncpy(out, zone, (int32_t)n + 1);
	return 0;
}

/* Whether ICU knows the zone (an IANA name such as Asia/Tehran). */
bool
sla_zone_valid(const char *zone)
{
	UChar		 id[SLA_ZONE_MAX], canon[SLA_ZONE_MAX * 2];
	UBool		 sys = 0;
	UErrorCode	 st = U_ZERO_ERROR;

	if (zone_uchars(zone, id, SLA_ZONE_MAX) == -1)
		return false;
	ucal_getCanonicalTimeZoneID(id, -1, canon, SLA_ZONE_MAX * 2, &sys,
	    &st);
	return U_SUCCESS(st) && sys;
}

/* A Gregorian calendar in the zone; NULL when ICU refuses. */
static UCalendar *
zone_open(const char *zone)
{
	UChar		 id[SLA_ZONE_MAX];
	UCalendar	*uc;
	UErrorCode	 st = U_ZERO_ERROR;

	if (zone_uchars(zone, id, SLA_ZONE_MAX) == -1)
		return NULL;
	uc = ucal_open(id, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		if (uc != NULL)
			ucal_close(uc);
		return NULL;
	}
	ucal_setAttribute(uc, UCAL_LENIENT, 1);
	ucal_setAttribute(uc, UCAL_SKIPPED_WALL_TIME, UCAL_WALLTIME_NEXT_VALID);
	ucal_setAttribute(uc, UCAL_REPEATED_WALL_TIME, UCAL_WALLTIME_FIRST);
	return uc;
}

/* The UTC instant of a local day's minute (minute 1440 is next midnight). */
static int
wall_to_utc(UCalendar *uc, int32_t day, int minute, int64_t *t)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UDate		 ms;
	int		 y, m, d;

	civil_from_days(day + minute / DAY_MIN, &y, &m, &d);
	minute %= DAY_MIN;
	ucal_clear(uc);
	ucal_setDateTime(uc, y, m - 1, d, minute / 60, minute % 60, 0, &st);
	ms = ucal_getMillis(uc, &st);
	if (U_FAILURE(st))
		return -1;
	*t = (int64_t)(ms / 1000);
	return 0;
}

/* The local date (days since 1970-01-01) of a UTC instant. */
static int
utc_to_day(UCalendar *uc, int64_t t, int32_t *day)
{
	UErrorCode	 st = U_ZERO_ERROR;
	int		 y, m, d;

	ucal_setMillis(uc, (UDate)t * 1000.0, &st);
	y = ucal_get(uc, UCAL_EXTENDED_YEAR, &st);
	m = ucal_get(uc, UCAL_MONTH, &st) + 1;
	d = ucal_get(uc, UCAL_DATE, &st);
	if (U_FAILURE(st))
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}

/*
 * Today in zone as YYYY-MM-DD into day: the provider's day, which
 * decides when an invoice falls overdue.  0, or -1 when ICU refuses.
 */
int
sla_today(const char *zone, char day[11])
{
	UCalendar	*uc;
	int32_t		 d;
	int		 y, m, dd, rc;

	if ((uc = zone_open(zone)) == NULL)
		return -1;
	rc = utc_to_day(uc, (int64_t)time(NULL), &d);
	ucal_close(uc);
	if (rc == -1)
		return -1;
	civil_from_days(d, &y, &m, &dd);
	snprintf(day, 11, "%04d-%02d-%02d", y, m, dd);
	return 0;
}

/* ---- the calendar's text ------------------------------------------- */

static int
cmp_day(const void *a, const void *b)
{
	int32_t		 x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* "08:00" to 480; 24:00 only where ends are allowed. */
static const char *
parse_clock(const char *s, size_t n, int *min)
{
	int		 h, m;

	if (n != 5 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != ':' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return "expected a time as HH:MM";
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return "no such time of day";
	*min = h * 60 + m;
	return NULL;
}

static int
find_wday(const char *s, size_t n)
{
	int		 i;

	if (n != 3)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncasecmp(s, wdays[i], 3) == 0)
			return i;
	return -1;
}

/* "mon-fri", "sat-wed", "mon,wed,fri": the days as bits (Monday 1). */
static const char *
parse_days(const char *s, size_t n, unsigned *mask)
{
	const char	*e, *end = s + n, *dash;
	int		 a, b;

	*mask = 0;
	for (;;) {
		if ((e = memchr(s, ',', end - s)) == NULL)
			e = end;
		dash = memchr(s, '-', e - s);
		a = find_wday(s, (dash ? dash : e) - s);
		b = dash ? find_wday(dash + 1, e - dash - 1) : a;
		if (a == -1 || b == -1)
			return "expected weekdays: mon tue wed thu fri sat "
			    "sun, a range such as mon-fri, or a list such as "
			    "mon,wed";
		for (;; a = (a + 1) % 7) {
			*mask |= 1u << a;
			if (a == b)
				break;
		}
		if (e == end)
			return NULL;
		s = e + 1;
	}
}

/* Adds [from, to) to a weekday, refusing overlaps; keeps spans sorted. */
static const char *
add_span(struct sla_calendar *c, int wd, int from, int to, char *why,
    size_t whylen)
{
	struct sla_span	*sp = c->week[wd];
	size_t		 i, n = c->nspans[wd];

	for (i = 0; i < n; i++)
		if (from < sp[i].to && sp[i].from < to) {
			snprintf(why, whylen, "%02d:%02d-%02d:%02d overlaps "
			    "%02d:%02d-%02d:%02d on %s", from / 60, from % 60,
			    to / 60, to % 60, sp[i].from / 60, sp[i].from % 60,
			    sp[i].to / 60, sp[i].to % 60, wdays[wd]);
			return why;
		}
	if (n == SLA_SPANS) {
		snprintf(why, whylen, "more than %d intervals on %s",
		    SLA_SPANS, wdays[wd]);
		return why;
	}
	for (i = n; i > 0 && sp[i - 1].from > from; i--)
		sp[i] = sp[i - 1];
	sp[i].from = (int16_t)from;
	sp[i].to = (int16_t)to;
	c->nspans[wd] = n + 1;
	return NULL;
}

/* "08:00-16:00 …" for the days of mask. */
static const char *
parse_hours(struct sla_calendar *c, unsigned mask, const char *s,
    char *why, size_t whylen)
{
	const char	*e, *msg;
	int		 from, to, wd;

	if (*s == '\0')
		return "expected hours such as 08:00-16:00 after the days";
	while (*s != '\0') {
		e = s + strcspn(s, " \t");
		if (e - s != 11 || s[5] != '-')
			return "expected hours such as 08:00-16:00";
		if ((msg = parse_clock(s, 5, &from)) != NULL ||
		    (msg = parse_clock(s + 6, 5, &to)) != NULL)
			return msg;
		if (from == DAY_MIN)
			return "an interval cannot open at 24:00";
		if (to <= from)
			return "an interval must end after it opens (one that "
			    "passes midnight is two: 22:00-24:00 and the next "
			    "day's 00:00-02:00)";
		for (wd = 0; wd < 7; wd++)
			if ((mask & (1u << wd)) &&
			    (msg = add_span(c, wd, from, to, why, whylen)))
				return msg;
		s = e + strspn(e, " \t");
	}
	return NULL;
}

static const char *
parse_holiday(struct sla_calendar *c, const char *s)
{
	int		 i, y, m, d, yy, mm, dd;
	int32_t		 day;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			break;
	if (i < 10 || s[10] != '\0')
		return "expected a date as YYYY-MM-DD after holiday";
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	day = days_from_civil(y, m, d);
	civil_from_days(day, &yy, &mm, &dd);
	if (y < 1970 || m < 1 || m > 12 || yy != y || mm != m || dd != d)
		return "no such date";
	c->holidays[c->nholidays++] = day;
	return NULL;
}

static const char *
parse_zone(struct sla_calendar *c, const char *s)
{
	if (c->zone[0] != '\0')
		return "the zone is given twice";
	if (*s == '\0')
		return "expected a time zone after zone, such as "
		    "Europe/Helsinki";
	if (strlen(s) >= SLA_ZONE_MAX || !sla_zone_valid(s))
		return "unknown time zone (use an IANA name such as "
		    "Europe/Helsinki or America/New_York)";
	memcpy(c->zone, s, strlen(s) + 1);
	return NULL;
}

/* One line, trimmed, without its comment: NULL or the reason it is bad. */
static const char *
parse_line(struct sla_calendar *c, char *s, char *why, size_t whylen)
{
	char		*arg;
	unsigned	 mask;
	const char	*msg;
	size_t		 n;

	n = strcspn(s, " \t");
	arg = s + n + strspn(s + n, " \t");
	s[n] = '\0';
	if (strcasecmp(s, "zone") == 0)
		return parse_zone(c, arg);
	if (strcasecmp(s, "holiday") == 0)
		return parse_holiday(c, arg);
	if (strcasecmp(s, "always") == 0) {
		if (*arg != '\0')
			return "always takes nothing after it";
		return parse_hours(c, 0x7f, "00:00-24:00", why, whylen);
	}
	if ((msg = parse_days(s, n, &mask)) != NULL)
		return msg;
	return parse_hours(c, mask, arg, why, whylen);
}

static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return true;
	return false;
}

/*
 * Parses a calendar's text into *out (allocated from the arena).
 * Returns 0, or the number of the bad line (1 for a text without a zone
 * line) with "line N: reason" in err.
 */
int
sla_parse(struct arena *a, const char *text, struct sla_calendar **out,
    char *err, size_t errlen)
{
	struct sla_calendar	*c;
	const char		*p, *e, *msg = NULL;
	char			 line[LINE_MAX_LEN + 1], why[128], *l;
	size_t			 n, lines = 1;
	int			 lineno = 0;

	for (p = text; *p != '\0'; p++)
		lines += *p == '\n';
	c = arena_alloc(a, sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->holidays = arena_alloc(a, lines * sizeof(*c->holidays));
	for (p = text; msg == NULL && *p != '\0'; p = e + (*e == '\n')) {
		lineno++;
		e = p + strcspn(p, "\n");
		if ((n = e - p) > LINE_MAX_LEN) {
			msg = "line too long";
			break;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		line[strcspn(line, "#")] = '\0';
		for (n = strlen(line); n > 0 && isspace((unsigned char)
		    line[n - 1]); n--)
			line[n - 1] = '\0';
		l = line + strspn(line, " \t");
		if (has_control(l))
			msg = "unexpected control character";
		else if (*l != '\0')
			msg = parse_line(c, l, why, sizeof(why));
	}
	if (msg == NULL && c->zone[0] == '\0') {
		lineno = 1;
		msg = "no zone line (such as zone Europe/Helsinki)";
	}
	if (msg != NULL) {
		snprintf(err, errlen, "line %d: %s", lineno, msg);
		return lineno;
	}
	qsort(c->holidays, c->nholidays, sizeof(*c->holidays), cmp_day);
	*out = c;
	return 0;
}

/* The calendar open around the clock, in UTC. */
const struct sla_calendar *
sla_always(void)
{
	return &always_utc;
}

/* ---- the clock ----------------------------------------------------- */

/* The calendar's open intervals in UTC, in order, a local day at a time. */
struct walk {
	const struct sla_calendar	*c;
	UCalendar			*uc;
	int32_t				 day, last;
	size_t				 i;
};

static bool
is_holiday(const struct sla_calendar *c, int32_t day)
{
	return c->nholidays > 0 && bsearch(&day, c->holidays, c->nholidays,
	    sizeof(day), cmp_day) != NULL;
}

/* The next open interval [*a, *b): 1, 0 past the last day, -1 (ICU). */
static int
walk_next(struct walk *w, int64_t *a, int64_t *b)
{
	const struct sla_span	*sp;
	int			 wd;

	while (w->day <= w->last) {
		wd = weekday(w->day);
		if (w->i >= w->c->nspans[wd] || is_holiday(w->c, w->day)) {
			w->day++;
			w->i = 0;
			continue;
		}
		sp = &w->c->week[wd][w->i++];
		if (wall_to_utc(w->uc, w->day, sp->from, a) == -1 ||
		    wall_to_utc(w->uc, w->day, sp->to, b) == -1)
			return -1;
		if (*a < *b)
			return 1;
	}
	return 0;
}

/* Walks from the day of `from` (and the one before), ten years at most. */
static int
walk_open(struct walk *w, const struct sla_calendar *c, int64_t from)
{
	memset(w, 0, sizeof(*w));
	w->c = c;
	if ((w->uc = zone_open(c->zone)) == NULL ||
	    utc_to_day(w->uc, from, &w->day) == -1) {
		if (w->uc != NULL)
			ucal_close(w->uc);
		return SLA_EZONE;
	}
	/* The day before too: a wall time shown twice may reach back. */
	w->day--;
	w->last = w->day + HORIZON_DAYS;
	return SLA_OK;
}

static bool
never_open(const struct sla_calendar *c)
{
	int		 wd;

	for (wd = 0; wd < 7; wd++)
		if (c->nspans[wd] > 0)
			return false;
	return true;
}

static int
pauses_check(const struct sla_pause *p, size_t n)
{
	size_t		 i;

	for (i = 0; i < n; i++)
		if (p[i].to < p[i].from)
			return SLA_EINVAL;
	return SLA_OK;
}

/*
 * The first stretch of [a, b) that no pause covers: [*sa, *sb).  False
 * when pauses cover all of it.  Pauses may overlap and come in any order.
 */
static bool
unpaused(const struct sla_pause *p, size_t n, int64_t a, int64_t b,
    int64_t *sa, int64_t *sb)
{
	size_t		 i;
	bool		 moved = true;

	while (moved && a < b) {
		moved = false;
		for (i = 0; i < n; i++)
			if (p[i].from <= a && a < p[i].to) {
				a = p[i].to;
				moved = true;
			}
	}
	if (a >= b)
		return false;
	for (i = 0; i < n; i++)
		if (p[i].from > a && p[i].from < b)
			b = p[i].from;
	*sa = a;
	*sb = b;
	return true;
}

/* Where an open pause stops the clock for good (INT64_MAX: nowhere). */
static int64_t
clock_stops(const struct sla_pause *p, size_t n)
{
	int64_t		 t = INT64_MAX;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (p[i].to == SLA_OPEN && p[i].from < t)
			t = p[i].from;
	return t;
}

/*
 * The due instant of a target of `minutes` business minutes from
 * `start`: the first instant by which that much open, unpaused time has
 * passed (start itself for a target of 0).  Returns SLA_OK with *due,
 * SLA_ENEVER (the calendar never opens), SLA_EPAUSED (an open pause
 * stops the clock first), SLA_EFAR (not within ten years), SLA_EINVAL
 * (a negative or too large target, a pause ending before it starts) or
 * SLA_EZONE.
 */
int
sla_due(const struct sla_calendar *c, int64_t start, long minutes,
    const struct sla_pause *p, size_t np, int64_t *due)
{
	struct walk	 w;
	int64_t		 left, a, b, sa, sb, stop;
	int		 r, k = 0;

	if (minutes < 0 || minutes > TARGET_MAX ||
	    pauses_check(p, np) != SLA_OK)
		return SLA_EINVAL;
	if (minutes == 0) {
		*due = start;
		return SLA_OK;
	}
	if (never_open(c))
		return SLA_ENEVER;
	if ((r = walk_open(&w, c, start)) != SLA_OK)
		return r;
	left = (int64_t)minutes * 60;
	stop = clock_stops(p, np);
	r = SLA_EFAR;
	while (r == SLA_EFAR && (k = walk_next(&w, &a, &b)) == 1) {
		if (b <= start)
			continue;
		a = a < start ? start : a;
		if (a >= stop)
			r = SLA_EPAUSED;
		b = b > stop ? stop : b;
		for (; r == SLA_EFAR && unpaused(p, np, a, b, &sa, &sb);
		    a = sb) {
			if (sb - sa >= left) {
				*due = sa + left;
				r = SLA_OK;
			} else
				left -= sb - sa;
		}
	}
	ucal_close(w.uc);
	return k == -1 ? SLA_EZONE : r;
}

/*
 * The business time between two instants, in seconds (open hours of
 * the calendar, less the pauses): *secs.  Returns SLA_OK, SLA_EINVAL
 * (to before from, a bad pause), SLA_EFAR (more than ten years apart)
 * or SLA_EZONE.
 */
int
sla_elapsed(const struct sla_calendar *c, int64_t from, int64_t to,
    const struct sla_pause *p, size_t np, int64_t *secs)
{
	struct walk	 w;
	int64_t		 a, b, sa, sb, sum = 0;
	int32_t		 last;
	int		 r, k = 0;

	if (to < from || pauses_check(p, np) != SLA_OK)
		return SLA_EINVAL;
	*secs = 0;
	if (to == from || never_open(c))
		return SLA_OK;
	if ((r = walk_open(&w, c, from)) != SLA_OK)
		return r;
	if (utc_to_day(w.uc, to, &last) == -1)
		r = SLA_EZONE;
	else if (last + 1 > w.last)
		r = SLA_EFAR;
	w.last = last + 1;
	while (r == SLA_OK && (k = walk_next(&w, &a, &b)) == 1 && a < to) {
		a = a < from ? from : a;
		b = b > to ? to : b;
		for (; a < b && unpaused(p, np, a, b, &sa, &sb); a = sb)
			sum += sb - sa;
	}
	ucal_close(w.uc);
	if (r == SLA_OK && k == -1)
		r = SLA_EZONE;
	if (r == SLA_OK)
		*secs = sum;
	return r;
}

const char *
sla_strerror(int e)
{
	switch (e) {
	case SLA_OK:
		return "no error";
	case SLA_EINVAL:
		return "invalid target or pause";
	case SLA_ENEVER:
		return "the calendar is never open";
	case SLA_EPAUSED:
		return "the clock is paused until further notice";
	case SLA_EFAR:
		return "not within ten years";
	case SLA_EZONE:
		return "time zone error";
	}
	return "unknown error";
}

/* ---- showing a due time -------------------------------------------- */

/* The ICU locale of each of the portal's languages. */
static const char *
icu_locale(const char *lang)
{
	static const char *const map[][2] = {
		{ "en", "en_GB" },
		{ "fi", "fi_FI" },
		{ "et", "et_EE" },
		{ "el", "el_GR" },
		{ "zh", "zh_Hans_CN" },
		{ "fa", "fa_IR@calendar=persian" },
	};
	size_t		 i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(lang, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/*
 * The formatters of the two ways an instant is shown, each the last one
 * asked for kept for the next call: opening one (its pattern generator,
 * the locale's data) costs far more than a format, and a page shows
 * many instants in one zone and language.  gen counts the formatters
 * opened, so that a string remembered from one is never given for
 * another.
 */
enum { FMT_WEEKDAY, FMT_DATE, FMT__MAX };
static const UChar fmt_skeletons[FMT__MAX][16] = {
	{ 'E', 'E', 'E', 'E', 'd', 'M', 'M', 'M', 'M', 'H', 'H', 'm', 'm', 0 },
	{ 'y', 'M', 'M', 'M', 'd', 'H', 'H', 'm', 'm', 0 },
};
static struct {
	UDateFormat	*f;
	char		 lang[8], zone[SLA_ZONE_MAX];
	unsigned	 gen;
} fmt_kept[FMT__MAX];
static unsigned	fmt_gen;

/*
 * The strings formatted last, by kind and instant: one format costs
 * some 20,000 instructions of ICU, and the same instants come back page
 * after page (the queue's due times, a thread's messages).  A hash of
 * the instant picks a set of two, the newer first (a string longer than
 * FMT_MEMO_LEN is not kept).  The strings are the process's: 72 KB.
 */
#define FMT_MEMO_SETS	256
#define FMT_MEMO_LEN	56
struct fmt_memo {
	int64_t		 when;
	unsigned	 gen;	/* 0: empty */
	char		 s[FMT_MEMO_LEN];
};
static struct fmt_memo	fmt_memo[FMT__MAX][FMT_MEMO_SETS][2];

static struct fmt_memo *
memo_set(int kind, int64_t when)
{
	uint64_t	h = (uint64_t)when * 0x9E3779B97F4A7C15ULL;

	return fmt_memo[kind][h >> 56];		/* the top 8 bits */
}

/* Open the formatter of kind for lang and zone, if not the kept one. */
static int
format_open(int kind, const char *lang, const char *zone)
{
	UDateTimePatternGenerator *g = NULL;
	UDateFormat	*f = fmt_kept[kind].f;
	UChar		 id[SLA_ZONE_MAX], pat[128];
	UErrorCode	 st = U_ZERO_ERROR;
	const char	*loc;

	if (f != NULL && strcmp(fmt_kept[kind].lang, lang) == 0 &&
	    strcmp(fmt_kept[kind].zone, zone) == 0)
		return 0;
	if ((loc = icu_locale(lang)) == NULL || !sla_zone_valid(zone) ||
	    zone_uchars(zone, id, SLA_ZONE_MAX) == -1)
		return -1;
	if (f != NULL)
		udat_close(f);
	fmt_kept[kind].f = NULL;
	g = udatpg_open(loc, &st);
	udatpg_getBestPattern(g, fmt_skeletons[kind], -1, pat, 128, &st);
	f = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, id, -1, pat, -1, &st);
	if (g != NULL)
		udatpg_close(g);
	if (U_FAILURE(st)) {
		if (f != NULL)
			udat_close(f);
		return -1;
	}
	fmt_kept[kind].f = f;
	fmt_kept[kind].gen = ++fmt_gen == 0 ? ++fmt_gen : fmt_gen;
	snprintf(fmt_kept[kind].lang, sizeof(fmt_kept[kind].lang), "%s", lang);
	snprintf(fmt_kept[kind].zone, sizeof(fmt_kept[kind].zone), "%s", zone);
	return 0;
}

static int
format_as(struct arena *a, int64_t when, const char *zone, const char *lang,
    int kind, const char **out)
{
	struct fmt_memo	*m;
	UChar		 buf[256];
	UErrorCode	 st = U_ZERO_ERROR;
	char		*s;
	int32_t		 n = 0, len = 0;
	int		 i;

	if (format_open(kind, lang, zone) == -1)
		return -1;
	m = memo_set(kind, when);
	for (i = 0; i < 2; i++)
		if (m[i].gen == fmt_kept[kind].gen && m[i].when == when) {
			*out = arena_strdup(a, m[i].s);
			return 0;
		}
	n = udat_format(fmt_kept[kind].f, (UDate)when * 1000.0, buf, 256, NULL,
	    &st);
	if (U_FAILURE(st))
		return -1;
	s = arena_alloc(a, (size_t)n * 3 + 1);
	u_strToUTF8(s, n * 3 + 1, &len, buf, n, &st);
	if (U_FAILURE(st))
		return -1;
	*out = s;
	if ((size_t)len < sizeof(m->s)) {
		m[1] = m[0];
		memcpy(m[0].s, s, (size_t)len + 1);
		m[0].when = when;
		m[0].gen = fmt_kept[kind].gen;
	}
	return 0;
}

/*
 * The instant as the viewer reads it: weekday, day, month, hour and
 * minute in the viewer's zone, in the words, digits and calendar of the
 * language (en fi et el zh fa; Persian: the Solar Hijri calendar and
 * Persian digits).  *out is UTF-8 from the arena.  Returns 0, or -1 for
 * an unknown language or zone.
 */
int
sla_format(struct arena *a, int64_t when, const char *zone,
    const char *lang, const char **out)
{
	return format_as(a, when, zone, lang, FMT_WEEKDAY, out);
}

/* The same as a date with its year and the time, no weekday: a
 * message's or a list's times. */
int
sla_format_date(struct arena *a, int64_t when, const char *zone,
    const char *lang, const char **out)
{
	return format_as(a, when, zone, lang, FMT_DATE, out);
}
