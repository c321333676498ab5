package org.biotdm.devnet.peer;

import org.biotdm.devnet.policy.EndorsementPolicy;

/**
 * A chaincode as committed on the channel by Fabric's {@code _lifecycle}: the name clients use, the definition
 * version, the installed package it runs and its endorsement policy.
 *
 * @param name the chaincode name, for example {@code biotdm}
 * @param version the definition version recorded in {@code ChaincodeAction.chaincode_id}
 * @param packageId the installed package ID, {@code label:sha256hex}, which the chaincode registers with
 * @param endorsementPolicy the chaincode-level endorsement policy
 * @param policySpec the policy as written in configuration ("" for the channel's MAJORITY Endorsement default)
 */
public record ChaincodeDefinition(
        String name, String version, String packageId, EndorsementPolicy endorsementPolicy, String policySpec) {}
