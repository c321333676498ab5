#!/usr/bin/env bash
# Registers and enrols every identity of the BIoT-DM network with its organisation's Fabric CA and lays the crypto
# material out as cryptogen would (organizations/peerOrganizations/<domain>/{msp,tlsca,peers,users}), which is where
# configtx.yaml, the compose files and gateway/*.env look for it. Sourced by network.sh; needs fabric-ca-client.
#
# One CA per organisation issues both its MSP and its TLS certificates (TLS ones with the `tls` profile), as in
# fabric-samples' test-network, so the organisation's TLS CA certificate is its CA certificate.

ORGS_DIR="${NETWORK_DIR}/organizations"

# ca_client <org dir> <fabric-ca-client args...>: runs the client as the CA's registrar, trusting the CA's own TLS.
ca_client() {
  local ca_dir="$1"
  shift
  FABRIC_CA_CLIENT_HOME="${ca_dir}/registrar" fabric-ca-client "$@" --tls.certfiles "${ca_dir}/ca-cert.pem"
}

# enroll_registrar <ca name> <port> <ca dir> <password>
enroll_registrar() {
  local name="$1" port="$2" ca_dir="$3" password="$4"
  ca_client "${ca_dir}" enroll -u "https://ca-admin:${password}@localhost:${port}" --caname "${name}"
}

# register <ca name> <port> <ca dir> <id> <secret> <type> [attrs]
register() {
  local name="$1" port="$2" ca_dir="$3" id="$4" secret="$5" type="$6" attrs="${7:-}"
  local args=(register --caname "${name}" --id.name "${id}" --id.secret "${secret}" --id.type "${type}"
    -u "https://localhost:${port}")
  if [[ -n "${attrs}" ]]; then
    args+=(--id.attrs "${attrs}")
  fi
  ca_client "${ca_dir}" "${args[@]}"
}

# enroll_msp <ca name> <port> <ca dir> <id> <secret> <msp dir>: an MSP with the NodeOUs config of the organisation.
enroll_msp() {
  local name="$1" port="$2" ca_dir="$3" id="$4" secret="$5" msp="$6"
  fabric-ca-client enroll -u "https://${id}:${secret}@localhost:${port}" --caname "${name}" -M "${msp}" \
    --tls.certfiles "${ca_dir}/ca-cert.pem"
  # The key under cryptogen's name (fabric-ca-client names it after its SKI), so configurations can name the file.
  mv "${msp}"/keystore/*_sk "${msp}/keystore/priv_sk"
  cp "${ca_dir}/msp-config.yaml" "${msp}/config.yaml"
}

# enroll_tls <ca name> <port> <ca dir> <id> <secret> <host> <tls dir> [<more hosts>…]: server.{crt,key} and ca.crt,
# as a node expects.
enroll_tls() {
  local name="$1" port="$2" ca_dir="$3" id="$4" secret="$5" host="$6" tls="$7" extra
  local raw="${tls}/enrolment" hosts=(--csr.hosts "$6" --csr.hosts localhost)
  for extra in "${@:8}"; do
    hosts+=(--csr.hosts "${extra}")
  done
  fabric-ca-client enroll -u "https://${id}:${secret}@localhost:${port}" --caname "${name}" -M "${raw}" \
    --enrollment.profile tls "${hosts[@]}" --tls.certfiles "${ca_dir}/ca-cert.pem"
  cp "${raw}/tlscacerts/"* "${tls}/ca.crt"
  cp "${raw}/signcerts/"* "${tls}/server.crt"
  cp "${raw}/keystore/"* "${tls}/server.key"
  rm -rf "${raw}"
}

# org_msp <ca dir> <org dir>: the organisation's channel MSP (CA and TLS CA certificates, NodeOUs) and tlsca/.
org_msp() {
  local ca_dir="$1" org_dir="$2" domain
  domain="$(basename "${org_dir}")"
  mkdir -p "${org_dir}/msp/cacerts" "${org_dir}/msp/tlscacerts" "${org_dir}/tlsca" "${org_dir}/ca"
  cp "${ca_dir}/ca-cert.pem" "${org_dir}/msp/cacerts/localhost-$(ca_port_of "${ca_dir}")-$(ca_name_of "${ca_dir}").pem"
  cp "${ca_dir}/ca-cert.pem" "${org_dir}/msp/tlscacerts/ca.crt"
  cp "${ca_dir}/ca-cert.pem" "${org_dir}/tlsca/tlsca.${domain}-cert.pem"
  cp "${ca_dir}/ca-cert.pem" "${org_dir}/ca/ca.${domain}-cert.pem"
  cp "${ca_dir}/msp-config.yaml" "${org_dir}/msp/config.yaml"
}

# node_ous <ca dir>: the NodeOUs config.yaml every MSP of the organisation carries (client, peer, admin, orderer).
node_ous() {
  local ca_dir="$1" ou
  {
    echo "NodeOUs:"
    echo "  Enable: true"
    for ou in client peer admin orderer; do
      echo "  ${ou^}OUIdentifier:"
      echo "    Certificate: cacerts/localhost-$(ca_port_of "${ca_dir}")-$(ca_name_of "${ca_dir}").pem"
      echo "    OrganizationalUnitIdentifier: ${ou}"
    done
  } >"${ca_dir}/msp-config.yaml"
}

ca_port_of() { cat "$1/port"; }
ca_name_of() { cat "$1/name"; }

# enroll_peer_org <n> <ca name> <port> <password>
enroll_peer_org() {
  local n="$1" name="$2" port="$3" password="$4"
  local domain="org${n}.example.com" ca_dir="${ORGS_DIR}/fabric-ca/org${n}"
  local org_dir="${ORGS_DIR}/peerOrganizations/${domain}" peer="peer0.org${n}.example.com"
  local cc_host="biotdm.${peer}" secret
  echo "${port}" >"${ca_dir}/port"
  echo "${name}" >"${ca_dir}/name"
  node_ous "${ca_dir}"
  enroll_registrar "${name}" "${port}" "${ca_dir}" "${password}"
  secret="$(random_secret)"
  register "${name}" "${port}" "${ca_dir}" peer0 "${secret}" peer
  register "${name}" "${port}" "${ca_dir}" "Admin@${domain}" "${secret}" admin "biotdm.role=admin:ecert"
  register "${name}" "${port}" "${ca_dir}" "gateway@${domain}" "${secret}" client "biotdm.role=gateway:ecert"
  register "${name}" "${port}" "${ca_dir}" "${cc_host}" "${secret}" client
  org_msp "${ca_dir}" "${org_dir}"
  enroll_msp "${name}" "${port}" "${ca_dir}" peer0 "${secret}" "${org_dir}/peers/${peer}/msp"
  enroll_tls "${name}" "${port}" "${ca_dir}" peer0 "${secret}" "${peer}" "${org_dir}/peers/${peer}/tls"
  enroll_msp "${name}" "${port}" "${ca_dir}" "Admin@${domain}" "${secret}" "${org_dir}/users/Admin@${domain}/msp"
  enroll_msp "${name}" "${port}" "${ca_dir}" "gateway@${domain}" "${secret}" \
    "${org_dir}/users/gateway@${domain}/msp"
  # The chaincode server's TLS certificate, for the name in connection.json; it accepts peers of this CA only. The
  # second name is the one it renders to on Kubernetes (k8s/README.md: Service biotdm, namespace biotdm-org<N>).
  enroll_tls "${name}" "${port}" "${ca_dir}" "${cc_host}" "${secret}" "${cc_host}" \
    "${org_dir}/chaincode/${cc_host}/tls" "biotdm.biotdm-org${n}"
  cp "${ca_dir}/ca-cert.pem" "${org_dir}/chaincode/${cc_host}/tls/client-ca.crt"
  # The Java shim also reads base64 copies (CORE_TLS_CLIENT_*_PATH, see chaincode-java/Dockerfile).
  base64 -w0 "${org_dir}/chaincode/${cc_host}/tls/server.key" >"${org_dir}/chaincode/${cc_host}/tls/server.key.b64"
  base64 -w0 "${org_dir}/chaincode/${cc_host}/tls/server.crt" >"${org_dir}/chaincode/${cc_host}/tls/server.crt.b64"
}

# enroll_orderer_org <password>
enroll_orderer_org() {
  local password="$1" name=ca-orderer port=9054
  local ca_dir="${ORGS_DIR}/fabric-ca/ordererOrg" org_dir="${ORGS_DIR}/ordererOrganizations/example.com" secret host
  echo "${port}" >"${ca_dir}/port"
  echo "${name}" >"${ca_dir}/name"
  node_ous "${ca_dir}"
  enroll_registrar "${name}" "${port}" "${ca_dir}" "${password}"
  secret="$(random_secret)"
  org_msp "${ca_dir}" "${org_dir}"
  register "${name}" "${port}" "${ca_dir}" Admin@example.com "${secret}" admin
  enroll_msp "${name}" "${port}" "${ca_dir}" Admin@example.com "${secret}" "${org_dir}/users/Admin@example.com/msp"
  for host in orderer.example.com orderer2.example.com orderer3.example.com; do
    register "${name}" "${port}" "${ca_dir}" "${host}" "${secret}" orderer
    enroll_msp "${name}" "${port}" "${ca_dir}" "${host}" "${secret}" "${org_dir}/orderers/${host}/msp"
    enroll_tls "${name}" "${port}" "${ca_dir}" "${host}" "${secret}" "${host}" "${org_dir}/orderers/${host}/tls"
  done
}

# random_secret: 32 hex characters from the kernel's CSPRNG.
random_secret() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}
