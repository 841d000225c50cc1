# Shared by the tests/plain shell tests.  Source after tests/lib/tap.sh and
# tests/lib/sandbox.sh.
#   answers LINE...        the session's answers, one per line, into $T/in
#   plain ARGS...          ./rotwiz --plain ARGS with $T/in on stdin (20 s cap,
#                          never a hang): $rc, $T/out, $T/err.  Environment
#                          assignments in $PLAIN_ENV are added for that run.
#                          Each run has its own empty HOME and XDG_STATE_HOME
#                          ($RUN_HOME, $RUN_STATE, $DRAFT; tests/lib/runs.sh):
#                          keep_state first to start from the run before's.
#   is_rc, shows, hides    (tests/lib/tap.sh) check the run.  Every run needs
#                          its is_rc: a run left unchecked at the next run or
#                          at done_testing fails; one cut off by the cap fails
#                          saying that it sat on a prompt.
#   server_get NAME ENV PATH   the rotation as the server holds it (GET by
#                          name with curl and the user token) into $T/got
#   held NAME DOTTED-PATH WANT  one TAP line: $T/got has WANT at secretRotation.PATH
#   shown_body             the JSON body the review printed, into $T/body
# The test's own environment has none of the variables rotwiz reads and a
# HOME and XDG_STATE_HOME nobody uses (a run that forgets its own cannot
# find a real draft); the sandbox's URL is INFISICAL_DOMAIN.  KEEP=1 keeps
# $T (the last run's in, out and err) for a look afterwards.

ROTWIZ="$top_builddir/rotwiz"
JSON_GET="$top_builddir/tests/cli/json-get"

# The cap of a run, which is_rc names when a run hit it.
RUN_CAP_S=20

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-plain.XXXXXX") || exit 1
mkdir -p "$T/unused-home" "$T/unused-state"
HOME=$T/unused-home
XDG_STATE_HOME=$T/unused-state
export HOME XDG_STATE_HOME
. "$top_srcdir/tests/lib/runs.sh"
unset INFISICAL_DOMAIN INFISICAL_API_URL INFISICAL_TOKEN \
	INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN INFISICAL_UNIVERSAL_AUTH_CLIENT_ID \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET INFISICAL_PROJECT_ID INFISICAL_ENVIRONMENT \
	INFISICAL_SECRET_PATH ROTWIZ_TIMEOUT_MS NO_COLOR ACCESSIBLE
PLAIN_ENV=

# The sandbox's seeded world (sandbox/seed.c).
PAYMENTS=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
PAYMENTS_API_OBJECT=607e495a-aa5b-4896-9125-08d1a22c504c
PAYMENTS_API_CLIENT=b2a0517a-42c2-4a1b-97cb-0472be8a5e0b
BILLING_WORKER_OBJECT=74a3f82e-531e-45c2-b7d5-d81151298038
BILLING_WORKER_CLIENT=9c743c18-95ce-4fbe-8f48-3723a676b96e
REPORTING_2_OBJECT=c5840a68-3dc3-4c5b-a451-4c5dcac829a0
USER_TOKEN=sandbox-user-token

plain_cleanup() {
	if [ -n "${SANDBOX_PID:-}" ]; then sandbox_stop; fi
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap plain_cleanup EXIT

plain_sandbox() {
	sandbox_start "$@"
	trap plain_cleanup EXIT
}

answers() {
	: >"$T/in"
	for _a in "$@"; do
		printf '%s\n' "$_a" >>"$T/in"
	done
}

plain() {
	run_begin
	# shellcheck disable=SC2086 # PLAIN_ENV is a list of NAME=value words
	(cd "$RUN_DIR" && exec timeout $RUN_CAP_S env HOME="$RUN_HOME" \
		XDG_STATE_HOME="$RUN_STATE" INFISICAL_DOMAIN="$SANDBOX_URL" $PLAIN_ENV \
		"$ROTWIZ" --plain "$@") <"$T/in" >"$T/out" 2>"$T/err"
	rc=$?
}

# What run_close shows of a run nobody checked.
run_describe() {
	diag "exit status $rc; last lines of stdout:"
	tail -n 15 "$T/out" | sed 's/^/#   /'
}

# server_get NAME ENV PATH: PATH with its slashes as %2F.
server_get() {
	_path=$(printf '%s' "$3" | sed 's|/|%2F|g')
	_code=$(curl -sS -o "$T/got" -w '%{http_code}' \
		-H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/$1?projectId=$PAYMENTS&environment=$2&secretPath=$_path")
	[ "$_code" = 200 ]
}

held() {
	_got=$("$JSON_GET" "$T/got" "secretRotation.$2" 2>/dev/null)
	if [ "$_got" = "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "server holds \"$_got\" at $2, wanted \"$3\""
	fi
}

# The review prints "Request body (...):" then the pretty JSON, ending at a lone "}".
shown_body() {
	awk '/^Request body/ { on = 1; next } on { print } on && /^}$/ { exit }' "$T/out" >"$T/body"
}
