# The one terminal rule (doc/contract.md s.2.2, decision 16) in flag and
# plain mode: bytes from outside -- the environment, a flag, a
# .infisical.json in the working directory, a --from-file body, the server's
# names -- reach stdout and stderr visibly escaped (\x1b, \u202e), never
# raw.  Each hostile value goes through each source; every run's output is
# checked byte by byte.  Names with control characters are refused before
# anything is sent.  (The curses screens: tests/screen/hostile.sh.)
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/cli/lib.sh"

CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
EVIL_PROJECT=5b7e6c1e-1c1a-4d0b-8f59-7c0f3bd6e9a2
BIDI_APP_OBJ=0f1e2d3c-4b5a-4697-8877-665544332211
BIDI_APP_CLI=1a2b3c4d-5e6f-4a8b-9cad-beef00112233

# What a terminal would obey: C0 but the newline, DEL, C1 (UTF-8), the bidi
# and direction controls.  NUL and bytes that are not UTF-8 are checked apart.
BIDI_C1_RE=$(printf '\302[\200-\237]|\342\200[\216\217\252-\256]|\342\201[\246-\251]|\330\234')
RAW_RE=$(printf '[\001-\011\013-\037\177]')"|$BIDI_C1_RE"

# raw_free NAME FILE...: one TAP line, the files hold no such byte.
raw_free() {
	_name=$1
	shift
	_why=
	if cat "$@" | LC_ALL=C grep -q -a -E "$RAW_RE"; then
		_why="a control byte"
	elif [ "$(cat "$@" | LC_ALL=C tr -cd '\000' | wc -c)" -ne 0 ]; then
		_why="a NUL byte"
	elif command -v iconv >/dev/null 2>&1 &&
	     ! cat "$@" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
		_why="bytes that are not UTF-8"
	fi
	if [ -z "$_why" ]; then
		ok 0 "$_name"
	else
		ok 1 "$_name"
		diag "the output holds $_why:"
		cat "$@" | od -c | sed 's/^/#   /' | head -20
	fi
}

# shown NAME FILE TEXT: one TAP line, FILE holds TEXT (the escaped form).
shown() {
	if grep -qF -- "$3" "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "$2 lacks: $3"
		sed 's/^/#   /' "$2" | head -10
	fi
}

# The table: NAME, the value (printf format), the value as a message quotes it.
set -- \
	esc_clear   'a\033[2Jb'          'a\x1b[2Jb' \
	osc_title   'a\033]0;owned\007b' 'a\x1b]0;owned\x07b' \
	bel         'a\007b'             'a\x07b' \
	c1_csi      'a\302\23331mb'      'a\u009b31mb' \
	bidi        'a\342\200\256b'     'a\u202eb' \
	invalid     'a\377\376b'         'a\xff\xfeb'
CASES=0

# Flag mode, each value from each source.  A run reports every field's
# problem, so one run checks the project and a secret name together.
while [ $# -ge 3 ]; do
	n=$1 v=$(printf "$2") want=$3
	shift 3
	if [ "$n" = invalid ]; then rule="must be valid UTF-8 text"
	else rule="must not contain control characters or bidi controls"; fi

	INFISICAL_PROJECT_ID=$v rw --dry-run --name x --environment dev --connection $CONN \
		--object-id $OBJ --client-id $CLI
	is_rc 2 "env_${n}_project_is_refused"
	raw_free "env_${n}_stderr_is_raw_free" "$T/err"
	shown "env_${n}_project_names_the_rule" "$T/err" "Project: $rule"
	shown "env_${n}_value_is_quoted_escaped" "$T/err" "got \"$want\""

	# A flag's; a secret name with it is refused before sending, by rule.
	rw --dry-run --name x --environment dev --project "$v" --map-client-secret "S$v"
	is_rc 2 "flag_${n}_project_and_secret_name_are_refused"
	raw_free "flag_${n}_stderr_is_raw_free" "$T/err"
	shown "flag_${n}_is_quoted_escaped" "$T/err" "got \"$want\""
	shown "flag_${n}_secret_name_names_the_rule" "$T/err" "Client secret secret: $rule"

	# A cloned repository's .infisical.json.
	mkdir -p "$T/wd"
	printf '{"workspaceId": "%s"}\n' "$v" >"$T/wd/.infisical.json"
	(cd "$T/wd" && timeout "$RUN_CAP_S" "$ROTWIZ" --dry-run --name x --environment dev \
		>"$T/out" 2>"$T/err" </dev/null)
	rc=$?
	is_rc 2 "file_${n}_workspace_id_is_refused"
	raw_free "file_${n}_stderr_is_raw_free" "$T/err"
	shown "file_${n}_is_quoted_escaped" "$T/err" "got \"$want\""

	# A description is free text: sent as typed, shown escaped; the
	# --dry-run body stays valid JSON holding the very same value, and the
	# --print-curl command after it has nothing raw either.
	printf '{"name":"d","description":"%s"}' "$v" >"$T/body.json"
	rw --dry-run --print-curl --from-file "$T/body.json" --project p --environment dev \
		--connection $CONN --object-id $OBJ --client-id $CLI
	if [ "$n" = invalid ]; then
		is_rc 2 "body_${n}_description_is_refused_as_not_utf8"
		raw_free "body_${n}_stderr_is_raw_free" "$T/err"
	else
		is_rc 0 "body_${n}_description_is_printed"
		raw_free "body_${n}_body_and_curl_are_raw_free" "$T/out"
		sed '/^$/,$d' "$T/out" >"$T/body.out"
		if [ "$("$JSON_GET" "$T/body.out" description)" = "$v" ]; then
			ok 0 "body_${n}_json_holds_the_same_value"
		else
			ok 1 "body_${n}_json_holds_the_same_value"
			sed 's/^/#   /' "$T/out"
		fi
	fi

	# The server URL and an unknown option echo what was typed.
	rw --dry-run --domain "https://h/$v"
	is_rc 2 "url_${n}_is_refused"
	raw_free "url_${n}_stderr_is_raw_free" "$T/err"
	rw "--x$v"
	is_rc 2 "option_${n}_is_refused"
	raw_free "option_${n}_stderr_is_raw_free" "$T/err"
	CASES=$((CASES + 7))
done
diag "hostile values x sources in flag mode: $CASES"

# NUL: only a file can hold one.
printf '{"name":"d","description":"a\000b"}' >"$T/body.json"
rw --dry-run --from-file "$T/body.json"
is_rc 2 nul_in_a_body_file_is_refused
raw_free nul_in_a_body_file_stderr_is_raw_free "$T/err"
printf '{"workspaceId": "a\000\033[2Jb"}\n' >"$T/wd/.infisical.json"
(cd "$T/wd" && timeout "$RUN_CAP_S" "$ROTWIZ" --dry-run --name x --environment dev \
	>"$T/out" 2>"$T/err" </dev/null)
rc=$?
is_rc 2 nul_in_infisical_json_ends_in_a_refusal
raw_free nul_in_infisical_json_stderr_is_raw_free "$T/err"
rm -f "$T/wd/.infisical.json"

# The server's names (rotwiz-sandbox --hostile-names: a project, its
# environment, Azure apps and a secret named to attack the terminal).
cli_sandbox --hostile-names
INFISICAL_TOKEN=sandbox-user-token; export INFISICAL_TOKEN
# The rotations the sandbox seeds, so that the two creates below are counted on top.
curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"
seeded=$("$JSON_GET" "$T/stats" rotations)
rw --yes --domain "$SANDBOX_URL" --project evil-project --environment dev --secret-path / \
	--connection $CONTOSO --object-id $BIDI_APP_OBJ --client-id $BIDI_APP_CLI \
	--name hostile-flag --app-name "$(printf 'Invoice \342\200\256fdp.exe')"
is_rc 0 server_names_create_in_flag_mode
raw_free server_names_flag_stdout_and_stderr_are_raw_free "$T/out" "$T/err"
shown server_project_name_is_escaped_on_stderr "$T/err" \
	'is Evil \x1b]0;owned\x07 \x1b[2JProject'
shown server_environment_name_is_escaped_in_the_summary "$T/out" 'Dev \x1b[41mred\x1b[0m (dev)'
rw --yes --json --domain "$SANDBOX_URL" --project $EVIL_PROJECT --environment dev \
	--secret-path / --connection $CONTOSO --object-id $BIDI_APP_OBJ --client-id $BIDI_APP_CLI \
	--name hostile-json --app-name "$(printf 'Invoice \342\200\256fdp.exe')"
is_rc 0 server_names_create_with_json
# JSON: tabs between tokens are JSON's; nothing else.
_all=$RAW_RE
RAW_RE=$(printf '[\001-\010\013-\037\177]')"|$BIDI_C1_RE"
raw_free json_output_is_raw_free "$T/out"
RAW_RE=$_all
raw_free json_stderr_is_raw_free "$T/err"
if [ "$("$JSON_GET" "$T/out" secretRotation.parameters.appName)" = "$(printf 'Invoice \342\200\256fdp.exe')" ]; then
	ok 0 json_output_holds_the_app_name_json_escaped
else
	ok 1 json_output_holds_the_app_name_json_escaped
	sed 's/^/#   /' "$T/out"
fi
shown json_escape_is_the_json_one "$T/out" 'Invoice \u202efdp.exe'
rw --yes --domain "$SANDBOX_URL" --project $EVIL_PROJECT --environment dev --secret-path / \
	--connection $CONTOSO --object-id $BIDI_APP_OBJ --client-id $BIDI_APP_CLI \
	--name hostile-map --map-client-id "$(printf 'EVIL_\033[2J_KEY')"
is_rc 2 a_secret_name_with_esc_is_refused_before_sending
curl -s "$SANDBOX_URL/sandbox/stats" >"$T/stats"
if "$JSON_GET" "$T/stats" rotations | grep -qx $((seeded + 2)); then
	ok 0 only_the_two_creates_reached_the_server
else
	ok 1 only_the_two_creates_reached_the_server
	diag "rotations on the server: $("$JSON_GET" "$T/stats" rotations), $seeded seeded"
fi

# Plain mode: the server's project, environment and app names in its lists,
# the chosen app, the review and the summary.
printf '%s\n' hostile-plain '' 3 dev / 1 9 '' '' '' '' '' '' c q >"$T/in"
(cd "$T" && timeout "$RUN_CAP_S" env INFISICAL_DOMAIN="$SANDBOX_URL" "$ROTWIZ" --plain \
	<"$T/in" >"$T/out" 2>"$T/err")
rc=$?
is_rc 0 plain_session_with_hostile_names_creates
raw_free plain_stdout_and_stderr_are_raw_free "$T/out" "$T/err"
shown plain_project_list_is_escaped "$T/out" '3) Evil \x1b]0;owned\x07 \x1b[2JProject'
shown plain_environment_list_is_escaped "$T/out" '1) Dev \x1b[41mred\x1b[0m'
shown plain_app_list_esc_is_escaped "$T/out" 'Evil \x1b[31mRed\x1b[0m \x07App'
shown plain_app_list_bidi_is_escaped "$T/out" 'Invoice \u202efdp.exe'
shown plain_app_list_c1_and_bad_bytes_are_escaped "$T/out" 'C1 \u009b2J app \xfe\xc0\xaf'
shown plain_created "$T/out" 'Created the Azure Client Secret rotation "hostile-plain"'

# Plain mode, a hostile .infisical.json: the refusal and the prompt escape it.
printf '{"workspaceId": "%s"}\n' "$(printf 'p\033]0;owned\007')" >"$T/.infisical.json"
printf '%s\n' hostile-plain2 '' >"$T/in"
(cd "$T" && timeout "$RUN_CAP_S" env INFISICAL_DOMAIN="$SANDBOX_URL" "$ROTWIZ" --plain \
	<"$T/in" >"$T/out" 2>"$T/err")
rc=$?
is_rc 2 plain_input_end_after_a_hostile_default
raw_free plain_hostile_default_is_raw_free "$T/out" "$T/err"
shown plain_hostile_default_is_shown_escaped "$T/out" 'p\x1b]0;owned\x07'

done_testing
