# TLS is always verified, and --cacert adds a CA: against a real TLS server
# on loopback (openssl s_server) with a certificate of our own making.
# Without --cacert the handshake is refused (exit 3, a TLS message); with it
# rotwiz gets past TLS and reaches the server, which answers a web page
# rather than the API's JSON (exit 1).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/cli/lib.sh"

if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP openssl is not installed"
	exit 0
fi

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$T/key.pem" -out "$T/cert.pem" \
	>/dev/null 2>&1
openssl s_server -accept 127.0.0.1:0 -cert "$T/cert.pem" -key "$T/key.pem" -www \
	>"$T/server" 2>&1 </dev/null &
server=$!
tls_cleanup() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; cli_cleanup; }
trap tls_cleanup EXIT
i=0
while [ $i -lt 100 ] && ! grep -q '^ACCEPT' "$T/server"; do sleep 0.05; i=$((i + 1)); done
port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T/server")
if [ -z "$port" ]; then
	echo "Bail out! openssl s_server did not start: $(cat "$T/server")"
	exit 1
fi

W="--domain https://127.0.0.1:$port --name tls-check --project p --environment dev
   --connection 9640d92c-838b-4c31-a495-6e6be4e58523
   --object-id 607e495a-aa5b-4896-9125-08d1a22c504c
   --client-id b2a0517a-42c2-4a1b-97cb-0472be8a5e0b"
INFISICAL_TOKEN=not-a-real-token; export INFISICAL_TOKEN

rw --yes $W
is_rc 3 unknown_certificate_is_refused_with_exit_3
says unknown_certificate_is_named_as_a_tls_failure "TLS"
one_line unknown_certificate_failure_is_one_line
check token_not_shown_on_tls_failure sh -c "! grep -q not-a-real-token '$T/err' '$T/out'"

rw --yes --cacert "$T/cert.pem" $W
is_rc 1 cacert_gets_past_the_handshake
says cacert_run_reaches_the_server "(HTTP 200)"

rw --yes --cacert "$T/missing.pem" $W
is_rc 2 unreadable_cacert_is_a_usage_error
says unreadable_cacert_names_the_option "--cacert"

done_testing
