#!/bin/sh
# What a field does with what is typed (issue 10, faults 3, 8, 9, 17, 18;
# doc/contract.md 2.2 decisions 7 and 8, section 3):
# - a number field keeps 910, 24, 1.5 as typed, shows the rule under it at
#   once, and cannot be left forwards until it holds;
# - a hidden field shows one * per character;
# - a message goes as soon as its cause does: the sign-in refusal when the
#   server changes, the same-GUID warning when the IDs differ, "required"
#   when a value is pasted;
# - the Local time field follows the UTC fields and sets them, shown in
#   both zones with the summer-time shift;
# - Tab at the end of a complete folder path keeps it whole and the focus.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# Europe/Paris's offset now, in minutes east of UTC ("+0100" -> 60).
OFFSET=$(TZ=Europe/Paris date +%z | awk '{ s = substr($0, 1, 1) == "-" ? -1 : 1;
	print s * (substr($0, 2, 2) * 60 + substr($0, 4, 2)) }')
shift_time() {	# HH MM MINUTES -> "H M" of HH:MM plus MINUTES, on a 24-hour clock
	awk -v h="$1" -v m="$2" -v d="$3" 'BEGIN { t = ((h * 60 + m + d) % 1440 + 1440) % 1440;
		printf "%d %d\n", int(t / 60), t % 60 }'
}
set -- $(shift_time 6 30 "$OFFSET")
LOCAL_0630=$(printf '%02d:%02d' "$1" "$2")
set -- $(shift_time 7 30 $((-OFFSET)))
UTC_0730_H=$1 UTC_0730_M=$2
UTC_0730=$(printf '%02d:%02d' "$1" "$2")
# The next clock change is to summer time in winter, and back in summer.
if [ "$(TZ=Europe/Paris date +%Z)" = CET ]; then NEXT_TIME="summer time"; else NEXT_TIME="standard time"; fi

screen_sandbox

# ---- sign-in: the hidden field, and a refusal that outlives its server ----
screen_run
waits "sign_in_first" "Sign in"
keys Enter Enter Enter
txt "abc"
field_is "a_hidden_field_shows_one_star_a_character" "Access token" "***"
txt "defgh"
field_is "and_one_more_for_each_key" "Access token" "********"
keys BSpace
field_is "backspace_takes_one_away" "Access token" "*******"
lacks "the_token_itself_is_never_shown" "abcdefg"
keys Enter
below "the_refusal_is_under_the_token" "Access token" "refused the credentials"
keys Up Up Up
keys Right
on_line "the_server_is_changed" "Server" "US cloud"
gone_below "another_server_clears_the_refusal" "Access token" "refused the credentials"
keys C-c y
exits 130 "sign_in_run_quits_130"

# ---- the steps ----
screen_run INFISICAL_TOKEN=$USER_TOKEN -- --project $PAYMENTS --environment dev
waits "rotation_step" "1/7 Rotation"
keys Enter
below "an_empty_name_is_required" "Name" "required"
paste "fields-test"
field_is "the_pasted_name_is_in_the_field" "Name" "fields-test"
gone_below "a_pasted_value_clears_required" "Name" "required"
keys Enter Enter
waits "where_step" "2/7 Where"
keys Tab Tab
waits "folders_offered" "Folders in /: api"
txt "api"
keys Tab
field_is "tab_after_a_whole_folder_name_goes_into_it" "Secret path" "/api/"
waits "its_subfolders_are_offered" "Folders in /api: billing"
txt "billing"
keys Tab
field_is "the_subfolder_completes" "Secret path" "/api/billing/"
keys Tab
waits "tab_with_nothing_to_complete_says_so" "Nothing to complete"
field_is "the_path_stays_whole" "Secret path" "/api/billing/"
on_line "the_focus_stays_on_the_path" "Secret path" "$(printf '\342\226\270') Secret path"
lacks "the_step_is_not_left" "3/7 Connection"
keys Enter
waits "enter_goes_on" "3/7 Connection"
waits "with_the_folder_as_typed" "Payments Platform / dev / /api/billing"
keys Enter
waits "app_step" "4/7 Azure app"
waits "apps_listed" "7 apps"
keys C-e
waits "manual_entry" "Typed by hand"
paste "$PAYMENTS_API_OBJECT"
keys Tab
paste "$PAYMENTS_API_OBJECT"
keys Tab
below "the_same_guid_twice_is_warned" "Object ID" "same GUID"
keys BTab C-u
paste "$PAYMENTS_API_CLIENT"
gone_below "different_ids_clear_the_warning_at_once" "Object ID" "same GUID"
keys Tab Enter
waits "schedule_step" "5/7 Schedule"

# Numbers as typed (decision 7).
keys Down
txt "910"
field_is "interval_910_stays_as_typed" "Interval (days)" "910"
below "its_rule_is_shown_at_once" "Interval (days)" 'got "910"'
below "naming_azures_limit" "Interval (days)" "909"
keys Enter
waits "enter_does_not_leave_it" "5/7 Schedule"
on_line "the_focus_stays_on_the_interval" "Interval (days)" "$(printf '\342\226\270') Interval"
keys PgDn
waits "pgdn_is_refused_too" "Fix the marked field to go on."
field_is "and_the_value_is_still_as_typed" "Interval (days)" "910"
keys C-u
txt "1.5"
field_is "a_decimal_stays_as_typed" "Interval (days)" "1.5"
below "and_is_refused_as_typed" "Interval (days)" 'got "1.5"'
keys C-u
paste "910"
field_is "a_pasted_number_stays_as_pasted" "Interval (days)" "910"
keys C-u
txt "45"
gone_below "a_good_interval_clears_the_rule" "Interval (days)" "909"
keys Enter
txt "24"
field_is "hour_24_stays_as_typed" "Rotate at hour (UTC)" "24"
below "hour_24_is_refused" "Rotate at hour (UTC)" 'from 0 to 23, got "24"'
keys C-u
txt "6"
keys Enter
txt "30"
keys Enter

# The time in local time (decision 8).
field_is "local_time_follows_the_utc_fields" "Local time" "$LOCAL_0630"
waits "shown_in_both_zones" "06:30 UTC, $LOCAL_0630 in Europe/Paris"
waits "with_the_summer_time_shift" "($NEXT_TIME) 06:30 UTC is"
txt "25:00"
field_is "a_bad_local_time_stays_as_typed" "Local time" "25:00"
below "and_is_refused_with_its_rule" "Local time" 'from 00 to 23, got "25:00"'
keys Enter
waits "it_cannot_be_left_forwards" "5/7 Schedule"
keys C-u
txt "07:30"
field_is "a_local_time_sets_the_utc_hour" "Rotate at hour (UTC)" "$UTC_0730_H"
field_is "and_minute" "Rotate at minute (UTC)" "$UTC_0730_M"
waits "the_summary_follows" "at $UTC_0730 UTC"
keys Enter
waits "a_good_local_time_goes_on" "6/7 Secret names"
keys Enter Enter
waits "review" "7/7 Review"
keys Enter
waits "created" 'Created the Azure Client Secret rotation "fields-test"'
keys q
exits 0 "steps_run_exits_0"
server_get "fields-test" dev /api/billing
held "the_server_has_the_typed_interval" rotationInterval 45
held "the_local_time_in_utc_hours" rotateAtUtc.hours "$UTC_0730_H"
held "and_minutes" rotateAtUtc.minutes "$UTC_0730_M"
asan_clean "no_sanitizer_report"
done_testing
