#!/bin/sh
# Decided behaviour 12 in plain mode: a draft saved for another server (here
# --demo's marker) is offered saying so, and its answer defaults to No.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

plain_sandbox
SOCK=rotwiz-plain-draft-$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
tty_cleanup() {
	tm kill-server 2>/dev/null
	plain_cleanup
}
trap tty_cleanup EXIT

# The pane's text with its wrapped rows joined (the offer is one long line).
pane_text() { tm capture-pane -p -J -t t 2>/dev/null; }
step() {	# step NAME TEXT: one TAP line, the pane comes to show TEXT
	_i=0
	while [ $_i -lt 200 ]; do
		pane_text | grep -qF -- "$2" && break
		sleep 0.05
		_i=$((_i + 1))
	done
	if pane_text | grep -qF -- "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "the pane never showed: $2"
		pane_text | grep -v '^$' | tail -n 12 | sed 's/^/#   /'
	fi
}
run_describe() { pane_text | grep -v '^$' | tail -n 12 | sed 's/^/#   /'; }
keys() { tm send-keys -t t "$@"; }

run_begin
mkdir -p "$RUN_STATE/rotwiz"
printf '{"version": 1, "step": 2, "server": "demo", "saved": 1764623040, "answers": {"name": "demo-draft"}}\n' \
	>"$DRAFT"
tm new-session -d -s t -x 200 -y 50 \
	"cd '$RUN_DIR' && env HOME='$RUN_HOME' XDG_STATE_HOME='$RUN_STATE' TZ=UTC INFISICAL_DOMAIN='$SANDBOX_URL' INFISICAL_TOKEN='$USER_TOKEN' '$ROTWIZ' --plain; echo EXIT=\$?; sleep 60"
step the_draft_is_offered 'A draft from an earlier run is saved (rotation "demo-draft", stopped at step 2, Where; saved 2025-12-01 21:04 UTC for the --demo sandbox).'
step it_says_it_is_for_another_server "It was saved for another server: this run is for $SANDBOX_URL,"
step the_answer_defaults_to_no 'Resume it anyway? [y/N]:'
keys Enter
step enter_starts_afresh 'Step 1 of 8: Rotation'
step without_the_drafts_name 'Name: '
if pane_text | grep -qF 'Name [demo-draft]'; then ok 1 the_name_is_not_the_drafts; else ok 0 the_name_is_not_the_drafts; fi
keys C-d
step input_end_exits 'EXIT='
run_checked
done_testing
