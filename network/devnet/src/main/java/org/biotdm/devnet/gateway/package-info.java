/**
 * The client-facing gRPC services of a peer: {@code gateway.Gateway} (Evaluate, Endorse, Submit, CommitStatus,
 * ChaincodeEvents) and {@code protos.Deliver} (block, filtered block and private-data block streams), with Fabric
 * 2.5's status codes and messages.
 */
package org.biotdm.devnet.gateway;
