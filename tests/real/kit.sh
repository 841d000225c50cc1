#!/bin/sh
# The real server's kit itself: installed, both instances started (each
# failure with the tail of its log), each answering, and each what it claims
# to be: the unlocked one lists rotations, the stock one refuses for its plan.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/real/lib.sh"

# step NAME WHAT: one TAP line from the status tier.sh recorded.
step_ok() {
	_line=$(grep "^$1 " "$REAL_DIR/status" 2>/dev/null | tail -n 1)
	if [ -z "$_line" ]; then
		ok 1 "$2"
		diag "not attempted: an earlier step failed"
		return
	fi
	set -- "$1" "$2" $_line
	if [ "$4" = 0 ]; then
		ok 0 "$2 ($5 s)"
	else
		ok 1 "$2"
		diag "exit status $4 after $5 s; tail of its log:"
		tail -n 30 "$REAL_DIR/$1.log" 2>/dev/null | sed 's/^/#   /'
	fi
}

if [ -n "${REAL_DIR:-}" ] && [ -f "$REAL_DIR/status" ]; then
	diag "$(cat "$REAL_DIR/settings")"
	if grep -q '^kit ' "$REAL_DIR/status"; then
		step_ok kit "the kit is there"
	fi
	step_ok install "the kit is installed (install.sh)"
	step_ok unlocked "the unlocked instance starts (up.sh, fake Azure)"
	step_ok stock "the stock instance starts (up.sh)"
fi

real_need K_URL K_TOKEN K_PROJECT S_URL S_TOKEN S_PROJECT

for _u in "$K_URL" "$S_URL"; do
	_c=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$_u/api/status")
	ok "$([ "$_c" = 200 ]; echo $?)" "$_u/api/status answers 200"
done

api GET "/api/v2/secret-rotations/azure-client-secret?projectId=$K_PROJECT"
ok "$([ "$code" = 200 ]; echo $?)" "the unlocked instance lists rotations"
[ "$code" = 200 ] || diag "HTTP $code: $(head -c 300 "$T/api")"

printf 'Authorization: Bearer %s\n' "$S_TOKEN" >"$T/auth"
_c=$(curl -sS -o "$T/stock" -w '%{http_code}' -H @"$T/auth" \
	"$S_URL/api/v2/secret-rotations/azure-client-secret?projectId=$S_PROJECT")
rm -f "$T/auth"
ok "$([ "$_c" = 400 ] && grep -q 'plan restriction' "$T/stock"; echo $?)" \
	"the stock instance refuses rotations for its plan"
[ "$_c" = 400 ] || diag "HTTP $_c: $(head -c 300 "$T/stock")"

real_need K_CONNECTION K_OBJECT K_CLIENT K_DENIED_OBJECT
done_testing
