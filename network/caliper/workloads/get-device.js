/*
 * SPDX-License-Identifier: Apache-2.0
 *
 * GetDevice as Org1's gateway identity, evaluated (not ordered): before the round each worker registers
 * `roundArguments.devices` devices (default 10), then every transaction reads one of them in turn.
 */
'use strict';

const { BiotdmWorkload, registerForClaim } = require('./biotdm');

class GetDevice extends BiotdmWorkload {
    async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
        await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter,
            sutContext);
        this.deviceIds = Array.from({ length: (roundArguments || {}).devices || 10 }, () => this.nextId());
        await Promise.all(this.deviceIds.map((deviceId) =>
            this.mustSucceed('admin', 'devices:RegisterDevice', [registerForClaim(deviceId)])));
        this.reads = 0;
    }

    async submitTransaction() {
        const deviceId = this.deviceIds[this.reads++ % this.deviceIds.length];
        return this.send('gateway', 'devices:GetDevice', [deviceId], true);
    }
}

module.exports.createWorkloadModule = () => new GetDevice();
