#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "common/strbuf.h"
#include "sandbox/clock.h"
#include "sandbox/routes.h"
#include "sandbox/scheduler.h"

struct sb_scheduler {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	long tick_ms;
	struct sb_world *world;
};

int
sb_scheduler_run_due(struct sb_world *world, int64_t now)
{
	size_t i;
	int ran = 0;

	for (i = 0; i < world->rotation_count; i++) {
		struct sb_rotation *r = world->rotations[i];
		struct strbuf err = STRBUF_INIT;

		if (!r->has_next || r->next_rotation > now)
			continue;
		sb_rotation_rotate(world, r, now, 0, &err);
		strbuf_free(&err);
		ran++;
	}
	return ran;
}

static void *
scheduler_main(void *arg)
{
	struct sb_scheduler *s = arg;
	struct timespec until;

	pthread_mutex_lock(&s->lock);
	while (!s->stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += s->tick_ms / 1000;
		until.tv_nsec += (s->tick_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_cond_timedwait(&s->wake, &s->lock, &until) != ETIMEDOUT || s->stop)
			continue;
		/* Never both locks the other way round: requests hold only the world's. */
		sb_world_lock(s->world);
		sb_scheduler_run_due(s->world, sb_now_ms());
		sb_world_unlock(s->world);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int
sb_scheduler_start(struct sb_world *world, long tick_ms, struct sb_scheduler **out)
{
	struct sb_scheduler *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return -1;
	s->world = world;
	s->tick_ms = tick_ms > 0 ? tick_ms : 1000;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	if (pthread_create(&s->thread, NULL, scheduler_main, s) != 0) {
		pthread_cond_destroy(&s->wake);
		pthread_mutex_destroy(&s->lock);
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
sb_scheduler_stop(struct sb_scheduler **ps)
{
	struct sb_scheduler *s = *ps;

	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->lock);
	free(s);
	*ps = NULL;
}
