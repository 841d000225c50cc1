#!/bin/sh
# Decision 22 in plain mode: a draft that cannot be used (garbage, a later
# version, too large) is moved aside and that is said, never overwritten; a
# draft others may read, or another user's, is warned about; a draft that
# cannot be written is never promised (the input-end line, the quit
# question and its answer say it could not be saved, and why).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox
STATE=$T/state
D=$STATE/rotwiz/draft.json
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN XDG_STATE_HOME=$STATE"
mkdir -p "$STATE/rotwiz"

# Each unusable kind, from a pipe (where no draft is offered, but one is saved).
bad_draft() {	# bad_draft NAME REASON: the draft in $D is moved aside, saying REASON
	cp "$D" "$T/before"
	answers "$(echo "$1" | tr _ -)-rot"
	plain
	is_rc 2 "${1}_run_ends_with_its_input"
	check "${1}_is_said" grep -qF "rotwiz: The draft $D could not be used ($2): it was moved aside to $D.bad-" "$T/err"
	_bad=$(ls "$D".bad-* 2>/dev/null | head -n 1)
	check "${1}_is_kept_aside_unchanged" cmp -s "$_bad" "$T/before"
	check "${1}_leaves_room_for_the_new_draft" grep -q "$(echo "$1" | tr _ -)-rot" "$D"
	rm -f "$D".bad-*
}
printf 'garbage {' >"$D"
bad_draft garbage "it is not JSON"
printf '{"version": 3, "step": 2, "answers": {}}' >"$D"
bad_draft newer "it is of version 3, newer than this rotwiz reads (1)"
head -c 1048577 /dev/zero | tr '\0' ' ' >"$D"
bad_draft too_large "it is larger than any draft (over 1024 KiB)"
printf '{"version": 1, "step": 2, "answers": {"name": "a\\u0000b"}}' >"$D"
bad_draft nul_escape 'it holds "\u0000", which no answer may hold'

# Two moved aside in the same second do not overwrite each other.
printf 'one' >"$D"
answers
plain
is_rc 2 first_of_two_ends
printf 'two' >"$D"
answers
plain
is_rc 2 second_of_two_ends
check both_are_kept sh -c "cat '$D'.bad-* | tr -d '\n' | grep -qx 'onetwo\|twoone'"
rm -f "$D".bad-*

# Readable by others: warned, with what to do; saved again it is 0600.
printf '{"version": 1, "step": 2, "answers": {"name": "shared-rot"}}\n' >"$D"
chmod 644 "$D"
answers shared-rot
plain
is_rc 2 shared_run_ends_with_its_input
check shared_is_warned grep -qF "rotwiz: The draft $D can be read by other users (mode 0644; it holds names and IDs, never a token or secret): it is saved 0600 from now on; chmod 600 it to close it now." "$T/err"
check saved_again_it_is_0600 sh -c "[ \"\$(stat -c %a '$D')\" = 600 ]"
chmod 666 "$D"
answers shared-rot
plain
is_rc 2 writable_run_ends_with_its_input
check writable_by_others_says_check_it grep -qF "can be changed by other users (mode 0666; it holds names and IDs, never a token or secret): it is saved 0600 from now on; chmod 600 it to close it now. Check its answers before you resume it." "$T/err"
if [ "$(id -u)" = 0 ]; then
	chown 4242 "$D"
	answers foreign-rot
	plain
	is_rc 2 foreign_run_ends_with_its_input
	check foreign_is_warned grep -qF "rotwiz: The draft $D belongs to another user (uid 4242), who may have written its answers: check them before you resume it, or remove the file." "$T/err"
else
	ok 0 "foreign_is_warned # SKIP not root: cannot chown a draft to another user"
fi

# Cannot be written: its folder is a file (a read-only folder does not stop root).
rm -rf "$STATE/rotwiz"
printf 'x' >"$STATE/rotwiz"
answers unsaved-rot
plain
is_rc 2 unsaved_run_ends_with_its_input
check the_failure_is_said_once test "$(grep -c -x -F "rotwiz: the draft could not be saved ($D: Not a directory)" "$T/err")" -eq 1
check input_end_does_not_promise_a_draft grep -qF 'question "Description (optional)" -- your answers could not be saved as a draft ('"$D"': Not a directory)' "$T/err"
hides nothing_says_saved "are saved as a draft"

# At a terminal: the quit question and its answer say the same.
if command -v tmux >/dev/null 2>&1; then
	SOCK=rotwiz-plain-files-$$
	tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
	files_cleanup() {
		tm kill-server 2>/dev/null
		plain_cleanup
	}
	trap files_cleanup EXIT
	pane_text() { tm capture-pane -p -J -t t 2>/dev/null; }
	step() {	# step NAME TEXT: one TAP line, the pane comes to show TEXT
		_i=0
		while [ $_i -lt 200 ] && ! pane_text | grep -qF -- "$2"; do
			sleep 0.05
			_i=$((_i + 1))
		done
		if pane_text | grep -qF -- "$2"; then ok 0 "$1"; else
			ok 1 "$1"
			diag "the pane never showed: $2"
			pane_text | grep -v '^$' | tail -n 12 | sed 's/^/#   /'
		fi
	}
	run_describe() { pane_text | grep -v '^$' | tail -n 12 | sed 's/^/#   /'; }
	run_begin
	tm new-session -d -s t -x 200 -y 50 \
		"cd '$RUN_DIR' && env HOME='$RUN_HOME' XDG_STATE_HOME='$STATE' INFISICAL_DOMAIN='$SANDBOX_URL' INFISICAL_TOKEN='$USER_TOKEN' '$ROTWIZ' --plain; echo EXIT=\$?; sleep 60"
	step tty_asks_the_name 'Name:'
	tm send-keys -t t tty-unsaved Enter
	step tty_asks_the_description 'Description (optional):'
	tm send-keys -t t C-c
	step quit_question_says_it_could_not_be_saved "Quit? Your answers could not be saved as a draft ($D: Not a directory). [y/N]:"
	tm send-keys -t t y Enter
	step the_answer_says_it_too "Quit. Your answers could not be saved as a draft ($D: Not a directory)."
	step quits_with_130 'EXIT=130'
	run_checked
else
	ok 0 "quit_question_says_it_could_not_be_saved # SKIP tmux is not installed"
fi
done_testing
