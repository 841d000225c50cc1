# Screen tests: the real ./rotwiz in a real terminal (a private tmux server),
# driven by keys, the screen read back as text.  Source after
# tests/lib/tap.sh and tests/lib/sandbox.sh.
#
#   screen_run [ENV=VALUE...] [-- ARGS...]
#                       starts rotwiz in a fresh 100x30 terminal (W and H
#                       change that) with a fixed, minimal environment:
#                       TERM=xterm-256color, LC_ALL=C.UTF-8, TZ=Europe/Paris,
#                       ESCDELAY=25, a temporary HOME and XDG_STATE_HOME, the
#                       sandbox as INFISICAL_DOMAIN; the ENV=VALUE words are
#                       added.  Nothing else from the caller's environment.
#   keys KEY...         tmux send-keys (names: Enter, Tab, BTab, Up, PgDn, C-c, F1...)
#   txt TEXT            the text as typed characters
#   paste TEXT          a bracketed paste of TEXT
#   screen              the screen as text (stdout)
#   wait_for TEXT       until the screen holds TEXT (5 s cap); 1 on time-out
#   waits NAME TEXT     one TAP line: the screen comes to hold TEXT
#   lacks NAME TEXT     one TAP line: the screen does not hold TEXT now
#   below NAME LABEL TEXT  one TAP line: the line under the field LABEL holds TEXT
#   on_line NAME LABEL TEXT  one TAP line: the field LABEL's own line holds TEXT
#   wait_exit           until rotwiz has exited (10 s cap): sets $rc
#   asan_clean NAME     one TAP line: no sanitizer report was written
#   server_get NAME ENV PATH   the rotation the server holds, into $T/got
#   held NAME DOTTED-PATH WANT one TAP line: $T/got has WANT at secretRotation.PATH
# Every wait polls (50 ms steps) with a cap: no fixed sleeps.  The tmux
# server and the sandbox are stopped however the test ends.  KEEP=1 keeps $T.

ROTWIZ="$top_builddir/rotwiz"
JSON_GET="$top_builddir/tests/cli/json-get"
W=${W:-100}
H=${H:-30}

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-screen.XXXXXX") || exit 1
mkdir -p "$T/home" "$T/state"
DRAFT=$T/state/rotwiz/draft.json
SOCK=rotwiz-test-$$
run_n=0

# The sandbox's seeded world (sandbox/seed.c).
PAYMENTS=ec28d541-4984-455a-b145-c3b923b5c5b2
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
PAYMENTS_API_OBJECT=607e495a-aa5b-4896-9125-08d1a22c504c
PAYMENTS_API_CLIENT=b2a0517a-42c2-4a1b-97cb-0472be8a5e0b
USER_TOKEN=sandbox-user-token

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

screen_cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ -n "${SANDBOX_PID:-}" ]; then sandbox_stop; fi
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap screen_cleanup EXIT

screen_sandbox() {
	sandbox_start "$@"
	trap screen_cleanup EXIT
}

# Builds the command line in $T/run.sh so that no quoting passes through tmux.
screen_run() {
	run_n=$((run_n + 1))
	_env=
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_env="$_env '$1'"
		shift
	done
	[ "${1:-}" = "--" ] && shift
	_args=
	for _a in "$@"; do _args="$_args '$_a'"; done
	rm -f "$T/exit" "$T/pid"
	# ASan and UBSan reports go to files, which asan_clean looks for.
	cat >"$T/run.sh" <<EOF
exec 2>"$T/stderr.$run_n"
env -i PATH="$PATH" HOME="$T/home" XDG_STATE_HOME="$T/state" TERM=xterm-256color \
	LC_ALL=C.UTF-8 TZ=Europe/Paris ESCDELAY=25 \
	INFISICAL_DOMAIN="${SANDBOX_URL:-http://127.0.0.1:9}" \
	ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan" \
	$_env sh -c 'echo \$\$ >"$T/pid"; exec "\$@"' rotwiz "$ROTWIZ" $_args
echo \$? >"$T/exit.tmp"
mv "$T/exit.tmp" "$T/exit"
exec sleep 600
EOF
	# Each run gets its own tmux server: a dying one cannot swallow the new session.
	tm kill-server >/dev/null 2>&1
	SOCK=rotwiz-test-$$-$run_n
	tm new-session -d -s t -x "$W" -y "$H" "sh $T/run.sh"
}

keys() { tm send-keys -t t "$@"; }
txt() { tm send-keys -t t -l -- "$1"; }
paste() {
	tm set-buffer -- "$1"
	tm paste-buffer -p -t t
}
screen() { tm capture-pane -p -t t; }

wait_for() {
	_i=0
	while [ $_i -lt 100 ]; do
		screen | grep -F -q -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

show_screen() {
	screen | sed 's/^/#   |/'
}

waits() {
	if wait_for "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "expected on screen: $2"
		show_screen
	fi
}

lacks() {
	if screen | grep -F -q -- "$2"; then
		ok 1 "$1"
		diag "not expected on screen: $2"
		show_screen
	else
		ok 0 "$1"
	fi
}

# A field's line: its label with a space before and padding (or the end of
# the line) after it.  Below it: its message, which may wrap over more lines
# (continuation lines are indented; the next field's line is not).
line_below() {
	screen | awk -v label=" $1  " '
		found && /^    / { sub(/^ +/, ""); text = text " " $0; next }
		found { exit }
		index($0 "  ", label) { found = 1 }
		END { print text }'
}

line_of() {
	screen | awk -v label=" $1  " 'index($0 "  ", label) { print; exit }'
}

below() {
	_i=0
	while [ $_i -lt 100 ]; do
		line_below "$2" | grep -F -q -- "$3" && break
		sleep 0.05
		_i=$((_i + 1))
	done
	if line_below "$2" | grep -F -q -- "$3"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "expected under \"$2\": $3"
		show_screen
	fi
}

on_line() {
	_i=0
	while [ $_i -lt 100 ]; do
		line_of "$2" | grep -F -q -- "$3" && break
		sleep 0.05
		_i=$((_i + 1))
	done
	if line_of "$2" | grep -F -q -- "$3"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "expected on the line of \"$2\": $3"
		show_screen
	fi
}

# rotwiz's pid while it runs (the shell that printed it exec'd rotwiz).
rotwiz_pid() {
	_i=0
	while [ $_i -lt 100 ] && [ ! -s "$T/pid" ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	cat "$T/pid"
}

# A tmux format of the pane: alternate_on, keypad_flag, mouse_any_flag...
pane_flag() { tm display-message -p -t t "#{$1}"; }

wait_exit() {
	_i=0
	while [ $_i -lt 200 ] && [ ! -f "$T/exit" ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	rc=$(cat "$T/exit" 2>/dev/null || echo none)
}

asan_clean() {
	if ls "$T"/asan.* "$T"/ubsan.* >/dev/null 2>&1; then
		ok 1 "$1"
		for _f in "$T"/asan.* "$T"/ubsan.*; do
			[ -f "$_f" ] && sed 's/^/#   /' "$_f" | head -40
		done
		rm -f "$T"/asan.* "$T"/ubsan.*
	else
		ok 0 "$1"
	fi
}

server_get() {
	curl -sS -o "$T/got" -H "Authorization: Bearer $USER_TOKEN" \
		"$SANDBOX_URL/api/v2/secret-rotations/azure-client-secret/rotation-name/$1?projectId=$PAYMENTS&environment=$2&secretPath=$3"
}

held() {
	_got=$("$JSON_GET" "$T/got" "secretRotation.$2" 2>/dev/null)
	if [ "$_got" = "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "secretRotation.$2: want '$3', got '$_got'"
	fi
}
