/*
 * Unit tests: the service-level clock (sla.c).  Every expected instant is
 * written out as UTC seconds, with the local times it stands for.
 *
 * Helsinki is UTC+2 in winter (EET) and UTC+3 in summer (EEST, from the
 * last Sunday of March 03:00 to the last Sunday of October 04:00).  In
 * December 2026 the 1st is a Tuesday, the 24th a Thursday, the 25th a
 * Friday.  Tehran is UTC+3:30, and UTC+4:30 in the summers up to 2022.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>

#include "portico.h"
#include "tap.h"

#define HAS(s, t)	(strstr((s), (t)) != NULL)

static struct arena	*A;

/* Helsinki, Mon-Fri 08-16 and Sat 10-14, closed at Christmas. */
static const char H_TEXT[] =
    "# Helpdesk, Helsinki\n"
    "zone Europe/Helsinki\n"
    "mon-fri 08:00-16:00\n"
    "sat 10:00-14:00   # short Saturdays\n"
    "\n"
    "holiday 2026-12-25\n"
    "holiday 2026-12-24\n";
/* The same without Saturdays, written with CR LF as a browser sends it. */
static const char W_TEXT[] =
    "zone Europe/Helsinki\r\n"
    "MON-FRI 08:00-12:00 12:00-16:00\r\n"
    "holiday 2026-12-24\r\nholiday 2026-12-25\r\n";
/* Tehran: Saturday to Wednesday, short Thursdays, Fridays closed. */
static const char T_TEXT[] =
    "zone Asia/Tehran\n"
    "sat-wed 08:00-16:00\n"
    "thu 08:00-12:00\n";

static struct sla_calendar *
cal(const char *text)
{
	struct sla_calendar	*c = NULL;
	char			 err[200];

	if (sla_parse(A, text, &c, err, sizeof(err)) != 0) {
		printf("# cannot parse a test calendar: %s\n", err);
		exit(1);
	}
	return c;
}

static void
due_is(const struct sla_calendar *c, int64_t start, long min,
    const struct sla_pause *p, size_t np, int64_t want, const char *what)
{
	int64_t		 got = -1;
	int		 r;

	r = sla_due(c, start, min, p, np, &got);
	ok(r == SLA_OK && got == want, "%s: due %lld (want %lld, %s)", what,
	    (long long)got, (long long)want, sla_strerror(r));
}

static void
elapsed_is(const struct sla_calendar *c, int64_t from, int64_t to,
    const struct sla_pause *p, size_t np, int64_t want, const char *what)
{
	int64_t		 got = -1;
	int		 r;

	r = sla_elapsed(c, from, to, p, np, &got);
	ok(r == SLA_OK && got == want, "%s: %lld s (want %lld, %s)", what,
	    (long long)got, (long long)want, sla_strerror(r));
}

static void
bad_text(const char *text, int line, const char *why)
{
	struct sla_calendar	*c = NULL;
	char			 err[200] = "";
	int			 r;

	r = sla_parse(A, text, &c, err, sizeof(err));
	ok(r == line && c == NULL && HAS(err, why) &&
	    strncmp(err, "line ", 5) == 0, "refused at line %d: %s", r, err);
}

static void
t_parse(void)
{
	struct sla_calendar	*c;

	c = cal(H_TEXT);
	ok(!strcmp(c->zone, "Europe/Helsinki") && c->nspans[0] == 1 &&
	    c->week[0][0].from == 480 && c->week[0][0].to == 960 &&
	    c->nspans[5] == 1 && c->week[5][0].from == 600 &&
	    c->nspans[6] == 0 && c->nholidays == 2 &&
	    c->holidays[0] < c->holidays[1],
	    "a calendar's text: zone, hours, holidays sorted");
	c = cal(T_TEXT);
	ok(c->nspans[5] == 1 && c->nspans[6] == 1 && c->nspans[0] == 1 &&
	    c->nspans[2] == 1 && c->nspans[3] == 1 &&
	    c->week[3][0].to == 720 && c->nspans[4] == 0,
	    "sat-wed wraps the week; Friday stays closed");
	c = cal("zone UTC\nmon,wed 13:00-17:00 08:00-12:00\n");
	ok(c->nspans[0] == 2 && c->week[0][0].from == 480 &&
	    c->week[0][1].from == 780 && c->nspans[1] == 0 &&
	    c->nspans[2] == 2, "a list of days, two intervals, kept in order");
	ok(sla_zone_valid("America/New_York") && !sla_zone_valid("Mars/Olympus")
	    && !sla_zone_valid("") && !sla_zone_valid("../../etc/passwd"),
	    "zone names are checked against the time-zone data");

	bad_text("mon-fri 08:00-16:00\n", 1, "no zone line");
	bad_text("zone Europe/Helsinky\n", 1, "unknown time zone");
	bad_text("zone\n", 1, "expected a time zone");
	bad_text("zone UTC\nzone UTC\n", 2, "twice");
	bad_text("zone UTC\n\nmon-fry 08:00-16:00\n", 3, "expected weekdays");
	bad_text("zone UTC\nmon, 08:00-16:00\n", 2, "expected weekdays");
	bad_text("zone UTC\nmon 8:00-16:00\n", 2, "expected hours");
	bad_text("zone UTC\nmon\n", 2, "expected hours such as 08:00-16:00");
	bad_text("zone UTC\nmon 16:00-08:00\n", 2, "end after it opens");
	bad_text("zone UTC\nmon 08:00-25:00\n", 2, "no such time of day");
	bad_text("zone UTC\nmon 08:60-09:00\n", 2, "no such time of day");
	bad_text("zone UTC\nmon 24:00-24:00\n", 2, "cannot open at 24:00");
	bad_text("zone UTC\nmon 08:00-16:00\nmon-fri 12:00-18:00\n", 3,
	    "12:00-18:00 overlaps 08:00-16:00 on mon");
	bad_text("zone UTC\nmon 00:00-01:00 01:00-02:00 02:00-03:00 "
	    "03:00-04:00 04:00-05:00 05:00-06:00 06:00-07:00 07:00-08:00 "
	    "08:00-09:00\n", 2, "more than 8 intervals on mon");
	bad_text("zone UTC\nholiday 2026-02-30\n", 2, "no such date");
	bad_text("zone UTC\nholiday 2026-13-01\n", 2, "no such date");
	bad_text("zone UTC\nholiday 26-12-24\n", 2, "expected a date");
	bad_text("zone UTC\nholiday 2026-12-24 2026-12-25\n", 2,
	    "expected a date");
	bad_text("zone UTC\nalways 08:00-16:00\n", 2, "always takes nothing");
	bad_text("zone UTC\nmon 08:00-\x01" "16:00\n", 2, "control character");
}

/*
 * Damaged text never crashes the parser: each of thousands of copies of
 * a good calendar with a few bytes changed either parses or is refused
 * naming one of its lines (the NUL among the bytes cuts it short).
 */
static void
t_damaged(void)
{
	struct sla_calendar	*c;
	char			 text[sizeof(H_TEXT)], err[200];
	uint32_t		 x = 777;
	int			 i, k, r, lines, bad = 0, refused = 0;

	for (i = 0; i < 5000; i++) {
		memcpy(text, H_TEXT, sizeof(text));
		for (k = 0; k < 1 + i % 4; k++) {
			x = x * 1103515245u + 12345u;
			text[(x >> 8) % (sizeof(text) - 1)] =
			    (char)(i % 3 ? ":-, 0129\n#z"[(x >> 20) % 12] :
			    (char)(1 + (x >> 20) % 255));
		}
		for (lines = 1, k = 0; text[k] != '\0'; k++)
			lines += text[k] == '\n';
		c = NULL;
		err[0] = '\0';
		r = sla_parse(A, text, &c, err, sizeof(err));
		refused += r != 0;
		if (r == 0 ? c == NULL : (r < 1 || r > lines || c != NULL ||
		    strncmp(err, "line ", 5) != 0))
			bad++;
	}
	ok(bad == 0 && refused > 0 && refused < 5000,
	    "damaged calendars: parsed or refused at one of their lines "
	    "(%d of 5000 refused, %d wrong)", refused, bad);
}

static void
t_hours(void)
{
	struct sla_calendar	*h = cal(H_TEXT), *w = cal(W_TEXT);

	/* Tue 1 Dec 10:30 EET = 08:30Z; 4 h later 14:30 EET = 12:30Z. */
	due_is(h, 1796113800, 240, NULL, 0, 1796128200, "within one day");
	/* Tue 14:00 EET = 12:00Z: 2 h to 16:00, 2 h Wednesday from 08:00,
	 * so Wed 2 Dec 10:00 EET = 08:00Z. */
	due_is(h, 1796126400, 240, NULL, 0, 1796198400, "into the next day");
	/* Fri 4 Dec 15:00 EET = 13:00Z: 1 h Friday, 3 h of Saturday's
	 * 10-14: Sat 13:00 EET = 11:00Z. */
	due_is(h, 1796389200, 240, NULL, 0, 1796468400, "into Saturday hours");
	/* The same without Saturdays: 3 h on Monday, Mon 7 Dec 11:00 EET
	 * = 09:00Z. */
	due_is(w, 1796389200, 240, NULL, 0, 1796634000, "over the weekend");
	/* Wed 23 Dec 15:00 EET = 13:00Z, 8 h: 1 h Wednesday; Thursday 24
	 * and Friday 25 are holidays; Sat 26 10-14 gives 4; Sunday closed;
	 * 3 h of Monday 28: 11:00 EET = 09:00Z. */
	due_is(h, 1798030800, 480, NULL, 0, 1798448400,
	    "over a Friday holiday before the weekend");
	/* Without Saturdays: 7 h on Monday 28, 15:00 EET = 13:00Z. */
	due_is(w, 1798030800, 480, NULL, 0, 1798462800,
	    "over a Friday holiday and the weekend, no Saturday hours");
	/* Mon 30 Nov 08:00 EET = 06:00Z, 40 h: all of Monday to Friday,
	 * due at Friday's closing, Fri 4 Dec 16:00 EET = 14:00Z (not
	 * Monday's opening). */
	due_is(w, 1796018400, 2400, NULL, 0, 1796392800,
	    "40 business hours over five days, due at closing");
	/* 41 h with Saturdays: Sat 5 Dec 11:00 EET = 09:00Z. */
	due_is(h, 1796018400, 2460, NULL, 0, 1796461200,
	    "41 business hours into Saturday");
	/* Before opening: Tue 05:00 EET = 03:00Z, 1 h: 09:00 EET = 07:00Z. */
	due_is(h, 1796094000, 60, NULL, 0, 1796108400, "start before opening");
	/* After closing: Tue 18:00 EET = 16:00Z: Wed 09:00 EET = 07:00Z. */
	due_is(h, 1796140800, 60, NULL, 0, 1796194800, "start after closing");
	/* On a holiday: Thu 24 Dec 09:00 EET = 07:00Z, 1 h: the next open
	 * hour is Monday 28 08:00-09:00 EET, 09:00 EET = 07:00Z. */
	due_is(w, 1798095600, 60, NULL, 0, 1798441200, "start on a holiday");
	/* On a Sunday: Sun 6 Dec 12:00 EET = 10:00Z, 30 min: Mon 08:30 EET
	 * = 06:30Z. */
	due_is(h, 1796551200, 30, NULL, 0, 1796625000, "start on a Sunday");
	/* A target of 0 is due at once, even when closed (Sunday). */
	due_is(h, 1796551200, 0, NULL, 0, 1796551200, "zero target");

	/* Elapsed, the other way: Monday 08:00 to Friday 16:00 EET is 40 h,
	 * and Wed 15:00 EET before Christmas to Mon 28 11:00 EET is 8 h. */
	elapsed_is(w, 1796018400, 1796392800, NULL, 0, 144000,
	    "elapsed Monday to Friday");
	elapsed_is(h, 1798030800, 1798448400, NULL, 0, 28800,
	    "elapsed over the Friday holiday");
	/* Closed all the time between: Tue 18:00 to Wed 07:30 EET. */
	elapsed_is(h, 1796140800, 1796189400, NULL, 0, 0,
	    "elapsed while closed");
	/* Inside one interval, 10:15 to 10:25 EET: 600 s. */
	elapsed_is(h, 1796112900, 1796113500, NULL, 0, 600,
	    "elapsed in seconds");
}

static void
t_dst(void)
{
	struct sla_calendar	*w = cal(W_TEXT), *t = cal(T_TEXT), *c;

	/* Spring, Helsinki: Fri 27 Mar 15:00 EET = 13:00Z, 2 h: 1 h
	 * Friday, then Mon 30 Mar 09:00 EEST = 06:00Z (one hour earlier in
	 * UTC than Friday's 09:00 would be). */
	due_is(w, 1774616400, 120, NULL, 0, 1774850400,
	    "Helsinki, over the March change");
	elapsed_is(w, 1774616400, 1774850400, NULL, 0, 7200,
	    "Helsinki, elapsed over the March change");
	/* Autumn: Fri 23 Oct 15:00 EEST = 12:00Z, 2 h: Mon 26 Oct 09:00
	 * EET = 07:00Z. */
	due_is(w, 1792756800, 120, NULL, 0, 1792998000,
	    "Helsinki, over the October change");

	/* Around the clock in Helsinki: Sun 29 Mar 01:00 EET = Sat 23:00Z,
	 * 3 h of real time is 02:00Z (05:00 EEST; counting the wall clock
	 * would say 04:00 EEST = 01:00Z). */
	c = cal("zone Europe/Helsinki\nalways\n");
	due_is(c, 1774738800, 180, NULL, 0, 1774749600,
	    "24/7 over the spring gap is real time");
	/* Sun 25 Oct 01:00 EEST = Sat 22:00Z, 3 h: 01:00Z. */
	due_is(c, 1792879200, 180, NULL, 0, 1792890000,
	    "24/7 over the autumn repeat is real time");
	/* Whole local days: 29 March is 23 h (28 Mar 22:00Z to 29 Mar
	 * 21:00Z), 25 October 25 h (24 Oct 21:00Z to 25 Oct 22:00Z). */
	elapsed_is(c, 1774735200, 1774818000, NULL, 0, 82800,
	    "the spring Sunday has 23 hours");
	elapsed_is(c, 1792875600, 1792965600, NULL, 0, 90000,
	    "the autumn Sunday has 25 hours");

	/* Sunday 02:00-05:00: on 29 Mar 02:00 EET = 00:00Z to 05:00 EEST =
	 * 02:00Z, 2 h; on 25 Oct 02:00 EEST = 24 Oct 23:00Z to 05:00 EET =
	 * 03:00Z, 4 h (weekends 28-30 Mar and 24-26 Oct, 00:00Z). */
	c = cal("zone Europe/Helsinki\nsun 02:00-05:00\n");
	elapsed_is(c, 1774656000, 1774828800, NULL, 0, 7200,
	    "hours across the spring gap are shorter");
	elapsed_is(c, 1792800000, 1792972800, NULL, 0, 14400,
	    "hours across the autumn repeat are longer");
	/* Opening at 03:30, a time 29 March skips: it opens when the clocks
	 * jump, 04:00 EEST = 01:00Z, until 05:00 EEST = 02:00Z; 30 min from
	 * Saturday 12:00Z is 01:30Z.  On 25 Oct 03:30 happens twice: the
	 * first one counts, 03:30 EEST = 00:30Z, to 05:00 EET = 03:00Z. */
	c = cal("zone Europe/Helsinki\nsun 03:30-05:00\n");
	elapsed_is(c, 1774656000, 1774828800, NULL, 0, 3600,
	    "a skipped opening time opens at the jump");
	due_is(c, 1774699200, 30, NULL, 0, 1774747800,
	    "due after a skipped opening time");
	elapsed_is(c, 1792800000, 1792972800, NULL, 0, 9000,
	    "a repeated opening time is its first occurrence");
	due_is(c, 1792800000, 1, NULL, 0, 1792888260,
	    "due after a repeated opening time (00:30Z + 1 min)");

	/* Tehran, 2021 (summer time from 22 Mar): Sun 21 Mar 15:00 +0330 =
	 * 11:30Z, 2 h: Mon 22 Mar 09:00 +0430 = 04:30Z. */
	due_is(t, 1616326200, 120, NULL, 0, 1616387400,
	    "Tehran 2021: summer time begins");
	/* Tue 21 Sep 2021 15:00 +0430 = 10:30Z, 2 h: Wed 22 Sep 09:00
	 * +0330 = 05:30Z. */
	due_is(t, 1632220200, 120, NULL, 0, 1632288600,
	    "Tehran 2021: summer time ends");
	/* 2023, no summer time any more: Tue 21 Mar 15:00 +0330 = 11:30Z,
	 * 2 h: Wed 22 Mar 09:00 +0330 = 05:30Z. */
	due_is(t, 1679398200, 120, NULL, 0, 1679463000,
	    "Tehran 2023: no summer time");
	/* Thu 23 Mar 2023 11:00 +0330 = 07:30Z, 2 h: 1 h Thursday, Friday
	 * closed, Sat 25 Mar 09:00 +0330 = 05:30Z. */
	due_is(t, 1679556600, 120, NULL, 0, 1679722200,
	    "Tehran: the weekend is Friday");
}

static void
t_pauses(void)
{
	struct sla_calendar	*w = cal(W_TEXT);
	struct sla_pause	 p[2];

	/* Tue 10:00 EET = 08:00Z, 6 h, paused from Tue 15:00 EET = 13:00Z
	 * to Wed 18:00 EET = 16:00Z (after closing): 5 h Tuesday, nothing
	 * Wednesday, Thu 09:00 EET = 07:00Z. */
	p[0] = (struct sla_pause){ 1796130000, 1796227200 };
	due_is(w, 1796112000, 360, p, 1, 1796281200,
	    "a pause ending after closing");
	/* Tue 07:00 EET = 05:00Z, 6 h, paused from 06:00 EET = 04:00Z (before
	 * both the start and opening) to 11:00 EET = 09:00Z: 11-16 is 5 h,
	 * then Wed 09:00 EET = 07:00Z. */
	p[0] = (struct sla_pause){ 1796097600, 1796115600 };
	due_is(w, 1796101200, 360, p, 1, 1796194800,
	    "a pause starting before opening");
	elapsed_is(w, 1796101200, 1796194800, p, 1, 21600,
	    "elapsed less a pause");
	/* Unsorted, overlapping pauses 12-14 and 11-13 EET (10-12Z, 9-11Z),
	 * from 10:00 EET, 3 h: 10-11 and 14-16, due at 16:00 EET = 14:00Z. */
	p[0] = (struct sla_pause){ 1796119200, 1796126400 };
	p[1] = (struct sla_pause){ 1796115600, 1796122800 };
	due_is(w, 1796112000, 180, p, 2, 1796133600,
	    "overlapping pauses in any order");
	/* A pause still going on, from Tue 12:00 EET = 10:00Z: 1 h from
	 * 10:00 EET is due at 09:00Z; 2 h just at the pause; 4 h never. */
	p[0] = (struct sla_pause){ 1796119200, SLA_OPEN };
	due_is(w, 1796112000, 60, p, 1, 1796115600, "before an open pause");
	due_is(w, 1796112000, 120, p, 1, 1796119200, "up to an open pause");
	{
		int64_t	 d = 0;

		ok(sla_due(w, 1796112000, 240, p, 1, &d) == SLA_EPAUSED,
		    "an open pause stops the clock: no due time");
		ok(sla_due(w, 1796133600, 1, p, 1, &d) == SLA_EPAUSED,
		    "starting inside an open pause: no due time");
		p[1] = (struct sla_pause){ 10, 5 };
		ok(sla_due(w, 1796112000, 60, p + 1, 1, &d) == SLA_EINVAL &&
		    sla_elapsed(w, 1, 2, p + 1, 1, &d) == SLA_EINVAL,
		    "a pause ending before it starts is refused");
	}
	/* Elapsed to Thu 10:00 EET = 08:00Z with the open pause: 2 h. */
	elapsed_is(w, 1796112000, 1796284800, p, 1, 7200,
	    "elapsed stops at an open pause");

	/* Around the clock in UTC: 90 min from 08:30Z is 10:00Z; with 10
	 * minutes paused (09:00-09:10Z), 10:10Z. */
	due_is(sla_always(), 1796113800, 90, NULL, 0, 1796119200, "24/7");
	p[0] = (struct sla_pause){ 1796115600, 1796116200 };
	due_is(sla_always(), 1796113800, 90, p, 1, 1796119800,
	    "24/7 with a pause");
}

static void
t_errors(void)
{
	struct sla_calendar	*c = cal("zone Europe/Helsinki\n"
	    "holiday 2026-12-24\n");
	int64_t			 d = 42;

	ok(sla_due(c, 1796113800, 60, NULL, 0, &d) == SLA_ENEVER && d == 42,
	    "a calendar never open: an error, at once");
	ok(sla_elapsed(c, 1796113800, 1796200000, NULL, 0, &d) == SLA_OK &&
	    d == 0, "a calendar never open: nothing elapses");
	ok(sla_due(sla_always(), 1796113800, -1, NULL, 0, &d) == SLA_EINVAL,
	    "a negative target is refused");
	ok(sla_due(sla_always(), 1796113800, 100000000, NULL, 0, &d) ==
	    SLA_EINVAL, "a target of centuries is refused");
	ok(sla_elapsed(sla_always(), 1796113800, 1796113799, NULL, 0, &d) ==
	    SLA_EINVAL, "elapsed backwards is refused");
	c = cal("zone UTC\nmon 08:00-09:00\n");
	/* One open hour a week: a year of business minutes is beyond ten
	 * years of calendar. */
	ok(sla_due(c, 1796113800, 366L * 24 * 60, NULL, 0, &d) == SLA_EFAR,
	    "a target the calendar cannot meet in ten years");
}

/*
 * The due time and the elapsed time are each other's inverse: from
 * thousands of starts and targets, elapsed(start, due) is the target
 * and a second less is not enough.
 */
static void
t_inverse(void)
{
	const struct sla_calendar	*cs[3];
	struct sla_pause		 p = { 0, 0 };
	uint32_t			 x = 12345;
	int64_t				 start, due, e1, e2;
	long				 min;
	int				 i, bad = 0, n = 3000;

	cs[0] = cal(H_TEXT);
	cs[1] = cal(T_TEXT);
	cs[2] = cal("zone America/New_York\nmon-fri 09:00-17:00\n");
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		/* 2021-01-01 to about 2027-05. */
		start = 1609459200 + (int64_t)(x % 200000000u);
		min = 1 + (long)((x >> 8) % 3000u);
		p.from = start + (int64_t)((x >> 4) % 200000u);
		p.to = p.from + (int64_t)((x >> 12) % 100000u);
		if (sla_due(cs[i % 3], start, min, &p, i % 2, &due) !=
		    SLA_OK ||
		    sla_elapsed(cs[i % 3], start, due, &p, i % 2, &e1) !=
		    SLA_OK ||
		    sla_elapsed(cs[i % 3], start, due - 1, &p, i % 2, &e2) !=
		    SLA_OK || e1 != min * 60 || e2 != min * 60 - 1) {
			if (bad++ == 0)
				printf("# start %lld, %ld min: due %lld, "
				    "elapsed %lld and %lld\n", (long long)start,
				    min, (long long)due, (long long)e1,
				    (long long)e2);
		}
	}
	ok(bad == 0, "due and elapsed agree for %d random starts (%d wrong)",
	    n, bad);
}

static void
format_is(int64_t t, const char *zone, const char *lang, const char *want)
{
	const char	*s = "";
	int		 r;

	r = sla_format(A, t, zone, lang, &s);
	ok(r == 0 && !strcmp(s, want), "%s in %s: \"%s\" (want \"%s\")",
	    lang, zone, s, want);
}

static void	t_format_kept(int64_t);

static void
t_format(void)
{
	struct sla_calendar	*h = cal(H_TEXT);
	const char		*s;
	int64_t			 due = 0;
	int			 r;

	/* Support in Helsinki, customer in New York: Tue 1 Dec 10:30 EET
	 * = 08:30Z plus 4 h is 12:30Z: 14:30 in Helsinki, 07:30 in New York
	 * (EST, UTC-5). */
	ok(sla_due(h, 1796113800, 240, NULL, 0, &due) == SLA_OK &&
	    due == 1796128200, "Helsinki hours, due 12:30Z");
	format_is(due, "Europe/Helsinki", "en",
	    "Tuesday, 1 December at 14:30");
	format_is(due, "America/New_York", "en",
	    "Tuesday, 1 December at 07:30");
	/* Tue 20:00Z is 15:00 EST. */
	format_is(1796155200, "America/New_York", "en",
	    "Tuesday, 1 December at 15:00");
	/* Late in Helsinki is the day before in New York: Wed 2 Dec 01:00
	 * EET = Tue 23:00Z = Tue 18:00 EST. */
	format_is(1796166000, "America/New_York", "en",
	    "Tuesday, 1 December at 18:00");
	format_is(due, "Europe/Helsinki", "fi",
	    "tiistai 1. joulukuuta klo 14.30");
	format_is(due, "Europe/Tallinn", "et",
	    "teisipäev, 1. detsember, kell 14:30");
	format_is(due, "Europe/Athens", "el", "Τρίτη 1 Δεκεμβρίου στις 14:30");
	format_is(due, "Asia/Shanghai", "zh", "12月1日星期二 20:30");
	/* Tehran, UTC+3:30: 16:00 on Tuesday 10 Azar 1405 of the Solar
	 * Hijri calendar, in Persian digits. */
	s = NULL;
	r = sla_format(A, due, "Asia/Tehran", "fa", &s);
	ok(r == 0 && s != NULL && HAS(s, "سه‌شنبه") && HAS(s, "۱۰") && HAS(s, "آذر") &&
	    HAS(s, "۱۶:۰۰") && !HAS(s, "16") && !HAS(s, "دسامبر"),
	    "fa in Asia/Tehran: \"%s\" (Tuesday 10 Azar, 16:00, Persian "
	    "digits)", s ? s : "");
	ok(sla_format(A, due, "Mars/Olympus", "en", &s) == -1 &&
	    sla_format(A, due, "UTC", "xx", &s) == -1,
	    "an unknown zone or language is refused");
	/* A message's time: the year, no weekday; in turn with the due
	 * time's form, each from its own kept formatter. */
	s = NULL;
	r = sla_format_date(A, due, "Europe/Helsinki", "en", &s);
	ok(r == 0 && s != NULL && HAS(s, "2026") && HAS(s, "14:30") &&
	    !HAS(s, "Tuesday"), "a date with its year: \"%s\"", s ? s : "");
	format_is(due, "Europe/Helsinki", "en",
	    "Tuesday, 1 December at 14:30");
	s = NULL;
	r = sla_format_date(A, due, "Asia/Tehran", "fa", &s);
	ok(r == 0 && s != NULL && HAS(s, "۱۴۰۵") && HAS(s, "۱۶:۰۰"),
	    "fa: the Solar Hijri year in Persian digits: \"%s\"",
	    s ? s : "");
	ok(sla_format_date(A, due, "Mars/Olympus", "en", &s) == -1,
	    "a date in an unknown zone is refused");
	t_format_kept(due);
}

/*
 * The strings kept from earlier formats answer only for their own
 * language, zone and instant: in turn, and over more instants than are
 * kept (each minute of an evening, twice, the second time backwards),
 * each is that minute's.
 */
static void
t_format_kept(int64_t due)
{
	const char	*s;
	char		 want[64];
	int		 i, pass, bad = 0;

	for (i = 0; i < 3; i++) {
		format_is(due, "Europe/Helsinki", "en",
		    "Tuesday, 1 December at 14:30");
		format_is(due, "America/New_York", "en",
		    "Tuesday, 1 December at 07:30");
		format_is(due, "Europe/Helsinki", "fi",
		    "tiistai 1. joulukuuta klo 14.30");
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < 560; i++) {
			int	k = pass == 0 ? i : 559 - i;

			snprintf(want, sizeof(want),
			    "Tuesday, 1 December at %02d:%02d",
			    14 + (30 + k) / 60, (30 + k) % 60);
			if (sla_format(A, due + k * 60, "Europe/Helsinki",
			    "en", &s) != 0 || strcmp(s, want) != 0)
				bad++;
		}
	ok(bad == 0, "560 minutes formatted twice, each its own (%d wrong)",
	    bad);
}

static double
secs_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Not asserted: a figure for the log. */
static void
t_speed(void)
{
	struct sla_calendar	*h = cal(H_TEXT);
	int64_t			 due, sum = 0;
	double			 t0, t;
	int			 i, n = 5000, r = SLA_OK;

	t0 = secs_now();
	for (i = 0; i < n && r == SLA_OK; i++) {
		r = sla_due(h, 1796018400 + i * 60, 2400, NULL, 0, &due);
		sum += due - 1796018400;
	}
	t = secs_now() - t0;
	ok(r == SLA_OK && sum > 0, "%d due times of 40 business hours", n);
	printf("# %.0f due times of 40 business hours per second\n",
	    t > 0 ? n / t : 0.0);
}

int
main(void)
{
	UErrorCode	 st = U_ZERO_ERROR;

	/* The process's own zone must not matter. */
	setenv("TZ", "Pacific/Kiritimati", 1);
	tzset();
	A = arena_new();
	printf("# ICU time-zone data %s\n", ucal_getTZDataVersion(&st));
	t_parse();
	t_damaged();
	t_hours();
	t_dst();
	t_pauses();
	t_errors();
	t_inverse();
	t_format();
	t_speed();
	arena_free(A);
	return tap_done();
}
