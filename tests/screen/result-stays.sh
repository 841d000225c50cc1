#!/bin/sh
# Decided behaviour 10: when the wizard ends after rotations were created,
# each one's summary (the words of flag mode's, libcore/report.c) stays on
# the normal terminal: quitting the result with q, Ctrl-C there, and after
# "create another", quitting from a later step.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The terminal after rotwiz has gone: the pane shows what it printed after endwin.
after_exit_has() {
	if screen | grep -F -q -- "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "expected on the terminal after exit: $2"
		show_screen
	fi
}

# created NAME ENV PATH: a run with every answer a flag, through Review to the result.
created() {
	screen_run INFISICAL_TOKEN=$USER_TOKEN -- --name "$1" --project $PAYMENTS \
		--environment "$2" --secret-path "$3" --connection $CONTOSO \
		--object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT
	waits "$1_starts" "1/7 Rotation"
	keys PgDn PgDn PgDn PgDn PgDn PgDn
	waits "$1_review" "7/7 Review"
	keys Enter
	waits "$1_created" "Created the Azure Client Secret rotation \"$1\""
}

screen_sandbox
created stays-one dev /workers
server_get stays-one dev /workers
id=$("$JSON_GET" "$T/got" secretRotation.id)
check "the_server_gave_an_id" test -n "$id"
keys q
exits 0 "q_exits_0"
ok "$([ "$(pane_flag alternate_on)" = 0 ]; echo $?)" "the_normal_screen_is_back"
after_exit_has "the_summary_stays_after_q" 'Created the Azure Client Secret rotation "stays-one".'
after_exit_has "with_its_id" "ID                       $id"
after_exit_has "its_project" "Project                  $PAYMENTS"
after_exit_has "its_folder" "Folder                   /workers"
after_exit_has "its_secret_names" "Secret for client ID     AZURE_CLIENT_ID"
after_exit_has "its_next_rotation" "Next rotation"
# The same words as flag mode's summary: the lines are those of report_summary.
screen | sed -n '/Created the Azure Client Secret rotation "stays-one"/,/Created at/p' \
	| sed 's/ *$//' >"$T/curses-summary"
check "the_summary_is_whole" test "$(wc -l <"$T/curses-summary")" -ge 12

# Ctrl-C on the result quits too, and the summary stays.
created stays-two dev /frontend
keys C-c
exits 0 "ctrl_c_on_the_result_exits_0"
after_exit_has "the_summary_stays_after_ctrl_c" 'Created the Azure Client Secret rotation "stays-two".'

# Create another, then quit from step 1 of the second: the first stays.
created stays-three staging /workers
keys n
waits "another_starts_at_step_1" "1/7 Rotation"
txt "stays-four"
keys C-c
waits "quit_asks" "Quit?"
keys y
exits 130 "quitting_the_second_exits_130"
after_exit_has "the_first_stays_after_create_another" \
	'Created the Azure Client Secret rotation "stays-three".'
ok "$(grep -q "saved as a draft" "$T/stderr.$run_n"; echo $?)" "the_unfinished_second_is_a_draft"
asan_clean "no_sanitizer_report"
done_testing
