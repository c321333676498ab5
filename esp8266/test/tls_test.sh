#!/usr/bin/env bash
# The POSIX TLS transport against OpenSSL's s_server: the device makes its key and CSR, a test CA signs it, and the
# device fetches s_server's -www page (several KB) over mutual TLS with 2 KB record buffers, which works only
# because both ends agree on a 2048-byte Maximum Fragment Length (RFC 6066). A wrong pin must fail the handshake.
set -euo pipefail

probe=${1:?usage: tls_test.sh <tls_probe>}
dir=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir"

openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -key ca.key -subj "/CN=test device CA" -days 1 -out ca.pem 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out server.key
openssl req -x509 -new -key server.key -subj "/CN=localhost" -days 1 -out server.pem 2>/dev/null
"$probe" csr state d-17 >d.csr
printf 'extendedKeyUsage=clientAuth\n' >ext
openssl x509 -req -in d.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile ext -out device.pem 2>/dev/null

openssl s_server -accept 0 -cert server.pem -key server.key -CAfile ca.pem -Verify 1 -www -naccept 2 \
  >server.log 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' server.log)
  [[ -n "$port" ]] && break
  sleep 0.1
done

"$probe" get state device.pem server.pem localhost "$port" >answer.txt
grep -q '^HTTP/1.0 200' answer.txt
grep -q 'Subject: CN *= *d-17' answer.txt
grep -q '^BearSSL error 0, record buffer 2373 bytes' answer.txt
[[ $(wc -c <answer.txt) -gt 4096 ]]
if "$probe" get state device.pem ca.pem localhost "$port" >/dev/null 2>&1; then
  echo "a handshake with the wrong pinned key succeeded" >&2
  exit 1
fi
echo "PASSED: mutual TLS with the device's key and CSR, pinned server key, 2048-byte fragments"
