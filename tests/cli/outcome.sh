#!/bin/sh
# Decisions 17 and 19 in flag mode: a create whose reply is lost and whose
# lookup by name fails too is an unknown outcome (exit 5), never a silent
# retry; a summary that cannot be written after a create (a full disk, a
# closed pipe) is said on stderr with exit 6; closed fds 0-2 are /dev/null,
# so nothing lands in libcurl's socket or the debug log.  Each case checks
# on the sandbox that the rotation exists exactly once.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

PAY=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
APP_OBJ=607e495a-aa5b-4896-9125-08d1a22c504c
APP_CLI=b2a0517a-42c2-4a1b-97cb-0472be8a5e0b
CREATE='POST /api/v2/secret-rotations/azure-client-secret'
BY_NAME='GET /api/v2/secret-rotations/azure-client-secret/rotation-name'
INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN

# count NAME: how many rotations of that name the project holds (the list, not the faulted lookup).
count() {
	curl -s -H "Authorization: Bearer $INFISICAL_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations?projectId=$PAY" | grep -o "\"name\": *\"$1\"" | wc -l
}
total() { curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats" && "$JSON_GET" "$T/stats" rotations; }
posts() {
	curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"
	"$JSON_GET" "$T/stats" "routes.POST /api/v2/secret-rotations/azure-client-secret" 2>/dev/null || echo 0
}
# once NAME TESTNAME: the run made exactly one rotation, and it is NAME.
once() {
	_made=$(( $(total) - before ))
	check "$2" test "$(count "$1")" -eq 1 -a "$_made" -eq 1
}
args() {
	set -- --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --connection $CONTOSO \
		--object-id $APP_OBJ --client-id $APP_CLI --name "$@"
	for _a in "$@"; do printf '%s\n' "$_a"; done >"$T/args"
}
# run_raw REDIRECTIONS: rotwiz with the args of $T/args and the given fds (eval'd).
run_raw() {
	# shellcheck disable=SC2046 # one argument a line, none with blanks
	eval "timeout $RUN_CAP_S \"\$ROTWIZ\" \$(cat \"\$T/args\") $1"
	rc=$?
}

# --- decision 17: the lookup fails too ---
cli_sandbox --fault "$CREATE=drop-after@3" --fault "$CREATE=stall-after@1" \
	--fault "$BY_NAME/lost-and-unknown=503" --fault "$BY_NAME/plain-unknown=500@1"
before=$(total) posted=$(posts)
rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --secret-path /workers \
	--connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI --name lost-and-unknown
is_rc 5 an_unknown_outcome_exits_5
one_line an_unknown_outcome_is_one_line
says an_unknown_outcome_says_so "outcome unknown: could not look it up: "
says an_unknown_outcome_names_the_lookups_cause "answered HTTP 503"
says an_unknown_outcome_says_it_may_exist 'rotation "lost-and-unknown" may have been made'
check an_unknown_outcome_prints_no_summary test ! -s "$T/out"
check an_unknown_outcome_was_posted_once test $(( $(posts) - posted )) -eq 1
once lost-and-unknown the_unknown_create_made_exactly_one

# The reply lost, the lookup answers: found, said, the summary shown.
before=$(total)
rw --yes --domain "$SANDBOX_URL" --project $PAY --environment dev --secret-path /frontend \
	--connection $CONTOSO --object-id $APP_OBJ --client-id $APP_CLI --name lost-and-found
is_rc 0 a_lost_reply_found_exits_0
says a_lost_reply_found_says_so "rotwiz: created: the reply was lost, found on the server"
check a_lost_reply_found_shows_the_summary grep -q 'lost-and-found' "$T/out"
once lost-and-found the_found_create_made_exactly_one /frontend

# Plain mode: the lookup fails (a 500), then "c" again looks it up
# first, says that it may exist, and finds it -- one POST in all.
before=$(total) posted=$(posts)
{ i=0; while [ $i -lt 30 ]; do echo; i=$((i + 1)); done; echo c; echo c; echo q; } >"$T/in"
args plain-unknown --secret-path /api/billing --plain
sed -i '/^--yes$/d' "$T/args"
run_raw '>"$T/out" 2>"$T/err" <"$T/in"'
is_rc 0 plain_unknown_then_found_exits_0
check plain_says_outcome_unknown grep -q '^Outcome unknown: could not look it up: .*answered HTTP 500' "$T/out"
check plain_retry_says_it_may_exist grep -q '^Rotation "plain-unknown" may already exist (an earlier create.s outcome is unknown): looking it up by name before creating it again.$' "$T/out"
check plain_retry_finds_it grep -q '^Created: the reply was lost, found on the server.$' "$T/out"
check plain_unknown_was_posted_once test $(( $(posts) - posted )) -eq 1
once plain-unknown plain_unknown_made_exactly_one

# Plain mode: SIGTERM while the create is on its way (it is made, never
# answered): said, the draft records that it may exist, exit 143.
before=$(total) posted=$(posts)
{ i=0; while [ $i -lt 30 ]; do echo; i=$((i + 1)); done; echo c; } >"$T/in"
args plain-flight --secret-path /api/billing --map-client-id FLIGHT_ID \
	--map-client-secret FLIGHT_SECRET --plain
sed -i '/^--yes$/d' "$T/args"
# shellcheck disable=SC2046 # one argument a line, none with blanks
"$ROTWIZ" $(cat "$T/args") <"$T/in" >"$T/out" 2>"$T/err" &
pid=$!
i=0
while [ $i -lt 400 ] && [ "$(posts)" -eq "$posted" ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid
wait $pid
rc=$?
is_rc 143 plain_sigterm_in_flight_exits_143
says plain_sigterm_in_flight_says_so "rotwiz: a create was in flight: it may have been made"
says plain_sigterm_in_flight_saves_the_draft "stopped by signal 15 -- your answers are saved as a draft"
check plain_in_flight_draft_records_it grep -q '"createMayExist":[[:space:]]*true' "$T/state/rotwiz/draft.json"
once plain-flight plain_in_flight_create_exists_once

# --- decision 19: fds 0-2 closed at start, output that cannot be written ---
ROTWIZ_DEBUG_LOG=$T/debug.log; export ROTWIZ_DEBUG_LOG

before=$(total)
args closed-stdout --secret-path /workers --map-client-id OUT_ID --map-client-secret OUT_SECRET
run_raw '>&- 2>"$T/err" </dev/null'
is_rc 0 closed_stdout_exits_0
check closed_stdout_says_nothing test ! -s "$T/err"
check closed_stdout_summary_is_not_in_the_debug_log sh -c '! grep -q "Created the Azure" "$1"' _ "$T/debug.log"
once closed-stdout closed_stdout_made_exactly_one

# stderr closed: the note about the names taken in /api goes nowhere, not into the log.
before=$(total)
args closed-stderr --secret-path /api
run_raw '>"$T/out" 2>&- </dev/null'
is_rc 0 closed_stderr_exits_0
check closed_stderr_summary_on_stdout grep -q 'closed-stderr' "$T/out"
check closed_stderr_note_is_not_in_the_debug_log sh -c '! grep -q "rotwiz:" "$1"' _ "$T/debug.log"
once closed-stderr closed_stderr_made_exactly_one /api

before=$(total)
args closed-stdin --secret-path /workers --map-client-id IN_ID --map-client-secret IN_SECRET
run_raw '>"$T/out" 2>"$T/err" <&-'
is_rc 0 closed_stdin_exits_0
check closed_stdin_summary_on_stdout grep -q 'closed-stdin' "$T/out"
check closed_stdin_says_nothing test ! -s "$T/err"
once closed-stdin closed_stdin_made_exactly_one

before=$(total)
args full-disk --secret-path /workers --map-client-id FULL_ID --map-client-secret FULL_SECRET
run_raw '>/dev/full 2>"$T/err" </dev/null'
is_rc 6 full_disk_exits_6
one_line full_disk_is_one_line
says full_disk_says_created_but_lost "rotwiz: created, but the summary could not be written: No space left on device"
once full-disk full_disk_made_exactly_one

# A closed pipe: the reader has gone before rotwiz starts (no race with it).
before=$(total)
args closed-pipe --secret-path /workers --map-client-id PIPE_ID --map-client-secret PIPE_SECRET
{ while [ ! -e "$T/reader-gone" ]; do sleep 0.02; done
  run_raw '2>"$T/err" </dev/null'; echo $rc >"$T/pipe-rc"; } | { exec <&-; : >"$T/reader-gone"; }
rc=$(cat "$T/pipe-rc")
is_rc 6 closed_pipe_exits_6
one_line closed_pipe_is_one_line
says closed_pipe_says_created_but_lost "rotwiz: created, but the summary could not be written: Broken pipe"
once closed-pipe closed_pipe_made_exactly_one

# Output that is not a summary cannot be written either: said, exit 1.
timeout $RUN_CAP_S "$ROTWIZ" --help >/dev/full 2>"$T/err"
rc=$?
is_rc 1 help_to_a_full_disk_exits_1
says help_to_a_full_disk_says_so "rotwiz: the output could not be written: No space left on device"

done_testing
