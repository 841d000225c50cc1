#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/fault.h"

void
sb_faults_init(struct sb_faults *faults)
{
	memset(faults, 0, sizeof(*faults));
	pthread_mutex_init(&faults->lock, NULL);
}

void
sb_faults_free(struct sb_faults *faults)
{
	size_t i;

	for (i = 0; i < faults->count; i++) {
		free(faults->items[i].method);
		free(faults->items[i].path);
	}
	free(faults->items);
	faults->items = NULL;
	faults->count = 0;
	pthread_mutex_destroy(&faults->lock);
}

static const struct {
	const char *name;
	enum sb_fault_action action;
} actions[] = {
	{ "drop", SB_FAULT_DROP },
	{ "stall", SB_FAULT_STALL },
	{ "garbage", SB_FAULT_GARBAGE },
	{ "truncate", SB_FAULT_TRUNCATE },
	{ "drop-after", SB_FAULT_DROP_AFTER },
	{ "stall-after", SB_FAULT_STALL_AFTER },
};

static int
parse_action(const char *text, struct sb_fault *fault)
{
	size_t i;
	char *end;
	long status;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		if (strcmp(text, actions[i].name) == 0) {
			fault->action = actions[i].action;
			return 0;
		}
	}
	errno = 0;
	status = strtol(text, &end, 10);
	if (errno || end == text || *end || status < 400 || status > 599)
		return -1;
	fault->action = SB_FAULT_STATUS;
	fault->status = (unsigned) status;
	return 0;
}

int
sb_faults_add(struct sb_faults *faults, const char *spec, char *err, size_t err_size)
{
	struct sb_fault fault = { NULL, NULL, SB_FAULT_DROP, 0, -1, 0 };
	const char *space = strchr(spec, ' '), *equals = strrchr(spec, '=');
	char *action = NULL, *at, *end;
	struct sb_fault *bigger;
	const char *p;

	if (!space || !equals || equals < space) {
		snprintf(err, err_size, "expected 'METHOD PATH=ACTION[@N]'");
		return -1;
	}
	for (p = spec; p < space; p++)
		if (*p < 'A' || *p > 'Z')
			break;
	if (p != space || space == spec) {
		snprintf(err, err_size, "the method must be upper case, e.g. GET or POST");
		return -1;
	}
	if (space[1] != '/') {
		snprintf(err, err_size, "the path must start with '/'");
		return -1;
	}
	fault.method = strndup(spec, (size_t) (space - spec));
	fault.path = strndup(space + 1, (size_t) (equals - space - 1));
	action = strdup(equals + 1);
	if (!fault.method || !fault.path || !action) {
		snprintf(err, err_size, "out of memory");
		goto fail;
	}
	if (strchr(fault.path, '?')) {
		snprintf(err, err_size, "the path is matched without its query: leave out '?...'");
		goto fail;
	}
	at = strchr(action, '@');
	if (at) {
		*at++ = '\0';
		errno = 0;
		fault.limit = strtol(at, &end, 10);
		if (errno || end == at || *end || fault.limit < 1) {
			snprintf(err, err_size, "@N needs a whole number of requests, 1 or more");
			goto fail;
		}
	}
	if (parse_action(action, &fault) < 0) {
		snprintf(err, err_size, "unknown action '%s': use a status 400-599, drop, stall, "
			 "garbage, truncate, drop-after or stall-after", action);
		goto fail;
	}
	bigger = realloc(faults->items, (faults->count + 1) * sizeof(*faults->items));
	if (!bigger) {
		snprintf(err, err_size, "out of memory");
		goto fail;
	}
	faults->items = bigger;
	faults->items[faults->count++] = fault;
	free(action);
	return 0;
fail:
	free(fault.method);
	free(fault.path);
	free(action);
	return -1;
}

/* A fault's path against a request's: a segment "*" stands for any one segment. */
static int
path_matches(const char *pattern, const char *path)
{
	while (*pattern && *path) {
		if (pattern[0] == '*' && (pattern[1] == '/' || !pattern[1]) && pattern[-1] == '/') {
			pattern++;
			path += strcspn(path, "/");
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return !*pattern && !*path;
}

int
sb_faults_take(struct sb_faults *faults, const char *method, const char *path,
	       enum sb_fault_action *action, unsigned *status)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&faults->lock);
	for (i = 0; i < faults->count && !found; i++) {
		struct sb_fault *f = &faults->items[i];

		if (strcmp(f->method, method) != 0 || !path_matches(f->path, path))
			continue;
		if (f->limit >= 0 && f->used >= f->limit)
			continue;
		f->used++;
		*action = f->action;
		*status = f->status;
		found = 1;
	}
	pthread_mutex_unlock(&faults->lock);
	return found;
}
