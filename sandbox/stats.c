#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sandbox/stats.h"

int
sb_stats_init(struct sb_stats *stats, size_t route_count)
{
	memset(stats, 0, sizeof(*stats));
	stats->route_count = route_count;
	stats->per_route = calloc(route_count + 1, sizeof(*stats->per_route));
	if (!stats->per_route)
		return -1;
	pthread_mutex_init(&stats->lock, NULL);
	return 0;
}

void
sb_stats_free(struct sb_stats *stats)
{
	if (!stats->per_route)
		return;
	free(stats->per_route);
	stats->per_route = NULL;
	pthread_mutex_destroy(&stats->lock);
}

void
sb_stats_connection(struct sb_stats *stats)
{
	pthread_mutex_lock(&stats->lock);
	stats->connections++;
	pthread_mutex_unlock(&stats->lock);
}

void
sb_stats_request(struct sb_stats *stats, int route)
{
	size_t slot = route < 0 || (size_t) route >= stats->route_count ?
		      stats->route_count : (size_t) route;

	pthread_mutex_lock(&stats->lock);
	stats->requests++;
	stats->per_route[slot]++;
	pthread_mutex_unlock(&stats->lock);
}

void
sb_stats_read(const struct sb_stats *stats, long *connections, long *requests, long *per_route)
{
	/* The lock is part of the counters, not of what callers may change. */
	pthread_mutex_t *lock = (pthread_mutex_t *) &stats->lock;

	pthread_mutex_lock(lock);
	*connections = stats->connections;
	*requests = stats->requests;
	memcpy(per_route, stats->per_route, (stats->route_count + 1) * sizeof(*per_route));
	pthread_mutex_unlock(lock);
}
