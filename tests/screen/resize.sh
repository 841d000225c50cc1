#!/bin/sh
# Redrawn from state on every resize: below 60x16 a "please enlarge" screen,
# and back to the wizard with every value and the field being edited.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "starts" "1/7 Rotation"
txt "resize-me"
keys Enter
txt "half typ"
tm resize-window -t t -x 50 -y 12
waits "50x12_asks_for_a_larger_window" "please enlarge the window"
waits "and_says_how_large" "needs 60x16"
lacks "the_wizard_is_not_drawn_cramped" "1/7 Rotation"
txt "x"
tm resize-window -t t -x 100 -y 30
waits "back_to_100x30_the_wizard_returns" "1/7 Rotation"
on_line "the_name_survives" "Name" "resize-me"
on_line "the_half_typed_field_survives" "Description" "half typ"
lacks "keys_on_the_small_screen_typed_nothing" "half typx"
txt "ed"
on_line "editing_goes_on_where_it_was" "Description" "half typed"
keys Enter
waits "step_2" "2 projects"
tm resize-window -t t -x 60 -y 16
waits "60x16_is_enough" "2/7 Where"
waits "the_list_is_still_there" "Payments Platform"
waits "the_help_line_still_has_quit" "^C quit"
tm resize-window -t t -x 100 -y 30
txt "tools"
keys Enter
waits "the_list_still_works_after_resizes" "3 environments"
keys C-c
waits "quit_question" "Quit?"
tm resize-window -t t -x 80 -y 24
waits "the_question_survives_a_resize" "Your answers are saved as a draft."
keys y
exits 130 "quit_130"
asan_clean "no_sanitizer_report"
done_testing
