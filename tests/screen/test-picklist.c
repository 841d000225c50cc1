#include "config.h"

/*
 * The pick-list's filter and highlight (tui/picklist.c) and the text
 * helpers it stands on (tui/text.c), without a terminal: matching on every
 * shown column whatever the case, UTF-8 typed and erased whole, the
 * highlight kept on a match, wrapping at spaces.
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tests/tap.h"
#include "tui/picklist.h"
#include "tui/text.h"

static const struct tui_pick_row app_rows[] = {
	{ { "Payments API", "b2a0517a-42c2-4a1b-97cb-0472be8a5e0b", "607e495a-aa5b-4896-9125-08d1a22c504c" },
	  "607e495a-aa5b-4896-9125-08d1a22c504c" },
	{ { "Reporting Service", "ddbacd78-a3c0-4214-80c0-ebda27c453fc", "02b9437c-9e85-48d6-bbc7-daf5621b9572" },
	  "02b9437c-9e85-48d6-bbc7-daf5621b9572" },
	{ { "Reporting Service", "0b9b3e4c-4221-445f-b00b-6980be330a20", "c5840a68-3dc3-4c5b-a451-4c5dcac829a0" },
	  "c5840a68-3dc3-4c5b-a451-4c5dcac829a0" },
	{ { "Caf\xc3\xa9 Sync", "11111111-2222-3333-4444-555555555555", "66666666-7777-8888-9999-000000000000" },
	  "66666666-7777-8888-9999-000000000000" },
	{ { NULL, NULL, NULL }, "no-columns" },
};

static struct tui_pick_rows
apps(void)
{
	struct tui_pick_rows rows;

	memset(&rows, 0, sizeof(rows));
	rows.row = app_rows;
	rows.count = sizeof(app_rows) / sizeof(app_rows[0]);
	rows.ncols = 3;
	rows.noun = "apps";
	return rows;
}

static void
type(struct tui_pick *pick, const struct tui_pick_rows *rows, const wchar_t *text)
{
	for (; *text; text++)
		tui_pick_key(pick, rows, TUI_ACT_CHAR, (wint_t) *text);
}

struct lines {
	char text[8][64];
	int n;
};

static void
collect(void *ctx, const char *start, size_t len)
{
	struct lines *l = ctx;

	if (l->n < 8 && len < sizeof(l->text[0])) {
		memcpy(l->text[l->n], start, len);
		l->text[l->n][len] = '\0';
	}
	l->n++;
}

int
main(void)
{
	struct tui_pick_rows rows = apps(), empty;
	struct tui_pick pick;
	const struct tui_pick_row *row;
	size_t idx[8];
	struct lines lines;

	setlocale(LC_ALL, "C.UTF-8");

	/* Nasty cases first. */
	memset(&empty, 0, sizeof(empty));
	empty.ncols = 3;
	empty.noun = "apps";
	tui_pick_init(&pick);
	ok(tui_pick_current(&pick, &empty) == NULL, "an_empty_list_has_no_current_row");
	type(&pick, &empty, L"x");
	ok(strcmp(pick.filter, "x") == 0, "typing_into_an_empty_list_still_collects_the_text");
	tui_pick_reset(&pick);
	ok(tui_pick_matches(&pick, &rows, NULL) == rows.count, "no_filter_matches_every_row");
	type(&pick, &rows, L"zzz");
	ok(tui_pick_matches(&pick, &rows, NULL) == 0 && tui_pick_current(&pick, &rows) == NULL,
	   "a_filter_matching_nothing_has_no_current_row");
	ok(tui_pick_key(&pick, &rows, TUI_ACT_LIST_DOWN, 0) && pick.sel == 0,
	   "moving_in_an_empty_match_list_stays_put");

	tui_pick_reset(&pick);
	type(&pick, &rows, L"0B9B3E4C");
	ok(tui_pick_matches(&pick, &rows, idx) == 1 && idx[0] == 2,
	   "the_filter_matches_the_client_id_column_ignoring_case");
	tui_pick_reset(&pick);
	type(&pick, &rows, L"c5840a68");
	ok(tui_pick_matches(&pick, &rows, idx) == 1 && idx[0] == 2,
	   "the_filter_matches_the_object_id_column");
	tui_pick_reset(&pick);
	type(&pick, &rows, L"reporting");
	ok(tui_pick_matches(&pick, &rows, NULL) == 2, "two_apps_share_a_display_name");
	tui_pick_key(&pick, &rows, TUI_ACT_LIST_DOWN, 0);
	tui_pick_key(&pick, &rows, TUI_ACT_LIST_DOWN, 0);
	row = tui_pick_current(&pick, &rows);
	ok(row && strcmp(row->value, "c5840a68-3dc3-4c5b-a451-4c5dcac829a0") == 0,
	   "down_stops_at_the_last_match");
	tui_pick_key(&pick, &rows, TUI_ACT_CHAR, L' ');
	ok(pick.sel == 0, "typing_more_puts_the_highlight_on_the_first_match");

	tui_pick_reset(&pick);
	type(&pick, &rows, L"caf\x00e9");
	ok(tui_pick_matches(&pick, &rows, idx) == 1 && idx[0] == 3, "a_typed_accent_matches");
	tui_pick_key(&pick, &rows, TUI_ACT_BACKSPACE, 0);
	ok(strcmp(pick.filter, "caf") == 0, "backspace_removes_a_whole_utf8_character");
	tui_pick_key(&pick, &rows, TUI_ACT_KILL, 0);
	ok(pick.filter[0] == '\0', "ctrl_u_clears_the_filter");

	tui_pick_reset(&pick);
	tui_pick_add_filter(&pick, "\"pay\n\x01ments\"");
	ok(strcmp(pick.filter, "\"payments\"") == 0, "a_paste_into_the_filter_loses_control_characters");
	{
		char big[TUI_PICK_FILTER_MAX * 2];
		size_t i;

		tui_pick_reset(&pick);
		for (i = 0; i + 2 < sizeof(big); i += 2)
			memcpy(big + i, "\xc3\xa9", 2);
		big[i] = '\0';
		tui_pick_add_filter(&pick, big);
		ok(strlen(pick.filter) < TUI_PICK_FILTER_MAX && strlen(pick.filter) % 2 == 0,
		   "a_long_paste_is_cut_between_characters");
	}

	tui_pick_select_value(&pick, &rows, "02b9437c-9e85-48d6-bbc7-daf5621b9572");
	row = tui_pick_current(&pick, &rows);
	ok(row && row == &app_rows[1] && pick.filter[0] == '\0',
	   "the_current_answer_is_highlighted_when_the_list_opens");
	tui_pick_select_value(&pick, &rows, "not-in-the-list");
	ok(pick.sel == 0, "an_answer_not_in_the_list_highlights_the_first_row");

	ok(tui_text_contains("Payments API", "MENTS a"), "contains_ignores_ascii_case");
	ok(!tui_text_contains(NULL, "x") && tui_text_contains(NULL, ""),
	   "contains_takes_null_and_empty");
	ok(tui_text_width("caf\xc3\xa9") == 4, "width_counts_characters_not_bytes");
	ok(tui_text_width("a\tb") == 6, "a_control_character_is_as_wide_as_its_escape");
	ok(tui_text_width("a\xe2\x80\xae" "b\xc2\x9b") == 14, "bidi_and_c1_are_as_wide_as_their_escapes");

	memset(&lines, 0, sizeof(lines));
	tui_text_wrap("one two three", 7, collect, &lines);
	ok(lines.n == 2 && strcmp(lines.text[0], "one two") == 0 && strcmp(lines.text[1], "three") == 0,
	   "wrap_breaks_at_a_space");
	memset(&lines, 0, sizeof(lines));
	tui_text_wrap("abcdefghij", 4, collect, &lines);
	ok(lines.n == 3 && strcmp(lines.text[0], "abcd") == 0, "a_word_longer_than_the_line_is_cut");
	memset(&lines, 0, sizeof(lines));
	tui_text_wrap("a\n\nb", 10, collect, &lines);
	ok(lines.n == 3 && lines.text[1][0] == '\0', "newlines_start_lines_even_empty_ones");
	memset(&lines, 0, sizeof(lines));
	ok(tui_text_wrap("xyz", 0, collect, &lines) == 3, "a_zero_width_still_ends");

	/* A long list (issue 14): the page keys, Home/End, a filter typed and erased. */
	{
		enum { BIG = 3000 };
		static struct tui_pick_row big_rows[BIG];
		static char names[BIG][24], ids[BIG][16];
		struct tui_pick_rows big = rows, other = rows;
		size_t i;

		for (i = 0; i < BIG; i++) {
			snprintf(names[i], sizeof(names[i]), "Scale App %06zu", i + 1);
			snprintf(ids[i], sizeof(ids[i]), "id-%zu", i);
			big_rows[i].col[0] = names[i];
			big_rows[i].value = ids[i];
		}
		big.row = big_rows;
		big.count = BIG;
		big.ncols = 1;
		tui_pick_reset(&pick);
		pick.page = 20;
		tui_pick_key(&pick, &big, TUI_ACT_PAGE_DOWN, 0);
		ok(pick.sel == 19, "a_page_down_moves_a_shown_page_less_one_row");
		tui_pick_key(&pick, &big, TUI_ACT_PAGE_UP, 0);
		tui_pick_key(&pick, &big, TUI_ACT_PAGE_UP, 0);
		ok(pick.sel == 0 && pick.top == 0, "a_page_up_stops_at_the_first_row");
		tui_pick_key(&pick, &big, TUI_ACT_LAST, 0);
		row = tui_pick_current(&pick, &big);
		ok(row && strcmp(row->value, "id-2999") == 0, "end_goes_to_the_last_row");
		tui_pick_key(&pick, &big, TUI_ACT_PAGE_DOWN, 0);
		ok(pick.sel == BIG - 1, "a_page_down_at_the_end_stays_on_the_last_row");
		tui_pick_key(&pick, &big, TUI_ACT_FIRST, 0);
		ok(pick.sel == 0 && pick.top == 0, "home_goes_to_the_first_row");

		type(&pick, &big, L"APP 0029");
		ok(tui_pick_matches(&pick, &big, NULL) == 100, "a_filter_counts_its_matches_in_a_long_list");
		type(&pick, &big, L"99");
		ok(tui_pick_matches(&pick, &big, idx) == 1 && idx[0] == 2998,
		   "typing_more_narrows_to_what_matched_before");
		tui_pick_key(&pick, &big, TUI_ACT_BACKSPACE, 0);
		ok(tui_pick_matches(&pick, &big, NULL) == 10, "backspace_widens_the_matches_again");
		tui_pick_key(&pick, &big, TUI_ACT_LAST, 0);
		row = tui_pick_current(&pick, &big);
		ok(row && strcmp(row->value, "id-2998") == 0, "end_goes_to_the_last_match");
		/* Other rows under the same filter: what was worked out for the first list is not theirs. */
		ok(tui_pick_matches(&pick, &other, NULL) == 0, "a_changed_list_is_matched_afresh");
		tui_pick_key(&pick, &big, TUI_ACT_KILL, 0);
		ok(tui_pick_matches(&pick, &big, NULL) == BIG, "a_cleared_filter_matches_every_row_again");
		{
			/* More filters than are kept, typed and erased: every count as a fresh pass says. */
			static const wchar_t typed[] = L"scale app 0012";
			struct tui_pick fresh;
			size_t k, bad = 0;

			tui_pick_init(&fresh);
			for (k = 0; typed[k]; k++) {
				tui_pick_key(&pick, &big, TUI_ACT_CHAR, (wint_t) typed[k]);
				memcpy(fresh.filter, pick.filter, sizeof(fresh.filter));
				tui_pick_free(&fresh);
				memcpy(fresh.filter, pick.filter, sizeof(fresh.filter));
				bad += tui_pick_matches(&pick, &big, NULL) != tui_pick_matches(&fresh, &big, NULL);
			}
			for (k = 0; typed[k]; k++) {
				tui_pick_key(&pick, &big, TUI_ACT_BACKSPACE, 0);
				tui_pick_free(&fresh);
				memcpy(fresh.filter, pick.filter, sizeof(fresh.filter));
				bad += tui_pick_matches(&pick, &big, NULL) != tui_pick_matches(&fresh, &big, NULL);
			}
			tui_pick_free(&fresh);
			ok(bad == 0 && pick.filter[0] == '\0',
			   "typed_and_erased_past_what_is_kept_every_count_is_right");
		}
	}
	tui_pick_free(&pick);
	ok(pick.memo == NULL, "free_forgets_what_it_worked_out");
	return done_testing();
}
