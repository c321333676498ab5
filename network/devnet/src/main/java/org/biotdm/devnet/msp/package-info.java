/**
 * Fabric MSP identities for the dev network: the shared contracts ({@link org.biotdm.devnet.msp.MspIdentity}, {@link
 * org.biotdm.devnet.msp.IdentityDeserializer}, {@link org.biotdm.devnet.msp.SigningIdentity}) and {@link
 * org.biotdm.devnet.msp.ChannelMsp}, which validates creators and endorsers against the organisations' root CAs with
 * NodeOUs, as Fabric's {@code msp} package does.
 */
package org.biotdm.devnet.msp;
