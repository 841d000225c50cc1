# Plain mode on a real terminal (a tmux pane): TERM=dumb alone picks it and
# says so once, Tab completes pick-list names and folders, the token is not
# echoed and "?" there explains it instead of being sent, a refused answer's
# line does not repeat the prompt's label, Ctrl-C asks before quitting,
# keeping what was typed when the answer is no, and Ctrl-D (the input
# ending) exits 2 naming the question.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

plain_sandbox
SOCK=rotwiz-plain-$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
tty_cleanup() {
	tm kill-server 2>/dev/null
	plain_cleanup
}
trap tty_cleanup EXIT

# wait_for TEXT: up to 10 s for the pane to show TEXT, lines that wrapped
# joined again (-J; a line may end in blanks, so TEXT ends in none).
wait_for() {
	_i=0
	while [ $_i -lt 200 ]; do
		tm capture-pane -p -J -t "$PANE" >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	diag "the pane never showed: $1"
	sed 's/^/#   /' "$T/screen" | grep -v '^#   $' | tail -n 12
	return 1
}

step() {	# step NAME TEXT: one TAP line, the pane shows TEXT
	if wait_for "$2"; then ok 0 "$1"; else ok 1 "$1"; return 1; fi
}

# What run_close shows of a run nobody checked: its pane.
run_describe() {
	tm capture-pane -p -t "$PANE" 2>/dev/null | grep -v '^$' | tail -n 12 | sed 's/^/#   /'
}

keys() { tm send-keys -t "$PANE" "$@"; }

PANE=first
run_begin
tm new-session -d -s first -x 150 -y 60 \
	"cd '$RUN_DIR' && env HOME='$RUN_HOME' XDG_STATE_HOME='$RUN_STATE' INFISICAL_DOMAIN='$SANDBOX_URL' TERM=dumb '$ROTWIZ'; echo EXIT=\$?; sleep 60"

step term_dumb_starts_plain_mode 'Server ['
_n=$(grep -cF 'rotwiz: TERM=dumb: using plain mode; --plain does the same' "$T/screen")
if [ "$_n" -eq 1 ]; then ok 0 term_dumb_says_so_once; else ok 1 term_dumb_says_so_once; diag "said $_n times"; fi
keys Enter
step server_url_is_asked 'Server URL [' && keys Enter
step sign_in_method_is_asked 'Sign in with [1]:' && keys 1 Enter
step token_prompt_says_hidden 'Access token (input hidden):'
keys '?' Enter
step question_mark_at_the_token_explains_it 'infisical user get token --plain'
_n=$(grep -cF 'Access token (input hidden):' "$T/screen")
if [ "$_n" -eq 2 ]; then ok 0 token_asked_again_after_the_help; else ok 1 token_asked_again_after_the_help; diag "asked $_n times"; fi
keys "$USER_TOKEN" Enter
step signed_in_by_typed_token 'Name:'
if grep -qF "$USER_TOKEN" "$T/screen"; then ok 1 typed_token_is_not_echoed; else ok 0 typed_token_is_not_echoed; fi

keys 'Bad Name' Enter
step refused_name_says_the_rule_and_value 'Must be lowercase letters and digits'
if grep -q '^Name: must' "$T/screen"; then ok 1 refusal_does_not_repeat_the_label; else ok 0 refusal_does_not_repeat_the_label; fi
keys tty-rotation Enter
step description_is_asked 'Description (optional):' && keys Enter
step project_is_asked 'Project (number or name):' && keys Pay Tab
step tab_completes_a_project_name 'Project (number or name): Payments Platform'
keys Enter
step environment_is_asked 'Environment (number or name):' && keys de Tab
step tab_completes_an_environment_slug 'Environment (number or name): dev'
keys Enter
step secret_path_is_asked 'Secret path [/]:' && keys /a Tab
step tab_completes_a_top_folder 'Secret path [/]: /api/'
keys b Tab
step tab_completes_a_folder_below 'Secret path [/]: /api/billing/'

keys C-c
step ctrl_c_asks_before_quitting 'Quit? Your answers are saved as a draft. [y/N]:'
keys n Enter
step no_is_taken 'Quit? Your answers are saved as a draft. [y/N]: n'
_n=$(grep -cF 'Secret path [/]: /api/billing/' "$T/screen")
if [ "$_n" -ge 2 ]; then ok 0 no_keeps_what_was_typed; else ok 1 no_keeps_what_was_typed; fi
keys Enter
step folder_is_accepted 'App connection (number or name):'
keys C-c
step asked_again 'Quit? Your answers are saved as a draft. [y/N]:' && keys y Enter
step yes_quits_with_130 'EXIT=130'
run_checked
check quit_saves_the_draft grep -q tty-rotation "$DRAFT"
check quit_saves_the_folder grep -q '"/api/billing"' "$DRAFT"
check draft_holds_no_token sh -c "! grep -q '$USER_TOKEN' '$DRAFT'"

# The next start on a terminal offers the draft, and Enter resumes it.
# (A second session before the first goes, so the tmux server stays up.)
PANE=second
keep_state
run_begin
tm new-session -d -s second -x 150 -y 60 \
	"cd '$RUN_DIR' && env HOME='$RUN_HOME' XDG_STATE_HOME='$RUN_STATE' INFISICAL_DOMAIN='$SANDBOX_URL' INFISICAL_TOKEN='$USER_TOKEN' '$ROTWIZ' --plain; echo EXIT=\$?; sleep 60"
tm kill-session -t first
step draft_is_offered 'A draft from an earlier run is saved (rotation "tty-rotation", stopped at step 3, Connection; saved '
step draft_offer_asks_to_resume "Resume it? [Y/n]:"
keys Enter
step resume_goes_to_the_saved_step 'App connection (number or name):'
keys C-d
step ctrl_d_ends_the_input_with_2 'EXIT=2'
run_checked
step ctrl_d_names_the_question 'rotwiz: input ended at step 3 (Connection), question "App connection (number or name)"'

# Quitting or the input ending at the draft offer answers nothing: the saved
# draft stays as it was, though an environment default (the project) is set.
# offered PANE: a run in a new session PANE (the one before goes) at the offer.
offered() {
	_before=$PANE
	PANE=$1
	keep_state
	run_begin
	tm new-session -d -s "$PANE" -x 150 -y 60 \
		"cd '$RUN_DIR' && env HOME='$RUN_HOME' XDG_STATE_HOME='$RUN_STATE' INFISICAL_DOMAIN='$SANDBOX_URL' INFISICAL_TOKEN='$USER_TOKEN' INFISICAL_PROJECT_ID='$PAYMENTS' '$ROTWIZ' --plain; echo EXIT=\$?; sleep 60"
	tm kill-session -t "$_before"
	step "draft_is_offered_in_$PANE" 'Resume it? [Y/n]:'
}
offered third
keys C-c
step ctrl_c_at_the_offer_asks 'Quit? The saved draft is kept. [y/N]:' && keys y Enter
step ctrl_c_at_the_offer_exits_130 'EXIT=130'
run_checked
step ctrl_c_at_the_offer_keeps_the_draft 'Quit. The saved draft is kept.'
check the_draft_survives_a_quit_at_the_offer grep -q tty-rotation "$DRAFT"
offered fourth
keys C-d
step ctrl_d_at_the_offer_exits_2 'EXIT=2'
run_checked
step ctrl_d_at_the_offer_keeps_the_draft 'the saved draft is kept'
check the_draft_survives_the_input_ending_at_the_offer grep -q tty-rotation "$DRAFT"

done_testing
