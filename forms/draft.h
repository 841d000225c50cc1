#ifndef ROTWIZ_FORMS_DRAFT_H
#define ROTWIZ_FORMS_DRAFT_H

/*
 * The draft: the answers so far (never a token or client secret), saved
 * as JSON at $XDG_STATE_HOME/rotwiz/draft.json (else ~/.local/state/...),
 * mode 0600, and offered for resume at the next start.
 */

#include "common/status.h"
#include "forms/field.h"

/* The draft's path (caller frees), or NULL when neither variable is set. */
char *rw_draft_path(void);
/* Writes atomically (temp file + rename), mode 0600, folders made as needed. */
enum rw_status rw_draft_save(const char *path, const struct rw_answers *answers, enum rw_step step);
/* RW_OK, RW_EIO when there is none, RW_EPROTO when it is not a draft of ours. */
enum rw_status rw_draft_load(const char *path, struct rw_answers *answers, enum rw_step *step);
enum rw_status rw_draft_remove(const char *path);

#endif
