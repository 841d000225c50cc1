#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/status.h"
#include "libcore/batch.h"
#include "libcore/names.h"

void
core_batch_init(struct core_batch *batch)
{
	memset(batch, 0, sizeof(*batch));
}

int
core_batch_add(struct core_batch *batch, const char *body)
{
	struct core_batch_item *grown;
	char *copy;

	if (!(copy = strdup(body)))
		return -1;
	if (!(grown = realloc(batch->item, (batch->count + 1) * sizeof(*grown)))) {
		free(copy);
		return -1;
	}
	batch->item = grown;
	memset(&grown[batch->count], 0, sizeof(grown[0]));
	grown[batch->count].body = copy;
	grown[batch->count].state = CORE_BATCH_PENDING;
	batch->count++;
	return 0;
}

void
core_batch_free(struct core_batch *batch)
{
	size_t i;

	for (i = 0; i < batch->count; i++) {
		/* A body may hold nothing secret, but it names the app: wiped like all bodies. */
		if (batch->item[i].body)
			memset(batch->item[i].body, 0, strlen(batch->item[i].body));
		free(batch->item[i].body);
		rw_result_free(&batch->item[i].result);
	}
	free(batch->item);
	core_batch_init(batch);
}

static int
finished(enum core_batch_state s)
{
	return s == CORE_BATCH_CREATED || s == CORE_BATCH_FAILED || s == CORE_BATCH_UNKNOWN ||
	       s == CORE_BATCH_SKIPPED;
}

static void
count(struct core_batch *batch)
{
	size_t i;

	batch->created = batch->failed = batch->unknown = batch->skipped = 0;
	for (i = 0; i < batch->count; i++) {
		switch (batch->item[i].state) {
		case CORE_BATCH_CREATED:	batch->created++; break;
		case CORE_BATCH_FAILED:		batch->failed++; break;
		case CORE_BATCH_UNKNOWN:	batch->unknown++; break;
		case CORE_BATCH_SKIPPED:	batch->skipped++; break;
		default:			break;
		}
	}
}

/*
 * A 429 on a create is a refusal: the server made nothing, so the same
 * body may go again once the wait it asked for is over.  -1: give up.
 */
static long long
wait_429_ms(const struct core_batch_item *it)
{
	long s = it->result.error.retry_after;

	if (it->result.status == RW_OK || it->result.error.http_status != 429 ||
	    it->result.outcome_unknown || it->sends >= CORE_BATCH_429_TRIES)
		return -1;
	if (s < 0)
		s = 1;
	if (s > CORE_BATCH_WAIT_MAX_S)
		return -1;
	return s ? s * 1000LL : 250LL;
}

/* What one answer makes of its item. */
static void
settle(struct core_batch *batch, struct core_batch_item *it, struct rw_result *result)
{
	long long wait;

	rw_result_free(&it->result);
	it->result = *result;
	memset(result, 0, sizeof(*result));
	it->call = NULL;
	if (it->result.status == RW_OK) {
		it->state = CORE_BATCH_CREATED;
		it->look_first = 0;
	} else if (it->result.outcome_unknown) {
		/*
		 * rw_api_create() looked it up by name already and could not
		 * tell.  Once more, looking first (rw_api_create_looked): found
		 * is ours, not there is sent, a failed lookup sends nothing.
		 */
		if (!it->look_first) {
			it->look_first = 1;
			it->state = CORE_BATCH_PENDING;
		} else {
			it->state = CORE_BATCH_UNKNOWN;
		}
	} else if ((wait = wait_429_ms(it)) >= 0) {
		it->state = CORE_BATCH_WAITING;
		it->retry_at = rw_monotonic_ms() + wait;
		batch->retried_429++;
	} else {
		it->state = CORE_BATCH_FAILED;
	}
}

/* The next item to send now, or NULL; *next_at gets the earliest 429 wait. */
static struct core_batch_item *
next_item(struct core_batch *batch, long long now, long long *next_at)
{
	size_t i;

	*next_at = -1;
	for (i = 0; i < batch->count; i++) {
		struct core_batch_item *it = &batch->item[i];

		if (it->state == CORE_BATCH_PENDING)
			return it;
		if (it->state == CORE_BATCH_WAITING) {
			if (it->retry_at <= now)
				return it;
			if (*next_at < 0 || it->retry_at < *next_at)
				*next_at = it->retry_at;
		}
	}
	return NULL;
}

static int
stop_asked(int fd)
{
	char c;

	if (fd < 0)
		return 0;
	/* The caller's self-pipe is non-blocking: a byte there is the stop. */
	return read(fd, &c, 1) == 1;
}

void
core_batch_begin(struct rw_api *api, struct core_batch *batch)
{
	int parallel = batch->parallel > 0 ? batch->parallel : CORE_BATCH_PARALLEL;

	if (parallel > CORE_BATCH_PARALLEL_MAX)
		parallel = CORE_BATCH_PARALLEL_MAX;
	batch->parallel = parallel;
	rw_api_set_parallel(api, parallel);
	batch->stopped = 0;
	batch->nomem = 0;
	batch->in_flight = 0;
	count(batch);
}

int
core_batch_send(struct rw_api *api, struct core_batch *batch, core_batch_progress_fn progress,
		void *user)
{
	long long now = rw_monotonic_ms(), next_at = -1;
	struct core_batch_item *it;

	while (!batch->stopped && !batch->nomem && batch->in_flight < batch->parallel &&
	       (it = next_item(batch, now, &next_at))) {
		if (it->look_first)
			batch->looked_up++;
		it->call = it->look_first ? rw_api_create_looked(api, it->body, it)
					  : rw_api_create(api, it->body, it);
		if (!it->call) {
			batch->nomem = 1;
			break;
		}
		it->state = CORE_BATCH_RUNNING;
		it->sends++;
		batch->in_flight++;
		if (progress)
			progress(user, batch, (size_t) (it - batch->item));
	}
	if (!batch->stopped && !batch->nomem && batch->in_flight < batch->parallel)
		next_item(batch, now, &next_at);
	if (!batch->in_flight && (batch->stopped || batch->nomem || next_at < 0))
		return -2;
	if (batch->stopped || next_at < 0)
		return -1;
	return next_at > now ? (int) (next_at - now) : 0;
}

int
core_batch_take(struct core_batch *batch, struct rw_result *result,
		core_batch_progress_fn progress, void *user)
{
	struct core_batch_item *it = result->user;

	if (!batch->item || !it || it < batch->item || it >= batch->item + batch->count ||
	    it->state != CORE_BATCH_RUNNING)
		return 0;
	batch->in_flight--;
	settle(batch, it, result);
	count(batch);
	if (progress)
		progress(user, batch, (size_t) (it - batch->item));
	return 1;
}

int
core_batch_end(struct core_batch *batch, core_batch_progress_fn progress, void *user)
{
	size_t i;

	for (i = 0; i < batch->count; i++) {
		struct core_batch_item *it = &batch->item[i];

		if (finished(it->state))
			continue;
		if (batch->nomem) {
			it->state = CORE_BATCH_FAILED;
			rw_result_free(&it->result);
			it->result.status = RW_ENOMEM;
		} else {
			/* Stopped before it went (again): nothing of it is on the wire. */
			it->state = it->look_first ? CORE_BATCH_UNKNOWN : CORE_BATCH_SKIPPED;
		}
		if (progress)
			progress(user, batch, i);
	}
	count(batch);
	return batch->nomem ? -1 : 0;
}

int
core_batch_run(struct rw_api *api, struct core_batch *batch, int stop_fd,
	       core_batch_progress_fn progress, void *user)
{
	struct rw_result result;
	int timeout;

	core_batch_begin(api, batch);
	while ((timeout = core_batch_send(api, batch, progress, user)) != -2) {
		if (rw_api_wait(api, batch->stopped ? -1 : stop_fd, timeout) && stop_asked(stop_fd))
			batch->stopped = 1;
		while (rw_api_next_result(api, &result)) {
			if (!core_batch_take(batch, &result, progress, user))
				rw_result_free(&result);
		}
	}
	return core_batch_end(batch, progress, user);
}

int
core_batch_exit_code(const struct core_batch *batch)
{
	size_t i;

	if (batch->unknown)
		return RW_EXIT_OUTCOME_UNKNOWN;
	for (i = 0; i < batch->count; i++) {
		const struct core_batch_item *it = &batch->item[i];

		if (it->state == CORE_BATCH_FAILED)
			return rw_status_exit_code(it->result.status);
		if (it->state == CORE_BATCH_SKIPPED)
			return 130;
		if (it->state != CORE_BATCH_CREATED)
			return 1;
	}
	return 0;
}

void
core_batch_slug(const char *app_name, char *out, size_t outsz)
{
	size_t n = 0, max = outsz ? outsz - 1 : 0;
	const unsigned char *p;
	int gap = 0;

	if (max > 64)
		max = 64;
	for (p = (const unsigned char *) (app_name ? app_name : ""); *p && n < max; p++) {
		int c = *p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && n && n + 1 < max)
				out[n++] = '-';
			else if (gap && n)
				break;
			gap = 0;
			out[n++] = (char) c;
		} else {
			gap = 1;
		}
	}
	if (outsz)
		out[n] = '\0';
}

void
core_batch_upper(const char *app_name, char *out, size_t outsz)
{
	char *p;

	core_batch_slug(app_name, out, outsz);
	for (p = out; *p; p++)
		*p = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z' ? (char) (*p - 'a' + 'A') : *p);
}

void
core_batch_names(const struct rw_name_list *taken, const char *app_name, char *id, char *secret)
{
	char base[80];
	int n;

	core_batch_upper(app_name, base, sizeof(base));
	if (!base[0])
		snprintf(base, sizeof(base), "AZURE");
	snprintf(id, CORE_NAME_MAX, "%s_CLIENT_ID", base);
	snprintf(secret, CORE_NAME_MAX, "%s_CLIENT_SECRET", base);
	for (n = 2; rw_name_list_has(taken, id) || rw_name_list_has(taken, secret); n++) {
		snprintf(id, CORE_NAME_MAX, "%s_CLIENT_ID_%d", base, n);
		snprintf(secret, CORE_NAME_MAX, "%s_CLIENT_SECRET_%d", base, n);
	}
}
