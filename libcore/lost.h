#ifndef ROTWIZ_CORE_LOST_H
#define ROTWIZ_CORE_LOST_H

/*
 * An edit (PATCH) or a delete whose reply was lost or unreadable may have
 * been carried out (decision 24): before anything is said, the rotation is
 * looked up by id, and these words say what the lookup found.  Rotate now
 * has its own (libcore/rotate.h); the create its own (net/api.h).
 */

#include <stddef.h>

#include "net/api.h"

/* Whether a failed edit or delete may have reached the server: no HTTP answer, or one unreadable. */
int core_lost_may_be_done(const struct rw_result *result);

enum core_lost_outcome {
	CORE_LOST_DONE,		/* delete: the server has it no more; edit: what it holds now is in lookup */
	CORE_LOST_NOT_DONE,	/* delete: the server still has it */
	CORE_LOST_UNKNOWN,	/* the lookup failed too */
};

/*
 * What the lookup by id after a lost reply found, with one line in buf:
 * "deleted: the reply was lost, and the server has the rotation no more",
 * "not deleted: the reply was lost and the server still has the rotation
 * -- it is safe to delete again", "saved?: the reply was lost; the server
 * now holds what is shown -- check that the change is there", or "outcome
 * unknown: could not look it up: <cause> -- look before trying again".
 */
enum core_lost_outcome core_lost_outcome(int is_delete, const struct rw_result *lookup,
					 const char *api_base, char *buf, size_t bufsz);

#endif
