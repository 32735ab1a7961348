/*
 * The worker pool: what the supervisor (pool.c) and a worker (worker.c)
 * share through an anonymous shared mapping.
 */
#ifndef POOL_H
#define POOL_H

#include <stdint.h>

#define POOL_MAX	256

struct pool_slot {
	volatile int64_t	busy_since;	/* monotonic ms, 0 when idle */
	volatile uint64_t	served;
};

/* pool.c */
int	listen_open(const struct conf *, char *, size_t);
int	pool_run(int, const char *);

/* worker.c */
NORETURN void	worker_run(int, struct pool_slot *);

#endif
