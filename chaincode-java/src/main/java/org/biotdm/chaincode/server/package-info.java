/**
 * The chaincode's entry point: the Contract API's router, run either as a chaincode client of its peer or as a
 * chaincode server (chaincode-as-a-service) that requires the peer's client certificate.
 */
package org.biotdm.chaincode.server;
