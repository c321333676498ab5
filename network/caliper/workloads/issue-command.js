/*
 * SPDX-License-Identifier: Apache-2.0
 *
 * IssueCommand as an Org1 operator. Before the round each worker registers and activates `roundArguments.devices`
 * devices (default 16) with their own keys in a group of its own, and Org1's admin grants `reboot` on that group to
 * Org1's operators. Every transaction then issues a new command to the device that has been idle longest: IssueCommand
 * writes its device's guard key, so two commands to one device in flight at once would fail validation with
 * MVCC_READ_CONFLICT (the first one committed wins, as on any Fabric network), which is not what this round measures.
 */
'use strict';

const crypto = require('crypto');
const { BiotdmWorkload, ORG, registerWithKey } = require('./biotdm');

const HOUR_MS = 60 * 60 * 1000;

class IssueCommand extends BiotdmWorkload {
    async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
        await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter,
            sutContext);
        const group = `${this.prefix}-group`;
        this.idle = Array.from({ length: (roundArguments || {}).devices || 16 }, (_, i) => `${this.prefix}-device-${i}`);
        await Promise.all(this.idle.map((deviceId) =>
            this.mustSucceed('admin', 'devices:RegisterDevice', [registerWithKey(deviceId, group)])));
        await Promise.all(this.idle.map((deviceId) =>
            this.mustSucceed('admin', 'devices:ActivateDevice', [JSON.stringify({ deviceId })])));
        await this.mustSucceed('admin', 'grants:GrantDeviceAccess', [JSON.stringify({
            grantId: `${this.prefix}-grant`,
            granteeMsp: ORG,
            deviceGroup: group,
            commandTypes: ['reboot'],
            expiresAt: Date.now() + 24 * HOUR_MS,
        })]);
        this.parametersSha256 = crypto.createHash('sha256').update('{"delaySeconds":5}').digest('hex');
    }

    async submitTransaction() {
        // Caliper keeps at most the round's load in flight; with more devices than that, one is always idle.
        const deviceId = this.idle.shift();
        try {
            return await this.send('operator', 'commands:IssueCommand', [JSON.stringify({
                commandId: this.nextId(),
                deviceId,
                commandType: 'reboot',
                parametersSha256: this.parametersSha256,
                expiresAt: Date.now() + HOUR_MS,
            })], false);
        } finally {
            this.idle.push(deviceId);
        }
    }
}

module.exports.createWorkloadModule = () => new IssueCommand();
