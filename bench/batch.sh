#!/bin/sh
# bench/batch.sh: N rotations from one file against the sandbox at --latency MS,
# `rotwiz --yes --from-file` against a shell loop of `curl` doing the same
# creates, in the same run on one sandbox: wall time of each, the ratio,
# connections opened (GET /sandbox/stats), and no duplicate on the server.
# A measurement, not a test: run it by hand after a build.
#
#   bench/batch.sh [N [LATENCY_MS [PARALLEL]]]     (defaults 200, 100, 4)
set -eu

N=${1:-200}
LAT=${2:-100}
PAR=${3:-4}
top=$(cd "$(dirname "$0")/.." && pwd)
ROTWIZ=$top/rotwiz
SANDBOX=$top/rotwiz-sandbox
JSON_GET=$top/tests/cli/json-get
for f in "$ROTWIZ" "$SANDBOX" "$JSON_GET"; do
	[ -x "$f" ] || { echo "bench/batch.sh: $f is not built (./bootstrap && make check TESTS=)" >&2; exit 2; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-bench.XXXXXX")
"$SANDBOX" --port 0 --latency "$LAT" --seed-apps "$N" --no-scheduler >"$T/sb" 2>"$T/sb.err" &
SB=$!
trap 'kill $SB 2>/dev/null; wait $SB 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ $i -lt 200 ] && ! grep -q listening "$T/sb"; do sleep 0.05; i=$((i + 1)); done
URL=$(sed -n '1s/^rotwiz-sandbox listening on //p' "$T/sb")
[ -n "$URL" ] || { echo "bench/batch.sh: the sandbox did not start" >&2; exit 1; }

PAY=ec28d541-4984-455a-b145-c3b923b5c5b2	# the sandbox's Payments Platform
CONTOSO=9640d92c-838b-4c31-a495-6e6be4e58523
TOKEN=sandbox-user-token
obj() { printf '5eedaa00-0000-4000-8000-%012x' "$1"; }
cli() { printf '5eedcc00-0000-4000-8000-%012x' "$1"; }
ms() { date +%s%N | sed 's/......$//'; }
stats() { curl -s "$URL/sandbox/stats" >"$T/stats.$1"; }
get() { "$JSON_GET" "$T/stats.$1" "$2" 2>/dev/null || echo 0; }

# The same creates twice: rows for rotwiz, bodies for curl (other names).
printf 'name,project,environment,secret-path,connection,object-id,client-id,app-name,map-client-id,map-client-secret\n' >"$T/rows.csv"
i=1
while [ $i -le "$N" ]; do
	printf 'bench-rw-%05d,%s,dev,/workers,%s,%s,%s,app %d,RW_%05d_CLIENT_ID,RW_%05d_CLIENT_SECRET\n' \
		$i "$PAY" "$CONTOSO" "$(obj $i)" "$(cli $i)" $i $i $i >>"$T/rows.csv"
	printf '{"name":"bench-curl-%05d","projectId":"%s","environment":"dev","secretPath":"/workers","connectionId":"%s","parameters":{"objectId":"%s","clientId":"%s","appName":"app %d"},"secretsMapping":{"clientId":"CURL_%05d_CLIENT_ID","clientSecret":"CURL_%05d_CLIENT_SECRET"},"isAutoRotationEnabled":true,"rotationInterval":30,"rotateAtUtc":{"hours":0,"minutes":0}}' \
		$i "$PAY" "$CONTOSO" "$(obj $i)" "$(cli $i)" $i $i $i >"$T/body.$i"
	i=$((i + 1))
done

stats a
t0=$(ms)
INFISICAL_TOKEN=$TOKEN "$ROTWIZ" --domain "$URL" --yes --parallel "$PAR" --from-file "$T/rows.csv" \
	>"$T/rw.out" 2>"$T/rw.err" </dev/null && rw_rc=0 || rw_rc=$?
t1=$(ms)
stats b
i=1
curl_fail=0
while [ $i -le "$N" ]; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' --data-binary "@$T/body.$i" \
		"$URL/api/v2/secret-rotations/azure-client-secret")
	[ "$code" = 200 ] || curl_fail=$((curl_fail + 1))
	i=$((i + 1))
done
t2=$(ms)
stats c

curl -s -H "Authorization: Bearer $TOKEN" \
	"$URL/api/v2/secret-rotations/azure-client-secret?projectId=$PAY" >"$T/list"
rw_made=$(grep -o '"name":"bench-rw-[0-9]*"' "$T/list" | wc -l | tr -d ' ')
rw_unique=$(grep -o '"name":"bench-rw-[0-9]*"' "$T/list" | sort -u | wc -l | tr -d ' ')
curl_made=$(grep -o '"name":"bench-curl-[0-9]*"' "$T/list" | wc -l | tr -d ' ')
P='routes.POST /api/v2/secret-rotations/azure-client-secret'
rw_ms=$((t1 - t0))
curl_ms=$((t2 - t1))
echo "bench/batch.sh: $N rotations, sandbox --latency $LAT, rotwiz --parallel $PAR"
printf '  rotwiz --yes --from-file: %6d ms  exit %d  %d connections  %d requests (%d POSTs)  %s\n' \
	"$rw_ms" "$rw_rc" $(( $(get b connections) - $(get a connections) - 1 )) \
	$(( $(get b requests) - $(get a requests) - 1 )) $(( $(get b "$P") - $(get a "$P") )) \
	"$(tail -n 1 "$T/rw.err" | sed 's/^rotwiz: //')"
printf '  curl loop:                %6d ms  %d failed  %d connections  %d requests\n' \
	"$curl_ms" "$curl_fail" $(( $(get c connections) - $(get b connections) - 1 )) \
	$(( $(get c requests) - $(get b requests) - 1 ))
awk -v a="$curl_ms" -v b="$rw_ms" 'BEGIN { printf "  ratio: rotwiz is %.1fx faster than the loop\n", a / b }'
echo "  on the server: $rw_made bench-rw ($rw_unique distinct names), $curl_made bench-curl"
[ "$rw_made" -eq "$N" ] && [ "$rw_unique" -eq "$N" ] || { echo "  DUPLICATE or MISSING rotations" >&2; exit 1; }
