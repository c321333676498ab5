/**
 * The {@code biotdm-receipt-v1} command receipt ({@code protocol/receipt-v1.md}) a device signs when it completes a
 * command, and its verification. The chaincode keeps its own copy ({@code CanonicalReceipt}) because it must build
 * alone; both pass the same vectors.
 */
package org.biotdm.protocol.receipt;
