/*
 * SPDX-License-Identifier: Apache-2.0
 *
 * RegisterDevice as Org1's admin: one new device awaiting its claim per transaction (an endorsed, ordered and
 * validated write of the device record and its guard key).
 */
'use strict';

const { BiotdmWorkload, registerForClaim } = require('./biotdm');

class RegisterDevice extends BiotdmWorkload {
    async submitTransaction() {
        return this.send('admin', 'devices:RegisterDevice', [registerForClaim(this.nextId())], false);
    }
}

module.exports.createWorkloadModule = () => new RegisterDevice();
