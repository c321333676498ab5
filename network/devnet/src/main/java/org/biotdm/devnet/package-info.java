/**
 * An embedded multi-organisation Hyperledger Fabric network for development and tests: {@link
 * org.biotdm.devnet.Devnet} starts it in-process (one peer per organisation, a solo orderer, chaincodes in child JVMs)
 * and {@link org.biotdm.devnet.DevnetMain} is its command line. Clients use the unmodified fabric-gateway library
 * against it, exactly as against real peers.
 */
package org.biotdm.devnet;
