#!/bin/sh
# Decided behaviour 12: a draft records the server it was saved for (--demo:
# the marker "demo", its port changes) and when; the offer names both, and a
# draft of another server is offered only with that said plainly.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The question's box as one line: its wrapped rows joined, the borders gone.
box_text() {
	screen | sed -n 's/^ *│ \(.*[^ ]\) *│$/\1/p' | tr '\n' ' '
}
in_box() {
	_i=0
	while [ $_i -lt $WAIT_STEPS ]; do
		box_text | grep -F -q -- "$2" && break
		sleep 0.05
		_i=$((_i + 1))
	done
	if box_text | grep -F -q -- "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "expected in the question: $2"
		show_screen
	fi
}

screen_sandbox
today=$(TZ=Europe/Paris date +%F)

# A draft saved in --demo.
screen_run -- --demo
waits "demo_starts" "1/7 Rotation"
txt "demo-draft"
keys Enter
keys C-c
waits "quit_asks" "Quit?"
keys y
exits 130 "the_demo_run_quits_with_a_draft"
ok "$("$JSON_GET" "$DRAFT" server | grep -qx demo; echo $?)" "the_draft_records_demo"
ok "$("$JSON_GET" "$DRAFT" saved | grep -qE '^[0-9]+$'; echo $?)" "and_the_time_saved"

# Offered against another server (the sandbox as INFISICAL_DOMAIN): said plainly.
keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "the_draft_is_offered" "A draft from an earlier run is saved"
in_box "naming_the_server_it_was_saved_for" "for the --demo sandbox"
in_box "and_when" "saved $today"
in_box "saying_it_is_another_server" "It was saved for another server"
in_box "naming_this_runs_server" "this run is for $SANDBOX_URL"
in_box "asking_to_resume_it_anyway" "Resume it anyway?"
keys n
waits "n_starts_afresh" "1/7 Rotation"
lacks "without_its_answers" "demo-draft"
txt "here-draft"
keys Enter
keys C-c
waits "quit_asks_again" "Quit?"
keys y
exits 130 "the_second_run_quits_with_a_draft"
ok "$("$JSON_GET" "$DRAFT" server | grep -qx "$SANDBOX_URL"; echo $?)" \
	"the_draft_records_the_server_origin"

# Offered against the same server: the server and time, no warning.
keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "offered_on_the_same_server" "A draft from an earlier run is saved"
in_box "naming_the_same_server" "for $SANDBOX_URL)"
in_box "and_its_time" "saved $today"
lacks "with_no_warning" "another server"
keys y
waits "y_resumes" "1/7 Rotation"
on_line "with_the_name_typed_then" "Name" "here-draft"
keys C-c
waits "quit_asks_a_third_time" "Quit?"
keys y
exits 130 "the_third_run_quits"

# A draft older than these keys still loads, saying what it does not know.
printf '{"version": 1, "step": 1, "answers": {"name": "old-draft"}}\n' >"$DRAFT"
keep_state
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "an_old_draft_is_offered" 'rotation "old-draft"'
in_box "saying_it_does_not_record_its_server" "a server it does not record"
keys y
waits "and_resumes" "1/7 Rotation"
on_line "with_its_name" "Name" "old-draft"
keys C-c
waits "quit_asks_a_fourth_time" "Quit?"
keys y
exits 130 "the_fourth_run_quits"
asan_clean "no_sanitizer_report"
done_testing
