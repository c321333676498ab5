/**
 * The peer side of chaincode execution: Fabric's {@code protos.ChaincodeSupport/Register} service, the per-stream
 * handler that serves every request the Java shim 2.5.10 sends, the transaction simulator that records read/write
 * sets, a launcher that runs a chaincode jar in its own JVM in client mode, and the dialer that connects a peer to a
 * chaincode server named in a chaincode-as-a-service package ({@code ccaas_builder} in Fabric release-2.5).
 *
 * <p>Semantics follow Hyperledger Fabric {@code release-2.5}: {@code core/chaincode/handler.go}, {@code
 * chaincode_support.go}, {@code query_response_generator.go}, {@code transaction_contexts.go}, and {@code
 * core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go}, {@code query_executor.go}, {@code rwsetutil/rwset_builder.go}.
 * The world state behaves as a LevelDB peer's: rich (CouchDB) queries are refused with LevelDB's error, and private
 * data calls are refused as on a peer whose chaincode defines no collections.
 */
package org.biotdm.devnet.chaincode;
