#!/usr/bin/env bash
# The POSIX TLS transport against OpenSSL's s_server and the JDK's TLS (JSSE, the gateway's device port): the device
# makes its key and CSR, a test CA signs it, and the device fetches several KB over mutual TLS with 2 KB record
# buffers, which works only because both ends agree on a 2048-byte Maximum Fragment Length (RFC 6066). A wrong pin
# must fail the handshake.
set -euo pipefail

probe=${1:?usage: tls_test.sh <tls_probe>}
dir=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
source_dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir"

# Waits for the "<prefix><port>" line a server prints into $1 and prints the port.
port_of() {
  local port=
  for _ in $(seq 150); do
    port=$(sed -n "s/^$2\([0-9]*\)\$/\1/p" "$1")
    [[ -n "$port" ]] && break
    sleep 0.2
  done
  echo "$port"
}

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
port=$(port_of server.log 'ACCEPT .*:')

"$probe" get state device.pem server.pem localhost "$port" >answer.txt
grep -q '^HTTP/1.0 200' answer.txt
grep -q 'Subject: CN *= *d-17' answer.txt
grep -q '^BearSSL error 0, record buffer 2373 bytes' answer.txt
[[ $(wc -c <answer.txt) -gt 4096 ]]
if "$probe" get state device.pem ca.pem localhost "$port" >/dev/null 2>&1; then
  echo "a handshake with the wrong pinned key succeeded" >&2
  exit 1
fi
echo "openssl s_server: mutual TLS, pinned key, 2048-byte fragments"

if command -v java >/dev/null; then
  openssl pkcs12 -export -in server.pem -inkey server.key -out server.p12 -passout pass:changeit
  keytool -importcert -noprompt -alias ca -file ca.pem -keystore trust.p12 -storetype PKCS12 \
    -storepass changeit >/dev/null
  java "$source_dir/JdkTlsServer.java" server.p12 trust.p12 changeit >jdk.log 2>&1 &
  server_pid=$!
  port=$(port_of jdk.log 'PORT ')
  "$probe" get state device.pem server.pem localhost "$port" >jdk-answer.txt
  grep -q '^peer CN=d-17' jdk-answer.txt
  grep -q '^BearSSL error 0' jdk-answer.txt
  [[ $(wc -c <jdk-answer.txt) -gt 6000 ]]
  echo "JDK TLS: mutual TLS, 2048-byte fragments"
fi
echo "PASSED"
