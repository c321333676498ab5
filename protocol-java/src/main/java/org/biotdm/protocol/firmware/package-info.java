/**
 * The {@code biotdm-firmware-manifest-v1} firmware manifest and the {@code biotdm-firmware-receipt-v1} installation
 * receipt ({@code protocol/firmware-manifest-v1.md}): their canonical texts, the manufacturer's and the device's
 * signatures, the verification steps in their specified order, and the streaming check of an image against its
 * manifest. The chaincode keeps its own copy of the manifest and receipt texts because it must build alone; both pass
 * the same vectors.
 */
package org.biotdm.protocol.firmware;
