#!/bin/sh
# Many rotations from one --from-file (decision 29) against the real server,
# in a folder of its own: a CSV of three (two apps, and one Graph refuses)
# made two at a time, --json one object a row in order, exit 1 for the
# refused one, no duplicate; the same file again is refused row by row and
# makes nothing more; then they are deleted.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

real_need K_URL K_TOKEN K_PROJECT K_CONNECTION K_OBJECT K_CLIENT K_OBJECT2 K_CLIENT2 \
	K_DENIED_OBJECT K_DENIED_CLIENT
real_folder dev bulk-rt || { ok 1 "set-up: folder /bulk-rt in dev"; done_testing; exit 1; }

W="--project $K_PROJECT --environment dev --secret-path /bulk-rt"
{
	printf 'name,connection,object-id,client-id,app-name,map-client-id,map-client-secret\n'
	printf 'bk1-%s,%s,%s,%s,,BK1_%s_ID,BK1_%s_SECRET\n' "$RID" "$K_CONNECTION" "$K_OBJECT" "$K_CLIENT" "$RID" "$RID"
	printf 'bk2-%s,%s,%s,%s,"Bulk, two %s",,\n' "$RID" "$K_CONNECTION" "$K_OBJECT2" "$K_CLIENT2" "$RID"
	printf 'bk3-%s,%s,%s,%s,,BK3_%s_ID,BK3_%s_SECRET\n' "$RID" "$K_CONNECTION" "$K_DENIED_OBJECT" "$K_DENIED_CLIENT" "$RID" "$RID"
} >"$T/rows.csv"

rw INFISICAL_TOKEN="$K_TOKEN" -- --yes --json --parallel 2 --from-file "$T/rows.csv" $W
is_rc 1 "yes: one refused row makes it exit 1"
sed -n 1p "$T/out" >"$T/r1"; sed -n 2p "$T/out" >"$T/r2"; sed -n 3p "$T/out" >"$T/r3"
ok "$([ "$(wc -l <"$T/out" | tr -d ' ')" -eq 3 ]; echo $?)" "json: one line a row"
ok "$([ "$("$JSON_GET" "$T/r1" status)" = created ]; echo $?)" "json: row 1 created"
ok "$([ "$("$JSON_GET" "$T/r2" rotation.secretRotation.name)" = "bk2-$RID" ]; echo $?)" "json: row 2 is the server's rotation, in row order"
ok "$([ "$("$JSON_GET" "$T/r3" status)" = failed ]; echo $?)" "json: row 3 failed"
ok "$(grep -q 'Insufficient privileges' "$T/r3"; echo $?)" "json: row 3 with Azure's words"
made "server: row 1 made" "bk1-$RID" dev /bulk-rt
made "server: row 2 made" "bk2-$RID" dev /bulk-rt
# Decision 29's template: {APP} from "Bulk, two RID".
holds "server: row 2's secret names from the app's name" secretsMapping.clientId "BULK_TWO_${RID}_CLIENT_ID"
not_made "server: row 3 not made" "bk3-$RID" dev /bulk-rt

# The same file again: rows 1 and 2 are refused before anything is sent.
rw INFISICAL_TOKEN="$K_TOKEN" -- --yes --from-file "$T/rows.csv" $W
is_rc 2 "again: taken names are refused before sending"
says "again: row 1's name is taken" "row 1 (line 2): Name: a rotation named \"bk1-$RID\" already exists in dev /bulk-rt"
says "again: row 1's secret names are in the folder" "BK1_${RID}_ID"
api GET "/api/v2/secret-rotations/azure-client-secret?projectId=$K_PROJECT"
n=$(grep -o "\"name\":\"bk[12]-$RID\"" "$T/api" | wc -l | tr -d ' ')
ok "$([ "$n" -eq 2 ]; echo $?)" "server: still one of each (no duplicate)"

for r in bk1 bk2; do
	rw INFISICAL_TOKEN="$K_TOKEN" -- delete "$r-$RID" $W --yes --delete-secrets --revoke-credentials
	is_rc 0 "clean-up: $r deleted"
done
not_listed "clean-up: bk1 gone" "bk1-$RID"
not_listed "clean-up: bk2 gone" "bk2-$RID"

done_testing
