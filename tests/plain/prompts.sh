# Plain mode's prompts (issue 10, fault 19), from a pipe; tty.sh has the
# same on a terminal.  "?" at every sign-in question, the hidden ones too,
# explains it and asks again: it is never sent.  The line under a refused
# answer says the rule and the value without the prompt's label again.
# Input that ends before the create keeps the draft, names the question it
# ended at and exits 2 (Ctrl-C stays 130: input-end.sh).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox

# ended_at NAME TEXT: one TAP line: stderr is one line naming where the input ended.
ended_at() {
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF -- "input ended at $2" "$T/err"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "stderr does not say \"input ended at $2\" in one line:"
		sed 's/^/#   /' "$T/err"
	fi
}

# asked NAME COUNT PROMPT: one TAP line: PROMPT was asked COUNT times.
asked() {
	_n=$(grep -cF -- "$3" "$T/out")
	if [ "$_n" -eq "$2" ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "\"$3\" asked $_n times, wanted $2"
	fi
}

# ---- "?" at the sign-in questions ----

# Server, server URL, sign-in method and the hidden token: each "?" first.
answers '?' '' '?' '' '?' '' '?' "$USER_TOKEN"
plain
is_rc 2 question_marks_then_the_input_ends
shows server_question_explained 'Where your Infisical runs: the US cloud'
shows url_question_explained "Your server's address, such as https://infisical.example.com"
shows method_question_explained "a machine identity's Universal Auth client ID and secret"
shows token_question_explained 'infisical user get token --plain'
shows token_help_names_machine_identities 'A machine identity instead: choose Universal Auth above'
asked token_asked_again_after_the_help 2 'Access token (input hidden): '
hides question_mark_never_sent_as_a_token 'Sign-in failed'
shows the_typed_token_signs_in 'Signed in.'
ended_at input_end_names_the_first_question 'step 1 (Rotation), question "Name"'

# Universal Auth: "?" at the client ID and at the hidden client secret.
answers '' '' 2 '?' sandbox-client-id '?' sandbox-client-secret
plain
is_rc 2 universal_auth_question_marks_then_the_input_ends
shows client_id_explained 'Access Control > Machine Identities'
shows client_secret_explained 'Infisical shows it only once'
asked client_secret_asked_again_after_the_help 2 'Client secret (input hidden): '
hides question_mark_never_sent_as_a_secret 'Sign-in failed'
shows universal_auth_signs_in 'Signed in.'
hides client_secret_never_printed sandbox-client-secret

# The hidden question's input ending: said, exit 2, and nothing was sent.
answers '' '' ''
plain
is_rc 2 input_ending_at_the_token_exits_2
ended_at input_end_names_the_hidden_question 'step 0 (Sign in), question "Access token (input hidden)"'

# ---- the line under a refused answer ----

# A mistake at (nearly) every kind of prompt, then the input ends on Review.
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
answers \
	'Bad Name' ok-name '?' '' \
	'' 'Payments Platform' dev /nowhere / \
	'' 1 \
	'' m not-a-guid "$PAYMENTS_API_OBJECT" x "$PAYMENTS_API_CLIENT" '' \
	maybe yes 0 30 24 5 60 0 \
	SAME_NAME SAME_NAME OTHER_NAME
plain
is_rc 2 mistakes_then_the_input_ends_on_review
shows name_rule_and_value 'Must be lowercase letters and digits, with single hyphens between them (a slug like my-rotation), got "Bad Name"'
shows pick_list_required 'Required -- type a number from 1 to 2, or a name.'
shows guid_rule_and_value 'Must be a GUID (8-4-4-4-12 hex digits), got "not-a-guid"'
shows toggle_rule_and_value 'Must be yes or no, got "maybe"'
shows hour_rule_and_value 'Must be a whole number from 0 to 23, got "24"'
shows names_must_differ 'Must differ from the Client ID secret, got "SAME_NAME" for both'
shows help_under_its_prompt 'Description (optional): ?'
# No line starts with the label of the prompt answered just above it.
awk '
	label != "" && index($0, label ": ") == 1 { print prev " / " $0 }
	{
		prev = $0
		label = ""
		if (index($0, ": ") && match($0, /^[^:[(]+/)) {
			label = substr($0, 1, RLENGTH)
			sub(/ +$/, "", label)
		}
	}' "$T/out" >"$T/repeats"
if [ -s "$T/repeats" ]; then
	ok 1 no_line_repeats_the_label_of_its_prompt
	sed 's/^/#   /' "$T/repeats"
else
	ok 0 no_line_repeats_the_label_of_its_prompt
fi
ended_at input_end_names_review 'step 7 (Review)'
check input_end_on_review_keeps_the_draft grep -q OTHER_NAME "$DRAFT"

# A self-hosted URL: required, then refused, each said once.
PLAIN_ENV="INFISICAL_DOMAIN="
answers 3 '' 'ftp://nowhere.example' "$SANDBOX_URL" '' "$USER_TOKEN"
plain
is_rc 2 self_hosted_url_then_the_input_ends
shows url_required 'Required -- type the address you open Infisical at.'
shows url_refused_with_the_rule 'The server URL must start with https://'
hides url_label_not_repeated 'Server URL: required'

done_testing
