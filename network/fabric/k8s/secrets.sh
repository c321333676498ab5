#!/usr/bin/env bash
# Creates (or replaces) the Secrets of one member organisation's namespace from the material network.sh up enrolled
# under network/fabric/organizations, and generates MariaDB's passwords once. Keys never pass through a file of
# ours: kubectl reads them and sends them to the API server. See README.md.
#
#   ./secrets.sh [<org number, default 1>]      needs kubectl (its current context) and jq
set -euo pipefail

N="${1:-1}"
NS="biotdm-org${N}"
FABRIC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ORG="${FABRIC_DIR}/organizations/peerOrganizations/org${N}.example.com"
PEER="${ORG}/peers/peer0.org${N}.example.com"
GATEWAY="${ORG}/users/gateway@org${N}.example.com/msp"
CHAINCODE="${ORG}/chaincode/biotdm.peer0.org${N}.example.com/tls"

# secret <name> <key>=<file>…: the Secret <name> in the namespace, with one key per file.
secret() {
  local name="$1" args=() pair
  for pair in "${@:2}"; do
    args+=("--from-file=${pair}")
  done
  kubectl create secret generic "${name}" --namespace "${NS}" "${args[@]}" --dry-run=client -o yaml \
    | kubectl apply -f -
}

# The peer's ccaas builder configuration: peername biotdm-org<N> renders connection.json's address to the Service
# biotdm of this namespace (chaincode.yaml); the peer presents its own TLS identity to the chaincode server.
builder_config() {
  jq -cn --arg peer "biotdm-org${N}" --rawfile root "${PEER}/tls/ca.crt" \
    --rawfile key "${PEER}/tls/server.key" --rawfile cert "${PEER}/tls/server.crt" \
    '{peername: $peer, ccaas_root_cert: $root, ccaas_client_key: $key, ccaas_client_cert: $cert}'
}

umask 077
[[ -d "${PEER}" ]] || { echo "secrets.sh: ${PEER} missing: run network.sh up first" >&2; exit 1; }
kubectl get namespace "${NS}" >/dev/null 2>&1 || kubectl create namespace "${NS}"
secret peer0-msp signcert.pem="$(ls "${PEER}"/msp/signcerts/*)" key.pem="$(ls "${PEER}"/msp/keystore/*)" \
  cacert.pem="$(ls "${PEER}"/msp/cacerts/*)" config.yaml="${PEER}/msp/config.yaml"
secret peer0-tls server.crt="${PEER}/tls/server.crt" server.key="${PEER}/tls/server.key" ca.crt="${PEER}/tls/ca.crt"
secret peer0-ccaas-builder config.json=<(builder_config)
secret chaincode-tls server.crt="${CHAINCODE}/server.crt" server.key="${CHAINCODE}/server.key" \
  server.crt.b64="${CHAINCODE}/server.crt.b64" server.key.b64="${CHAINCODE}/server.key.b64" \
  client-ca.crt="${CHAINCODE}/client-ca.crt"
secret gateway-msp signcert.pem="$(ls "${GATEWAY}"/signcerts/*)" key.pem="$(ls "${GATEWAY}"/keystore/*)"
secret fabric-ca-tls ca-cert.pem="${FABRIC_DIR}/organizations/fabric-ca/org${N}/ca-cert.pem"
secret registrar "Org${N}MSP.properties=${FABRIC_DIR}/organizations/registrars/Org${N}MSP.properties"
if ! kubectl get secret mariadb --namespace "${NS}" >/dev/null 2>&1; then
  secret mariadb password=<(openssl rand -base64 24 | tr -d '\n') root-password=<(openssl rand -base64 24 | tr -d '\n')
fi
echo "secrets.sh: Secrets of ${NS} are in place; next: kubectl apply -k ${FABRIC_DIR}/k8s"
