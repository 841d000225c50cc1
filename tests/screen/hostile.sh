#!/bin/sh
# The one terminal rule on the curses screens (decision 16): the server's
# project, environment and Azure app names (rotwiz-sandbox --hostile-names)
# and a field's value from a flag are drawn escaped (\x1b, \u202e) in
# pick-lists, fields and the rail, never sent to the terminal raw: the
# pane's title stays, the screen holds no bidi or C1 character.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# What the screen must not hold: C1 (UTF-8), the bidi and direction controls.
RAW_RE=$(printf '[\001-\011\013-\037\177]|\302[\200-\237]|\342\200[\216\217\252-\256]|\342\201[\246-\251]|\330\234')
raw_free_screen() {
	if screen | LC_ALL=C grep -q -a -E "$RAW_RE"; then
		ok 1 "$1"
		show_screen
	else
		ok 0 "$1"
	fi
}

screen_sandbox --hostile-names
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name screen-hostile \
	--description "$(printf 'desc \342\200\256x \033[2J')"
title=$(pane_flag pane_title)

waits "starts_at_step_1" "1/7 Rotation"
waits "a_flag_value_in_a_field_is_drawn_escaped" 'desc \u202ex \x1b[2J'
raw_free_screen "step_1_holds_no_raw_control"
keys Tab
paste "$(printf ' p\342\200\256q\302\233')"
waits "a_pasted_bidi_and_c1_go_in_escaped" 'p\u202eq\u009b'
txt "$(printf '\342\201\247')"
waits "a_typed_bidi_isolate_goes_in_escaped" 'q\u009b\u2067'
raw_free_screen "the_edited_field_holds_no_raw_control"
keys Enter
waits "the_project_list_loads" "3 projects"
waits "a_project_name_is_drawn_escaped_in_the_pick_list" 'Evil \x1b]0;owned\x07 \x1b[2JProject'
raw_free_screen "the_project_list_holds_no_raw_control"
txt "evil"
waits "the_filter_finds_it" '1 of 3 projects match "evil"'
keys Enter
waits "an_environment_name_is_drawn_escaped" 'Dev \x1b[41mred\x1b[0m'
keys Enter Enter
waits "step_3" "3/7 Connection"
waits "the_rail_draws_the_project_escaped" 'Evil \x1b]0;owned\x07'
keys Enter
waits "step_4" "4/7 Azure app"
txt "evil"
waits "an_app_name_with_esc_and_bel_is_drawn_escaped" 'Evil \x1b[31mRed\x1b[0m \x07App'
keys Escape
txt "invoice"
waits "an_app_name_with_a_bidi_override_is_drawn_escaped" 'Invoice \u202efdp.exe'
raw_free_screen "the_app_list_holds_no_raw_bidi"
keys Escape
txt "c1"
waits "an_app_name_with_c1_and_bad_bytes_is_drawn_escaped" 'C1 \u009b2J app \xfe\xc0\xaf'
raw_free_screen "the_app_list_holds_no_raw_c1"
if [ "$(pane_flag pane_title)" = "$title" ]; then
	ok 0 "no_name_changed_the_terminal_title"
else
	ok 1 "no_name_changed_the_terminal_title"
	diag "title was \"$title\", is \"$(pane_flag pane_title)\""
fi
keys C-c y
exits 130 quit_with_ctrl_c
asan_clean "no_sanitizer_report"

done_testing
