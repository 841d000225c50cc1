#!/bin/sh
# NO_COLOR (non-empty) and --no-color draw in the monochrome theme: bold,
# reverse and underline, no colour; an empty NO_COLOR does not count.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# SGR colour codes: 30-37, 39 excepted (default), 38;5;N, 90-97.
has_colour() {
	tm capture-pane -e -p -t t | grep -E -q "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|38;5|9[0-7])(;[0-9;]*)?m"
}

screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "colour_run_starts" "1/7 Rotation"
ok "$(has_colour; echo $?)" "by_default_there_is_colour"
keys C-c y
exits 130 colour_run_quits_130

screen_run INFISICAL_TOKEN=$USER_TOKEN NO_COLOR=1
waits "no_color_run_starts" "1/7 Rotation"
txt "Bad"
keys Enter
below "an_error_still_shows" "Name" "got \"Bad\""
ok "$(has_colour; [ $? -ne 0 ]; echo $?)" "no_color_draws_without_colour"
ok "$(tm capture-pane -e -p -t t | grep -q "$(printf '\033')\\[[0-9;]*7[;m]"; echo $?)" \
	"the_current_step_is_still_marked_by_reverse_video"
waits "errors_carry_a_mark_not_only_colour" "✗ Name:"
keys C-c y
exits 130 no_color_run_quits_130

screen_run INFISICAL_TOKEN=$USER_TOKEN -- --no-color
waits "flag_run_starts" "1/7 Rotation"
ok "$(has_colour; [ $? -ne 0 ]; echo $?)" "no_color_flag_draws_without_colour"
keys C-c y
exits 130 flag_run_quits_130

screen_run INFISICAL_TOKEN=$USER_TOKEN NO_COLOR=
waits "empty_run_starts" "1/7 Rotation"
ok "$(has_colour; echo $?)" "an_empty_no_color_keeps_colour"
keys C-c y
exits 130 empty_run_quits_130
asan_clean "no_sanitizer_report"
done_testing
