/*
 * Unit tests: incoming mail parsed by mail_parse(), on the corpus of
 * real-world shaped messages in tests/mail/ (Outlook, Gmail and Apple
 * Mail structures, RFC 2047 subjects in Chinese, Persian and Greek,
 * base64 and quoted-printable bodies in several charsets, HTML only, an
 * inline image, a file named in GB2312, an auto-reply, a bounce).
 */
#include "config.h"

#include "portico.h"
#include "tap.h"

static char *
slurp(struct arena *a, const char *name, size_t *len)
{
	char	*path = arena_printf(a, "%s/tests/mail/%s", srcdir(), name);
	char	*p;
	FILE	*f;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = arena_alloc(a, (size_t)n + 1);
	*len = fread(p, 1, (size_t)n, f);
	p[*len] = '\0';
	fclose(f);
	return p;
}

static int
parse(struct arena *a, const char *name, struct mail_msg *m)
{
	size_t	 len;
	char	*raw = slurp(a, name, &len);

	return mail_parse(a, raw, len, 5, m);
}

static bool
has(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static bool
rcpt(const struct mail_msg *m, const char *addr)
{
	size_t	i;

	for (i = 0; i < m->nrcpts; i++)
		if (!strcmp(m->rcpts[i], addr))
			return true;
	return false;
}

static void
t_plain_encodings(struct arena *a)
{
	struct mail_msg	m;

	ok(parse(a, "new-zh-base64.eml", &m) == 0, "zh: parsed");
	ok(!strcmp(m.subject, "无法登录控制面板"),
	    "zh: the base64 RFC 2047 subject is decoded: %s", m.subject);
	ok(has(m.text, "从昨天开始我无法登录控制面板") && !has(m.text, "\r"),
	    "zh: the base64 body is decoded, LF line ends");
	ok(!strcmp(m.from, "olivia@aurora.example") &&
	    !strcmp(m.from_name, "欧丽维亚"), "zh: the sender and its name");
	ok(!strcmp(m.message_id, "fixture-zh-base64.1@aurora.example"),
	    "zh: the Message-ID without brackets");
	ok(m.autokind == MAIL_HUMAN && m.nfiles == 0 && !m.from_html,
	    "zh: a person's mail, no files");
	ok(rcpt(&m, "support@northwind.example"), "zh: Delivered-To is read");

	ok(parse(a, "new-fa-qp.eml", &m) == 0, "fa: parsed");
	ok(!strcmp(m.subject, "مشکل در پرداخت صورتحساب"),
	    "fa: a subject of two Q-encoded words joins: %s", m.subject);
	ok(has(m.text, "صورتحساب ماه گذشته دو بار از کارت من کسر شده است."),
	    "fa: the quoted-printable body is decoded whole");
	ok(rcpt(&m, "support+billing@northwind.example"),
	    "fa: the address with its +department");

	ok(parse(a, "attachment-charset.eml", &m) == 0, "el: parsed");
	ok(!strcmp(m.subject, "Αρχείο καταγραφής"),
	    "el: an ISO-8859-7 base64 subject: %s", m.subject);
	ok(has(m.text, "επισυνάπτω το αρχείο καταγραφής"),
	    "el: the ISO-8859-7 body, as UTF-8");
	ok(m.nfiles == 1 && !strcmp(m.files[0].name, "服务器日志.txt"),
	    "a file named in GB2312 (RFC 2047 in the parameter): %s",
	    m.nfiles ? m.files[0].name : "none");
	ok(m.nfiles == 1 && m.files[0].len == 35 &&
	    !memcmp(m.files[0].data, "2026-11-30 14:00:01 ", 20),
	    "... its bytes as sent (GB18030 text, not converted)");
}

static void
t_structures(struct arena *a)
{
	struct mail_msg	m;
	size_t		i;
	bool		png = false, pdf = false;

	ok(parse(a, "outlook-related.eml", &m) == 0, "outlook: parsed");
	ok(has(m.text, "Our invoice INV-2026-114 shows the wrong VAT number") &&
	    has(m.text, "Ben Ström") && !m.from_html,
	    "outlook: the windows-1252 text/plain of the alternative");
	ok(!has(m.text, "MsoNormal") && !has(m.text, "<p"),
	    "outlook: nothing of the HTML alternative");
	ok(!strcmp(m.from_name, "Ben Ström"), "outlook: an ISO-8859-1 name");
	for (i = 0; i < m.nfiles; i++) {
		if (!strcmp(m.files[i].name, "image001.png") &&
		    m.files[i].cid != NULL &&
		    !strcmp(m.files[i].cid, "image001.png@01DB4C2A.5E3F1B20"))
			png = true;
		if (!strcmp(m.files[i].name, "Lasku-ALV-määrä.pdf") &&
		    !memcmp(m.files[i].data, "%PDF-1.4", 8))
			pdf = true;
	}
	ok(m.nfiles == 2 && png, "outlook: the inline image with its Content-ID");
	ok(pdf, "outlook: the attachment, named by RFC 2231 in UTF-8");

	ok(parse(a, "inline-image.eml", &m) == 0, "apple: parsed");
	ok(has(m.text, "The control panel shows this error") &&
	    !has(m.text, "<img") && !m.from_html,
	    "apple: the text/plain of the alternative");
	ok(m.nfiles == 1 && !strcmp(m.files[0].name, "screenshot.jpg") &&
	    m.files[0].cid && !strcmp(m.files[0].cid,
	    "0A1B2C3D-screenshot@apple") && m.files[0].len == 91,
	    "apple: the image inside the HTML's multipart/related is kept");

	ok(parse(a, "reply-in-reply-to.eml", &m) == 0, "gmail: parsed");
	ok(has(m.text, "Thanks, that worked!") && !has(m.text, "gmail_quote"),
	    "gmail: the text/plain alternative");
	ok(m.nrefs == 2 && !strcmp(m.refs[0], "@@MSGID@@"),
	    "gmail: In-Reply-To first, then References");
}

static void
t_html(struct arena *a)
{
	struct mail_msg	m;

	ok(parse(a, "html-only.eml", &m) == 0, "html: parsed");
	ok(m.from_html, "html: the text was read from HTML");
	ok(!strcmp(m.subject, "Sähköposti ei kulje"), "html: the subject");
	ok(has(m.text, "Sähköposti ei kulje\nHei, postimme ei ole kulkenut "
	    "eilisestä asti."), "html: blocks are lines, inline is inline: %s",
	    m.text);
	ok(!has(m.text, "alert") && !has(m.text, "color:red") &&
	    !has(m.text, "ignored title"),
	    "html: no script, style or title text");
	ok(!has(m.text, "<b>") && !has(m.text, "<img") && !has(m.text, "<p>"),
	    "html: no markup");
	ok(has(m.text, "tilasivu <https://status.aurora.example/incident/42>"),
	    "html: a link keeps its address");
	ok(has(m.text, "- MX-tietue muutettu\n- SPF tarkistettu"),
	    "html: list items on lines");
	ok(has(m.text, "<script>this is text</script>"),
	    "html: escaped text stays text (the theme escapes it)");
	ok(has(m.text, "Terveisin\nOlivia"), "html: <br> is a line break");
	ok(!strcmp(mail_html_text(a, "<p>a<script>x</script>b</p>", 27), "ab"),
	    "mail_html_text: a script in a paragraph");
}

static void
t_machines(struct arena *a)
{
	struct mail_msg	m;

	ok(parse(a, "auto-reply.eml", &m) == 0 &&
	    m.autokind == MAIL_AUTO_REPLY, "an out-of-office reply is automatic");
	ok(parse(a, "bounce-dsn.eml", &m) == 0 && m.autokind == MAIL_BOUNCE,
	    "a delivery report is a bounce");
	ok(parse(a, "bulk.eml", &m) == 0 && m.autokind == MAIL_AUTO_REPLY,
	    "Precedence: bulk is automatic");
	ok(parse(a, "unknown-sender.eml", &m) == 0 &&
	    m.autokind == MAIL_HUMAN, "an unknown sender is still a person");
	ok(parse(a, "garbage.txt", &m) == -1, "bytes that are no mail: -1");
	ok(mail_parse(a, "", 0, 5, &m) == -1, "nothing at all: -1");
}

static void
t_edges(struct arena *a)
{
	struct mail_msg	 m;
	const char	*raw;
	char		*big;
	size_t		 i, n;
	int		 e;

	raw = "From: x@example.com\r\nSubject: no id\r\n\r\nbody\r\n";
	ok(mail_parse(a, raw, strlen(raw), 5, &m) == 0 &&
	    has(m.message_id, "@mail-in.invalid") && strlen(m.message_id) ==
	    64 + strlen("@mail-in.invalid"),
	    "no Message-ID: one made of the bytes' SHA-256");
	raw = "From: x@example.com\r\nReturn-Path: <>\r\nSubject: s\r\n\r\nb\r\n";
	ok(mail_parse(a, raw, strlen(raw), 5, &m) == 0 &&
	    m.autokind == MAIL_AUTO_REPLY, "a null sender is automatic");
	raw = "From: x@example.com\r\nAuthentication-Results: mx.example; "
	    "dkim=pass; dmarc = fail (p=reject)\r\nSubject: s\r\n\r\nb";
	ok(mail_parse(a, raw, strlen(raw), 5, &m) == 0 && m.auth_failed,
	    "Authentication-Results with dmarc=fail: failed");
	raw = "From: x@example.com\r\nAuthentication-Results: mx.example; "
	    "dmarc=pass; arc=fail\r\nSubject: s\r\n\r\nb";
	ok(mail_parse(a, raw, strlen(raw), 5, &m) == 0 && !m.auth_failed,
	    "dmarc=pass: not failed");
	raw = "From: x@example.com\r\nAuto-Submitted: no\r\nSubject: s\r\n\r\nb";
	ok(mail_parse(a, raw, strlen(raw), 5, &m) == 0 &&
	    m.autokind == MAIL_HUMAN, "Auto-Submitted: no is a person");
	raw = "From: x@example.com\r\nSubject: a\r\n\tb\x01" "c\r\n"
	    "Content-Type: text/plain; charset=x-unknown-charset\r\n\r\n"
	    "caf\xe9 \x00nul\r\n";
	e = mail_parse(a, raw, strlen(raw) + 6, 5, &m);
	ok(e == 0 && !strcmp(m.subject, "a b c") && has(m.text, "café nul"),
	    "an unknown charset is read as Windows-1252, controls go: %s|%s",
	    m.subject, m.text);
	raw = "From: x@example.com\r\nMessage-ID: <caf\xc3\xa9 id@x>\r\n"
	    "In-Reply-To: <caf\xc3\xa9 id@x>\r\nSubject: s\r\n\r\nb\r\n";
	e = mail_parse(a, raw, strlen(raw), 5, &m);
	ok(e == 0 && has(m.message_id, "@id.invalid") &&
	    strlen(m.message_id) == 64 + strlen("@id.invalid") &&
	    m.nrefs == 1 && !strcmp(m.refs[0], m.message_id),
	    "a UTF-8 Message-ID: its hash, the same in In-Reply-To (%s)",
	    m.message_id);
	big = arena_alloc(a, 2 * MAIL_TEXT_MAX + 100);
	n = (size_t)snprintf(big, 100, "From: x@example.com\r\n\r\n");
	for (i = 0; i < MAIL_TEXT_MAX; i++, n += 2)
		memcpy(big + n, "\xc3\xa4", 2);	/* ä, two bytes */
	e = mail_parse(a, big, n, 5, &m);
	ok(e == 0 && m.text_cut && strlen(m.text) == MAIL_TEXT_MAX &&
	    utf8_valid(m.text, strlen(m.text)),
	    "a 2 MiB text: cut at 1 MiB, on a character's boundary");
	/* More files than allowed: the first kept, the rest counted. */
	big = arena_strdup(a, "From: x@example.com\r\nContent-Type: "
	    "multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: "
	    "text/plain\r\n\r\nhi\r\n");
	for (i = 0; i < 8; i++)
		big = arena_printf(a, "%s--B\r\nContent-Type: "
		    "application/octet-stream\r\nContent-Disposition: attachment;"
		    " filename=\"../../etc/f%zu\"\r\n\r\ndata%zu\r\n", big, i, i);
	big = arena_printf(a, "%s--B--\r\n", big);
	ok(mail_parse(a, big, strlen(big), 5, &m) == 0 && m.nfiles == 5 &&
	    m.files_dropped == 3, "eight files, five allowed: 5 kept, 3 dropped");
	ok(!strcmp(m.files[0].name, "f0"), "a file name loses its folders: %s",
	    m.files[0].name);
}

/* The one rule for a file's name, uploads and mail alike (files.c). */
static void
t_file_names(struct arena *a)
{
	char	 greek[512], *n;
	size_t	 i;

	/* 26 two-byte letters and five ASCII ones, five times: 229 bytes. */
	*greek = '\0';
	for (i = 0; i < 5; i++)
		strcat(greek, "Τιμολόγιο_Ιανουάριος_2026_");
	strcat(greek, ".txt");
	n = file_name_clean(a, greek);
	ok(n != NULL && strlen(n) <= FILE_NAME_MAX && strlen(n) >= 199 &&
	    utf8_valid(n, strlen(n)), "a 229-byte Greek name is cut to %zu "
	    "bytes on a character's boundary", n ? strlen(n) : 0);
	ok(!strcmp(file_name_clean(a, "C:\\Users\\me\\lasku.pdf"),
	    "lasku.pdf") && !strcmp(file_name_clean(a, "../../etc/passwd"),
	    "passwd"), "folders go, / and \\ alike");
	ok(!strcmp(file_name_clean(a, "del\x7fname.txt"), "del_name.txt") &&
	    !strcmp(file_name_clean(a, "c1\xc2\x85name.txt"), "c1_name.txt") &&
	    !strcmp(file_name_clean(a, "tab\tname.txt"), "tab_name.txt"),
	    "DEL, C1 and C0 become _ (an address never holds them)");
	ok(!strcmp(file_name_clean(a, "rlo\xe2\x80\xaetxt.exe"),
	    "rlo_txt.exe") && !strcmp(file_name_clean(a,
	    "a\xe2\x81\xa6" "b\xe2\x81\xa9.pdf"), "a_b_.pdf") &&
	    !strcmp(file_name_clean(a, "x\xe2\x80\x8fy.pdf"), "x_y.pdf"),
	    "bidirectional overrides, isolates and marks become _");
	ok(!strcmp(file_name_clean(a, "bad\xff\xfeutf8.txt"),
	    "bad__utf8.txt"), "bytes that are not UTF-8 become _");
	ok(!strcmp(file_name_clean(a, "a\"b;c%d?e#f*g:h<i>j|k.txt"),
	    "a_b_c_d_e_f_g_h_i_j_k.txt"), "quote, ; %% ? # * : < > | become _");
	ok(!strcmp(file_name_clean(a, "服务器日志.txt"), "服务器日志.txt") &&
	    !strcmp(file_name_clean(a, "فاکتور.pdf"), "فاکتور.pdf"),
	    "Chinese and Persian names are kept");
	ok(file_name_clean(a, "") == NULL && file_name_clean(a, "dir/") ==
	    NULL && file_name_clean(a, "..") == NULL &&
	    file_name_clean(a, "a/.") == NULL, "nothing, . or .. is no name");
}

static void
t_reply_text(struct arena *a)
{
	struct mail_msg	 m;

	ok(parse(a, "reply-in-reply-to.eml", &m) == 0 &&
	    !strcmp(mail_reply_text(a, m.text),
	    "Thanks, that worked! The backup runs again."),
	    "a Gmail reply without the quote and its \"On ... wrote:\"");
	ok(!strcmp(mail_reply_text(a, "Kiitos!\n\nma 30.11.2026 klo 10.00 "
	    "Northwind <support@northwind.example> kirjoitti:\n> Hei\n>\n> "
	    "vastaus\n\n"), "Kiitos!"), "a Finnish attribution goes too");
	ok(!strcmp(mail_reply_text(a, "好的\n\n在 2026年11月30日 10:00，"
	    "support@northwind.example 写道：\n> 您好\n"), "好的"),
	    "a Chinese one, with its full-width colon");
	ok(!strcmp(mail_reply_text(a, "Done.\n\n-----Original Message-----\n"
	    "From: Northwind\nSent: Monday\n\nWe restarted it.\n"), "Done."),
	    "Outlook's original message goes");
	ok(!strcmp(mail_reply_text(a, "See below.\n______________________________"
	    "__\nFrom: Northwind\nSent: Monday\n"), "See below."),
	    "... and its underscore line before From:");
	ok(!strcmp(mail_reply_text(a, "> Is it on?\nYes.\n> And the backup?\n"
	    "Also.\n"), "> Is it on?\nYes.\n> And the backup?\nAlso.\n"),
	    "an answer written between quotes is kept whole");
	ok(!strcmp(mail_reply_text(a, "> only a quote\n"), "> only a quote\n"),
	    "a reply that is only a quote is kept as it came");
	ok(!strcmp(mail_reply_text(a, "Plain answer, no quote."),
	    "Plain answer, no quote."), "no quote: unchanged");
}

int
main(void)
{
	struct arena	*a = arena_new();

	t_plain_encodings(a);
	t_structures(a);
	t_html(a);
	t_machines(a);
	t_edges(a);
	t_reply_text(a);
	t_file_names(a);
	arena_free(a);
	return tap_done();
}
