#ifndef ROTWIZ_SANDBOX_STATS_H
#define ROTWIZ_SANDBOX_STATS_H

#include <pthread.h>
#include <stddef.h>

/*
 * What the sandbox has served, for GET /sandbox/stats: connections accepted
 * (a keep-alive connection counts once however many requests it carries),
 * requests, and requests per route.  Counted as requests arrive, so that a
 * request answered by a fault (drop, stall ...) counts too.
 */
struct sb_stats {
	pthread_mutex_t lock;
	long connections;
	long requests;
	size_t route_count;
	long *per_route;	/* route_count + 1: the last counts requests no route matched */
};

int sb_stats_init(struct sb_stats *stats, size_t route_count);
void sb_stats_free(struct sb_stats *stats);
void sb_stats_connection(struct sb_stats *stats);
/* route: the router's index, or -1 when none matched. */
void sb_stats_request(struct sb_stats *stats, int route);

/* A consistent copy: per_route needs route_count + 1 slots. */
void sb_stats_read(const struct sb_stats *stats, long *connections, long *requests,
		   long *per_route);

#endif
