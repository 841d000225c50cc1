# The command line itself: help, version, usage errors, no terminal, and
# what is refused before anything is sent.  No server.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/cli/lib.sh"

FIELDS="--name usage-test --project p1 --environment dev --connection $CONN --object-id $OBJ --client-id $CLI"

rw --help
is_rc 0 help_exits_0
check help_goes_to_stdout grep -q '^Usage: rotwiz' "$T/out"
check help_leaves_stderr_empty test ! -s "$T/err"
check help_names_the_man_page grep -q 'man rotwiz' "$T/out"

rw --version
is_rc 0 version_exits_0
check version_prints_name_and_number grep -qE '^rotwiz [0-9]+\.[0-9]+' "$T/out"

rw --nmae x
is_rc 2 unknown_option_exits_2
one_line unknown_option_is_one_line
says unknown_option_suggests_the_nearest "did you mean --name?"

rw --token hunter2-token-value --yes
is_rc 2 token_option_exits_2
one_line token_option_is_one_line
says token_option_names_the_environment_variable INFISICAL_TOKEN
says token_option_names_token_file --token-file
check token_option_never_echoes_the_value sh -c "! grep -q hunter2 '$T/err' '$T/out'"

rw --token=hunter2-token-value
is_rc 2 token_equals_option_exits_2
check token_equals_option_never_echoes_the_value sh -c "! grep -q hunter2 '$T/err'"

rw --yes create
is_rc 2 stray_word_exits_2
says stray_word_is_named "'create'"

# No terminal on stdin, no --yes, no --plain: never wait for an answer.
timeout 5 "$ROTWIZ" --name half-given </dev/null >"$T/out" 2>"$T/err"
rc=$?
is_rc 2 no_terminal_without_yes_exits_2_at_once
one_line no_terminal_message_is_one_line
says no_terminal_lists_missing_fields "missing: --project, --environment, --connection, --object-id, --client-id"
says no_terminal_lists_missing_credentials "credentials (INFISICAL_TOKEN or --token-file)"
check no_terminal_does_not_list_given_name sh -c "! grep -q -- '--name' '$T/err'"
# Not by the clock: stdin a pipe that stays open for longer than the run may
# take.  A rotwiz that waited for an answer would be killed (124), not exit 2.
mkfifo "$T/held"
sleep 60 >"$T/held" &
holder=$!
timeout 20 "$ROTWIZ" --name half-given <"$T/held" >"$T/out" 2>"$T/err"
rc=$?
kill "$holder" 2>/dev/null
is_rc 2 no_terminal_does_not_wait_on_a_pipe_that_stays_open

INFISICAL_TOKEN=t; export INFISICAL_TOKEN
rw $FIELDS
is_rc 2 no_terminal_with_everything_still_needs_yes
says no_terminal_with_everything_points_at_yes "add --yes"

# Plain http to anything but loopback is refused before any connection.
ROTWIZ_TIMEOUT_MS=60000; export ROTWIZ_TIMEOUT_MS
ROTWIZ_DEBUG_LOG="$T/curl.log" rw --yes $FIELDS --domain http://10.0.0.1
# A connection tried would end in exit 3 (refused, unreachable) or in the
# 20 s kill (124) under the 60 s timeout: exit 2 means none was tried, and
# libcurl's log (where a try shows as "Trying 10.0.0.1") says so too.
is_rc 2 http_to_a_remote_host_exits_2
check http_refusal_comes_before_any_connection sh -c "! grep -q 'Trying' '$T/curl.log' 2>/dev/null"
one_line http_refusal_is_one_line
says http_refusal_says_why "unencrypted"
says http_refusal_names_its_source "(from --domain)"

INFISICAL_DOMAIN=http://example.com; export INFISICAL_DOMAIN
rw --yes $FIELDS
is_rc 2 http_domain_from_the_environment_exits_2
says http_refusal_names_the_variable "INFISICAL_DOMAIN"
unset INFISICAL_DOMAIN

rw --yes $FIELDS --domain 'https://admin:pw-secret@vault.example'
is_rc 2 url_with_credentials_exits_2
check url_with_credentials_is_not_echoed sh -c "! grep -q pw-secret '$T/err'"

ROTWIZ_TIMEOUT_MS=soon
rw --dry-run $FIELDS
is_rc 2 bad_timeout_variable_exits_2
says bad_timeout_variable_is_named ROTWIZ_TIMEOUT_MS
unset ROTWIZ_TIMEOUT_MS INFISICAL_TOKEN

rw --yes $FIELDS --domain http://127.0.0.1:9
is_rc 2 yes_without_credentials_exits_2
one_line no_credentials_is_one_line
says no_credentials_names_the_ways_in "set INFISICAL_TOKEN"

rw --yes --name x
is_rc 2 yes_with_missing_fields_exits_2
check yes_with_missing_fields_lists_each_one test "$(wc -l <"$T/err")" -eq 5
says missing_project_is_named "(--project)"
says missing_client_id_is_named "(--client-id)"

rw --yes $FIELDS --token-file "$T/no-such-file"
is_rc 2 missing_token_file_exits_2
says missing_token_file_is_named "$T/no-such-file"

rw --dry-run $FIELDS --from-file "$T/no-such-body.json"
is_rc 2 missing_body_file_exits_2
says missing_body_file_is_named "no-such-body.json"

# Each failure names its cause and the fix (issue 11, item 7).
INFISICAL_TOKEN=$(printf 'tok\r\nen') rw --yes $FIELDS --domain http://127.0.0.1:9
is_rc 2 token_with_a_line_break_exits_2
one_line token_with_a_line_break_is_one_line
says token_with_a_line_break_names_the_cause "the access token holds a line break or another control character"
: >"$T/empty.pem"
for ca in /dev/null "$T/empty.pem"; do
	INFISICAL_TOKEN=t rw --yes $FIELDS --domain https://127.0.0.1:9 --cacert "$ca"
	is_rc 2 "cacert_${ca##*/}_exits_2"
	says "cacert_${ca##*/}_names_the_file" "the CA file $ca"
	if grep -qF -- "--cacert FILE" "$T/err"; then
		ok 1 "cacert_${ca##*/}_does_not_advise_passing_cacert"
	else
		ok 0 "cacert_${ca##*/}_does_not_advise_passing_cacert"
	fi
done
says empty_cacert_says_it_holds_no_certificate "holds no PEM certificate"
INFISICAL_TOKEN=t rw --yes $FIELDS --domain 'https://127.0.0.1:9/a b'
is_rc 2 url_with_a_space_exits_2
says url_with_a_space_names_it "has a space at character 22"
mkfifo "$T/fifo"
ROTWIZ_TIMEOUT_MS=500 rw --dry-run --from-file "$T/fifo"
is_rc 2 from_file_fifo_without_a_writer_ends
says from_file_fifo_without_a_writer_says_why "nothing came from it in 1 s (a FIFO or pipe that nobody writes to)"
(sleep 0.3; printf '{"description":"from-fifo"}' >"$T/fifo") &
ROTWIZ_TIMEOUT_MS=10000 rw --dry-run --from-file "$T/fifo" $FIELDS
wait
is_rc 0 from_file_fifo_with_a_writer_is_read
if grep -q '"description": "from-fifo"' "$T/out"; then ok 0 from_file_fifo_body_is_used
else ok 1 from_file_fifo_body_is_used; sed 's/^/#   /' "$T/out"; fi

# rotwiz manage is screens (or plain mode's choices): from a pipe it says where scripts go.
timeout 5 "$ROTWIZ" manage --project x </dev/null >"$T/out" 2>"$T/err"
rc=$?
is_rc 2 manage_without_a_terminal_exits_2_at_once
says manage_without_a_terminal_names_the_commands "rotwiz manage needs a terminal -- for scripts use rotwiz list, show, rotate, edit, delete or status"
rw manage --help
is_rc 0 manage_help_exits_0
check manage_help_is_its_own grep -q '^Usage: rotwiz manage' "$T/out"
rw manage stray
is_rc 2 manage_takes_no_name
done_testing
