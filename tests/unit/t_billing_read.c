/*
 * Unit tests: the billing import's readers (billing_read.c) and its
 * checks of one row's text (billing_check.c and billing_import.c,
 * included for their static functions): RFC 4180 quoting, line numbers
 * across quoted line breaks, CRLF, a byte-order mark, header errors;
 * JSON Lines values; dates, decimals and shapes.  No database.
 */
#include "config.h"

#include <string.h>

#include "portico.h"
#include "tap.h"

#include "../../src/billing_check.c"
#include "../../src/billing_import.c"

static struct billing_file
read_text(const char *text, bool jsonl)
{
	struct billing_file	bf;

	memset(&bf, 0, sizeof(bf));
	bf.arena = arena_new();
	billing_read(&bf, text, strlen(text), jsonl);
	return bf;
}

static bool
err_is(const struct billing_file *bf, size_t i, size_t line, const char *why)
{
	return bf->nerrs > i && bf->errs[i].line == line &&
	    strstr(bf->errs[i].why, why) != NULL;
}

static void
csv(void)
{
	struct billing_file	bf;

	bf = read_text("\xEF\xBB\xBFtype,description,line_no\r\n"
	    "invoice-line,\"a, \"\"quoted\"\"\r\nsecond line\",1\r\n"
	    "\r\n"
	    "invoice-line,=SUM(A1),2\r\n"
	    "invoice-line,,3", false);
	ok(bf.nerrs == 0 && bf.nrows == 3, "CSV with a BOM, CRLF, a blank line "
	    "and no final line break: 3 rows, no error (%zu, %zu)", bf.nrows,
	    bf.nerrs);
	ok(bf.nrows == 3 && !strcmp(bf.rows[0].f[BF_DESCRIPTION],
	    "a, \"quoted\"\r\nsecond line"), "a quoted field keeps its comma, "
	    "its doubled quotes and its line break");
	ok(bf.nrows == 3 && bf.rows[0].line == 2 && bf.rows[1].line == 5 &&
	    bf.rows[2].line == 6, "line numbers count the quoted line break "
	    "and the blank line (%zu %zu %zu)", bf.rows[0].line,
	    bf.rows[1].line, bf.rows[2].line);
	ok(bf.nrows == 3 && !strcmp(bf.rows[1].f[BF_DESCRIPTION], "=SUM(A1)"),
	    "a formula-like cell is text");
	ok(bf.nrows == 3 && bf.rows[2].f[BF_DESCRIPTION] == NULL,
	    "an empty cell is an absent field");
	arena_free(bf.arena);

	bf = read_text("type,colour\nservice,blue\n", false);
	ok(err_is(&bf, 0, 1, "unknown field \"colour\"") && bf.nrows == 0,
	    "an unknown column refuses the file at line 1");
	arena_free(bf.arena);
	bf = read_text("type,plan,plan\n", false);
	ok(err_is(&bf, 0, 1, "\"plan\" twice"), "a column named twice");
	arena_free(bf.arena);
	bf = read_text("ext_id,plan\nx,y\n", false);
	ok(err_is(&bf, 0, 1, "no \"type\" column"), "no type column");
	arena_free(bf.arena);

	bf = read_text("type,description\n"
	    "invoice-line,\"open\nand never closed\n", false);
	ok(err_is(&bf, 0, 2, "opened on line 2 is not closed"),
	    "an unclosed quote names the line it opened on");
	arena_free(bf.arena);
	bf = read_text("type,description\ninvoice-line,a\"b\n"
	    "invoice-line,\"a\"b\ninvoice-line,x,y\ninvoice-line,\xff\xfe\n"
	    "invoice-line,ok\n", false);
	ok(err_is(&bf, 0, 2, "a quote inside an unquoted field") &&
	    err_is(&bf, 1, 3, "text after a closing quote") &&
	    err_is(&bf, 2, 4, "3 fields, the header has 2") &&
	    err_is(&bf, 3, 5, "description: not valid UTF-8") &&
	    bf.nrows == 2 && bf.rows[0].bad && !bf.rows[1].bad &&
	    bf.rows[1].line == 6,
	    "each bad record is reported on its line and reading goes on "
	    "(%zu errors, %zu rows)", bf.nerrs, bf.nrows);
	arena_free(bf.arena);
	bf = read_text("type,description\ninvoice-line,\"a\"\rb\n", false);
	ok(bf.nerrs == 1, "a lone carriage return after a field is refused");
	arena_free(bf.arena);
}

static void
jsonl(void)
{
	struct billing_file	bf;

	bf = read_text("{\"type\": \"allocation\", \"line_no\": 7, "
	    "\"amount\": \"12.50\", \"invoice_id\": null}\n"
	    "\n"
	    "{\"type\": \"allocation\", \"amount\": 12.5}\n"
	    "{\"type\": \"allocation\", \"amount\": true}\n"
	    "{\"type\": \"x\"} trailing\n"
	    "[1]\n"
	    "{\"type\": \"x\", \"description\": \"\\u0000\"}\n", true);
	ok(bf.nrows >= 1 && !strcmp(bf.rows[0].f[BF_LINE_NO], "7") &&
	    !strcmp(bf.rows[0].f[BF_AMOUNT], "12.50") &&
	    bf.rows[0].f[BF_INVOICE_ID] == NULL && !bf.rows[0].bad,
	    "JSON: an integer becomes its digits, a string its text, null "
	    "an absent field");
	ok(err_is(&bf, 0, 3, "a decimal must be a string"),
	    "a JSON number with a fraction is refused (no floating point)");
	ok(err_is(&bf, 1, 4, "amount: must be a string"), "a boolean is "
	    "refused");
	ok(err_is(&bf, 2, 5, "text after it") || err_is(&bf, 2, 5,
	    "not one JSON object"), "text after the object is refused");
	ok(err_is(&bf, 3, 6, "not a JSON object"), "an array is refused");
	ok(err_is(&bf, 4, 7, "NUL"), "a NUL inside a string is refused");
	arena_free(bf.arena);
	bf = read_text("\xEF\xBB\xBF{\"type\": \"quote\"}\r\n", true);
	ok(bf.nerrs == 0 && bf.nrows == 1 && !strcmp(bf.rows[0].f[BF_TYPE],
	    "quote"), "JSON Lines: a byte-order mark and CRLF are the "
	    "writer's");
	arena_free(bf.arena);
}

static void
values(void)
{
	struct arena	*a = arena_new();
	int64_t		 v = 0;

	ok(billing_day_valid("2024-02-29") && !billing_day_valid("2026-02-29")
	    && !billing_day_valid("2026-13-01") && !billing_day_valid(
	    "2026-1-01") && !billing_day_valid("2026-01-011"),
	    "days: leap years, months, exactly YYYY-MM-DD");
	ok(datetime_sql(a, "2026-01-01 09:30") && !strcmp(datetime_sql(a,
	    "2026-01-01T09:30:15"), "2026-01-01 09:30:15") &&
	    datetime_sql(a, "2026-01-01 24:00") == NULL,
	    "an order's time: minutes or seconds, a space or T");
	ok(fixed_parse("1.5", 3, 1000000, &v) && v == 1500 &&
	    !fixed_parse("1.5555", 3, 1000000, &v) &&
	    !fixed_parse("-1", 3, 1000000, &v) && !fixed_parse("1.", 3,
	    1000000, &v) && !fixed_parse(".5", 3, 1000000, &v),
	    "quantities: at most 3 decimals, no sign, digits on both sides");
	ok(fixed_parse("25.5", 2, 10000, &v) && v == 2550 &&
	    !fixed_parse("100.01", 2, 10000, &v), "tax rates: 25.5 %% is "
	    "2550 basis points, above 100 %% refused");
	ok(valid_number("INV-2026.001_a") && !valid_number(".hidden") &&
	    !valid_number("A/B") && !valid_number("Ä1"),
	    "document numbers are safe in an address");
	arena_free(a);
}

static const char *
shape_of(const char *text)
{
	struct billing_file	bf = read_text(text, false);
	struct run		u;
	const char		*why = NULL;

	memset(&u, 0, sizeof(u));
	u.bf = &bf;
	u.a = bf.arena;
	if (bf.nrows == 1) {
		check_row(&u, &bf.rows[0]);
		why = bf.nerrs ? strdup(bf.errs[0].why) : NULL;
	} else if (bf.nrows == 2) {
		check_row(&u, &bf.rows[0]);
		check_row(&u, &bf.rows[1]);
		why = bf.nerrs ? strdup(bf.errs[0].why) : NULL;
	}
	arena_free(bf.arena);
	return why;
}

static void
rows(void)
{
	const char	*why;

	ok(shape_of("type,ext_id,account,date,method,amount,currency\n"
	    "payment,p1,NW-1,2026-01-01,card,12.50,EUR\n") == NULL,
	    "a good payment row");
	why = shape_of("type,ext_id,account,date,amount,currency\n"
	    "payment,p1,NW-1,2026-01-01,12.50,EUR\n");
	ok(why && strstr(why, "payment rows need method"), "a missing field "
	    "is named (%s)", why ? why : "");
	why = shape_of("type,ext_id,account,date,method,amount,currency,plan\n"
	    "payment,p1,NW-1,2026-01-01,card,12.50,EUR,Gold\n");
	ok(why && strstr(why, "payment rows have no plan"), "a field of "
	    "another type is refused (%s)", why ? why : "");
	why = shape_of("type,ext_id,account,date,method,amount,currency\n"
	    "payment,p1,NW-1,2026-01-01,card,12.5,JPY\n");
	ok(why && strstr(why, "not a whole amount of JPY"), "yen have no "
	    "decimals (%s)", why ? why : "");
	why = shape_of("type,ext_id,account,date,method,amount,currency\n"
	    "payment,p1,NW-1,2026-01-01,card,0.00,EUR\n");
	ok(why && strstr(why, "must be above 0"), "a payment of nothing");
	why = shape_of("type,ext_id,account,date,kind,amount,currency\n"
	    "credit,c1,NW-1,2026-01-01,adjustment,-1.005,EUR\n");
	ok(why && strstr(why, "at most 2 decimals, no rounding"),
	    "an amount is never rounded (%s)", why ? why : "");
	why = shape_of("type,ext_id,account,date,method,amount,currency\n"
	    "payment,p1,NW-1,2026-01-01,card,1.00,EUR\n"
	    "payment,p1,NW-1,2026-01-02,card,2.00,EUR\n");
	ok(why && strstr(why, "the same ext_id as line 2"), "an ext_id twice "
	    "in a file (%s)", why ? why : "");
	why = shape_of("type,invoice_id,line_no,description,price\n"
	    "invoice-line,i1,1,A,1.00\ninvoice-line,i1,1,B,2.00\n");
	ok(why && strstr(why, "the same line as line 2"), "a line twice");
	why = shape_of("type,ext_id,account,product,status,cycle,currency,"
	    "price,label\nservice,s1,NW-1,Web,active,monthly,EUR,1.00,"
	    "\"a\tb\"\n");
	ok(why && strstr(why, "control character"), "a label with a tab");
}

int
main(void)
{
	csv();
	jsonl();
	values();
	rows();
	return tap_done();
}
