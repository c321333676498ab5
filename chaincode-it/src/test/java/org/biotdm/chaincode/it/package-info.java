/**
 * Integration tests of the BIoT-DM chaincode on a three-organisation dev network, driven through the unmodified
 * fabric-gateway client: endorsement policies, the command round trip with device-signed receipts, telemetry anchor
 * retries, zero-touch claiming, paging, metadata and chaincode events.
 */
package org.biotdm.chaincode.it;
