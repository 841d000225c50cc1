# The input ending before the create (decision 14) exits 2, saying at which
# question; Ctrl-C exits 130.  Either at once, never a loop, with the answers
# so far kept as a draft (and nothing secret in it).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"

answers
plain
is_rc 2 empty_input_exits_2
check empty_input_says_where_input_ended grep -qF 'input ended at step 1 (Rotation), question "Name"' "$T/err"
check empty_input_is_one_line_on_stderr test "$(wc -l <"$T/err")" -eq 1

# Ends in the middle of a pick-list, after a refused answer.
answers plain-eof 'Kept in the draft' 'No Such Project'
plain
is_rc 2 input_ending_mid_way_exits_2
shows refused_pick_says_why 'No project matches "No Such Project"'
check says_the_pick_list_it_ended_at grep -qF 'input ended at step 2 (Where), question "Project (number or name)"' "$T/err"
check says_the_draft_is_saved grep -qF 'your answers are saved as a draft' "$T/err"
check draft_keeps_the_name grep -q plain-eof "$DRAFT"
check draft_keeps_the_description grep -q 'Kept in the draft' "$DRAFT"
check draft_is_private sh -c "[ \"\$(stat -c %a '$DRAFT')\" = 600 ]"
check draft_holds_no_token sh -c "! grep -q '$USER_TOKEN' '$DRAFT'"

# A piped session never resumes a draft: its answers come from the pipe only.
keep_state
answers
plain
check the_draft_is_there_to_be_ignored test -s "$DRAFT"
shows piped_session_ignores_the_draft 'Name: '
is_rc 2 piped_session_with_a_draft_ends_with_its_input
check the_ignored_draft_is_kept grep -q plain-eof "$DRAFT"

# A last line without its newline still counts, and nothing is asked twice.
printf 'plain-no-newline\n\nPayments Platform\ndev\n/\n1\nPayments API\n\n\n\n\n\n\nc\nq' >"$T/in"
plain
is_rc 0 last_line_without_newline_is_an_answer

# Ctrl-C with answers coming from a pipe: nobody could answer "Quit?", so it quits.
mkfifo "$T/fifo"
run_begin
(cd "$RUN_DIR" && exec env HOME="$RUN_HOME" XDG_STATE_HOME="$RUN_STATE" \
	INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN="$USER_TOKEN" "$ROTWIZ" --plain) \
	<"$T/fifo" >"$T/out" 2>"$T/err" &
pid=$!
exec 3>"$T/fifo"
printf 'plain-sigint\n' >&3
i=0
while [ $i -lt 100 ] && ! grep -q 'Description' "$T/out"; do sleep 0.05; i=$((i + 1)); done
kill -INT "$pid"
i=0
while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
wait "$pid"
rc=$?
exec 3>&-
is_rc 130 ctrl_c_from_a_pipe_exits_130
shows ctrl_c_says_the_draft_is_kept 'Quit. Your answers are saved as a draft.'
check ctrl_c_keeps_the_typed_name grep -q plain-sigint "$DRAFT"

done_testing
