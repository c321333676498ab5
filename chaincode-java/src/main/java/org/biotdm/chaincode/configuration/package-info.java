/**
 * Configuration pushed to devices, desired and reported (as AWS IoT shadows and Azure IoT Hub device twins keep
 * them): an admin of the owner organisation sets a device's desired configuration, of which the ledger holds the
 * version and the SHA-256 of its canonical JSON ({@code protocol/json-v1.md}); a {@code configuration} command
 * carries it to the device on the ordinary command path; the device's signed {@code biotdm-receipt-v1} receipt,
 * verified on-chain, records what it reported.
 */
package org.biotdm.chaincode.configuration;
