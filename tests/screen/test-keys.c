#include "config.h"

/*
 * The key table (tui/keys.c): every key of doc/contract.md section 3 becomes the
 * action it promises, in the context where it applies, and the help line
 * drawn from the same table only names keys that do what it says.
 */

#include <string.h>

#include "tests/tap.h"
#include "tui/keys.h"

#define CTRL(c) ((c) & 0x1f)

struct expect {
	const char *name;
	int is_key;
	int ch;
	unsigned ctx;
	enum tui_action want;
};

static const struct expect section3[] = {
	/* Nasty ones first: the same key, different places. */
	{ "enter_on_review_creates", 0, '\r', TUI_CTX_REVIEW, TUI_ACT_CREATE },
	{ "enter_in_a_pick_list_chooses", 0, '\r', TUI_CTX_PICK | TUI_CTX_STEP, TUI_ACT_ACCEPT },
	{ "down_in_a_pick_list_moves", 1, KEY_DOWN, TUI_CTX_PICK | TUI_CTX_STEP, TUI_ACT_LIST_DOWN },
	{ "up_in_a_pick_list_moves", 1, KEY_UP, TUI_CTX_PICK | TUI_CTX_STEP, TUI_ACT_LIST_UP },
	{ "tab_in_the_path_field_completes", 0, '\t', TUI_CTX_PATH | TUI_CTX_STEP, TUI_ACT_COMPLETE },
	{ "down_in_the_path_field_is_next_field", 1, KEY_DOWN, TUI_CTX_PATH, TUI_ACT_NEXT_FIELD },
	{ "esc_over_a_load_cancels_it", 0, 27, TUI_CTX_PICK | TUI_CTX_LOADING, TUI_ACT_ESCAPE },
	{ "q_in_a_text_field_is_typed", 0, 'q', TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_CHAR },
	{ "y_in_a_text_field_is_typed", 0, 'y', TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_CHAR },
	{ "q_on_the_result_quits", 0, 'q', TUI_CTX_RESULT, TUI_ACT_QUIT_NOW },
	{ "r_on_the_result_rotates_now", 0, 'r', TUI_CTX_RESULT, TUI_ACT_ROTATE_NOW },
	{ "n_on_the_result_creates_another", 0, 'n', TUI_CTX_RESULT, TUI_ACT_ANOTHER },
	{ "y_answers_the_quit_question", 0, 'y', TUI_CTX_PROMPT, TUI_ACT_YES },
	{ "esc_answers_no", 0, 27, TUI_CTX_PROMPT, TUI_ACT_NO },
	{ "ctrl_c_in_the_question_does_not_quit_unasked", 0, CTRL('c'), TUI_CTX_PROMPT, TUI_ACT_NONE },
	{ "any_key_closes_help", 0, 'x', TUI_CTX_HELP, TUI_ACT_CLOSE },
	{ "a_resize_is_seen_even_in_a_question", 1, KEY_RESIZE, TUI_CTX_PROMPT, TUI_ACT_RESIZE },
	{ "a_paste_is_seen_anywhere", 1, TUI_KEY_PASTE_BEGIN, TUI_CTX_TEXT, TUI_ACT_PASTE_BEGIN },
	/* The table of section 3, as written. */
	{ "enter_in_a_field_is_next", 0, '\r', TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_ACCEPT },
	{ "newline_is_enter_too", 0, '\n', TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_ACCEPT },
	{ "tab_is_next_field", 0, '\t', TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_NEXT_FIELD },
	{ "down_is_next_field", 1, KEY_DOWN, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_NEXT_FIELD },
	{ "shift_tab_is_previous_field", 1, KEY_BTAB, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_PREV_FIELD },
	{ "up_is_previous_field", 1, KEY_UP, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_PREV_FIELD },
	{ "tab_leaves_a_pick_list", 0, '\t', TUI_CTX_PICK | TUI_CTX_STEP, TUI_ACT_NEXT_FIELD },
	{ "pgdn_is_next_step", 1, KEY_NPAGE, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_NEXT_STEP },
	{ "pgup_is_previous_step", 1, KEY_PPAGE, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_PREV_STEP },
	{ "pgup_on_review_is_previous_step", 1, KEY_PPAGE, TUI_CTX_REVIEW, TUI_ACT_PREV_STEP },
	{ "typing_in_a_pick_list_filters", 0, 'p', TUI_CTX_PICK | TUI_CTX_STEP, TUI_ACT_CHAR },
	{ "ctrl_e_on_the_app_step_is_manual_entry", 0, CTRL('e'),
	  TUI_CTX_APPS | TUI_CTX_PICK | TUI_CTX_STEP, TUI_ACT_MANUAL },
	{ "ctrl_e_elsewhere_does_nothing", 0, CTRL('e'), TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_NONE },
	{ "f1_is_help", 1, KEY_F(1), TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_HELP },
	{ "esc_is_escape", 0, 27, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_ESCAPE },
	{ "ctrl_c_asks_to_quit", 0, CTRL('c'), TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_QUIT },
	{ "ctrl_c_on_review_asks_too", 0, CTRL('c'), TUI_CTX_REVIEW, TUI_ACT_QUIT },
	{ "ctrl_l_redraws", 0, CTRL('l'), TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_REDRAW },
	{ "ctrl_c_on_the_small_screen_quits", 0, CTRL('c'), TUI_CTX_SMALL, TUI_ACT_QUIT },
	{ "space_changes_a_toggle", 0, ' ', TUI_CTX_TOGGLE | TUI_CTX_STEP, TUI_ACT_TOGGLE },
	{ "a_digit_on_review_reopens_a_step", 0, '5', TUI_CTX_REVIEW, TUI_ACT_JUMP },
	{ "w_on_review_writes_the_files", 0, 'w', TUI_CTX_REVIEW, TUI_ACT_WRITE_FILES },
	{ "y_on_review_copies_the_curl_command", 0, 'y', TUI_CTX_REVIEW, TUI_ACT_COPY },
	{ "y_in_a_question_still_answers_yes", 0, 'y', TUI_CTX_PROMPT | TUI_CTX_REVIEW, TUI_ACT_YES },
	{ "backspace_edits", 1, KEY_BACKSPACE, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_BACKSPACE },
	{ "del_127_edits", 0, 127, TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_BACKSPACE },
	/* The Rotations screen (issue 12): reached from every step and the result. */
	{ "f2_on_a_step_opens_the_rotations", 1, KEY_F(2), TUI_CTX_TEXT | TUI_CTX_STEP, TUI_ACT_MANAGE },
	{ "f2_on_review_too", 1, KEY_F(2), TUI_CTX_REVIEW, TUI_ACT_MANAGE },
	{ "m_on_the_result_opens_them", 0, 'm', TUI_CTX_RESULT, TUI_ACT_MANAGE },
	{ "f2_on_the_rotations_does_not_reopen", 1, KEY_F(2), TUI_CTX_MANAGE | TUI_CTX_TEXT |
	  TUI_CTX_EDIT, TUI_ACT_NONE },
	{ "r_in_the_rotations_filter_is_typed", 0, 'r', TUI_CTX_MANAGE | TUI_CTX_ROTATIONS, TUI_ACT_CHAR },
	{ "pgdn_in_the_rotations_pages", 1, KEY_NPAGE, TUI_CTX_MANAGE | TUI_CTX_ROTATIONS,
	  TUI_ACT_PAGE_DOWN },
	{ "ctrl_r_refreshes_the_rotations", 0, CTRL('r'), TUI_CTX_MANAGE | TUI_CTX_ROTATIONS,
	  TUI_ACT_RETRY },
	{ "r_on_a_rotation_rotates_now", 0, 'r', TUI_CTX_MANAGE | TUI_CTX_DETAIL, TUI_ACT_ROTATE_NOW },
	{ "d_on_a_rotation_deletes", 0, 'd', TUI_CTX_MANAGE | TUI_CTX_DETAIL, TUI_ACT_DELETE_ROTATION },
	{ "v_on_the_credentials_reveals", 0, 'v', TUI_CTX_MANAGE | TUI_CTX_CREDENTIALS, TUI_ACT_REVEAL },
	{ "any_key_hides_a_revealed_secret", 0, 'v', TUI_CTX_MANAGE | TUI_CTX_REVEALED, TUI_ACT_CLOSE },
	{ "a_special_key_hides_it_too", 1, KEY_DOWN, TUI_CTX_MANAGE | TUI_CTX_REVEALED, TUI_ACT_CLOSE },
	{ "enter_on_the_edit_saves", 0, '\r', TUI_CTX_MANAGE | TUI_CTX_EDIT | TUI_CTX_TEXT, TUI_ACT_SAVE },
	{ "d_in_the_delete_name_is_typed", 0, 'd', TUI_CTX_MANAGE | TUI_CTX_DELETE | TUI_CTX_TEXT,
	  TUI_ACT_CHAR },
	{ "pgdn_in_an_edit_is_no_step", 1, KEY_NPAGE, TUI_CTX_MANAGE | TUI_CTX_EDIT | TUI_CTX_TEXT,
	  TUI_ACT_NONE },
	{ "y_answers_a_rotations_question", 0, 'y', TUI_CTX_MANAGE | TUI_CTX_PROMPT, TUI_ACT_YES },
};

/* Key names as the ASCII help line writes them. */
static int
key_code(const char *name, int *is_key)
{
	static const struct { const char *name; int is_key, ch; } names[] = {
		{ "Enter", 0, '\r' }, { "Tab", 0, '\t' }, { "Esc", 0, 27 }, { "F1", 1, KEY_F(1) },
		{ "^C", 0, CTRL('c') }, { "^E", 0, CTRL('e') }, { "^R", 0, CTRL('r') },
		{ "PgDn", 1, KEY_NPAGE }, { "PgUp", 1, KEY_PPAGE }, { "Space", 0, ' ' },
		{ "Up", 1, KEY_UP }, { "Down", 1, KEY_DOWN }, { "S-Tab", 1, KEY_BTAB },
		{ "y", 0, 'y' }, { "n", 0, 'n' }, { "r", 0, 'r' }, { "q", 0, 'q' }, { "1-6", 0, '1' },
		{ "w", 0, 'w' }, { "F2", 1, KEY_F(2) }, { "m", 0, 'm' }, { "c", 0, 'c' },
		{ "e", 0, 'e' }, { "d", 0, 'd' }, { "v", 0, 'v' },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(names[i].name, name) == 0) {
			*is_key = names[i].is_key;
			return names[i].ch;
		}
	}
	return -1;
}

/* "Up/Down move" and "PgDn/PgUp step" name two directions of one thing. */
static int
family(enum tui_action a)
{
	switch (a) {
	case TUI_ACT_LIST_DOWN:
		return TUI_ACT_LIST_UP;
	case TUI_ACT_PREV_STEP:
		return TUI_ACT_NEXT_STEP;
	case TUI_ACT_SCROLL_DOWN:
		return TUI_ACT_SCROLL_UP;
	case TUI_ACT_PAGE_UP:
		return TUI_ACT_PAGE_DOWN;
	default:
		return (int) a;
	}
}

/*
 * Every "KEYS words" entry of the help line: each key named must have an
 * action there, the same for all keys of one entry.  Returns the number of
 * entries checked, or -1 with a diagnostic.
 */
static int
help_is_true(unsigned ctx, int width)
{
	char help[512], *entry, *save = NULL;
	int n = 0;

	tui_key_help(ctx, 1, help, sizeof(help), width);
	/* Entries are separated by two spaces; inside one, key and words by one. */
	for (entry = help; entry && *entry; n++) {
		char *next = strstr(entry, "  "), *space, *key, *ks = NULL;
		enum tui_action first = TUI_ACT_NONE;

		if (next) {
			*next = '\0';
			next += 2;
		}
		space = strchr(entry, ' ');
		if (space)
			*space = '\0';
		if (strcmp(entry, "any") == 0) {
			entry = next;
			continue;
		}
		for (key = strtok_r(entry, "/", &ks); key; key = strtok_r(NULL, "/", &ks)) {
			int is_key, ch = key_code(key, &is_key);
			enum tui_action a;

			if (ch < 0) {
				diag("help names an unknown key \"%s\"", key);
				return -1;
			}
			a = tui_key_action(is_key, (wint_t) ch, ctx);
			if (a == TUI_ACT_NONE || (first != TUI_ACT_NONE && family(a) != family(first))) {
				diag("help shows \"%s\" but it does %s", key,
				     a == TUI_ACT_NONE ? "nothing" : "something else");
				return -1;
			}
			first = a;
		}
		entry = next;
	}
	(void) save;
	return n;
}

int
main(void)
{
	static const unsigned contexts[] = {
		TUI_CTX_TEXT | TUI_CTX_STEP,
		TUI_CTX_PICK | TUI_CTX_STEP,
		TUI_CTX_PICK | TUI_CTX_STEP | TUI_CTX_FILTERED,
		TUI_CTX_PICK | TUI_CTX_STEP | TUI_CTX_LOADING,
		TUI_CTX_PICK | TUI_CTX_STEP | TUI_CTX_APPS | TUI_CTX_RETRY,
		TUI_CTX_TEXT | TUI_CTX_STEP | TUI_CTX_APPS,
		TUI_CTX_PATH | TUI_CTX_STEP,
		TUI_CTX_TOGGLE | TUI_CTX_STEP,
		TUI_CTX_REVIEW,
		TUI_CTX_RESULT,
		TUI_CTX_PROMPT,
		TUI_CTX_HELP,
		TUI_CTX_SIGNIN | TUI_CTX_TEXT,
		TUI_CTX_MANAGE | TUI_CTX_ROTATIONS,
		TUI_CTX_MANAGE | TUI_CTX_ROTATIONS | TUI_CTX_FILTERED,
		TUI_CTX_MANAGE | TUI_CTX_DETAIL,
		TUI_CTX_MANAGE | TUI_CTX_CREDENTIALS,
		TUI_CTX_MANAGE | TUI_CTX_REVEALED,
		TUI_CTX_MANAGE | TUI_CTX_EDIT | TUI_CTX_TEXT,
		TUI_CTX_MANAGE | TUI_CTX_EDIT | TUI_CTX_TOGGLE,
		TUI_CTX_MANAGE | TUI_CTX_DELETE | TUI_CTX_TEXT,
		TUI_CTX_MANAGE | TUI_CTX_DELETE | TUI_CTX_TOGGLE,
	};
	char help[512];
	size_t i;
	int all = 1;

	for (i = 0; i < sizeof(section3) / sizeof(section3[0]); i++) {
		const struct expect *e = &section3[i];

		if (!ok(tui_key_action(e->is_key, (wint_t) e->ch, e->ctx) == e->want, "%s", e->name))
			diag("got action %d, want %d",
			     (int) tui_key_action(e->is_key, (wint_t) e->ch, e->ctx), (int) e->want);
	}

	for (i = 0; i < sizeof(contexts) / sizeof(contexts[0]); i++)
		if (help_is_true(contexts[i], 200) <= 0)
			all = 0;
	ok(all, "the_help_line_names_only_keys_that_do_what_it_says");

	tui_key_help(TUI_CTX_PICK | TUI_CTX_STEP, 1, help, sizeof(help), 200);
	ok(strstr(help, "Up/Down move") != NULL && strstr(help, "Tab/Down") == NULL,
	   "in_a_pick_list_the_help_says_the_arrows_move");
	tui_key_help(TUI_CTX_PICK | TUI_CTX_STEP | TUI_CTX_LOADING, 1, help, sizeof(help), 200);
	ok(strstr(help, "Esc cancel load") != NULL, "over_a_load_esc_says_cancel");
	tui_key_help(TUI_CTX_PICK | TUI_CTX_STEP | TUI_CTX_FILTERED, 1, help, sizeof(help), 200);
	ok(strstr(help, "Esc clear filter") != NULL, "with_a_filter_esc_says_clear");
	tui_key_help(TUI_CTX_PICK | TUI_CTX_STEP, 1, help, sizeof(help), 200);
	ok(strstr(help, "Esc back") != NULL, "else_esc_says_back");
	tui_key_help(TUI_CTX_PICK | TUI_CTX_STEP, 1, help, sizeof(help), 200);
	ok(strstr(help, "^R") == NULL, "reload_is_offered_only_when_a_list_failed");

	/* Ctrl-E is the app step's only way to type the IDs: it stays on a 100-column line. */
	tui_key_help(TUI_CTX_PICK | TUI_CTX_APPS | TUI_CTX_STEP, 1, help, sizeof(help), 98);
	ok(strstr(help, "^E manual entry") != NULL, "the_app_list_help_line_keeps_ctrl_e_at_100_columns");
	tui_key_help(TUI_CTX_PICK | TUI_CTX_APPS | TUI_CTX_STEP, 1, help, sizeof(help), 78);
	ok(strstr(help, "^E manual entry") != NULL, "and_at_80_columns");
	tui_key_help(TUI_CTX_TEXT | TUI_CTX_APPS | TUI_CTX_STEP, 1, help, sizeof(help), 78);
	ok(strstr(help, "^E app list") != NULL, "typing_the_ids_the_line_offers_the_list_again");
	/* A long F1 text scrolls with the arrows; any other key still closes it. */
	ok(tui_key_action(1, KEY_DOWN, TUI_CTX_HELP) == TUI_ACT_SCROLL_DOWN &&
	   tui_key_action(1, KEY_UP, TUI_CTX_HELP) == TUI_ACT_SCROLL_UP &&
	   tui_key_action(1, KEY_F(1), TUI_CTX_HELP) == TUI_ACT_CLOSE &&
	   tui_key_action(0, '\r', TUI_CTX_HELP) == TUI_ACT_CLOSE,
	   "in_the_help_window_the_arrows_scroll_and_other_keys_close");

	tui_key_help(TUI_CTX_TEXT | TUI_CTX_STEP, 1, help, sizeof(help), 40);
	ok(strlen(help) <= 40 && strstr(help, "Enter") && strstr(help, "F1 help") &&
	   strstr(help, "^C quit"), "a_narrow_help_line_keeps_enter_help_and_quit");
	if (help_is_true(TUI_CTX_TEXT | TUI_CTX_STEP, 40) < 0)
		ok(0, "a_narrow_help_line_is_still_true");
	else
		ok(1, "a_narrow_help_line_is_still_true");
	tui_key_help(TUI_CTX_TEXT | TUI_CTX_STEP, 0, help, sizeof(help), 60);
	ok(strstr(help, "Tab/\xe2\x86\x93") != NULL, "the_utf8_help_line_draws_arrows");
	tui_key_help(TUI_CTX_TEXT, 0, help, 1, 80);
	ok(help[0] == '\0', "a_one_byte_buffer_gets_an_empty_string");
	return done_testing();
}
