package org.hyperledger.fabric.contract;

import org.hyperledger.fabric.contract.metadata.MetadataBuilder;

/**
 * Starts the Contract API router the way {@code ContractRouter.main} does, minus the connection to a peer, so
 * tests can drive transactions through the real routing, argument conversion, Context and ClientIdentity.
 */
public final class RouterHarness {
    private RouterHarness() {}

    public static ContractRouter start() {
        final ContractRouter router = new ContractRouter(new String[] {"-a", "127.0.0.1:7052", "-i", "biotdm:test"});
        router.findAllContracts();
        MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
        return router;
    }
}
