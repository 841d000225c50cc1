#ifndef ROTWIZ_TUI_DETAIL_H
#define ROTWIZ_TUI_DETAIL_H

/*
 * The Rotations screen's views of one rotation (tui/manage.h holds their
 * state): the detail, its credentials, the edit and the delete forms.
 */

#include "tui/manage.h"

unsigned tui_detail_contexts(struct tui *t);
void tui_detail_draw(struct tui *t);
enum tui_outcome tui_detail_key(struct tui *t, enum tui_action action, wint_t ch);
/* A finished action of the detail (rotate, get, generated, update, delete). */
void tui_detail_result(struct tui *t, enum tui_manage_req kind, struct rw_result *result);
/* The edit's fields from the shown rotation. */
void tui_detail_edit_begin(struct tui *t);
/* The edit's PATCH body (caller frees), or NULL with the reason in the fields' messages. */
char *tui_detail_edit_body(struct tui *t);

#endif
