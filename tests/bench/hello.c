/*
 * The floor of the stack for `make bench`: a minimal libfcgi responder
 * (N prefork processes on one unix socket) that answers every request
 * with a short text.  Whatever Portico does on top costs above this.
 *   hello SOCKET NPROC
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <fcgiapp.h>

static void
serve(int fd)
{
	static const char	 resp[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain\r\nContent-Length: 12\r\n\r\n"
	    "Hello world\n";
	FCGX_Request		 r;

	FCGX_Init();
	FCGX_InitRequest(&r, fd, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutStr(resp, sizeof(resp) - 1, r.out);
		FCGX_Finish_r(&r);
	}
	exit(0);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_un	sun;
	int			fd, i, n;

	if (argc != 3 || strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: hello SOCKET NPROC\n");
		return 2;
	}
	n = atoi(argv[2]);
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
			serve(fd);
	while (wait(NULL) > 0)
		continue;
	return 0;
}
