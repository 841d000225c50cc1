# Shared by the tests/real shell tests: rotwiz against the real Infisical
# server (../shared/infisical), started by tests/real/tier.sh.  Source after
# tests/lib/tap.sh (and after tests/screen/lib.sh, whose $T and cleanup are
# kept, in a screen test).
#
# $REAL_ENV names a file of `export NAME='value'` lines: up.sh's output for the
# unlocked instance (fake Azure, rotation unlocked: INFISICAL_URL ...) and, with
# the names prefixed STOCK_, for the stock one (plan check on).  tier.sh writes
# it; by hand: sh real-env.sh >FILE (see tests/real/README).  The INFISICAL_*
# names are copied to K_* / S_* and unset, so that rotwiz reads only what a
# test gives it.
#
#   real_need NAME...     each variable (K_..., S_...) is set, else one
#                         "not ok" saying why and exit 1: never a pass or skip
#   rw [NAME=VALUE...] -- ARGS...  ./rotwiz ARGS against the unlocked instance
#                         (stdin /dev/null, 90 s cap), the NAME=VALUE words in its
#                         environment (INFISICAL_DOMAIN=... picks another server):
#                         $rc, $T/out, $T/err
#   rw_stdin FILE [NAME=VALUE...] -- ARGS...  the same with FILE on stdin
#   is_rc WANT NAME       one TAP line: $rc is WANT (tests/lib/tap.sh, as shows, hides)
#   says NAME TEXT        one TAP line: stderr holds TEXT
#   in_err FLAG NAME PAT  one TAP line: grep FLAG PAT on stderr (says: -F, says_re: -iE)
#   says_re NAME ERE      one TAP line: stderr matches the extended regex (case-insensitive)
#   api METHOD PATH [BODY] curl to the unlocked instance with $K_TOKEN: $T/api, $code
#   rotation_get NAME ENV PATH  the rotation as the server holds it (GET by
#                         name) into $T/got; 0 when the server answered 200
#   holds NAME DOTTED WANT  one TAP line: $T/got has WANT at secretRotation.DOTTED
#   made NAME ROTATION ENV PATH  one TAP line: the server has that rotation
#   not_made NAME ROTATION ENV PATH  one TAP line: the server answers 404 for it
#   not_listed NAME ROTATION  one TAP line: the project's rotation list lacks it
#   made_as_asked LABEL ROTATION ENV PATH  TAP lines: it is what W_* asked for
#   secret_names ENV PATH the folder's secret names (values hidden), one a line
#   has_secret NAME KEY ENV PATH  one TAP line: the folder holds a secret KEY
#   secret_value KEY ENV PATH  the value of one secret (viewSecretValue=true)
#   real_folder ENV PATH  makes the folder PATH (one level under /) unless there
#   real_secret ENV PATH KEY  makes a secret KEY there unless there
#   real_setup            the folders and the secret the tests pick from
#   folder_names ENV PATH the folders directly under PATH, one a line
# Names made on the server carry $RID (the database is kept between runs).

ROTWIZ="$top_builddir/rotwiz"
JSON_GET="$top_builddir/tests/cli/json-get"
# The cap of a run, which is_rc names when a run hit it.
RUN_CAP_S=90

if [ -z "${T:-}" ]; then
	T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-real.XXXXXX") || exit 1
	real_cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$T"; }
	trap real_cleanup EXIT
fi
mkdir -p "$T/home" "$T/state"
HOME=$T/home
XDG_STATE_HOME=$T/state
export HOME XDG_STATE_HOME

# A run id for every name made on the server: seconds and pid, as a slug part.
RID=$(date -u +%y%m%d%H%M%S)$$

real_load() {
	[ -n "${REAL_ENV:-}" ] && [ -r "$REAL_ENV" ] || return 1
	# shellcheck disable=SC1090 # the file tier.sh wrote
	. "$REAL_ENV"
	K_URL=${INFISICAL_URL:-}
	K_TOKEN=${INFISICAL_TOKEN:-}
	K_PROJECT=${INFISICAL_PROJECT_ID:-}
	K_FOLDER=${INFISICAL_TEST_FOLDER:-}
	K_UA_ID=${INFISICAL_UNIVERSAL_AUTH_CLIENT_ID:-}
	K_UA_SECRET=${INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET:-}
	K_CONNECTION=${INFISICAL_CONNECTION_ID:-}
	K_OBJECT=${AZURE_TEST_OBJECT_ID:-}
	K_CLIENT=${AZURE_TEST_CLIENT_ID:-}
	K_APP=${AZURE_TEST_APP_NAME:-}
	K_OBJECT2=${AZURE_TEST2_OBJECT_ID:-}
	K_CLIENT2=${AZURE_TEST2_CLIENT_ID:-}
	K_APP2=${AZURE_TEST2_APP_NAME:-}
	K_DENIED_OBJECT=${AZURE_DENIED_OBJECT_ID:-}
	K_DENIED_CLIENT=${AZURE_DENIED_CLIENT_ID:-}
	S_URL=${STOCK_INFISICAL_URL:-}
	S_TOKEN=${STOCK_INFISICAL_TOKEN:-}
	S_PROJECT=${STOCK_INFISICAL_PROJECT_ID:-}
	S_FOLDER=${STOCK_INFISICAL_TEST_FOLDER:-}
	K_LOG=${REAL_UNLOCKED_LOG:-}
	S_LOG=${REAL_STOCK_LOG:-}
	return 0
}
real_load || true
unset INFISICAL_DOMAIN INFISICAL_API_URL INFISICAL_TOKEN INFISICAL_URL \
	INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN INFISICAL_UNIVERSAL_AUTH_CLIENT_ID \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET INFISICAL_PROJECT_ID INFISICAL_ENVIRONMENT \
	INFISICAL_SECRET_PATH ROTWIZ_TIMEOUT_MS NO_COLOR ACCESSIBLE INFISICAL_ADMIN_TOKEN

real_need() {
	_missing=
	for _v in "$@"; do
		eval "[ -n \"\${$_v:-}\" ]" || _missing="$_missing $_v"
	done
	[ -z "$_missing" ] && return 0
	ok 1 "the real server is up for this test"
	diag "missing:$_missing (REAL_ENV=${REAL_ENV:-unset}); run it through make check-real,"
	diag "which starts the instances; tests/real/kit.sh says why they are not up"
	done_testing
	exit 1
}

# rw_run STDIN [NAME=VALUE...] -- ARGS...: the words are exported in a
# subshell, not passed to env(1), so that no credential is ever in an argv.
rw_run() {
	_in=$1
	shift
	(
		INFISICAL_DOMAIN=$K_URL
		while [ $# -gt 0 ] && [ "$1" != "--" ]; do
			export "$1"
			shift
		done
		[ "${1:-}" = "--" ] && shift
		export INFISICAL_DOMAIN
		exec timeout "$RUN_CAP_S" "$ROTWIZ" "$@" <"$_in" >"$T/out" 2>"$T/err"
	)
	rc=$?
}
rw() { rw_run /dev/null "$@"; }
rw_stdin() { _f=$1; shift; rw_run "$_f" "$@"; }

# in_err GREP-FLAG NAME PATTERN: one TAP line: stderr matches PATTERN.
in_err() {
	if grep -q "$1" -- "$3" "$T/err"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "stderr does not match: $3"
		sed 's/^/#   /' "$T/err"
	fi
}
says() { in_err -F "$1" "$2"; }
says_re() { in_err -iE "$1" "$2"; }

# A query value with its slashes escaped (paths are the only ones with any).
qpath() { printf '%s' "$1" | sed 's|/|%2F|g'; }

# api METHOD PATH [BODY]: $T/api and $code.  The token goes in a header file,
# never in argv.
api() {
	printf 'Authorization: Bearer %s\n' "$K_TOKEN" >"$T/auth"
	if [ $# -ge 3 ]; then
		code=$(curl -sS -o "$T/api" -w '%{http_code}' -X "$1" -H @"$T/auth" \
			-H 'Content-Type: application/json' --data-binary "$3" "$K_URL$2")
	else
		code=$(curl -sS -o "$T/api" -w '%{http_code}' -X "$1" -H @"$T/auth" "$K_URL$2")
	fi
	rm -f "$T/auth"
}

rotation_get() {
	api GET "/api/v2/secret-rotations/azure-client-secret/rotation-name/$1?projectId=$K_PROJECT&environment=$2&secretPath=$(qpath "$3")"
	cp "$T/api" "$T/got"
	[ "$code" = 200 ]
}

holds() {
	_got=$("$JSON_GET" "$T/got" "secretRotation.$2" 2>/dev/null)
	if [ "$_got" = "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "server holds \"$_got\" at $2, wanted \"$3\""
	fi
}

made() {
	if rotation_get "$2" "$3" "$4"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "GET $2 in $3 $4: HTTP $code $(head -c 300 "$T/api")"
		return 1
	fi
}

# real_made_rotation PREFIX FOLDER: a rotation of the test's own in dev FOLDER,
# made with rotwiz --yes (two TAP lines); sets NAME (PREFIX-$RID), MAP_ID,
# MAP_SECRET, W (the --project/--environment/--secret-path words) and ID.
# Ends the test when the folder or the rotation cannot be made.
real_made_rotation() {
	_up=$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')
	real_folder dev "$2" || { ok 1 "set-up: folder /$2 in dev"; done_testing; exit 1; }
	NAME=$1-$RID
	MAP_ID=${_up}_${RID}_ID MAP_SECRET=${_up}_${RID}_SECRET
	W="--project $K_PROJECT --environment dev --secret-path /$2"
	rw INFISICAL_TOKEN="$K_TOKEN" -- --yes --name "$NAME" $W --connection "$K_CONNECTION" \
		--object-id "$K_OBJECT" --client-id "$K_CLIENT" \
		--map-client-id "$MAP_ID" --map-client-secret "$MAP_SECRET"
	is_rc 0 "set-up: created $NAME"
	made "set-up: on the server" "$NAME" dev "/$2" || { done_testing; exit 1; }
	ID=$("$JSON_GET" "$T/got" secretRotation.id)
}

# no_secret NAME ENV PATH KEY: one TAP line: the folder holds no secret KEY.
no_secret() {
	if secret_names "$2" "$3" | grep -qx "$4"; then ok 1 "$1"; else ok 0 "$1"; fi
}

not_made() {
	rotation_get "$2" "$3" "$4"
	if [ "$code" = 404 ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "GET $2 in $3 $4: HTTP $code, wanted 404: $(head -c 300 "$T/api")"
	fi
}

not_listed() {
	api GET "/api/v2/secret-rotations/azure-client-secret?projectId=$K_PROJECT"
	if [ "$code" = 200 ] && ! grep -q "\"name\":\"$2\"" "$T/api"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "the list (HTTP $code) has $2, or did not come"
	fi
}

# listed ARRAY KEY: KEY of each entry of ARRAY in the last 200 answer, one a line.
listed() {
	[ "$code" = 200 ] || return 1
	_n=$("$JSON_GET" "$T/api" "$1.#") || return 1
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		"$JSON_GET" "$T/api" "$1.$_i.$2"
		_i=$((_i + 1))
	done
}

secret_names() {
	api GET "/api/v4/secrets?projectId=$K_PROJECT&environment=$1&secretPath=$(qpath "$2")&viewSecretValue=false"
	listed secrets secretKey
}

has_secret() {
	if secret_names "$3" "$4" | grep -qx -- "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "no secret $2 in $3 $4 (HTTP $code); it has: $(secret_names "$3" "$4" | tr '\n' ' ')"
	fi
}

secret_value() {
	api GET "/api/v4/secrets/$1?projectId=$K_PROJECT&environment=$2&secretPath=$(qpath "$3")&viewSecretValue=true"
	[ "$code" = 200 ] && "$JSON_GET" "$T/api" secret.secretValue
}

real_folder() {
	api GET "/api/v2/folders?projectId=$K_PROJECT&environment=$1&path=/"
	if [ "$code" = 200 ] && grep -q "\"name\":\"${2#/}\"" "$T/api"; then
		return 0
	fi
	api POST /api/v2/folders "{\"projectId\":\"$K_PROJECT\",\"environment\":\"$1\",\"name\":\"${2#/}\",\"path\":\"/\"}"
	[ "$code" = 200 ]
}

# real_secret ENV PATH KEY: a secret KEY in the folder, made unless there.
real_secret() {
	secret_names "$1" "$2" | grep -qx -- "$3" && return 0
	api POST "/api/v4/secrets/$3" "{\"projectId\":\"$K_PROJECT\",\"environment\":\"$1\",\"secretPath\":\"$2\",\"secretValue\":\"made by tests/real\"}"
	[ "$code" = 200 ]
}

# real_setup: the world the tests pick from, beyond the kit's seed (one
# project, one folder /rotwiz in dev, one connection): two more folders in
# dev and in staging, so that a folder and an environment can be picked
# other than the first, and a secret RT_TAKEN in staging's /rt-workers.
real_setup() {
	for _e in dev staging; do
		for _f in rt-billing rt-workers; do
			real_folder "$_e" "$_f" || {
				ok 1 "set-up: folder /$_f in $_e"
				diag "HTTP $code: $(head -c 300 "$T/api")"
				return 1
			}
		done
	done
	real_secret staging /rt-workers RT_TAKEN || {
		ok 1 "set-up: secret RT_TAKEN in staging /rt-workers"
		diag "HTTP $code: $(head -c 300 "$T/api")"
		return 1
	}
}

# folder_names ENV PATH: the names of the folders directly under PATH.
folder_names() {
	api GET "/api/v2/folders?projectId=$K_PROJECT&environment=$1&path=$(qpath "$2")"
	listed folders name
}

# made_as_asked LABEL NAME ENV PATH: the rotation NAME as the server holds it
# (GET by name) is what was asked, as W_OBJECT W_CLIENT W_APP W_DESC
# W_INTERVAL W_HOURS W_MINUTES W_AUTO W_MAP_ID W_MAP_SECRET say (W_APP and
# W_DESC empty: none sent); its two secrets are in the folder (names only,
# values hidden), and the client-ID one holds the client ID (the one value
# read: it is no secret, and it shows the rotation wrote what it was given).
made_as_asked() {
	made "$1: the server has it (GET by name)" "$2" "$3" "$4" || return 1
	holds "$1: name" name "$2"
	holds "$1: project" projectId "$K_PROJECT"
	holds "$1: environment" environment.slug "$3"
	holds "$1: folder" folder.path "$4"
	holds "$1: connection" connectionId "$K_CONNECTION"
	holds "$1: object ID" parameters.objectId "$W_OBJECT"
	holds "$1: client ID" parameters.clientId "$W_CLIENT"
	holds "$1: app name" parameters.appName "$W_APP"
	holds "$1: description" description "${W_DESC:-null}"
	holds "$1: interval" rotationInterval "$W_INTERVAL"
	holds "$1: hour" rotateAtUtc.hours "$W_HOURS"
	holds "$1: minute" rotateAtUtc.minutes "$W_MINUTES"
	holds "$1: auto-rotation" isAutoRotationEnabled "$W_AUTO"
	holds "$1: client-ID secret name" secretsMapping.clientId "$W_MAP_ID"
	holds "$1: client-secret secret name" secretsMapping.clientSecret "$W_MAP_SECRET"
	holds "$1: Azure issued the first secret" rotationStatus success
	has_secret "$1: the folder holds the client-ID secret" "$W_MAP_ID" "$3" "$4"
	has_secret "$1: the folder holds the client-secret secret" "$W_MAP_SECRET" "$3" "$4"
	_v=$(secret_value "$W_MAP_ID" "$3" "$4")
	ok "$([ "$_v" = "$W_CLIENT" ]; echo $?)" "$1: the client-ID secret holds the client ID"
	[ "$_v" = "$W_CLIENT" ] || diag "it holds \"$_v\" (HTTP $code)"
}

# rwait NAME TEXT [SECONDS]: one TAP line: the screen comes to hold TEXT
# within SECONDS (default 30: the real server is slower than the sandbox).
# For the curses files, which source tests/screen/lib.sh first.
rwait() {
	_end=$(( $(date +%s) + ${3:-30} ))
	while :; do
		if screen | grep -F -q -- "$2"; then
			ok 0 "$1"
			return 0
		fi
		[ "$(date +%s)" -lt "$_end" ] && { sleep 0.1; continue; }
		ok 1 "$1"
		diag "expected on screen within ${3:-30} s: $2"
		show_screen
		return 1
	done
}
