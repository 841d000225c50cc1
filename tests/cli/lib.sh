# Shared by the tests/cli shell tests.  Source after tests/lib/tap.sh (and
# tests/lib/sandbox.sh when a server is needed).
#   rw ARGS...          runs ./rotwiz (stdin /dev/null, 20 s cap): $rc, $T/out, $T/err
#   is_rc WANT NAME     one TAP line: $rc is WANT (tests/lib/tap.sh, as shows, hides)
#   says NAME TEXT      one TAP line: stderr holds TEXT
#   one_line NAME       one TAP line: stderr is exactly one line
#   cli_sandbox ARGS... sandbox_start, keeping the cleanup of $T
# Every run gets a fresh HOME and XDG_STATE_HOME under $T and none of the
# variables rotwiz reads, unless a test exports them itself.

ROTWIZ="$top_builddir/rotwiz"
JSON_EQUAL="$top_builddir/tests/cli/json-equal"
JSON_GET="$top_builddir/tests/cli/json-get"
# The cap of a run, which is_rc names when a run hit it.
RUN_CAP_S=20

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-cli.XXXXXX") || exit 1
mkdir -p "$T/home" "$T/state"
HOME=$T/home
XDG_STATE_HOME=$T/state
export HOME XDG_STATE_HOME
unset INFISICAL_DOMAIN INFISICAL_API_URL INFISICAL_TOKEN \
	INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN INFISICAL_UNIVERSAL_AUTH_CLIENT_ID \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET INFISICAL_PROJECT_ID INFISICAL_ENVIRONMENT \
	INFISICAL_SECRET_PATH ROTWIZ_TIMEOUT_MS NO_COLOR ACCESSIBLE

cli_cleanup() {
	if [ -n "${SANDBOX_PID:-}" ]; then sandbox_stop; fi
	rm -rf "$T"
}
trap cli_cleanup EXIT

cli_sandbox() {
	sandbox_start "$@"
	trap cli_cleanup EXIT
}

rw() {
	timeout "$RUN_CAP_S" "$ROTWIZ" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

says() {
	if grep -qF -- "$2" "$T/err"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "stderr lacks: $2"
		sed 's/^/#   /' "$T/err"
	fi
}

one_line() {
	_n=$(wc -l <"$T/err" | tr -d ' ')
	if [ "$_n" -eq 1 ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "stderr has $_n lines:"
		sed 's/^/#   /' "$T/err"
	fi
}

# Field flags that make a valid rotation (the GUIDs are made up).
CONN=3d1f7a52-8c6b-4e0f-9a2d-5b7e1c9f4a10
OBJ=0b8c2f4e-1d3a-4c5b-8e7f-9a0b1c2d3e4f
CLI=7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921
