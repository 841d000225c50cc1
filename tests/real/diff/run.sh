#!/bin/sh
# The differential test: every request of requests.txt sent to the real
# Infisical server and to rotwiz-sandbox, answers compared (rw-diff.c).
# Expects the variables of `eval "$(sh real-env.sh)"` (INFISICAL_* for the
# unlocked server, STOCK_INFISICAL_* for the stock one) and top_builddir /
# top_srcdir.  Starts two sandboxes of its own (one with --plan free, to
# stand for the stock server) and stops them on every way out.  Prints TAP.

: "${top_builddir:=.}" "${top_srcdir:=.}"
here=$top_srcdir/tests/real/diff

for v in INFISICAL_URL INFISICAL_PROJECT_ID INFISICAL_CONNECTION_ID AZURE_TEST_OBJECT_ID \
	 AZURE_TEST_CLIENT_ID INFISICAL_UNIVERSAL_AUTH_CLIENT_ID INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET \
	 INFISICAL_ORG_ID STOCK_INFISICAL_URL STOCK_INFISICAL_PROJECT_ID \
	 STOCK_INFISICAL_UNIVERSAL_AUTH_CLIENT_ID STOCK_INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET \
	 STOCK_INFISICAL_ORG_ID; do
	eval "val=\${$v:-}"
	if [ -z "$val" ]; then
		echo "Bail out! $v is not set: start the real server kit (eval \"\$(up.sh)\") first"
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rw-diff.XXXXXX") || exit 1
pids=
stop() {
	for p in $pids; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	pids=
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 1' HUP INT TERM

# start NAME ARGS...: a sandbox on a free port; its URL in $url.
start() {
	name=$1
	shift
	"$top_builddir/rotwiz-sandbox" --port 0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
	pid=$!
	pids="$pids $pid"
	i=0
	url=
	while [ $i -lt 200 ]; do
		url=$(sed -n '1s/^rotwiz-sandbox listening on //p' "$tmp/$name.out")
		[ -n "$url" ] && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	echo "Bail out! rotwiz-sandbox $* did not start: $(cat "$tmp/$name.err")"
	exit 1
}

start sandbox
sandbox_url=$url
start free --plan free
free_url=$url

# The same run id in every world: the real server keeps its database, so
# every name made there is new each run.
run=$(date -u +%Y%m%d%H%M%S)$$
run=$(printf '%s' "$run" | tr -cd '0-9')

# Each world's placeholders (requests.txt names them).  The sandbox's are
# its seeded world (sandbox/README.md).
sb_project=ec28d541-4984-455a-b145-c3b923b5c5b2
sb_connection=9640d92c-838b-4c31-a495-6e6be4e58523
sb_org=04f54e26-44f8-49eb-ad88-c9fe379a1e8d
export \
	DIFF_REAL_URL="$INFISICAL_URL" \
	DIFF_REAL_PROJECT_ID="$INFISICAL_PROJECT_ID" \
	DIFF_REAL_CONNECTION_ID="$INFISICAL_CONNECTION_ID" \
	DIFF_REAL_CONNECTION_NAME=azure-contoso-prod \
	DIFF_REAL_READ_CONNECTION_ID="$INFISICAL_CONNECTION_ID" \
	DIFF_REAL_READ_CONNECTION_NAME=azure-contoso-prod \
	DIFF_REAL_OBJECT_ID="$AZURE_TEST_OBJECT_ID" \
	DIFF_REAL_CLIENT_ID="$AZURE_TEST_CLIENT_ID" \
	DIFF_REAL_ENV="${INFISICAL_ENVIRONMENT:-dev}" \
	DIFF_REAL_FOLDER="${INFISICAL_TEST_FOLDER:-/rotwiz}" \
	DIFF_REAL_ORG_ID="$INFISICAL_ORG_ID" \
	DIFF_REAL_UA_CLIENT_ID="$INFISICAL_UNIVERSAL_AUTH_CLIENT_ID" \
	DIFF_REAL_UA_CLIENT_SECRET="$INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET" \
	DIFF_REAL_RUN="$run" \
	DIFF_SANDBOX_URL="$sandbox_url" \
	DIFF_SANDBOX_PROJECT_ID=$sb_project \
	DIFF_SANDBOX_CONNECTION_ID=$sb_connection \
	DIFF_SANDBOX_CONNECTION_NAME=azure-contoso-prod \
	DIFF_SANDBOX_READ_CONNECTION_ID=0d2add2d-92b6-4566-9081-070bf7c9b5ca \
	DIFF_SANDBOX_READ_CONNECTION_NAME=azure-fabrikam-legacy \
	DIFF_SANDBOX_OBJECT_ID="$AZURE_TEST_OBJECT_ID" \
	DIFF_SANDBOX_CLIENT_ID="$AZURE_TEST_CLIENT_ID" \
	DIFF_SANDBOX_ENV=dev \
	DIFF_SANDBOX_FOLDER=/workers \
	DIFF_SANDBOX_ORG_ID=$sb_org \
	DIFF_SANDBOX_UA_CLIENT_ID=sandbox-client-id \
	DIFF_SANDBOX_UA_CLIENT_SECRET=sandbox-client-secret \
	DIFF_SANDBOX_RUN="$run" \
	DIFF_STOCK_URL="$STOCK_INFISICAL_URL" \
	DIFF_STOCK_PROJECT_ID="$STOCK_INFISICAL_PROJECT_ID" \
	DIFF_STOCK_ENV="${STOCK_INFISICAL_ENVIRONMENT:-dev}" \
	DIFF_STOCK_FOLDER="${STOCK_INFISICAL_TEST_FOLDER:-/rotwiz}" \
	DIFF_STOCK_ORG_ID="$STOCK_INFISICAL_ORG_ID" \
	DIFF_STOCK_UA_CLIENT_ID="$STOCK_INFISICAL_UNIVERSAL_AUTH_CLIENT_ID" \
	DIFF_STOCK_UA_CLIENT_SECRET="$STOCK_INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET" \
	DIFF_STOCK_OBJECT_ID="$AZURE_TEST_OBJECT_ID" \
	DIFF_STOCK_CLIENT_ID="$AZURE_TEST_CLIENT_ID" \
	DIFF_STOCK_CONNECTION_ID="${STOCK_INFISICAL_CONNECTION_ID:-$INFISICAL_CONNECTION_ID}" \
	DIFF_STOCK_ROTATION_ID=4b0b1d0e-0000-4000-8000-000000000007 \
	DIFF_STOCK_RUN="$run" \
	DIFF_FREE_URL="$free_url" \
	DIFF_FREE_PROJECT_ID=$sb_project \
	DIFF_FREE_ENV=dev \
	DIFF_FREE_FOLDER=/workers \
	DIFF_FREE_ORG_ID=$sb_org \
	DIFF_FREE_UA_CLIENT_ID=sandbox-client-id \
	DIFF_FREE_UA_CLIENT_SECRET=sandbox-client-secret \
	DIFF_FREE_OBJECT_ID="$AZURE_TEST_OBJECT_ID" \
	DIFF_FREE_CLIENT_ID="$AZURE_TEST_CLIENT_ID" \
	DIFF_FREE_CONNECTION_ID=$sb_connection \
	DIFF_FREE_ROTATION_ID=4b0b1d0e-0000-4000-8000-000000000007 \
	DIFF_FREE_RUN="$run"

# In the background, so that a signal runs the traps at once (sh waits for
# a foreground child first); stop() ends it too.
"$top_builddir/tests/real/diff/rw-diff" "$here/requests.txt" "$here/allow.txt" &
runner=$!
pids="$runner $pids"
wait "$runner"
rc=$?
pids=${pids#"$runner "}
exit $rc
