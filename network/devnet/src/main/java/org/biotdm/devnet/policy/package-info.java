/**
 * Endorsement policies as a Fabric peer evaluates them at commit: the signature-policy DSL ({@code AND}, {@code OR},
 * {@code OutOf}), {@code cauthdsl} evaluation of {@code common.SignaturePolicyEnvelope}s with its "used identity"
 * rule, implicit-meta policies such as {@code MAJORITY Endorsement}, the channel's standard organisation policies,
 * key-level (state-based) endorsement parameters, and the smallest endorsing organisation set for a gateway plan.
 *
 * <p>Everything here evaluates identities whose signatures the caller has already verified; nothing here touches
 * cryptography. Semantics follow Hyperledger Fabric's Go sources: {@code common/policydsl/policyparser.go}, {@code
 * common/cauthdsl/cauthdsl.go}, {@code common/policies/policy.go}, {@code common/policies/implicitmeta.go}, {@code
 * common/policies/implicitmetaparser.go} and {@code msp/mspimpl.go} ({@code satisfiesPrincipal}).
 */
package org.biotdm.devnet.policy;
