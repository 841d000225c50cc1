#ifndef ROTWIZ_FORMS_DRAFT_H
#define ROTWIZ_FORMS_DRAFT_H

/*
 * The draft: the answers so far (never a token or client secret), saved
 * as JSON at $XDG_STATE_HOME/rotwiz/draft.json (else ~/.local/state/...),
 * mode 0600, and offered for resume at the next start.
 *
 * Format: {"version": 1, "step": N, "answers": {"name": "...", ...}}, the
 * answers as given (not normalised) under their flag names, except
 * "auto-rotation", "rotate-at-hours" and "rotate-at-minutes" (those flags
 * are negated or shared); unanswered fields are absent.  A relative
 * XDG_STATE_HOME is ignored, as the XDG spec says.
 */

#include <stddef.h>

#include "common/status.h"
#include "forms/field.h"

/* The draft's path (caller frees), or NULL when neither variable is set. */
char *rw_draft_path(void);
/*
 * Writes atomically (temp file in the same folder, fsync, rename), mode
 * 0600, missing folders made 0700.  RW_OK, RW_EIO, RW_ENOMEM, or RW_EUSAGE
 * for a NULL path or a step out of range.
 */
enum rw_status rw_draft_save(const char *path, const struct rw_answers *answers, enum rw_step step);
/*
 * RW_OK, RW_EIO when there is none, RW_EPROTO when it is not a draft of
 * ours (not a regular file, over 1 MiB, not JSON, another version, a step
 * out of range, a known answer that is not a string).  Unknown keys are
 * ignored.  On RW_OK *answers is replaced (its old values freed); on any
 * failure *answers and *step are left as they were.
 */
enum rw_status rw_draft_load(const char *path, struct rw_answers *answers, enum rw_step *step);
/*
 * rw_draft_load() on len bytes already in memory (need not end in a NUL;
 * one inside is refused), with the same results and the same promise:
 * *answers and *step change only on RW_OK.  RW_EUSAGE for a NULL argument.
 * rw_draft_load() reads the file and hands its bytes to this.
 */
enum rw_status rw_draft_parse(const char *json, size_t len, struct rw_answers *answers,
			      enum rw_step *step);
/* RW_OK also when there was no draft. */
enum rw_status rw_draft_remove(const char *path);

#endif
