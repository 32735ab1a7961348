/*
 * How steady is this machine's clock?  Spins for the given seconds
 * reading CLOCK_MONOTONIC and counts the gaps between two readings that
 * are longer than 10 ms.  On a steady machine there are none; on some
 * virtual machines the clock jumps (or the vCPU is paused) hundreds of
 * milliseconds at a time, and every latency percentile wrk reports
 * includes those jumps.
 *   clockcheck SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int
main(int argc, char *argv[])
{
	struct timespec	a, b;
	double		secs = argc > 1 ? atof(argv[1]) : 2, gap, max = 0;
	double		start, now;
	long		jumps = 0;

	clock_gettime(CLOCK_MONOTONIC, &a);
	start = a.tv_sec + a.tv_nsec / 1e9;
	do {
		clock_gettime(CLOCK_MONOTONIC, &b);
		gap = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
		if (gap > 10)
			jumps++;
		if (gap > max)
			max = gap;
		a = b;
		now = b.tv_sec + b.tv_nsec / 1e9;
	} while (now - start < secs);
	printf("%ld %.1f\n", jumps, max);
	return 0;
}
