#!/bin/sh
# Decision 22 in curses: a draft that cannot be used is moved aside and that
# is said (never overwritten); a draft others may read, or another user's,
# is named in the offer; when the draft cannot be written the quit question
# says so instead of promising it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

# The question's box as one line: its wrapped rows joined, the borders gone.
box_text() {
	screen | sed -n 's/^ *│ \(.*[^ ]\) *│$/\1/p' | tr '\n' ' '
}

screen_sandbox
STATE=$T/state
mkdir -p "$STATE/rotwiz"
D=$STATE/rotwiz/draft.json

# Garbage: moved aside, said, and the new draft saved beside it.
printf 'not a draft {' >"$D"
screen_run INFISICAL_TOKEN=$USER_TOKEN XDG_STATE_HOME="$STATE"
waits_joined "garbage_is_said" "The draft $D could not be used (it is not JSON): it was moved aside to $D.bad-"
txt "files-rot"
keys C-c
waits "quit_promises_the_draft" "Quit? Your answers are saved as a draft."
keys y
exits 130 "garbage_run_quits"
bad=$(ls "$D".bad-* 2>/dev/null | head -n 1)
ok "$([ -n "$bad" ] && [ "$(cat "$bad")" = 'not a draft {' ]; echo $?)" "the_garbage_is_kept_aside_as_it_was"
ok "$("$JSON_GET" "$D" answers.name | grep -qx files-rot; echo $?)" "the_new_draft_is_saved"
rm -f "$D".bad-*

# A draft of a later version is not this rotwiz's to overwrite either.
printf '{"version": 2, "step": 2, "answers": {"name": "later"}}\n' >"$D"
screen_run INFISICAL_TOKEN=$USER_TOKEN XDG_STATE_HOME="$STATE"
waits_joined "a_newer_version_is_said" "(it is of version 2, newer than this rotwiz reads (1)): it was moved aside"
lacks "and_not_offered" "A draft from an earlier run"
keys C-c
keys y
exits 130 "newer_run_quits"
ok "$(grep -q '"later"' "$D".bad-*; echo $?)" "the_newer_draft_is_kept_aside"
rm -f "$D".bad-*

# Readable by others: the offer says so, and what to do.
printf '{"version": 1, "step": 2, "answers": {"name": "shared-rot"}}\n' >"$D"
chmod 644 "$D"
screen_run INFISICAL_TOKEN=$USER_TOKEN XDG_STATE_HOME="$STATE"
waits_in box_text "a_shared_draft_is_named_in_the_offer" "The draft $D can be read by other users (mode 0644;"
waits_in box_text "with_what_to_do" "chmod 600 it to close it now. A draft from an earlier run is saved"
keys y
waits "it_resumes" "2/7 Where"
keys C-c
keys y
exits 130 "shared_run_quits"
ok "$([ "$(stat -c %a "$D")" = 600 ]; echo $?)" "saved_again_it_is_0600"

# Another user's (only root can make one here).
if [ "$(id -u)" = 0 ]; then
	chown 4242 "$D"
	screen_run INFISICAL_TOKEN=$USER_TOKEN XDG_STATE_HOME="$STATE"
	waits_in box_text "another_users_draft_is_named" "The draft $D belongs to another user (uid 4242), who may have written its answers: check them before you resume it, or remove the file."
	keys n
	waits "n_starts_afresh" "1/7 Rotation"
	keys C-c
	keys y
	exits 130 "foreign_run_quits"
else
	ok 0 "another_users_draft_is_named # SKIP not root: cannot chown a draft to another user"
fi

# Cannot be written (its folder is a file): the question says so, and why.
rm -rf "$STATE/rotwiz"
printf 'x' >"$STATE/rotwiz"
screen_run INFISICAL_TOKEN=$USER_TOKEN XDG_STATE_HOME="$STATE"
waits "starts" "1/7 Rotation"
txt "unsaved-rot"
keys C-c
waits_in box_text "the_question_says_it_could_not_be_saved" "Quit? Your answers could not be saved as a draft ($D: Not a directory): they are lost when you quit."
lacks "and_promises_nothing" "are saved as a draft"
keys y
exits 130 "unsaved_run_quits"
ok "$(grep -qF "could not be saved as a draft ($D: Not a directory)" "$T/stderr.$run_n"; echo $?)" "stderr_says_it_was_not_saved"
asan_clean "no_sanitizer_report"
done_testing
