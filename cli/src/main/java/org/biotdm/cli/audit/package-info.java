/**
 * {@code biotdm audit}: an auditor's checks against their own organisation's peer with their own Fabric identity,
 * never through the gateway: anchors read with the chaincode's {@code anchors:ListAnchors}/{@code GetAnchor},
 * transactions and blocks with the query system chaincode {@code qscc}, and stored telemetry rebuilt into RFC 6962
 * roots with {@code org.biotdm.protocol.anchor} and compared with the roots on the ledger.
 */
package org.biotdm.cli.audit;
