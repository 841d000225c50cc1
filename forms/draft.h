#ifndef ROTWIZ_FORMS_DRAFT_H
#define ROTWIZ_FORMS_DRAFT_H

/*
 * The draft: the answers so far (never a token or client secret), saved
 * as JSON at $XDG_STATE_HOME/rotwiz/draft.json (else ~/.local/state/...),
 * mode 0600, and offered for resume at the next start.
 *
 * Format: {"version": 1, "step": N, "server": "https://eu.infisical.com",
 * "saved": 1764623040, "answers": {"name": "...", ...}}, the
 * answers as given (not normalised) under their flag names, except
 * "auto-rotation", "rotate-at-hours" and "rotate-at-minutes" (those flags
 * are negated or shared); unanswered fields are absent.  A relative
 * XDG_STATE_HOME is ignored, as the XDG spec says.  "server" (the origin
 * the answers were given for, or "demo" for --demo, whose port changes)
 * and "saved" (seconds since the epoch) came later: a draft without them,
 * or with them of another type, still loads, its origin unknown.
 */

#include <stddef.h>
#include <time.h>

#include "common/status.h"
#include "forms/field.h"

/* The draft's path (caller frees), or NULL when neither variable is set. */
char *rw_draft_path(void);
/*
 * Writes atomically (temp file in the same folder, fsync, rename), mode
 * 0600, missing folders made 0700.  RW_OK, RW_EIO, RW_ENOMEM, or RW_EUSAGE
 * for a NULL path or a step out of range.  On RW_EIO errno says why (EROFS,
 * EACCES, ENOSPC...), for the caller's message.
 */
enum rw_status rw_draft_save(const char *path, const struct rw_answers *answers, enum rw_step step);
/* rw_draft_save(), recording the server (NULL: not recorded) and the time saved. */
enum rw_status rw_draft_save_for(const char *path, const struct rw_answers *answers,
				 enum rw_step step, const char *server, time_t saved);
/*
 * rw_draft_save_for(), and with create_may_exist the key "createMayExist":
 * a create of these answers was in flight or its outcome unknown
 * (decision 17), so the next run looks the rotation up before creating.
 */
enum rw_status rw_draft_save_marked(const char *path, const struct rw_answers *answers,
				    enum rw_step step, const char *server, time_t saved,
				    int create_may_exist);

/* Where and when a draft was saved, as far as it says. */
struct rw_draft_origin {
	char server[512];	/* "" when the draft does not say */
	time_t saved;		/* 0 when the draft does not say */
	int create_may_exist;	/* "createMayExist": a create may have made it */
};
/*
 * RW_OK, RW_EIO when there is none, RW_EPROTO when it is not a draft of
 * ours (not a regular file, over 1 MiB, not JSON, another version, a step
 * out of range, a known answer that is not a string, a NUL byte or the
 * escape \u0000 anywhere).  Unknown keys are
 * ignored.  On RW_OK *answers is replaced (its old values freed); on any
 * failure *answers and *step are left as they were.
 */
enum rw_status rw_draft_load(const char *path, struct rw_answers *answers, enum rw_step *step);
/* rw_draft_load(), and *origin (may be NULL) filled on RW_OK. */
enum rw_status rw_draft_load_from(const char *path, struct rw_answers *answers,
				  enum rw_step *step, struct rw_draft_origin *origin);
/*
 * rw_draft_load() on len bytes already in memory (need not end in a NUL;
 * one inside is refused), with the same results and the same promise:
 * *answers and *step change only on RW_OK.  RW_EUSAGE for a NULL argument.
 * rw_draft_load() reads the file and hands its bytes to this.
 */
enum rw_status rw_draft_parse(const char *json, size_t len, struct rw_answers *answers,
			      enum rw_step *step);
/*
 * What is at the draft's path before a run that may save over it
 * (decision 22).  An unusable draft (rw_draft_load() would refuse it, or
 * it cannot be read) is moved aside to <path>.bad-YYYYmmddTHHMMSS (UTC,
 * from now; -2, -3... when taken), never left to be overwritten.  A usable
 * one is looked at for who may read it and whose it is.
 */
struct rw_draft_inspection {
	int present;		/* something is at the path */
	char problem[200];	/* why it cannot be used ("it is not JSON"); "" when it can */
	char *moved_to;		/* where it went (malloc'd); NULL when not moved */
	int move_errno;		/* why it could not be moved, when problem[0] and !moved_to */
	unsigned mode;		/* its permission bits */
	int shared;		/* usable, and group or others may read or write it */
	int foreign;		/* usable, and owned by another user than this process's */
	long owner;		/* its owner's uid */
};
/* RW_OK (also when nothing is there), RW_ENOMEM, RW_EUSAGE.  Free *out after. */
enum rw_status rw_draft_inspect(const char *path, time_t now, struct rw_draft_inspection *out);
void rw_draft_inspection_free(struct rw_draft_inspection *in);

/* RW_OK also when there was no draft. */
enum rw_status rw_draft_remove(const char *path);

#endif
