/**
 * Hyperledger Fabric CA's token authentication ({@code Authorization: <b64 cert>.<b64 signature>}), written once for
 * the gateway's Fabric CA client and the dev network's Fabric CA endpoints; specified in {@code
 * protocol/fabric-ca.md}.
 */
package org.biotdm.protocol.fabricca;
