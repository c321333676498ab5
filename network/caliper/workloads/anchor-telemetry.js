/*
 * SPDX-License-Identifier: Apache-2.0
 *
 * AnchorTelemetry as Org1's gateway identity: one telemetry window per transaction, its id starting with `Org1MSP-`
 * as the chaincode requires, with a Merkle root (RFC 6962, SHA-256) over `leafCount` readings.
 */
'use strict';

const crypto = require('crypto');
const { BiotdmWorkload, ORG } = require('./biotdm');

const WINDOW_MS = 60 * 1000;

class AnchorTelemetry extends BiotdmWorkload {
    async submitTransaction() {
        const start = Date.now() - WINDOW_MS;
        return this.send('gateway', 'anchors:AnchorTelemetry', [JSON.stringify({
            windowId: `${ORG}-${this.nextId()}`,
            startTime: start,
            endTime: start + WINDOW_MS,
            merkleRoot: crypto.randomBytes(32).toString('hex'),
            leafCount: 1 + crypto.randomInt(500),
            hashScheme: 'rfc6962-sha256',
        })], false);
    }
}

module.exports.createWorkloadModule = () => new AnchorTelemetry();
