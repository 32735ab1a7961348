/*
 * The pool supervisor: opens the listening socket, forks the workers
 * and keeps them alive.
 *
 * - A worker that dies is restarted; one that keeps dying soon after its
 *   start waits longer each time (backoff doubles up to
 *   restart_backoff_max), so a crash loop does not spin.
 * - A worker busy with one request for longer than request_timeout is
 *   killed and replaced.
 * - A worker exits by itself after max_requests (recycling) and is
 *   replaced at once.
 * - SIGHUP re-reads the config, the catalogs and the theme; if all are
 *   good the workers finish what they are doing and are replaced by new
 *   ones that use them, else the error is logged and nothing changes.
 *   The listening socket stays open throughout, so no request is lost.
 * - One word analyser (morph.c) runs beside the workers and holds the
 *   dictionaries of base forms; it is restarted when it ends and on
 *   every reload.
 * - SIGTERM or SIGINT: the socket's name is removed, so no new
 *   connection can be made, and the workers serve what is in flight and
 *   what is already queued (up to request_timeout), then exit.
 *
 * Signals are blocked here and taken with sigtimedwait(), so the
 * supervisor has no asynchronous handlers at all.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "portico.h"
#include "pool.h"

struct worker {
	pid_t		pid;
	int64_t		started;
	int64_t		restart_at;
	int		backoff_ms;
	bool		stopping;	/* killed or told to go: no backoff */
};

static struct worker	 workers[POOL_MAX];
static struct pool_slot	*slots;
/* The word analyser (morph.c), a child beside the workers. */
static pid_t		 morph_pid;
static int64_t		 morph_restart_at;

static int
listen_unix(const struct conf *c, const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	struct group		*gr;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "%s: socket path too long", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(path, c->socket_mode) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (c->socket_group[0] != '\0') {
		if ((gr = getgrnam(c->socket_group)) == NULL ||
		    chown(path, (uid_t)-1, gr->gr_gid) == -1) {
			snprintf(err, errlen, "%s: cannot give the socket to "
			    "group %s", path, c->socket_group);
			close(fd);
			return -1;
		}
	}
	return fd;
}

static int
listen_tcp(const struct conf *c, const char *spec, char *err, size_t errlen)
{
	struct sockaddr_in	 sin;
	char			 host[64];
	const char		*colon = strrchr(spec, ':');
	int			 fd, one = 1;
	long			 port;

	if (colon == NULL || (size_t)(colon - spec) >= sizeof(host) ||
	    (port = strtol(colon + 1, NULL, 10)) <= 0 || port > 65535) {
		snprintf(err, errlen, "listen: expected tcp:HOST:PORT");
		return -1;
	}
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		snprintf(err, errlen, "listen: %s is not an IPv4 address",
		    host);
		return -1;
	}
	/* libfcgi can be crashed by whoever reaches the socket. */
	if ((ntohl(sin.sin_addr.s_addr) >> 24) != 127 &&
	    !c->listen_allow_remote) {
		snprintf(err, errlen, "listen: %s is not a loopback address; "
		    "set listen_allow_remote = yes only on a private network",
		    host);
		return -1;
	}
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		snprintf(err, errlen, "listen %s: %s", spec, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/* Open the configured listening socket; the fd, or -1 with err set. */
int
listen_open(const struct conf *c, char *err, size_t errlen)
{
	struct stat	st;
	int		fd;

	if (!strcmp(c->listen, "fd0")) {
		if (fstat(0, &st) == -1 || !S_ISSOCK(st.st_mode)) {
			snprintf(err, errlen, "listen = fd0, but fd 0 is not "
			    "a socket");
			return -1;
		}
		return 0;
	}
	if (!strncmp(c->listen, "unix:", 5))
		fd = listen_unix(c, c->listen + 5, err, errlen);
	else if (!strncmp(c->listen, "tcp:", 4))
		fd = listen_tcp(c, c->listen + 4, err, errlen);
	else {
		snprintf(err, errlen, "listen: expected unix:PATH, "
		    "tcp:HOST:PORT or fd0");
		return -1;
	}
	if (fd != -1 && listen(fd, 1024) == -1) {
		snprintf(err, errlen, "listen: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void
spawn(int i, int fd, const sigset_t *mask)
{
	pid_t	pid, pool = getpid();

	slots[i].busy_since = 0;
	if ((pid = fork()) == -1) {
		log_warn("fork");
		workers[i].restart_at = now_ms() + 1000;
		return;
	}
	if (pid == 0) {
		/* A pool killed outright (kill -9, a crash) takes its workers
		 * along, as a stop does: they finish the request they hold
		 * and leave, and a new pool starts clean. */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1)
			log_warn("prctl");
		if (getppid() != pool)
			_exit(0);
		sigprocmask(SIG_UNBLOCK, mask, NULL);
		worker_run(fd, &slots[i]);
	}
	workers[i].pid = pid;
	workers[i].started = now_ms();
	workers[i].restart_at = 0;
	workers[i].stopping = false;
}

/* A worker ended: decide when its slot starts a new one. */
static void
reaped(pid_t pid, int status)
{
	int	i, max = conf->restart_backoff_max * 1000;
	int64_t	now = now_ms();
	bool	clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;

	for (i = 0; i < POOL_MAX; i++)
		if (workers[i].pid == pid)
			break;
	if (i == POOL_MAX)
		return;
	workers[i].pid = 0;
	if (clean || workers[i].stopping) {
		workers[i].backoff_ms = 0;
		workers[i].restart_at = now;
		return;
	}
	if (WIFSIGNALED(status))
		log_warnx("worker %d killed by signal %d", (int)pid,
		    WTERMSIG(status));
	else
		log_warnx("worker %d exited with status %d", (int)pid,
		    WEXITSTATUS(status));
	/* Dying soon after start means a crash loop: back off. */
	if (now - workers[i].started < 5000)
		workers[i].backoff_ms = workers[i].backoff_ms ?
		    workers[i].backoff_ms * 2 : 100;
	else
		workers[i].backoff_ms = 0;
	if (workers[i].backoff_ms > max)
		workers[i].backoff_ms = max;
	workers[i].restart_at = now + workers[i].backoff_ms;
}

static void
reap_all(void)
{
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid != morph_pid) {
			reaped(pid, status);
			continue;
		}
		/* Killed by a reload: at once; else after a pause. */
		morph_pid = 0;
		morph_restart_at = now_ms() + (WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGTERM ? 0 : 1000);
		if (morph_restart_at > now_ms())
			log_warnx("word analyser %d ended (status %d): "
			    "restarting", (int)pid, status);
	}
}

static void
kill_stuck(void)
{
	int64_t	now = now_ms(), since;
	int	i;

	for (i = 0; i < POOL_MAX; i++) {
		since = slots[i].busy_since;
		if (workers[i].pid <= 0 || since == 0 ||
		    now - since < (int64_t)conf->request_timeout * 1000 ||
		    workers[i].stopping)
			continue;
		log_warnx("worker %d stuck on a request for %lldms: killed",
		    (int)workers[i].pid, (long long)(now - since));
		kill(workers[i].pid, SIGKILL);
		workers[i].stopping = true;
	}
}

static void
signal_all(int sig)
{
	int	i;

	for (i = 0; i < POOL_MAX; i++)
		if (workers[i].pid > 0)
			kill(workers[i].pid, sig);
}

static int
alive(void)
{
	int	i, n = 0;

	for (i = 0; i < POOL_MAX; i++)
		n += workers[i].pid > 0;
	return n;
}

/*
 * Load config path and everything it names; swap them in only if all
 * load.  0 or -1 (logged).
 */
static int
reload(const char *path)
{
	struct conf	*nc = xcalloc(1, sizeof(*nc));
	char		 err[4096];

	if (conf_load(path, nc, err, sizeof(err)) == -1) {
		log_warnx("reload refused: %s", err);
		free(nc);
		return -1;
	}
	if (strcmp(nc->listen, conf->listen))
		log_warnx("reload: a new listen address needs a restart");
	if (i18n_load(nc->themes_dir, nc->languages, nc->default_language,
	    err, sizeof(err)) == -1 ||
	    theme_load(nc->themes_dir, nc->theme, err, sizeof(err)) == -1) {
		log_warnx("reload refused, the old theme stays: %s", err);
		/* i18n may have been swapped: put the old catalogs back. */
		if (i18n_load(conf->themes_dir, conf->languages,
		    conf->default_language, err, sizeof(err)) == -1)
			log_warnx("reload: old catalogs: %s", err);
		conf_free(nc);
		free(nc);
		return -1;
	}
	free(nc->listen);
	nc->listen = xstrdup(conf->listen);
	conf_free(conf);
	free(conf);
	conf = nc;
	/* The Argon2 parameters may have changed. */
	if (password_dummy_init() == -1)
		log_warnx("reload: cannot make the dummy hash");
	log_info("reloaded %s: theme %s, %d workers", path, conf->theme,
	    conf->workers);
	return 0;
}

/*
 * Run the pool on listening socket fd until SIGTERM.  Returns the exit
 * status.
 */
int
pool_run(int fd, const char *confpath)
{
	sigset_t	 mask;
	siginfo_t	 si;
	struct timespec	 tick = { 0, 250 * 1000000L };
	int64_t		 now, drain_until = 0;
	bool		 draining = false;
	int		 i, sig;

	slots = mmap(NULL, POOL_MAX * sizeof(*slots), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED)
		log_fatal("mmap");
	memset(slots, 0, POOL_MAX * sizeof(*slots));
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("pool: %d workers on %s", conf->workers, conf->listen);

	for (;;) {
		now = now_ms();
		/* Before any worker, so that every worker inherits it. */
		if (morph_open() == -1 && morph_restart_at <= now) {
			log_warnx("no word analyser: search without base forms");
			morph_restart_at = now + 60000;
		}
		if (!draining && morph_pid == 0 && morph_restart_at <= now &&
		    morph_wanted() && (morph_pid = morph_spawn(fd)) == -1) {
			morph_pid = 0;
			morph_restart_at = now + 1000;
		}
		for (i = 0; i < POOL_MAX && !draining; i++) {
			if (i < conf->workers && workers[i].pid == 0 &&
			    workers[i].restart_at <= now)
				spawn(i, fd, &mask);
			/* After a reload with fewer workers. */
			if (i >= conf->workers && workers[i].pid > 0 &&
			    !workers[i].stopping) {
				kill(workers[i].pid, SIGTERM);
				workers[i].stopping = true;
			}
		}
		if (draining) {
			if (alive() == 0)
				break;
			if (now > drain_until) {
				log_warnx("drain: killing %d workers", alive());
				signal_all(SIGKILL);
			} else
				/* A worker may have missed the first one,
				 * between its check and accept(). */
				signal_all(SIGTERM);
		}
		sig = sigtimedwait(&mask, &si, &tick);
		if (sig == SIGCHLD || sig == -1 || draining)
			reap_all();
		/* Pages cached under the old configuration carry its time
		 * (pagecache.c): the new workers build them anew. */
		if (sig == SIGHUP && !draining && reload(confpath) == 0) {
			signal_all(SIGHUP);
			/* It reads its dictionaries' paths when it starts. */
			if (morph_pid > 0)
				kill(morph_pid, SIGTERM);
		}
		if ((sig == SIGTERM || sig == SIGINT) && !draining) {
			/* No new connections (the web server fails them at
			 * once); what is queued is still served. */
			if (!strncmp(conf->listen, "unix:", 5))
				unlink(conf->listen + 5);
			log_info("pool: draining");
			draining = true;
			drain_until = now_ms() +
			    (int64_t)conf->request_timeout * 1000;
			signal_all(SIGTERM);
		}
		if (!draining)
			kill_stuck();
	}
	if (morph_pid > 0) {
		kill(morph_pid, SIGTERM);
		waitpid(morph_pid, NULL, 0);
	}
	/* The name went at the start of the drain; a successor may own it now. */
	close(fd);
	munmap(slots, POOL_MAX * sizeof(*slots));
	log_info("pool: stopped");
	return 0;
}
