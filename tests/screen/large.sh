#!/bin/sh
# Large worlds (issue 14), small enough for make check: 3,000 Azure apps on
# the connection and 3,000 secrets in every folder.  The app list says its
# count and the filter's; Home/End, Shift-PgDn/PgUp and ^F/^B move in it
# (PgDn stays the step key); the names already in the folder are listed as
# far as the box shows, and the name check still sees every one of them.
# Behaviour only: the timings at 100,000 are bench/scale.sh's.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

screen_sandbox --seed-apps 3000 --seed-secrets 3000
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "starts" "1/7 Rotation"
txt "large-world"
keys NPage NPage NPage
waits "the_app_step" "4/7 Azure app"
waits "the_list_counts_every_app" "3007 apps"
txt "APP 029"
waits "the_filter_says_its_count" '100 of 3007 apps match "APP 029"'
lacks "the_last_match_is_below_the_window" "azure-contoso-prod app 02999"
# The keys as xterm sends them in keypad mode (TERM=xterm-256color): tmux's
# own names would send its terminal's sequences.
xkey() { txt "$(printf "$1")"; }
END_KEY='\033OF' HOME_KEY='\033OH' SPGDN_KEY='\033[6;2~' SPGUP_KEY='\033[5;2~'
xkey "$END_KEY"
waits "end_goes_to_the_last_match" "azure-contoso-prod app 02999"
waits "and_the_window_follows" "of 100"
xkey "$HOME_KEY"
waits "home_goes_back_to_the_first" "azure-contoso-prod app 02900"
lacks "the_last_is_out_of_sight_again" "azure-contoso-prod app 02999"
pages() {	# pages KEY TEXT: presses KEY (one frame each) until TEXT shows; how many
	_n=0
	while [ $_n -lt 30 ] && ! screen | grep -F -q -- "$2"; do
		_before=$(screen)
		if [ "$1" = C-f ] || [ "$1" = C-b ]; then keys "$1"; else xkey "$1"; fi
		_j=0
		while [ $_j -lt 100 ] && [ "$(screen)" = "$_before" ]; do sleep 0.05; _j=$((_j + 1)); done
		_n=$((_n + 1))
	done
	echo $_n
}
n=$(pages "$SPGDN_KEY" "azure-contoso-prod app 02999")
ok $([ "$n" -gt 1 ] && [ "$n" -lt 30 ] && echo 0 || echo 1) "shift_pgdn_pages_to_the_end_in_more_than_one_page"
diag "Shift-PgDn presses to the last of 100: $n"
n=$(pages C-b "azure-contoso-prod app 02900")
ok $([ "$n" -gt 1 ] && [ "$n" -lt 30 ] && echo 0 || echo 1) "ctrl_b_pages_back_to_the_first"
n=$(pages C-f "azure-contoso-prod app 02999")
ok $([ "$n" -gt 1 ] && [ "$n" -lt 30 ] && echo 0 || echo 1) "ctrl_f_pages_down_too"
n=$(pages "$SPGUP_KEY" "azure-contoso-prod app 02900")
ok $([ "$n" -gt 1 ] && [ "$n" -lt 30 ] && echo 0 || echo 1) "shift_pgup_pages_up_too"
waits "still_on_the_app_step" "4/7 Azure app"
keys Enter
waits "the_highlighted_app_is_chosen" "5/7 Schedule"
keys PgDn
waits "secrets" "6/7 Secret names"
waits_joined "the_names_in_the_folder_are_cut_to_the_box" "more"
waits_joined "and_say_how_many_more" "Already in /: LOG_LEVEL, SCALE_SECRET_000001"
keys C-u
txt "SCALE_SECRET_002999"
keys Tab
waits_joined "the_check_sees_a_name_past_the_shown_ones" \
	"a secret named SCALE_SECRET_002999 already exists in /"
keys C-c y
exits 130 "quits"
done_testing
