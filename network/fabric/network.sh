#!/usr/bin/env bash
# Brings up the BIoT-DM consortium on one machine with Docker: three organisations, each with a Fabric CA and a peer
# (LevelDB), a three-node Raft ordering service, the channel `mychannel`, and the BIoT-DM chaincode as a service.
#
#   ./network.sh up             CAs, every identity enrolled (scripts/enroll.sh), orderers and peers
#   ./network.sh createChannel  the channel's first block (configtx/configtx.yaml), joined by orderers and peers
#   ./network.sh deployCC       the ccaas package installed, the chaincode servers started, the definition committed
#   ./network.sh down           every container and volume, and the generated material, removed
#
# Needs docker (with compose), jq, and Fabric's binaries (peer, configtxgen, osnadmin, fabric-ca-client; 2.5 and
# 1.5, from Fabric's install-fabric.sh) on the PATH, with FABRIC_CFG_PATH at their config/ directory (core.yaml).
# See README.md, "Deploy on Fabric".
set -euo pipefail

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "${NETWORK_DIR}/../.." && pwd)"
COMPOSE_DIR="${NETWORK_DIR}/compose"
ENV_FILE="${COMPOSE_DIR}/.env"
CHANNEL="${CHANNEL:-mychannel}"
CHAINCODE="biotdm"
PACKAGE="${REPO_DIR}/chaincode-java/target/ccaas/biotdm.tar.gz"
ORDERER_CA="${NETWORK_DIR}/organizations/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem"
PEER_PORTS=(7051 9051 11051)
CA_PORTS=(7054 8054 11054)

# shellcheck source=scripts/enroll.sh
source "${NETWORK_DIR}/scripts/enroll.sh"

fail() {
  echo "network.sh: $*" >&2
  exit 1
}

require() {
  local tool
  for tool in "$@"; do
    command -v "${tool}" >/dev/null || fail "${tool} not found on the PATH (see README.md, Deploy on Fabric)"
  done
}

compose() {
  docker compose --env-file "${ENV_FILE}" -f "${COMPOSE_DIR}/$1" "${@:2}"
}

# env_set <name> <value>: sets one line of the owner-only compose/.env.
env_set() {
  touch "${ENV_FILE}"
  chmod 600 "${ENV_FILE}"
  grep -v "^$1=" "${ENV_FILE}" >"${ENV_FILE}.new" || true
  printf "%s='%s'\n" "$1" "$2" >>"${ENV_FILE}.new"
  mv "${ENV_FILE}.new" "${ENV_FILE}"
}

env_get() {
  sed -n "s/^$1='\(.*\)'$/\1/p" "${ENV_FILE}"
}

wait_for_file() {
  local file="$1" tries=0
  until [[ -s "${file}" ]]; do
    ((tries++ < 60)) || fail "timed out waiting for ${file}"
    sleep 1
  done
}

# as_peer_admin <n>: points the peer CLI at organisation n's peer, as its admin.
as_peer_admin() {
  local n="$1" org_dir="${NETWORK_DIR}/organizations/peerOrganizations/org$1.example.com"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_LOCALMSPID="Org${n}MSP"
  export CORE_PEER_TLS_ROOTCERT_FILE="${org_dir}/tlsca/tlsca.org${n}.example.com-cert.pem"
  export CORE_PEER_MSPCONFIGPATH="${org_dir}/users/Admin@org${n}.example.com/msp"
  export CORE_PEER_ADDRESS="localhost:${PEER_PORTS[$((n - 1))]}"
}

# builder_config <n>: CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG of peer n, which renders the package's connection.json.
builder_config() {
  local n="$1" peer_tls
  peer_tls="${NETWORK_DIR}/organizations/peerOrganizations/org$1.example.com/peers/peer0.org$1.example.com/tls"
  jq -cn --arg peer "peer0.org${n}.example.com" --rawfile root "${peer_tls}/ca.crt" \
    --rawfile key "${peer_tls}/server.key" --rawfile cert "${peer_tls}/server.crt" \
    '{peername: $peer, ccaas_root_cert: $root, ccaas_client_key: $key, ccaas_client_cert: $cert}'
}

network_up() {
  require docker jq fabric-ca-client
  umask 077
  local n org
  for org in org1 org2 org3 ordererOrg; do
    mkdir -p "${NETWORK_DIR}/organizations/fabric-ca/${org}"
    cp "${NETWORK_DIR}/fabric-ca/${org}/fabric-ca-server-config.yaml" "${NETWORK_DIR}/organizations/fabric-ca/${org}/"
  done
  for var in CA_ORG1 CA_ORG2 CA_ORG3 CA_ORDERER; do
    [[ -n "$(env_get "${var}_ADMIN_PASSWORD" 2>/dev/null)" ]] || env_set "${var}_ADMIN_PASSWORD" "$(random_secret)"
  done
  env_set BIOTDM_CHAINCODE_USER "$(id -u):$(id -g)"
  compose compose-ca.yaml up -d
  for org in org1 org2 org3 ordererOrg; do
    wait_for_file "${NETWORK_DIR}/organizations/fabric-ca/${org}/ca-cert.pem"
  done
  for n in 1 2 3; do
    enroll_peer_org "${n}" "ca-org${n}" "${CA_PORTS[$((n - 1))]}" "$(env_get "CA_ORG${n}_ADMIN_PASSWORD")"
    env_set "PEER0_ORG${n}_CCAAS_BUILDER_CONFIG" "$(builder_config "${n}")"
    # gateway-api's registrar secret file (biotdm.users.registrar-secret-files in gateway/org<N>.env), owner-only.
    mkdir -p "${NETWORK_DIR}/organizations/registrars"
    printf 'Org%sMSP=%s\n' "${n}" "$(env_get "CA_ORG${n}_ADMIN_PASSWORD")" \
      >"${NETWORK_DIR}/organizations/registrars/Org${n}MSP.properties"
  done
  enroll_orderer_org "$(env_get CA_ORDERER_ADMIN_PASSWORD)"
  compose compose-net.yaml up -d
  echo "network.sh: CAs, orderers and peers are up; next: ./network.sh createChannel"
}

create_channel() {
  require configtxgen osnadmin peer
  local block="${NETWORK_DIR}/channel-artifacts/${CHANNEL}.block" host port n
  local orderers_dir="${NETWORK_DIR}/organizations/ordererOrganizations/example.com/orderers"
  mkdir -p "${NETWORK_DIR}/channel-artifacts"
  FABRIC_CFG_PATH="${NETWORK_DIR}/configtx" configtxgen -profile BiotdmChannel -outputBlock "${block}" \
    -channelID "${CHANNEL}"
  for host in orderer.example.com:7053 orderer2.example.com:8053 orderer3.example.com:9053; do
    port="${host##*:}"
    host="${host%%:*}"
    osnadmin channel join --channelID "${CHANNEL}" --config-block "${block}" -o "localhost:${port}" \
      --ca-file "${ORDERER_CA}" --client-cert "${orderers_dir}/${host}/tls/server.crt" \
      --client-key "${orderers_dir}/${host}/tls/server.key"
  done
  for n in 1 2 3; do
    as_peer_admin "${n}"
    peer channel join -b "${block}"
  done
  echo "network.sh: channel ${CHANNEL} created and joined; next: ./network.sh deployCC"
}

deploy_chaincode() {
  require docker peer
  [[ -f "${PACKAGE}" ]] || fail "${PACKAGE} missing: run ./mvnw -B -ntp -f chaincode-java/pom.xml package first"
  local package_id n endorsers=()
  docker build -t biotdm-chaincode "${REPO_DIR}/chaincode-java"
  for n in 1 2 3; do
    as_peer_admin "${n}"
    peer lifecycle chaincode install "${PACKAGE}"
    endorsers+=(--peerAddresses "${CORE_PEER_ADDRESS}" --tlsRootCertFiles "${CORE_PEER_TLS_ROOTCERT_FILE}")
  done
  package_id="$(peer lifecycle chaincode calculatepackageid "${PACKAGE}")"
  env_set BIOTDM_PACKAGE_ID "${package_id}"
  compose compose-chaincode.yaml up -d
  for n in 1 2 3; do
    as_peer_admin "${n}"
    peer lifecycle chaincode approveformyorg -o localhost:7050 --ordererTLSHostnameOverride orderer.example.com \
      --tls --cafile "${ORDERER_CA}" --channelID "${CHANNEL}" --name "${CHAINCODE}" --version 1.0 \
      --package-id "${package_id}" --sequence 1
  done
  # The definition takes the channel's MAJORITY Endorsement policy (no --signature-policy), as on the dev network.
  peer lifecycle chaincode commit -o localhost:7050 --ordererTLSHostnameOverride orderer.example.com --tls \
    --cafile "${ORDERER_CA}" --channelID "${CHANNEL}" --name "${CHAINCODE}" --version 1.0 --sequence 1 \
    "${endorsers[@]}"
  peer lifecycle chaincode querycommitted --channelID "${CHANNEL}" --name "${CHAINCODE}"
  echo "network.sh: ${CHAINCODE} ${package_id} committed on ${CHANNEL}; gateway settings: gateway/org<N>.env"
}

network_down() {
  require docker
  local file
  for file in compose-chaincode.yaml compose-net.yaml compose-ca.yaml; do
    if [[ -f "${ENV_FILE}" ]]; then
      compose "${file}" down --volumes --remove-orphans || true
    fi
  done
  rm -rf "${NETWORK_DIR}/organizations" "${NETWORK_DIR}/channel-artifacts" "${ENV_FILE}"
}

case "${1:-}" in
  up) network_up ;;
  createChannel) create_channel ;;
  deployCC) deploy_chaincode ;;
  down) network_down ;;
  *)
    echo "usage: $0 up | createChannel | deployCC | down" >&2
    exit 2
    ;;
esac
