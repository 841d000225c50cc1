#ifndef ROTWIZ_CORE_ROTATE_H
#define ROTWIZ_CORE_ROTATE_H

/*
 * Rotate now, shared by every front-end (decisions 17 and 18, issue 11
 * item 2).  A rotation makes a new client secret in the slot not in use
 * and revokes what that slot held; so a second rotation soon after the
 * first revokes the secret the apps were given by the first and may not
 * have picked up yet.  And a rotate whose reply is lost may have happened:
 * net/api.h's rw_api_rotate_now() looks it up (activeIndex and
 * lastRotatedAt against the rotation as it was), and these words say what
 * it found, before anything is sent again.
 */

#include <stddef.h>
#include <time.h>

#include "net/api.h"

/* A rotation less than this long after the last one asks first. */
#define CORE_ROTATE_SOON_MINUTES 60

/*
 * Whether rotating r now revokes a secret that apps may still be using:
 * its last rotation was less than CORE_ROTATE_SOON_MINUTES before now
 * and was not the create itself (slot 0 active and lastRotatedAt not after
 * createdAt: after a create the other slot is still empty, so nothing is
 * revoked).  *minutes_ago gets how long ago it was.
 */
int core_rotate_is_soon(const struct rw_rotation *r, time_t now, long *minutes_ago);

/*
 * The question to ask then, one paragraph: "The last rotation was N minutes
 * ago. Rotating again revokes the client secret in slot K (the one the last
 * rotation retired), which apps may still be using. Rotate anyway?"
 */
void core_rotate_question(const struct rw_rotation *r, long minutes_ago, char *buf, size_t bufsz);

enum core_rotate_outcome {
	CORE_ROTATED,		/* the server answered: rotated */
	CORE_ROTATED_FOUND,	/* the reply was lost; the lookup shows it rotated */
	CORE_NOT_ROTATED,	/* the reply was lost; the lookup shows it did not */
	CORE_ROTATE_UNKNOWN,	/* lost, and the lookup failed too */
	CORE_ROTATE_FAILED,	/* the server refused or failed: it did not rotate */
};

/*
 * What a finished rotate-now result means, and one line for the user in
 * buf: "rotated: the active credential is now index 1 (it was 0)", "rotated:
 * the reply was lost, found on the server (active index 1)", "not rotated:
 * the reply was lost and the server shows no new rotation -- it is safe to
 * rotate again", "outcome unknown: could not look it up: <cause> -- look
 * before rotating again", or report_failure()'s words.  before_index is
 * the active index before (-1: unknown).
 */
enum core_rotate_outcome core_rotate_outcome(const struct rw_result *result, int before_index,
					     const char *api_base, char *buf, size_t bufsz);

/*
 * The confirmation of a rotate now that is not soon (default yes): "Rotate
 * "NAME" now? A new client secret goes into slot K, and the secret SECRET
 * in ENV FOLDER gets it; slot J keeps the current one until the next
 * rotation."  A soon one asks core_rotate_question() instead, default no.
 */
void core_rotate_confirm(const struct rw_rotation *r, char *buf, size_t bufsz);

/*
 * After a rotation (now: the rotation as the server holds it then), one
 * sentence: which slot is active and that the mapped secret changed, never
 * its value: "The secret AZURE_CLIENT_SECRET in staging /api now holds the
 * new client secret of slot 1; slot 0 keeps the one before until the next
 * rotation revokes it."
 */
void core_rotate_after(const struct rw_rotation *now, char *buf, size_t bufsz);

#endif
