#!/bin/sh
# Every inline refusal shows under its field, in words naming the rule and
# the value, and the cursor stays: hours 24, minutes 60, interval 0 and
# 910 (kept and refused as typed), a name that is not a slug, a letter in a
# number.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --project $PAYMENTS --environment dev \
	--secret-path / --connection $CONTOSO --object-id $PAYMENTS_API_OBJECT \
	--client-id $PAYMENTS_API_CLIENT

waits "starts_at_step_1" "1/7 Rotation"
txt "Bad Name"
keys Enter
below "a_bad_name_is_refused_under_its_field" "Name" 'got "Bad Name"'
below "the_message_names_the_rule" "Name" "lowercase letters and digits"
waits "the_cursor_stays_on_the_step" "1/7 Rotation"
keys C-u
txt "refusals"
keys Enter
lacks "a_fixed_name_clears_the_message" 'got "Bad Name"'
keys PgDn
waits "pgdn_validates_and_goes_on" "2/7 Where"
keys PgDn PgDn PgDn
waits "the_flags_filled_steps_2_to_4" "5/7 Schedule"

keys Down
txt "0"
below "interval_0_is_refused_as_typed" "Interval (days)" 'got "0"'
field_is "the_typed_key_is_kept" "Interval (days)" "0"
keys C-u
txt "910"
below "interval_910_is_refused_as_typed" "Interval (days)" 'got "910"'
below "the_message_names_azures_limit" "Interval (days)" "909"
field_is "the_field_keeps_what_was_typed" "Interval (days)" "910"
keys C-u
txt "45"
keys Enter
lacks "a_good_interval_clears_the_message" 'got "910"'

txt "24"
below "hours_24_is_refused" "Rotate at hour (UTC)" 'got "24"'
below "the_hours_rule_is_named" "Rotate at hour (UTC)" "from 0 to 23"
keys C-u
txt "2"
keys Enter
txt "60"
below "minutes_60_is_refused" "Rotate at minute (UTC)" 'got "60"'
below "the_minutes_rule_is_named" "Rotate at minute (UTC)" "from 0 to 59"
keys C-u
txt "x"
below "a_letter_in_a_number_is_refused" "Rotate at minute (UTC)" 'got "x"'
keys C-u
keys Enter
below "an_empty_number_cannot_be_left" "Rotate at minute (UTC)" "required"
waits "and_the_step_stays" "5/7 Schedule"
txt "5"
keys Enter Enter
waits "a_good_schedule_goes_on" "6/7 Secret names"

keys C-u
txt "SAME"
keys Tab C-u
txt "SAME"
keys Enter
below "mapping_names_must_differ" "Client secret secret" "SAME"
waits "the_step_does_not_go_on" "6/7 Secret names"
keys C-u
txt "A:B"
keys Enter
below "a_colon_is_refused_in_a_secret_name" "Client secret secret" 'got "A:B"'

keys C-c
waits "ctrl_c_asks_first" "Quit? Your answers are saved as a draft."
keys y
exits 130 "y_quits_with_130"
asan_clean "no_sanitizer_report"
done_testing
