#!/bin/sh
# run.sh SCENARIO: one scenario (tests/scenario/README.md) through the three
# front-ends, each against its own fresh rotwiz-sandbox: curses in tmux
# (waiting for each screen before its keys), plain mode over pipes (each
# answer typed when its prompt is there, by ./converse), and flag mode (the
# final answers as flags, positions resolved to IDs by asking a sandbox's
# API).  Then the rotations each sandbox holds are read back (GET of the
# list route) and compared with the scenario's expectations and with each
# other.  curses and plain also run as a person typing ahead: curses-burst
# (every key up to the create at once), plain-burst (the plain run's
# answers as one stream), and curses-paced with a `pace S` line (or
# SCEN_PACE=S): one key every S seconds, never waiting for the screen.
# TAP: one case per mode, one for their agreement.
# KEEP=1 keeps the work folder (transcripts, screens, server answers).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"

SCEN=$1
ROTWIZ="$top_builddir/rotwiz"
JSON_GET="$top_builddir/tests/cli/json-get"
CONVERSE="$top_builddir/tests/scenario/converse"
ROTATIONS="$top_builddir/tests/scenario/rotations"
USER_TOKEN=sandbox-user-token
# The sandbox's seeded rotations (sandbox/README.md): the healthy one and the failed one.
SEEDED_ROTATION=9362c962-2e0f-40a9-9e92-f8fadf7f37cf,c0d7b6a1-5f3e-4c8a-9b21-7e4f0a6d2c91
WAIT_STEPS=${SCEN_WAIT_STEPS:-120}	# 50 ms sleeps: 6 s and more for a screen to come

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-scen.XXXXXX") || exit 1
SOCK=rotwiz-scen-$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
scen_cleanup() {
	tm kill-server >/dev/null 2>&1
	sandbox_stop
	[ -n "${RES_PID:-}" ] && kill "$RES_PID" 2>/dev/null && wait "$RES_PID" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap scen_cleanup EXIT

# ---- the scenario, read once -------------------------------------------

# Each line as shell words (the files are ours: $URL and $PORT expand).
# scen_lines calls "$2 WORDS..." for every non-comment line.
scen_each() {
	_fn=$1
	while IFS= read -r _line <&4 || [ -n "$_line" ]; do
		case $_line in '' | '#'*) continue ;; esac
		eval "set -- $_line"
		# "flags connection 1st": a line for one front-end only.
		case $1 in
		curses | plain | flags)
			[ "$1" = "${MODE_NOW:-}" ] || continue
			shift ;;
		esac
		"$_fn" "$@"
	done 4<"$SCEN"
}

SB_ARGS=
RUN_ENV=
SCEN_PACE_LINE=
scen_globals() {
	case $1 in
	sandbox) shift; for _w in "$@"; do SB_ARGS="$SB_ARGS '$_w'"; done ;;
	pace) SCEN_PACE_LINE=$2 ;;
	esac
}
scen_each scen_globals

# ---- the seeded world, asked of a fault-free sandbox ---------------------

res_start() {
	_out=$T/resolver.out
	"$top_builddir/rotwiz-sandbox" --port 0 >"$_out" 2>/dev/null &
	RES_PID=$!
	_i=0
	while [ $_i -lt 100 ] && ! grep -q listening "$_out" 2>/dev/null; do sleep 0.05; _i=$((_i + 1)); done
	RES_URL=$(sed -n '1s/^rotwiz-sandbox listening on //p' "$_out")
	[ -n "$RES_URL" ] || { echo "Bail out! the resolver sandbox did not start"; exit 1; }
	mkdir -p "$T/res"
}
# api FILE PATH [TOKEN]: GET from the resolver into $T/res/FILE (cached;
# written whole, as the modes' runs may ask at once: a temporary file of
# each asker's own, as $$ is the same in every subshell).
api() {
	[ -s "$T/res/$1" ] && return 0
	_tmp=$(mktemp "$T/res/$1.XXXXXX")
	curl -sS -o "$_tmp" -H "Authorization: Bearer ${3:-$USER_TOKEN}" "$RES_URL$2" &&
		mv "$_tmp" "$T/res/$1"
}
jg() { "$JSON_GET" "$T/res/$1" "$2" 2>/dev/null; }

# nth WORD: 2 for "2nd", "#2" or "2"; nothing for a name.
nth() {
	case $1 in
	'#'[0-9]*) echo "${1#\#}" ;;
	[0-9]*st | [0-9]*nd | [0-9]*rd | [0-9]*th) echo "$1" | sed 's/[a-z]*$//' ;;
	*[!0-9]* | '') ;;
	*) echo "$1" ;;
	esac
}

# find FILE LIST FIELD VALUE KEY...: FIELD of the entry in LIST whose KEY
# is VALUE, or of the N-th one for a position; FIELD "#" is the count.
find_in() {
	_f=$1 _l=$2 _fld=$3 _v=$4
	shift 4
	_k=$(nth "$_v")
	[ -n "$_k" ] && _v="#$_k"
	"$ROTATIONS" --find "$T/res/$_f" "$_l" "$_fld" "$_v" "$@"
}

# The identity's token on the resolver: the user's, or a machine identity's.
res_token() {
	if [ -n "$ID_UA" ]; then
		if [ ! -s "$T/res/ua-token" ]; then
			_tmp=$(mktemp "$T/res/ua.XXXXXX")
			curl -sS -X POST -H 'Content-Type: application/json' \
				-d '{"clientId":"sandbox-client-id","clientSecret":"sandbox-client-secret"}' \
				"$RES_URL/api/v1/auth/universal-auth/login" >"$_tmp.login"
			"$JSON_GET" "$_tmp.login" accessToken >"$_tmp" && mv "$_tmp" "$T/res/ua-token"
		fi
		cat "$T/res/ua-token"
	else
		echo "$USER_TOKEN"
	fi
}

projects() { api projects "/api/v1/projects?type=secret-manager" "$(res_token)"; }
project_id() { projects; find_in projects projects id "$1" id slug name; }
# The environments of a project, as a file of their own.
envs() {
	projects
	_p=$(project_id "$1") || return 1
	if [ ! -s "$T/res/envs-$_p" ]; then
		_tmp=$(mktemp "$T/res/envs.XXXXXX")
		"$ROTATIONS" --find "$T/res/projects" projects environments "$_p" id |
			sed 's/^/{"environments":/; s/$/}/' >"$_tmp" && mv "$_tmp" "$T/res/envs-$_p"
	fi
	echo "envs-$_p"
}
env_count() { _ef=$(envs "$1") && find_in "$_ef" environments '#' x; }
env_slug() { _ef=$(envs "$1") && find_in "$_ef" environments slug "$2" slug name; }
conns() {		# PROJECT: the identity's connection list, as file name
	_p=$(project_id "$1")
	api "conns-$_p-${ID_UA:-user}" "/api/v1/app-connections/azure-client-secrets/available?projectId=$_p" "$(res_token)"
	echo "conns-$_p-${ID_UA:-user}"
}
conn_id() { _cf=$(conns "$1") && find_in "$_cf" appConnections id "$2" id name; }
conn_count() { _cf=$(conns "$1") && find_in "$_cf" appConnections '#' x; }
apps() {		# CONNECTION-ID: the app list (user session only), as file name
	api "apps-$1" "/api/v1/app-connections/azure-client-secrets/$1/clients"
	echo "apps-$1"
}
# app_field CONNECTION-ID VALUE FIELD: FIELD id (the object ID), appId or name.
app_field() { _af=$(apps "$1") && find_in "$_af" clients "$3" "$2" name id appId; }
app_count() { _af=$(apps "$1") && find_in "$_af" clients '#' x; }

# ---- the answers as the scenario goes -------------------------------------

# The identity the run signs in as: from `env` lines, else from `signin`.
ID_UA=
scen_identity() {
	case $1 in
	env) shift; for _w in "$@"; do case $_w in INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=*) ID_UA=1 ;; esac; done ;;
	signin) shift; for _w in "$@"; do case $_w in client-id=*) ID_UA=1 ;; esac; done ;;
	esac
}

# keyname KEY: a scenario key (client-id) as part of a variable name (client_id).
keyname() {
	case $1 in
	*[!a-z-]*) echo "Bail out! $SCEN: bad key \"$1\""; exit 1 ;;
	*-*) _kn=$1; _out=
		while [ -n "$_kn" ]; do
			case $_kn in
			*-*) _out="$_out${_kn%%-*}_"; _kn=${_kn#*-} ;;
			*) _out="$_out$_kn"; _kn= ;;
			esac
		done
		echo "$_out" ;;
	*) echo "$1" ;;
	esac
}

# Answers: A_<field>.  set_answers STEP KEY=VALUE...
set_answers() {
	_step=$1
	shift
	case $_step in
	connection | app)
		case ${1:-} in
		manual) A_manual=1; shift ;;
		*=*) ;;
		?*) [ "$_step" = app ] && A_manual=; eval "A_$_step=\$1"; shift ;;
		esac ;;
	esac
	for _kv in "$@"; do
		_k=${_kv%%=*} _v=${_kv#*=}
		_k=$(keyname "$_k")
		eval "A_${_step}_$_k=\$_v"
	done
}
answers_clear() {
	A_rotation_name= A_rotation_description= A_where_project= A_where_environment=
	A_where_folder= A_connection= A_app= A_manual= A_app_object= A_app_client= A_app_name=
	A_schedule_auto= A_schedule_interval= A_schedule_at= A_names_id= A_names_secret=
	A_signin_url= A_signin_token= A_signin_client_id= A_signin_client_secret=
}
# "Create another" (decided behaviour 3): sign-in, where, connection and
# schedule stay; name, description and the app go; the names are the defaults.
answers_another() {
	A_rotation_name= A_rotation_description= A_app= A_manual= A_app_object= A_app_client=
	A_app_name= A_names_id= A_names_secret=
}

# ---- expectations ----------------------------------------------------------

# expect_line MODE: the wanted exit status ($want_rc) and rotations
# ($T/want.MODE, canonical lines) for MODE, from the `expect` lines.
scen_expect() {
	[ "$1" = expect ] || return 0
	shift
	_for=all
	case $1 in curses | plain | flags) _for=$1; shift ;; esac
	[ "$_for" = all ] || [ "$_for" = "$EXPECT_MODE" ] || return 0
	if [ "$_for" != all ]; then
		# A mode's own line replaces what the common lines said.
		case $1 in
		exit) [ -n "$_own_rc" ] || _own_rc=1 ;;
		*) [ -n "$_own_rot" ] || { _own_rot=1; : >"$T/want.$EXPECT_FILE"; } ;;
		esac
	else
		case $1 in
		exit) [ -n "$_own_rc" ] && return 0 ;;
		*) [ -n "$_own_rot" ] && return 0 ;;
		esac
	fi
	case $1 in
	exit) want_rc=$2 ;;
	nothing) ;;
	rotation) shift; want_rotation "$@" >>"$T/want.$EXPECT_FILE" ;;
	*) echo "Bail out! $SCEN: unknown expectation: $*"; exit 1 ;;
	esac
}
want_rotation() {
	w_name= w_description= w_project= w_environment= w_folder=/ w_connection= w_app=
	w_object= w_client= w_app_name= w_auto=on w_interval=30 w_at=00:00
	w_id_name=AZURE_CLIENT_ID w_secret_name=AZURE_CLIENT_SECRET
	for _kv in "$@"; do
		_k=$(keyname "${_kv%%=*}")
		eval "w_$_k=\${_kv#*=}"
	done
	_p=$(project_id "$w_project") || { echo "Bail out! no project $w_project" >&2; exit 1; }
	_e=$(env_slug "$w_project" "$w_environment")
	_c=$(conn_id "$w_project" "$w_connection")
	if [ -n "$w_app" ]; then
		w_object=$(app_field "$_c" "$w_app" id)
		w_client=$(app_field "$_c" "$w_app" appId)
		w_app_name=$(app_field "$_c" "$w_app" name)
	fi
	printf 'name=%s\tproject=%s\tenvironment=%s\tfolder=%s\tconnection=%s\tobject=%s\tclient=%s\tapp-name=%s\tauto=%s\tinterval=%s\tat=%s\tid-name=%s\tsecret-name=%s\tdescription=%s\n' \
		"$w_name" "$_p" "$_e" "$w_folder" "$_c" "$w_object" "$w_client" "$w_app_name" \
		"$w_auto" "$w_interval" "$w_at" "$w_id_name" "$w_secret_name" "$w_description"
}
expectations() {	# MODE
	# curses-burst and the others are held to their front-end's own lines.
	EXPECT_MODE=${1%%-*} EXPECT_FILE=$1 want_rc= _own_rc= _own_rot=
	: >"$T/want.$1"
	scen_each scen_expect
	sort "$T/want.$1" -o "$T/want.$1"
	echo "$want_rc" >"$T/want-rc.$1"
}

# What the sandbox holds now, canonical and sorted, into $T/got.MODE.
held_rotations() {
	projects
	_files=
	_n=$(find_in projects projects '#' x)
	_i=1
	while [ "$_i" -le "$_n" ]; do
		_p=$(find_in projects projects id "#$_i")
		curl -sS -o "$T/list.$1.$_i" -H "Authorization: Bearer $USER_TOKEN" \
			"$SANDBOX_URL/api/v2/secret-rotations?projectId=$_p"
		_files="$_files $T/list.$1.$_i"
		_i=$((_i + 1))
	done
	# shellcheck disable=SC2086 # one word per file
	"$ROTATIONS" "$SEEDED_ROTATION" $_files | sort >"$T/got.$1"
}

# The run's own environment: rotwiz reads nothing else of the caller's.
mode_env() {
	RUN_ENV="PATH=$PATH HOME=$T/home.$1 XDG_STATE_HOME=$T/state.$1 LC_ALL=C.UTF-8 TZ=UTC"
	RUN_ENV="$RUN_ENV ASAN_OPTIONS=detect_leaks=1:log_path=$T/asan.$1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan.$1"
	_domain=1
	scen_each scen_env_words
	[ -n "$_domain" ] && RUN_ENV="$RUN_ENV INFISICAL_DOMAIN=$URL"
	mkdir -p "$T/home.$1" "$T/state.$1"
}
scen_env_words() {
	[ "$1" = env ] || return 0
	shift
	for _w in "$@"; do
		case $_w in INFISICAL_DOMAIN=* | INFISICAL_API_URL=*) _domain= ;; esac
		RUN_ENV="$RUN_ENV $_w"
	done
}
env_has_credentials() {
	case " $RUN_ENV " in
	*" INFISICAL_TOKEN="* | *" INFISICAL_UNIVERSAL_AUTH_"*) return 0 ;;
	esac
	return 1
}

mode_sandbox() {
	# shellcheck disable=SC2086 # SB_ARGS holds quoted words
	eval "sandbox_start $SB_ARGS"
	# In the mode's own subshell: its sandbox and terminal, not the work folder.
	if [ "${1%%-*}" = curses ]; then
		trap 'tm kill-server >/dev/null 2>&1; sandbox_stop' EXIT
	else
		trap sandbox_stop EXIT
	fi
	URL=$SANDBOX_URL PORT=$SANDBOX_PORT
}

# ---- curses: tmux -------------------------------------------------------

cx_screen() { tm capture-pane -p -t t 2>/dev/null; }

# Paced runs (CX_PACE: seconds a key, or "burst"): the keys of a stretch of
# the journey go to a queue without looking at the screen, and are typed
# when a person would look: after the create, before a `see`, at the end.
# Paced, one key every CX_PACE seconds; a burst, all of them at once (one
# tmux command file, so nothing comes between them).  Only the first
# screen and what follows a create are waited for.
cx_keys() {
	if [ -z "$CX_PACE" ]; then
		tm send-keys -t t "$@"
		return
	fi
	for _key in "$@"; do printf 'k %s\n' "$_key" >>"$CX_QUEUE"; done
}
cx_txt() {
	if [ -z "$CX_PACE" ]; then
		tm send-keys -t t -l -- "$1"
		return
	fi
	printf 'l %s\n' "$1" >>"$CX_QUEUE"
}
cx_queued() { [ -n "$CX_PACE" ] && [ -s "$CX_QUEUE" ]; }
# cx_flush: types what is queued (paced or as a burst).
cx_flush() {
	cx_queued || return 0
	if [ "$CX_PACE" = burst ]; then
		# tmux's own quoting: single quotes, a quote inside as '\''.
		sed "s/'/'\\\\''/g; s/^k \(.*\)/send-keys -t t '\1'/; s/^l \(.*\)/send-keys -t t -l -- '\1'/" \
			"$CX_QUEUE" >"$T/burst.tmux"
		tm source-file "$T/burst.tmux"
	else
		while IFS= read -r _q; do
			case $_q in
			'k '*) tm send-keys -t t "${_q#k }"; sleep "$CX_PACE" ;;
			'l '*) _s=${_q#l }
				while [ -n "$_s" ]; do
					_rest=${_s#?}
					tm send-keys -t t -l -- "${_s%"$_rest"}"
					sleep "$CX_PACE"
					_s=$_rest
				done ;;
			esac
		done <"$CX_QUEUE"
	fi
	CX_KEYS_SENT=$((CX_KEYS_SENT + $(wc -l <"$CX_QUEUE")))
	: >"$CX_QUEUE"
	# What was typed ahead may take every list's latency to be applied.
	CX_WAIT_MORE=4
}
# cx_wait TEXT: until the screen holds TEXT; a time-out ends the run.
# Paced, with keys queued, the person does not look: nothing to wait for.
# After keys typed ahead the wait is longer (every list's latency may come
# first), but a screen that holds still for 3 s (no spinner) is where the
# keys left the wizard: the wait ends there.  cx_wait TEXT end: rotwiz
# exiting meanwhile is no failure (the end of a run).
cx_wait() {
	cx_queued && return 0
	_i=0 _still=0
	_n=$((WAIT_STEPS * ${CX_WAIT_MORE:-1}))
	: >"$T/last.$CX_NAME"
	while [ $_i -lt "$_n" ]; do
		cx_screen >"$T/now.$CX_NAME"
		grep -F -q -- "$1" "$T/now.$CX_NAME" && return 0
		if [ -f "$T/exit.$CX_NAME" ]; then
			[ "${2:-}" = end ] && return 1
			break
		fi
		if [ -n "$CX_WAIT_MORE" ]; then
			if cmp -s "$T/now.$CX_NAME" "$T/last.$CX_NAME"; then _still=$((_still + 1)); else _still=0; fi
			[ $_still -lt 60 ] || break
			mv "$T/now.$CX_NAME" "$T/last.$CX_NAME"
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	cx_fail "waited for \"$1\""
}
cx_fail() {
	[ -n "$CX_FAILED" ] && return 1
	CX_FAILED="$1 (at: $CX_AT)"
	cx_screen >"$T/screen.$CX_NAME" 2>/dev/null
	return 1
}
# cx_settle: after a key that leaves a step, until the screen is not the one before.
cx_settle() {
	_i=0
	while [ $_i -lt "$WAIT_STEPS" ]; do
		cx_screen >"$T/now"
		cmp -s "$T/now" "$T/before" || return 0
		[ -f "$T/exit.$CX_NAME" ] && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
}
cx_leave() {	# KEY: leaves the step with KEY once the screen has settled
	if [ -n "$CX_PACE" ]; then
		cx_keys "$1"
		return
	fi
	cx_screen >"$T/before"
	cx_keys "$1"
	cx_settle
}

cx_start() {
	cat >"$T/run.$CX_NAME" <<EOF
exec 2>"$T/stderr.$CX_NAME"
env -i $RUN_ENV TERM=xterm-256color ESCDELAY=25 "$ROTWIZ"
echo \$? >"$T/exit.tmp.$CX_NAME"
mv "$T/exit.tmp.$CX_NAME" "$T/exit.$CX_NAME"
exec sleep 600
EOF
	tm kill-server >/dev/null 2>&1
	tm new-session -d -s t -x 100 -y 30 "sh $T/run.$CX_NAME"
}

# The header each step shows, and its fields in focus order.
cx_header() {
	case $1 in
	signin) echo "Sign in" ;; rotation) echo "1/7 Rotation" ;; where) echo "2/7 Where" ;;
	connection) echo "3/7 Connection" ;; app) echo "4/7 Azure app" ;;
	schedule) echo "5/7 Schedule" ;; names) echo "6/7 Secret names" ;; review) echo "7/7 Review" ;;
	esac
}
cx_last() {
	case $1 in rotation) echo 1 ;; where) echo 2 ;; app) echo 2 ;; schedule) echo 4 ;;
	names) echo 1 ;; *) echo 0 ;; esac
}
cx_step_number() {
	case $1 in rotation) echo 1 ;; where) echo 2 ;; connection) echo 3 ;; app) echo 4 ;;
	schedule) echo 5 ;; names) echo 6 ;; esac
}
# cx_focus INDEX: from wherever the focus is, to the INDEX-th field (0 first).
# Paced, as a person: from the field the focus is known to be on
# (CX_FOCUS; empty: not known), Tab or S-Tab the difference.
cx_focus() {
	if [ -n "$CX_PACE" ] && [ -n "$CX_FOCUS" ]; then
		while [ "$CX_FOCUS" -lt "$1" ]; do cx_keys Tab; CX_FOCUS=$((CX_FOCUS + 1)); done
		while [ "$CX_FOCUS" -gt "$1" ]; do cx_keys BTab; CX_FOCUS=$((CX_FOCUS - 1)); done
		return
	fi
	cx_keys BTab BTab BTab BTab BTab BTab
	_i=0
	while [ $_i -lt "$1" ]; do cx_keys Tab; _i=$((_i + 1)); done
	CX_FOCUS=$1
}
cx_text() {	# INDEX VALUE
	cx_focus "$1"
	cx_keys C-u
	[ -n "$2" ] && cx_txt "$2"
}
# cx_highlit TEXT: until the highlighted row of the list holds TEXT.
cx_highlit() {
	_i=0
	while [ $_i -lt 40 ]; do
		cx_screen | grep -F '›' | grep -F -w -q -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
# cx_pick INDEX COUNT NOUN POSITION-OR-NAME ROW-TEXT: choose from a loaded
# list, as a person does: move, look that the entry is highlighted, Enter.
cx_pick() {
	cx_focus "$1"
	if [ -n "$CX_PACE" ]; then
		# Typed without looking: the moves (or the filter), then Enter.
		cx_keys C-u
		_k=$(nth "$4")
		if [ -n "$_k" ]; then
			_i=1
			while [ $_i -lt "$_k" ]; do cx_keys Down; _i=$((_i + 1)); done
		else
			cx_txt "$4"
		fi
		cx_keys Enter
		# Enter chooses and goes to the next field.
		CX_FOCUS=$((CX_FOCUS + 1))
		return 0
	fi
	if [ "$2" -gt 1 ]; then cx_wait "$2 $3s - type to filter" || return 1
	else cx_wait "1 $3" || return 1; fi
	_k=$(nth "$4")
	_try=0
	while :; do
		cx_keys C-u
		if [ -n "$_k" ]; then
			_i=1
			while [ $_i -lt "$_k" ]; do cx_keys Down; _i=$((_i + 1)); done
		else
			cx_txt "$4"
		fi
		cx_highlit "$5" && break
		_try=$((_try + 1))
		# The highlight did not get there, or went back under the user's hands.
		[ $_try -lt 2 ] || { cx_fail "the $3 list would not keep \"$5\" highlighted"; return 1; }
	done
	cx_leave Enter
}

# cx_visit STEP WORDS...: the step is on screen; its named fields get their values.
cx_visit() {
	_step=$1
	shift
	cx_wait "$(cx_header "$_step")" || return 1
	# A step just reached going forward has the focus on its first field;
	# after anything else (a jump from Review, a refusal) it is not known.
	CX_FOCUS=
	[ -n "$CX_PREV_STEP" ] && [ "$CX_PREV_STEP" != "$_step" ] && [ "$_step" != signin ] && CX_FOCUS=0
	CX_PREV_STEP=$_step
	set_answers "$_step" "$@"
	_left=
	case $_step in
	signin)
		for _kv in "$@"; do
			case $_kv in
			url=*) cx_text 1 "${_kv#url=}" ;;
			token=*) cx_focus 3; cx_keys C-u; cx_txt "${_kv#token=}"; cx_leave Enter ;;
			client-id=*) cx_focus 2; cx_keys Space; cx_text 3 "${_kv#client-id=}" ;;
			client-secret=*) cx_focus 4; cx_keys C-u; cx_txt "${_kv#client-secret=}"; cx_leave Enter ;;
			esac
		done
		# Sign-in is left by Enter on its last field, above; a second
		# credential prompt is another `signin` line.
		return 0 ;;
	rotation)
		for _kv in "$@"; do
			case $_kv in
			name=*) cx_text 0 "${_kv#name=}" ;;
			description=*) cx_text 1 "${_kv#description=}" ;;
			esac
		done ;;
	where)
		for _kv in "$@"; do
			case $_kv in
			project=*)
				projects
				cx_pick 0 "$(find_in projects projects '#' x)" project "${_kv#project=}" \
					"$(project_id "${_kv#project=}")" || return 1 ;;
			environment=*)
				_pp=${A_where_project:-$CX_PROJECT}
				cx_pick 1 "$(env_count "$_pp")" environment "${_kv#environment=}" \
					"$(env_slug "$_pp" "${_kv#environment=}")" || return 1 ;;
			folder=*) cx_text 2 "${_kv#folder=}" ;;
			esac
		done ;;
	connection)
		if [ -n "${1:-}" ]; then
			cx_pick 0 "$(conn_count "${A_where_project:-$CX_PROJECT}")" connection "$1" \
				"$(conn_id "${A_where_project:-$CX_PROJECT}" "$1")" || return 1
			_left=1
		fi ;;
	app)
		if [ "${1:-}" = manual ]; then
			shift
			if [ -n "$CX_PACE" ]; then
				# Not looking: a user asks with ^E; a machine identity is sent there by the 403.
				[ -n "$ID_UA" ] || cx_keys C-e
			else
				cx_screen | grep -F -q "Typed by hand" || { cx_keys C-e; cx_wait "Typed by hand" || return 1; }
			fi
			for _kv in "$@"; do
				case $_kv in
				object=*) cx_text 0 "${_kv#object=}" ;;
				client=*) cx_text 1 "${_kv#client=}" ;;
				name=*) cx_text 2 "${_kv#name=}" ;;
				esac
			done
		elif [ -n "${1:-}" ]; then
			_c=$(conn_id "${A_where_project:-$CX_PROJECT}" "${A_connection:-1}")
			cx_pick 0 "$(app_count "$_c")" app "$1" "$(app_field "$_c" "$1" id)" || return 1
			_left=1
		fi ;;
	schedule)
		for _kv in "$@"; do
			case $_kv in
			auto=on) cx_focus 0; cx_keys y ;;
			auto=off) cx_focus 0; cx_keys n ;;
			interval=*) cx_text 1 "${_kv#interval=}" ;;
			at=*) _at=${_kv#at=}; cx_text 2 "${_at%%:*}"; cx_text 3 "${_at#*:}" ;;
			esac
		done ;;
	names)
		for _kv in "$@"; do
			case $_kv in
			id=*) cx_text 0 "${_kv#id=}" ;;
			secret=*) cx_text 1 "${_kv#secret=}" ;;
			esac
		done ;;
	esac
	# Enter on the step's last field: validate it and go where the wizard goes.
	if [ -z "$_left" ]; then
		cx_focus "$(cx_last "$_step")"
		cx_leave Enter
	fi
}

cx_line() {
	[ -n "$CX_FAILED" ] && return 0
	CX_AT="$*"
	case $1 in
	signin | rotation | where | connection | app | schedule | names) ;;
	sandbox | env | expect | pace) ;;
	*) CX_PREV_STEP= ;;
	esac
	case $1 in
	sandbox | env | expect) ;;
	signin | rotation | where | connection | app | schedule | names) cx_visit "$@" ;;
	change)
		cx_wait "7/7 Review" || return 0
		cx_txt "$(cx_step_number "$2")"
		shift
		cx_visit "$@" ;;
	create)
		cx_wait "7/7 Review" || return 0
		cx_leave Enter
		cx_flush ;;
	retry) cx_keys C-r; cx_flush ;;
	another)
		cx_wait "n creates another rotation, m shows all rotations, q quits." || return 0
		answers_another
		cx_keys n ;;
	quit) cx_keys C-c; cx_wait "Quit?" || return 0; cx_keys y ;;
	see) cx_flush; cx_wait "$2" ;;
	pace) ;;
	*) echo "Bail out! $SCEN: unknown line: $*"; exit 1 ;;
	esac
}

# run_curses [PACE]: PACE (seconds a key, or burst) types without looking.
run_curses() {
	MODE_NOW=curses
	CX_PACE=${1:-} CX_NAME=${2:-curses}
	CX_QUEUE=$T/queue.$CX_NAME CX_WAIT_MORE= CX_KEYS_SENT=0 CX_FOCUS= CX_PREV_STEP=start
	SOCK=rotwiz-scen-$$-$CX_NAME
	: >"$CX_QUEUE"
	CX_FAILED= CX_AT=start
	answers_clear
	mode_env "$CX_NAME"
	CX_PROJECT=$(echo " $RUN_ENV " | sed -n 's/.* INFISICAL_PROJECT_ID=\([^ ]*\) .*/\1/p')
	cx_start
	scen_each cx_line
	CX_AT=end
	[ -z "$CX_FAILED" ] && cx_flush
	if [ -z "$CX_FAILED" ] && [ ! -f "$T/exit.$CX_NAME" ]; then
		# The end: from the result, q; anything else must have ended it already.
		# Typed at once (cx_keys only queues a key in a burst or paced run:
		# the q waited in the queue and the run never ended).
		CX_AT=end
		cx_wait "n creates another rotation, m shows all rotations, q quits." end && { cx_keys q; cx_flush; }
	fi
	_i=0
	# After a failed wait the run is over: no more waiting for it.
	[ -n "$CX_FAILED" ] && _i=$WAIT_STEPS
	while [ $_i -lt "$WAIT_STEPS" ] && [ ! -f "$T/exit.$CX_NAME" ]; do sleep 0.05; _i=$((_i + 1)); done
	[ -f "$T/exit.$CX_NAME" ] || { cx_fail "rotwiz did not exit"; cx_screen >"$T/screen.$CX_NAME"; }
	got_rc=$(cat "$T/exit.$CX_NAME" 2>/dev/null || echo none)
	MODE_NOTE=$CX_FAILED
	tm kill-server >/dev/null 2>&1
}

# ---- plain: a plan of answers for ./converse ----------------------------

# pl_answer LABEL ANSWER: one line of the plan.
pl_answer() { printf '%s\t%s\n' "$1" "$2" >>"$T/plan"; }
pl_step_number() { cx_step_number "$1"; }
pl_visit() {
	_step=$1
	shift
	set_answers "$_step" "$@"
	case $_step in
	signin)
		for _kv in "$@"; do
			case $_kv in
			url=*) pl_answer "Server URL" "${_kv#url=}" ;;
			token=*) pl_answer "Sign in with" 1; pl_answer "Access token" "${_kv#token=}" ;;
			client-id=*) pl_answer "Sign in with" 2; pl_answer "Client ID" "${_kv#client-id=}" ;;
			client-secret=*) pl_answer "Client secret" "${_kv#client-secret=}" ;;
			esac
		done ;;
	rotation)
		for _kv in "$@"; do
			case $_kv in
			name=*) pl_answer Name "${_kv#name=}" ;;
			description=*) pl_answer Description "${_kv#description=}" ;;
			esac
		done ;;
	where)
		for _kv in "$@"; do
			case $_kv in
			project=*) _v=${_kv#project=}; pl_answer Project "$(nth "$_v" | grep . || echo "$_v")" ;;
			environment=*) _v=${_kv#environment=}; pl_answer Environment "$(nth "$_v" | grep . || echo "$_v")" ;;
			folder=*) pl_answer "Secret path" "${_kv#folder=}" ;;
			esac
		done ;;
	connection)
		[ -n "${1:-}" ] && pl_answer "App connection" "$(nth "$1" | grep . || echo "$1")" ;;
	app)
		if [ "${1:-}" = manual ]; then
			shift
			# A machine identity is sent to manual entry by the 403; a user asks with m.
			[ -z "$ID_UA" ] && pl_answer "Azure app" m
			for _kv in "$@"; do
				case $_kv in
				object=*) pl_answer "Object ID" "${_kv#object=}" ;;
				client=*) pl_answer "Application (client) ID" "${_kv#client=}" ;;
				name=*) pl_answer "App name" "${_kv#name=}" ;;
				esac
			done
		elif [ -n "${1:-}" ]; then
			pl_answer "Azure app" "$(nth "$1" | grep . || echo "$1")"
		fi ;;
	schedule)
		for _kv in "$@"; do
			case $_kv in
			auto=on) pl_answer Auto-rotation yes ;;
			auto=off) pl_answer Auto-rotation no ;;
			interval=*) pl_answer "Interval" "${_kv#interval=}" ;;
			at=*) _at=${_kv#at=}; pl_answer "Rotate at hour" "${_at%%:*}"; pl_answer "Rotate at minute" "${_at#*:}" ;;
			esac
		done ;;
	names)
		for _kv in "$@"; do
			case $_kv in
			id=*) pl_answer "Client ID secret" "${_kv#id=}" ;;
			secret=*) pl_answer "Client secret secret" "${_kv#secret=}" ;;
			esac
		done ;;
	esac
}
PL_REVIEW='~c) create, 1-6) change that step'
PL_RESULT='~What next?'
pl_line() {
	case $1 in
	sandbox | env | expect | see | pace) ;;
	signin | rotation | where | connection | app | schedule | names) pl_visit "$@" ;;
	change) pl_answer "$PL_REVIEW" "$(pl_step_number "$2")"; shift; pl_visit "$@" ;;
	create) pl_answer "$PL_REVIEW" c; PL_LAST=create ;;
	retry) pl_answer '~r) try again' r ;;
	another) pl_answer "$PL_RESULT" n; answers_another ;;
	quit) pl_answer INT '' ;;
	*) echo "Bail out! $SCEN: unknown line: $*"; exit 1 ;;
	esac
}

run_plain() {
	MODE_NOW=plain
	: >"$T/plan"
	answers_clear
	mode_env plain
	scen_each pl_line
	# From the result, q; the plan's last lines are then used up.
	pl_answer "$PL_RESULT" q
	# shellcheck disable=SC2086 # RUN_ENV is a list of NAME=value words
	env -i $RUN_ENV CONVERSE_TYPED="$T/typed.plain" "$CONVERSE" "$T/plan" "$T/transcript.plain" 40 \
		"$ROTWIZ" --plain >"$T/converse.plain" 2>"$T/stderr.plain"
	# plain-burst replays these answers (its own sandbox's port for this one's).
	echo "$PORT" >"$T/typed.port"
	touch "$T/typed.done"
	got_rc=$(sed -n '1s/^rc=\([0-9]*\).*/\1/p' "$T/converse.plain")
	_left=$(sed -n '1s/.* left=\([0-9]*\).*/\1/p' "$T/converse.plain")
	MODE_NOTE=
	if grep -q 'stuck\|timeout' "$T/converse.plain"; then
		MODE_NOTE="$(head -1 "$T/converse.plain")"
	elif [ "${_left:-0}" -gt 1 ] || { [ "${_left:-0}" -eq 1 ] && ! grep -q "next=\"$PL_RESULT\"" "$T/converse.plain"; }; then
		# Only the closing q may be left over (the run ended some other way).
		MODE_NOTE="answers left unused: $(sed -n 2p "$T/converse.plain")"
	fi
}

# plain-burst: the answers the plain run typed (each when its prompt came),
# given again to a fresh rotwiz --plain as one stream, all there at the
# start: a person who types ahead.  The same end, the same rotations.
run_plain_burst() {
	MODE_NOW=plain
	mode_env plain-burst
	_i=0
	case " $MODES " in *" plain "*) ;; *) _i=1200 ;; esac
	while [ ! -f "$T/typed.done" ] && [ $_i -lt 1200 ]; do sleep 0.05; _i=$((_i + 1)); done
	MODE_NOTE=
	if [ ! -f "$T/typed.done" ]; then
		got_rc=none MODE_NOTE="the plain run never ended: no answers to replay"
		return
	fi
	# A typed URL ($URL, $PORT in the scenario) names the plain run's sandbox.
	sed "s/127\.0\.0\.1:$(cat "$T/typed.port")/127.0.0.1:$PORT/g" "$T/typed.plain" >"$T/typed.plain-burst"
	# shellcheck disable=SC2086 # RUN_ENV is a list of NAME=value words
	env -i $RUN_ENV timeout 60 "$ROTWIZ" --plain <"$T/typed.plain-burst" \
		>"$T/transcript.plain-burst" 2>"$T/stderr.plain-burst"
	got_rc=$?
}

# ---- flag mode: the final answers of each round ----------------------------

fl_run() {
	_args="--yes"
	[ -n "$A_signin_url" ] && _args="$_args --domain '$A_signin_url'"
	[ -n "$A_rotation_name" ] && _args="$_args --name '$A_rotation_name'"
	[ -n "$A_rotation_description" ] && _args="$_args --description '$A_rotation_description'"
	_proj=${A_where_project:-$CX_PROJECT}
	if [ -n "$A_where_project" ]; then
		# A position is the project's ID; an ID, slug or name is passed as written.
		if [ -n "$(nth "$A_where_project")" ]; then
			_args="$_args --project '$(project_id "$A_where_project")'"
		else
			_args="$_args --project '$A_where_project'"
		fi
	fi
	if [ -n "$A_where_environment" ]; then
		_args="$_args --environment '$(env_slug "$_proj" "$A_where_environment" || echo "$A_where_environment")'"
	fi
	[ -n "$A_where_folder" ] && _args="$_args --secret-path '$A_where_folder'"
	_c=
	if [ -n "$A_connection" ]; then
		_c=$(conn_id "$_proj" "$A_connection" || echo "$A_connection")
		_args="$_args --connection '$_c'"
	fi
	if [ -n "$A_manual" ]; then
		[ -n "$A_app_object" ] && _args="$_args --object-id '$A_app_object'"
		[ -n "$A_app_client" ] && _args="$_args --client-id '$A_app_client'"
		[ -n "$A_app_name" ] && _args="$_args --app-name '$A_app_name'"
	elif [ -n "$A_app" ]; then
		_args="$_args --object-id '$(app_field "$_c" "$A_app" id)' --client-id '$(app_field "$_c" "$A_app" appId)'"
		_args="$_args --app-name '$(app_field "$_c" "$A_app" name)'"
	fi
	[ "$A_schedule_auto" = off ] && _args="$_args --no-auto-rotation"
	[ -n "$A_schedule_interval" ] && _args="$_args --interval '$A_schedule_interval'"
	[ -n "$A_schedule_at" ] && _args="$_args --rotate-at '$A_schedule_at'"
	[ -n "$A_names_id" ] && _args="$_args --map-client-id '$A_names_id'"
	[ -n "$A_names_secret" ] && _args="$_args --map-client-secret '$A_names_secret'"
	_fenv=$RUN_ENV
	# Flag mode cannot ask: sign-in answers reach it only when nothing was given.
	if ! env_has_credentials; then
		[ -n "$A_signin_token" ] && _fenv="$_fenv INFISICAL_TOKEN=$A_signin_token"
		[ -n "$A_signin_client_id" ] && _fenv="$_fenv INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=$A_signin_client_id"
		[ -n "$A_signin_client_secret" ] && _fenv="$_fenv INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=$A_signin_client_secret"
	fi
	FL_N=$((FL_N + 1))
	echo "rotwiz $_args" >>"$T/flags.cmd"
	# shellcheck disable=SC2086 # RUN_ENV is a list of NAME=value words
	eval "env -i $_fenv timeout 30 \"\$ROTWIZ\" $_args" </dev/null \
		>"$T/out.flags.$FL_N" 2>"$T/stderr.flags.$FL_N"
	got_rc=$?
	echo "exit $got_rc" >>"$T/flags.cmd"
}
fl_line() {
	case $1 in
	sandbox | env | expect | see | retry | create | quit | pace) ;;
	signin | rotation | where | connection | app | schedule | names) set_answers "$@" ;;
	change) shift; set_answers "$@" ;;
	another) fl_run; answers_another ;;
	*) echo "Bail out! $SCEN: unknown line: $*"; exit 1 ;;
	esac
}
run_flags() {
	MODE_NOW=flags
	answers_clear
	mode_env flags
	CX_PROJECT=$(echo " $RUN_ENV " | sed -n 's/.* INFISICAL_PROJECT_ID=\([^ ]*\) .*/\1/p')
	: >"$T/flags.cmd"
	FL_N=0
	scen_each fl_line
	fl_run
	MODE_NOTE=
}

# ---- one case per front-end, then their agreement -----------------------

# indent: diagnostics lines, each ended, even a prompt left without a newline.
indent() { awk '{ print "#   " $0 }'; }
show() { indent <"$1" | head -"${2:-40}"; }

# run_mode MODE: runs it, writes $T/status.MODE (0 passed) and the
# diagnostics on stdout.  The three run at once, each on its own sandbox.
run_mode() {
	mode_sandbox "$1"
	case $1 in
	curses) run_curses ;;
	curses-paced) run_curses "$SCEN_PACE_NOW" curses-paced ;;
	curses-burst) run_curses burst curses-burst ;;
	plain) run_plain ;;
	plain-burst) run_plain_burst ;;
	flags) run_flags ;;
	esac
	held_rotations "$1"
	sandbox_stop
	echo "$got_rc" >"$T/got-rc.$1"
	expectations "$1"
	_want_rc=$(cat "$T/want-rc.$1")
	_bad=
	[ -n "$MODE_NOTE" ] && _bad="$MODE_NOTE"
	[ "$got_rc" = "$_want_rc" ] || _bad="${_bad:+$_bad; }exit $got_rc, wanted $_want_rc"
	cmp -s "$T/got.$1" "$T/want.$1" || _bad="${_bad:+$_bad; }the server holds other rotations"
	if ls "$T"/asan."$1"* "$T"/ubsan."$1"* >/dev/null 2>&1; then
		_bad="${_bad:+$_bad; }a sanitizer report"
		cat "$T"/asan."$1"* "$T"/ubsan."$1"* 2>/dev/null | head -30 | indent
	fi
	if [ -z "$_bad" ]; then
		echo 0 >"$T/status.$1"
		return 0
	fi
	echo 1 >"$T/status.$1"
	diag "$_bad"
	if ! cmp -s "$T/got.$1" "$T/want.$1"; then
		diag "rotations wanted (<) and held (>):"
		diff "$T/want.$1" "$T/got.$1" | grep '^[<>]' | tr '\t' ' ' | indent
	fi
	case $1 in
	curses*) [ -f "$T/screen.$1" ] && { diag "screen:"; show "$T/screen.$1" 30; }
		[ -s "$T/stderr.$1" ] && { diag "stderr:"; show "$T/stderr.$1"; }
		[ -s "$T/queue.$1" ] && { diag "keys not typed yet:"; tr '\n' ' ' <"$T/queue.$1" | indent; } ;;
	plain*) diag "last lines of the transcript:"; tail -n 12 "$T/transcript.$1" | indent
		[ -s "$T/stderr.$1" ] && { diag "stderr:"; show "$T/stderr.$1"; } ;;
	flags) show "$T/flags.cmd"; cat "$T"/stderr.flags.* 2>/dev/null | indent | head -10 ;;
	esac
	return 0
}

NAME=$(basename "$SCEN" .scen)
res_start
scen_each scen_identity
# Besides waiting for each screen, curses and plain run as a type-ahead
# burst; a `pace S` line (or SCEN_PACE=S) adds curses typed at S seconds a key.
SCEN_PACE_NOW=${SCEN_PACE:-$SCEN_PACE_LINE}
# A Ctrl-C is a signal, not a byte of the stream: a journey that quits has
# no plain-burst (its plain run sends SIGINT when the quit comes).
PLAIN_BURST=" plain-burst"
grep -q '^[[:space:]]*\(plain[[:space:]]\{1,\}\)\{0,1\}quit' "$SCEN" && PLAIN_BURST=
# curses-burst runs in make check for the journeys with a `pace S` line
# (the ones that matter most for a person typing ahead: non-first entries,
# an answer changed from Review, a slow server), and for every journey with
# SCEN_BURST=1.  curses-paced (a key every S seconds: 80 s for the two
# journeys, over the suite's budget) runs with SCEN_BURST=1 or SCEN_PACE=S.
CURSES_BURST=
if [ -n "${SCEN_BURST:-}" ] || [ -n "$SCEN_PACE_LINE" ]; then
	CURSES_BURST=" curses-burst"
fi
if [ -n "${SCEN_BURST:-}" ] || [ -n "${SCEN_PACE:-}" ]; then
	CURSES_BURST="$CURSES_BURST${SCEN_PACE_NOW:+ curses-paced}"
fi
MODES="curses$CURSES_BURST plain$PLAIN_BURST flags"
MODES=${SCEN_MODES:-$MODES}
# A scenario listed in tests/scenario/pending fails today for a reason
# written there: its failing cases are TAP TODO (XFAIL), so they show
# without failing the suite, and each says why.
# "NAME:MODE reason" is pending for that mode only (curses-burst...).
# "*:MODE reason": every scenario, that mode.
pending_for() {	# MODE: the reason, if NAME (or NAME:MODE, *:MODE) is pending
	for _pat in "$NAME:$1" "\\*:$1" "$NAME"; do
		sed -n "s/^$_pat[	 ][	 ]*//p" "$top_srcdir/tests/scenario/pending" 2>/dev/null | grep . &&
			return 0
	done
	return 0
}
todo_ok() {	# STATUS NAME [MODE]
	_pend=$(pending_for "${3:-all}")
	if [ "$1" -ne 0 ] && [ -n "$_pend" ]; then
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $2 # TODO $_pend"
	else
		ok "$1" "$2"
	fi
}

pids=
for m in $MODES; do
	( run_mode "$m" >"$T/report.$m" 2>&1 ) &
	pids="$pids $!"
done
# shellcheck disable=SC2086 # one pid a word
wait $pids
for m in $MODES; do
	todo_ok "$(cat "$T/status.$m" 2>/dev/null || echo 1)" "$NAME: $m" "$m"
	cat "$T/report.$m"
done

# The front-ends agree: the same end, where the scenario wants the same.
_ref= _bad= _agree_mode=
for m in $MODES; do
	# A mode with an end of its own is not held to the others'.
	if grep -q "^expect ${m%%-*} " "$SCEN"; then continue; fi
	if [ -z "$_ref" ]; then
		_ref=$m
		continue
	fi
	if [ "$(cat "$T/got-rc.$m")" != "$(cat "$T/got-rc.$_ref")" ] || ! cmp -s "$T/got.$m" "$T/got.$_ref"; then
		[ -n "$(pending_for "$m")" ] && _agree_mode=$m
		_bad="${_bad:+$_bad; }$m (exit $(cat "$T/got-rc.$m")) differs from $_ref (exit $(cat "$T/got-rc.$_ref"))"
		diff "$T/got.$_ref" "$T/got.$m" | grep '^[<>]' | tr '\t' ' ' | sed "s/^</#   $_ref:/; s/^>/#   $m:/" >>"$T/agree"
	fi
done
if [ -z "$_bad" ]; then
	ok 0 "$NAME: the front-ends agree"
else
	# Pending when a mode that differs is (its own fault, named there).
	todo_ok 1 "$NAME: the front-ends agree" "${_agree_mode:-all}"
	diag "$_bad"
	[ -f "$T/agree" ] && cat "$T/agree"
fi
done_testing
