/**
 * Fabric CA's REST API ({@code /api/v1/cainfo}, {@code register}, {@code enroll}, {@code reenroll}, {@code revoke}) on
 * the dev network's own organisation CAs, so that Fabric CA's official clients and gateway-api's {@code
 * FabricEnroller} enrol against the dev network as against a Fabric CA 1.5 server. What differs is listed in {@code
 * network/devnet/README.md}.
 */
package org.biotdm.devnet.fabricca;
