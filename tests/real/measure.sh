#!/bin/sh
# The round trips rotwiz makes against the real server, per command, read
# from the backend's own request log (one "incoming request" line each, with
# its reqId).  Not part of make check-real: it prints figures, it asserts
# nothing.  Run against an unlocked instance no one else is using, with
# REAL_ENV naming its variables and REAL_UNLOCKED_LOG its backend.log:
#   REAL_ENV=FILE top_builddir=$PWD top_srcdir=SRC sh SRC/tests/real/measure.sh
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

[ -r "${K_LOG:-}" ] || { echo "measure.sh: no readable backend log (REAL_UNLOCKED_LOG)" >&2; exit 1; }
real_setup >/dev/null || exit 1

# count LABEL FUNCTION ARGS...: runs it, then lists the requests the log got meanwhile.
count() {
	_label=$1
	shift
	sleep 1
	_n0=$(wc -l <"$K_LOG")
	"$@"
	sleep 2
	tail -n +$((_n0 + 1)) "$K_LOG" | grep '"incoming request"' >"$T/reqs"
	echo "$_label: $(wc -l <"$T/reqs" | tr -d ' ') requests (exit $rc)"
	sed 's/.*"reqId":"\([^"]*\)".*"method":"\([A-Z]*\)","url":"\([^"?]*\).*/    \2 \3  \1/' "$T/reqs"
}

F="--yes --project $K_PROJECT --environment dev --secret-path /rt-billing --connection $K_CONNECTION
--object-id $K_OBJECT --client-id $K_CLIENT"
# shellcheck disable=SC2086 # F is a list of words without spaces
count "flag create, token" rw INFISICAL_TOKEN="$K_TOKEN" -- $F --name "rm-$RID-a" \
	--map-client-id "MA_${RID}_ID" --map-client-secret "MA_${RID}_S"
# shellcheck disable=SC2086
count "flag create, Universal Auth" rw INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="$K_UA_ID" \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="$K_UA_SECRET" -- $F --name "rm-$RID-b" \
	--map-client-id "MB_${RID}_ID" --map-client-secret "MB_${RID}_S"
# shellcheck disable=SC2086
count "flag, refused token" rw INFISICAL_TOKEN=refused -- $F --name "rm-$RID-c"
printf '%s\n' "rm-$RID-p" '' rotwiz-test 2 /rt-workers 1 "$K_OBJECT2" "$K_CLIENT2" '' \
	'' '' '' '' "MP_${RID}_ID" "MP_${RID}_S" c r q >"$T/in"
count "plain create and rotate now, Universal Auth" rw_stdin "$T/in" \
	INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="$K_UA_ID" INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="$K_UA_SECRET" -- --plain
