#include "config.h"

#include <stdio.h>
#include <string.h>

#include "libcore/explain.h"
#include "libcore/report.h"
#include "libcore/rotate.h"

int
core_rotate_is_soon(const struct rw_rotation *r, time_t now, long *minutes_ago)
{
	time_t last;

	*minutes_ago = 0;
	if (!r || !r->last_rotated_at || report_parse_time(r->last_rotated_at, &last) < 0)
		return 0;
	/*
	 * The create issues the first secret a moment before createdAt (the
	 * real server: some 300 ms; doc/api.md s.3), so a lastRotatedAt not
	 * after createdAt, with the create's slot 0 still active, is the
	 * create's, and the other slot is still empty (a rotate within the
	 * create's millisecond has moved to slot 1).  Both are the server's
	 * toISOString(), so they compare as text.
	 */
	if (r->active_index == 0 && r->created_at &&
	    strlen(r->created_at) == strlen(r->last_rotated_at) &&
	    strcmp(r->last_rotated_at, r->created_at) <= 0)
		return 0;
	if (now < last)
		return 1;	/* a clock behind the server's: say "0 minutes", ask anyway */
	*minutes_ago = (long) ((now - last) / 60);
	return now - last < CORE_ROTATE_SOON_MINUTES * 60;
}

void
core_rotate_question(const struct rw_rotation *r, long minutes_ago, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "The last rotation was %ld minute%s ago. Rotating again revokes the "
		 "client secret in slot %d (the one the last rotation retired), which apps may "
		 "still be using if they have not picked up the new one yet.",
		 minutes_ago, minutes_ago == 1 ? "" : "s", (r->active_index + 1) % 2);
}

enum core_rotate_outcome
core_rotate_outcome(const struct rw_result *result, int before_index, const char *api_base,
		    char *buf, size_t bufsz)
{
	char why[REPORT_FAILURE_MAX];
	const char *explained;

	if (result->status == RW_OK && result->recovered) {
		snprintf(buf, bufsz, "rotated: the reply was lost, found on the server (the active "
			 "credential is now index %d)", result->u.rotation.active_index);
		return CORE_ROTATED_FOUND;
	}
	if (result->status == RW_OK) {
		if (before_index >= 0)
			snprintf(buf, bufsz, "rotated: the active credential is now index %d (it "
				 "was %d)", result->u.rotation.active_index, before_index);
		else
			snprintf(buf, bufsz, "rotated: the active credential is now index %d",
				 result->u.rotation.active_index);
		return CORE_ROTATED;
	}
	report_failure(result, api_base, NULL, REPORT_CLI, why, sizeof(why));
	if (result->outcome_checked) {
		snprintf(buf, bufsz, "not rotated: the reply was lost (%s) and the server shows "
			 "no new rotation -- it is safe to rotate again", why);
		return CORE_NOT_ROTATED;
	}
	if (result->outcome_unknown) {
		snprintf(buf, bufsz, "outcome unknown: the rotate request may have reached the "
			 "server, and rotwiz could not look it up: %s -- check the rotation "
			 "(rotwiz show) before rotating again", why);
		return CORE_ROTATE_UNKNOWN;
	}
	/* A known cause (Azure's, or the server's own lock) says what to do next. */
	explained = core_explain_rotation_message(result->error.message);
	if (explained)
		snprintf(buf, bufsz, "%s -- %s", why, explained);
	else
		snprintf(buf, bufsz, "%s", why);
	return CORE_ROTATE_FAILED;
}

void
core_rotate_after(const struct rw_rotation *now, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "The secret %s in %s %s now holds the new client secret of slot %d; "
		 "slot %d keeps the one before until the next rotation revokes it.",
		 now->map_client_secret ? now->map_client_secret : "?",
		 now->environment_slug ? now->environment_slug : "?",
		 now->folder_path ? now->folder_path : "?", now->active_index,
		 (now->active_index + 1) % 2);
}

void
core_rotate_confirm(const struct rw_rotation *r, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "Rotate \"%s\" now? A new client secret goes into slot %d, and the "
		 "secret %s in %s %s gets it; slot %d keeps the current one until the next "
		 "rotation.", r->name ? r->name : "", (r->active_index + 1) % 2,
		 r->map_client_secret ? r->map_client_secret : "?",
		 r->environment_slug ? r->environment_slug : "?",
		 r->folder_path ? r->folder_path : "?", r->active_index);
}
