# Screen tests: the real ./rotwiz in a real terminal (a private tmux server),
# driven by keys, the screen read back as text.  Source after
# tests/lib/tap.sh and tests/lib/sandbox.sh.
#
#   screen_run [ENV=VALUE...] [-- ARGS...]
#                       starts rotwiz in a fresh 100x30 terminal (W and H
#                       change that) with a fixed, minimal environment:
#                       TERM=xterm-256color, LC_ALL=C.UTF-8, TZ=Europe/Paris,
#                       ESCDELAY=25, the run's own empty HOME and
#                       XDG_STATE_HOME (tests/lib/runs.sh; keep_state first
#                       to start from the run before's draft), the sandbox as
#                       INFISICAL_DOMAIN; the ENV=VALUE words are added.
#                       Nothing else from the caller's environment.
#   exits WANT NAME     one TAP line: rotwiz exits with WANT (20 s cap).  Every
#                       run ends with one: a run still going at the next
#                       screen_run or at done_testing fails the test.
#   keys KEY...         tmux send-keys (names: Enter, Tab, BTab, Up, PgDn, C-c, F1...)
#   txt TEXT            the text as typed characters
#   paste TEXT          a bracketed paste of TEXT
#   screen              the screen as text (stdout)
#   wait_for TEXT       until the screen holds TEXT (10 s cap); 1 on time-out
#   waits NAME TEXT     one TAP line: the screen comes to hold TEXT
#   lacks NAME TEXT     one TAP line: the screen does not hold TEXT now
#   waits_joined NAME TEXT  one TAP line: the screen, its lines joined with
#                       blanks squeezed (a wrapped message reads as typed),
#                       comes to hold TEXT
#   waits_in VIEW NAME TEXT  the same in what the shell function VIEW prints
#   below NAME LABEL TEXT  one TAP line: the line under the field LABEL holds TEXT
#   on_line NAME LABEL TEXT  one TAP line: the field LABEL's own line holds TEXT
#   field_is NAME LABEL VALUE  one TAP line: the field LABEL shows exactly VALUE
#                       (up to the end of its line or two spaces)
#   gone_below NAME LABEL TEXT  one TAP line: the lines under LABEL come to lack TEXT
#   picture NAME FILE MARK  one TAP line: the whole screen, its variable
#                       parts replaced (picture_text, picture_subst FROM TO),
#                       comes to equal tests/screen/pictures/FILE.txt; the
#                       diff as diag if not.  ROTWIZ_UPDATE_PICTURES=1 writes
#                       the file instead, from the screen once it shows MARK
#                       and holds still, and says so (tests/screen/pictures.sh).
#   rotwiz_pid          rotwiz's pid (a failing TAP line if it never started)
#   asan_clean NAME     one TAP line: no sanitizer report was written
#   server_get NAME ENV PATH   the rotation the server holds, into $T/got
#   held NAME DOTTED-PATH WANT one TAP line: $T/got has WANT at secretRotation.PATH
# Every wait polls (50 ms steps; WAIT_SLEEP changes that) with a cap: no fixed sleeps.  A wait that
# runs out fails its TAP line and shows the screen it saw as diag.  The tmux
# server and the sandbox are stopped however the test ends.  KEEP=1 keeps $T.

ROTWIZ="$top_builddir/rotwiz"
JSON_GET="$top_builddir/tests/cli/json-get"
W=${W:-100}
H=${H:-30}

WAIT_STEPS=200		# 50 ms steps: 10 s for the screen to show what it must
EXIT_STEPS=400		# 20 s for rotwiz to exit

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-screen.XXXXXX") || exit 1
SOCK=rotwiz-test-$$
. "$top_srcdir/tests/lib/runs.sh"

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
	run_begin
	_env=
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_env="$_env '$1'"
		shift
	done
	[ "${1:-}" = "--" ] && shift
	_args=
	for _a in "$@"; do _args="$_args '$_a'"; done
	# ASan and UBSan reports go to files, which asan_clean looks for.
	cat >"$T/run.sh" <<EOF
exec 2>"$T/stderr.$run_n"
cd "$RUN_DIR" || exit 1
env -i PATH="$PATH" HOME="$RUN_HOME" XDG_STATE_HOME="$RUN_STATE" TERM=xterm-256color \
	LC_ALL=C.UTF-8 TZ=Europe/Paris ESCDELAY=25 \
	INFISICAL_DOMAIN="${SANDBOX_URL:-http://127.0.0.1:9}" \
	ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan" \
	$_env sh -c 'echo \$\$ >"$RUN_DIR/pid"; exec "\$@"' rotwiz "$ROTWIZ" $_args
echo \$? >"$RUN_DIR/exit.tmp"
mv "$RUN_DIR/exit.tmp" "$RUN_DIR/exit"
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
	while [ $_i -lt $WAIT_STEPS ]; do
		screen | grep -F -q -- "$1" && return 0
		sleep "${WAIT_SLEEP:-0.05}"
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

# The screen's text as one line, blanks squeezed.
joined() { screen | tr '\n' ' ' | tr -s ' '; }

# waits_in VIEW NAME TEXT: as waits, in what the function VIEW prints of the screen.
waits_in() {
	_i=0
	while [ $_i -lt $WAIT_STEPS ] && ! "$1" | grep -F -q -- "$3"; do
		sleep 0.05
		_i=$((_i + 1))
	done
	if "$1" | grep -F -q -- "$3"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "expected in $1: $3"
		show_screen
	fi
}

waits_joined() { waits_in joined "$@"; }

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
	while [ $_i -lt $WAIT_STEPS ]; do
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
	while [ $_i -lt $WAIT_STEPS ]; do
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

# The field's own line holds exactly VALUE after its label, up to the end
# of the line or two spaces (polls).
field_is() {	# NAME LABEL VALUE
	_i=0
	while [ $_i -lt $WAIT_STEPS ]; do
		line_of "$2" | awk -v label="$2" -v want="$3" '{
			i = index($0, label); v = substr($0, i + length(label));
			sub(/^ +/, "", v); sub(/  .*$/, "", v); sub(/ +$/, "", v)
			exit !(v == want) }' && break
		sleep 0.05
		_i=$((_i + 1))
	done
	if [ $_i -lt $WAIT_STEPS ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "expected \"$2\" to hold exactly: $3"
		show_screen
	fi
}

# The line under LABEL comes to lack TEXT (polls).
gone_below() {	# NAME LABEL TEXT
	_i=0
	while [ $_i -lt $WAIT_STEPS ] && line_below "$2" | grep -F -q -- "$3"; do
		sleep 0.05
		_i=$((_i + 1))
	done
	if line_below "$2" | grep -F -q -- "$3"; then
		ok 1 "$1"
		diag "still under \"$2\": $3"
		show_screen
	else
		ok 0 "$1"
	fi
}

# What run_close shows of a run nobody checked: its screen and its stderr.
run_describe() {
	if [ -f "$T/run.$run_n/exit" ]; then
		diag "it exited with status $(cat "$T/run.$run_n/exit"); its last screen:"
	else
		diag "it is still running, on this screen:"
	fi
	show_screen
	_stderr_tail
}

_stderr_tail() {
	if [ -s "$T/stderr.$run_n" ]; then
		diag "its stderr:"
		tail -n 10 "$T/stderr.$run_n" | sed 's/^/#   /'
	fi
}

# rotwiz's pid while it runs (the shell that printed it exec'd rotwiz).
rotwiz_pid() {
	_i=0
	while [ $_i -lt $WAIT_STEPS ] && [ ! -s "$RUN_DIR/pid" ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	if [ ! -s "$RUN_DIR/pid" ]; then
		ok 1 "run_${run_n}_started"
		diag "rotwiz of run $run_n never started; the screen:"
		show_screen
		_stderr_tail
	fi
	cat "$RUN_DIR/pid" 2>/dev/null
}

# A tmux format of the pane: alternate_on, keypad_flag, mouse_any_flag...
pane_flag() { tm display-message -p -t t "#{$1}"; }

# Until rotwiz has exited or EXIT_STEPS ran out: sets $rc (none if it runs on).
wait_exit() {
	_i=0
	while [ $_i -lt $EXIT_STEPS ] && [ ! -f "$RUN_DIR/exit" ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	rc=$(cat "$RUN_DIR/exit" 2>/dev/null || echo none)
}

exits() {
	wait_exit
	run_checked
	if [ "$rc" = "$1" ]; then
		ok 0 "$2"
		return
	fi
	ok 1 "$2"
	if [ "$rc" = none ]; then
		diag "run $run_n did not exit within $((EXIT_STEPS / 20)) s (wanted status $1); the screen:"
	else
		diag "run $run_n exited with status $rc, wanted $1; its last screen:"
	fi
	show_screen
	_stderr_tail
	# Not left running into the next run.
	[ "$rc" = none ] && tm kill-server >/dev/null 2>&1
}

# The screen as a picture: the parts that differ from run to run replaced by
# placeholders: the sandbox's port, the spinner's frame, and what
# picture_subst FROM TO added (a created id, a date from the client's clock:
# FROM is a fixed string).  Trailing blank lines are dropped (capture-pane
# already drops the blanks at the end of a line).
picture_subst() {
	printf '%s\n%s\n' "$1" "$2" >>"$T/picture.subst"
}

picture_text() {
	screen | awk -v port=":${SANDBOX_PORT:-no-port}" -v subst="$T/picture.subst" '
		BEGIN {
			n = 0
			while ((getline from < subst) > 0 && (getline to < subst) > 0) {
				n++; f[n] = from; t[n] = to
			}
			split("⠋ ⠙ ⠹ ⠸ ⠼ ⠴ ⠦ ⠧ ⠇ ⠏", spin, " ")
		}
		function swap(s, from, to,    i, out) {
			out = ""
			while ((i = index(s, from)) > 0) {
				out = out substr(s, 1, i - 1) to
				s = substr(s, i + length(from))
			}
			return out s
		}
		{
			for (i = 1; i <= n; i++) $0 = swap($0, f[i], t[i])
			$0 = swap($0, port, ":<port>")
			for (i = 1; i in spin; i++) $0 = swap($0, spin[i], "<spinner>")
			line[NR] = $0
		}
		/./ { last = NR }
		END { for (i = 1; i <= last; i++) print line[i] }'
}

PICTURES=$top_srcdir/tests/screen/pictures

picture() {
	_want=$PICTURES/$2.txt
	if [ -n "${ROTWIZ_UPDATE_PICTURES:-}" ]; then
		# Once MARK shows, the screen when three looks in a row (150 ms) agree.
		if ! wait_for "$3"; then
			ok 1 "$1"
			diag "ROTWIZ_UPDATE_PICTURES: the screen never showed \"$3\"; nothing written"
			show_screen
			return
		fi
		_i=0
		_same=0
		: >"$T/picture.last"
		while [ $_i -lt $WAIT_STEPS ] && [ $_same -lt 3 ]; do
			picture_text >"$T/picture"
			if cmp -s "$T/picture" "$T/picture.last"; then
				_same=$((_same + 1))
			else
				_same=0
				cp "$T/picture" "$T/picture.last"
			fi
			sleep 0.05
			_i=$((_i + 1))
		done
		mkdir -p "$PICTURES"
		cp "$T/picture" "$_want"
		ok 0 "$1"
		diag "ROTWIZ_UPDATE_PICTURES: wrote $_want"
		return
	fi
	_i=0
	while [ $_i -lt $WAIT_STEPS ]; do
		picture_text >"$T/picture"
		cmp -s "$T/picture" "$_want" && break
		sleep 0.05
		_i=$((_i + 1))
	done
	if cmp -s "$T/picture" "$_want"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "the screen never came to equal $_want; diff (- expected, + seen):"
		diff -u "$_want" "$T/picture" | tail -n +3 | sed 's/^/#   /'
		diag "(ROTWIZ_UPDATE_PICTURES=1 rewrites the pictures from the screens as they are)"
	fi
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

# For the measurements (tests/screen/measure.sh, bench/scale.sh), not the tests:
#   first_frame MARKER KEYS COMMAND...  RUNS runs of tests/screen/first-frame on a
#                       clean environment; the medians in FRAME_MS, PEAK_KIB and
#                       FRAME_KIB (the peak so far when the first frame was seen)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

first_frame() {
	: >"$T/ms"
	: >"$T/kib"
	: >"$T/fkib"
	_i=0
	while [ $_i -lt "$RUNS" ]; do
		env -i PATH="$PATH" TERM=xterm-256color LC_ALL=C.UTF-8 HOME="$RUN_HOME" \
			XDG_STATE_HOME="$RUN_STATE" "$top_builddir/tests/screen/first-frame" "$@" >"$T/one"
		awk '$1 == "frame_ms" { print $2 }' "$T/one" >>"$T/ms"
		awk '$1 == "peak_rss_kib" { print $2 }' "$T/one" >>"$T/kib"
		awk '$1 == "frame_rss_kib" { print $2 }' "$T/one" >>"$T/fkib"
		_i=$((_i + 1))
	done
	FRAME_MS=$(median <"$T/ms")
	PEAK_KIB=$(median <"$T/kib")
	FRAME_KIB=$(median <"$T/fkib")
}
