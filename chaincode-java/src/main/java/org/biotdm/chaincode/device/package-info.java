/**
 * Device registry: registration (with a key, or with a one-time claim token for zero-touch provisioning), claiming,
 * the lifecycle {@code PROVISIONED → ACTIVE ⇄ SUSPENDED → DECOMMISSIONED}, key rotation and metadata.
 */
package org.biotdm.chaincode.device;
