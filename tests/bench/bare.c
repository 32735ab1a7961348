/*
 * A reference point for `make bench`: a bare libfcgi responder that does
 * QUERIES prepared MariaDB queries (one unless told) and one precompiled
 * XSLT transform per request, and nothing else (no routing, no parsing,
 * no i18n, no logging).  What a full Portico page of as many statements
 * costs above this is Portico's own.
 *   bare SOCKET NPROC MYCNF XSL [QUERIES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <fcgiapp.h>
#include <mysql.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

static void
serve(int fd, const char *mycnf, const char *xsl, int queries)
{
	FCGX_Request		 r;
	MYSQL			*db = mysql_init(NULL);
	MYSQL_STMT		*st;
	MYSQL_BIND		 in[1], out[2];
	xsltStylesheetPtr	 style;
	char			 title[256], summary[600], hdr[128];
	unsigned long		 tl, sl, kl;
	const char		*q = "SELECT title, summary FROM pages "
	    "WHERE slug = ? AND lang = 'en'";
	const char		*key = "about";

	mysql_optionsv(db, MYSQL_READ_DEFAULT_FILE, mycnf);
	if (!mysql_real_connect(db, NULL, NULL, NULL, NULL, 0, NULL, 0))
		exit(1);
	st = mysql_stmt_init(db);
	if (mysql_stmt_prepare(st, q, strlen(q)))
		exit(1);
	style = xsltParseStylesheetFile((const xmlChar *)xsl);
	FCGX_Init();
	FCGX_InitRequest(&r, fd, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		xmlDocPtr doc, res;
		xmlNodePtr root;
		xmlChar *html;
		int len, qi;

		memset(in, 0, sizeof(in));
		kl = strlen(key);
		in[0].buffer_type = MYSQL_TYPE_STRING;
		in[0].buffer = (void *)key;
		in[0].length = &kl;
		memset(out, 0, sizeof(out));
		out[0].buffer_type = out[1].buffer_type = MYSQL_TYPE_STRING;
		out[0].buffer = title;
		out[0].buffer_length = sizeof(title) - 1;
		out[0].length = &tl;
		out[1].buffer = summary;
		out[1].buffer_length = sizeof(summary) - 1;
		out[1].length = &sl;
		tl = sl = 0;
		/* The same statement each time: each is one round trip. */
		for (qi = 0; qi < queries; qi++) {
			mysql_stmt_bind_param(st, in);
			mysql_stmt_execute(st);
			mysql_stmt_bind_result(st, out);
			mysql_stmt_store_result(st);
			if (mysql_stmt_fetch(st) != 0)
				tl = sl = 0;
			mysql_stmt_free_result(st);
		}
		title[tl] = summary[sl] = '\0';
		doc = xmlNewDoc((const xmlChar *)"1.0");
		root = xmlNewNode(NULL, (const xmlChar *)"page");
		xmlDocSetRootElement(doc, root);
		xmlNewTextChild(root, NULL, (const xmlChar *)"title",
		    (const xmlChar *)title);
		xmlNewTextChild(root, NULL, (const xmlChar *)"summary",
		    (const xmlChar *)summary);
		res = xsltApplyStylesheet(style, doc, NULL);
		xsltSaveResultToString(&html, &len, res, style);
		snprintf(hdr, sizeof(hdr), "Status: 200 OK\r\nContent-Type: "
		    "text/html\r\nContent-Length: %d\r\n\r\n", len);
		FCGX_PutStr(hdr, (int)strlen(hdr), r.out);
		FCGX_PutStr((const char *)html, len, r.out);
		xmlFree(html);
		xmlFreeDoc(res);
		xmlFreeDoc(doc);
		FCGX_Finish_r(&r);
	}
	exit(0);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_un	sun;
	int			fd, i, n, queries;

	if ((argc != 5 && argc != 6) ||
	    strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: bare SOCKET NPROC MYCNF XSL [QUERIES]\n");
		return 2;
	}
	n = atoi(argv[2]);
	queries = argc == 6 ? atoi(argv[5]) : 1;
	if (queries < 1 || queries > 100) {
		fprintf(stderr, "bare: QUERIES is 1 to 100\n");
		return 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, argv[1]);
	unlink(argv[1]);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(argv[1], 0666) == -1 || listen(fd, 1024) == -1) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (fork() == 0)
			serve(fd, argv[3], argv[4], queries);
	while (wait(NULL) > 0)
		continue;
	return 0;
}
