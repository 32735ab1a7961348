/*
 * Throws malformed and oversized FastCGI records straight at the pool's
 * socket, as anyone who can write to it could: lengths near 2^31, a
 * record cut short, an unknown type, a wrong version, megabytes of
 * parameters, plain garbage.  libfcgi may reject them or a worker may die;
 * either way the pool must go on serving.  Prints one line per attempt.
 *   fcgi_abuse SOCKET
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

static int
conn(const char *path)
{
	struct sockaddr_un	sun;
	struct timeval		tv = { 3, 0 };
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror(path);
		exit(1);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static void
record(int fd, int version, int type, const void *body, size_t len)
{
	unsigned char	h[8];

	h[0] = (unsigned char)version;
	h[1] = (unsigned char)type;
	h[2] = 0;
	h[3] = 1;
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)len;
	h[6] = h[7] = 0;
	if (write(fd, h, 8) != 8 || (len && write(fd, body, len) != (ssize_t)len))
		return;
}

static void
begin(int fd)
{
	static const unsigned char b[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };

	record(fd, 1, 1, b, sizeof(b));
}

static void
finish(int fd, const char *what)
{
	char	buf[4096];
	ssize_t	n, total = 0;

	shutdown(fd, SHUT_WR);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	close(fd);
	printf("%s: %zd bytes back\n", what, total);
}

int
main(int argc, char *argv[])
{
	unsigned char	 p[65535];
	uint32_t	 big;
	int		 fd, i;

	if (argc != 2)
		return 2;
	/* Name and value lengths near 2^31 (CVE-2025-23016's shape). */
	fd = conn(argv[1]);
	begin(fd);
	big = 0xffffffffu;
	memcpy(p, &big, 4);
	memcpy(p + 4, &big, 4);
	memset(p + 8, 'A', 200);
	record(fd, 1, 4, p, 208);
	record(fd, 1, 4, "", 0);
	finish(fd, "lengths near 2^31");
	fd = conn(argv[1]);
	begin(fd);
	p[0] = 0x80; p[1] = 0x00; p[2] = 0xff; p[3] = 0xff;	/* 65535 */
	p[4] = 0x7f;
	memset(p + 5, 'B', 1000);
	record(fd, 1, 4, p, 1005);	/* claims more than it carries */
	record(fd, 1, 4, "", 0);
	finish(fd, "a name longer than its record");
	/* Megabytes of parameters, each record full. */
	fd = conn(argv[1]);
	begin(fd);
	for (i = 0; i < 64; i++) {
		p[0] = 0x80; p[1] = 0; p[2] = 0x7f; p[3] = 0xf0;
		p[4] = 0x80; p[5] = 0; p[6] = 0x7f; p[7] = 0xf0;
		memset(p + 8, 'C', 65527);
		record(fd, 1, 4, p, 65535);
	}
	record(fd, 1, 4, "", 0);
	finish(fd, "4 MB of parameters");
	fd = conn(argv[1]);
	begin(fd);
	record(fd, 1, 99, "xyz", 3);
	finish(fd, "an unknown record type");
	fd = conn(argv[1]);
	record(fd, 7, 1, "\0\1\0\0\0\0\0\0", 8);
	finish(fd, "a wrong protocol version");
	fd = conn(argv[1]);
	if (write(fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27) != 27)
		return 1;
	finish(fd, "plain HTTP");
	fd = conn(argv[1]);
	begin(fd);
	record(fd, 1, 4, "\x03\x03GETabc", 8);
	finish(fd, "a record cut short");
	return 0;
}
