/*
 * SPDX-License-Identifier: Apache-2.0
 *
 * What every BIoT-DM workload module shares: the chaincode's name, the identities of the network configuration
 * (networks/README in ../README.md), request ids unique per run, worker and transaction, and the requests of
 * chaincode-java/README.md ("Transactions").
 */
'use strict';

const crypto = require('crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

const CHAINCODE = 'biotdm';
const ORG = 'Org1MSP';

/** The base of the BIoT-DM workloads: a per-worker id prefix and one helper per kind of request. */
class BiotdmWorkload extends WorkloadModuleBase {
    async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
        await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter,
            sutContext);
        // A run id keeps ids unique when the same ledger is benchmarked again.
        this.prefix = `cal-${process.env.BIOTDM_CALIPER_RUN || crypto.randomBytes(4).toString('hex')}`
            + `-r${roundIndex}-w${workerIndex}`;
        this.count = 0;
    }

    /** Returns the next id of this worker in this round, e.g. `cal-1a2b3c4d-r0-w0-17`. */
    nextId() {
        this.count += 1;
        return `${this.prefix}-${this.count}`;
    }

    /**
     * Submits (or, with readOnly, evaluates) one transaction of a contract as one identity.
     * @param {string} identity the identity's name in the network configuration: admin, gateway or operator
     * @param {string} fn the contract and transaction, e.g. `devices:RegisterDevice`
     * @param {string[]} args the arguments (a write takes one JSON text)
     * @param {boolean} readOnly true for an evaluate
     * @returns {Promise<TxStatus>} Caliper's status of the request
     */
    send(identity, fn, args, readOnly) {
        return this.sutAdapter.sendRequests({
            contractId: CHAINCODE,
            contractFunction: fn,
            contractArguments: args,
            invokerIdentity: identity,
            invokerMspId: ORG,
            readOnly,
        });
    }

    /** Sends a request during initialisation and fails the round if it did not succeed. */
    async mustSucceed(identity, fn, args, readOnly = false) {
        const status = await this.send(identity, fn, args, readOnly);
        if (!status.IsCommitted()) {
            throw new Error(`${fn} as ${identity} failed during initialisation`);
        }
        return status;
    }
}

/** A RegisterDevice argument for a device awaiting its claim (`claimTokenSha256`, no key yet). */
function registerForClaim(deviceId) {
    return JSON.stringify({
        deviceId,
        deviceType: 'env-sensor',
        model: `${ORG}/env-sensor`,
        firmwareVersion: '1.0.0',
        group: 'caliper',
        claimTokenSha256: crypto.createHash('sha256').update(crypto.randomBytes(32)).digest('hex'),
    });
}

/** A RegisterDevice argument for a device with its own P-256 key, which ActivateDevice accepts. */
function registerWithKey(deviceId, group) {
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' });
    return JSON.stringify({
        deviceId,
        deviceType: 'env-sensor',
        model: `${ORG}/env-sensor`,
        firmwareVersion: '1.0.0',
        group,
        publicKeyPem,
        // Stands for the SHA-256 of the device certificate (DER); the chaincode stores it, devices present it.
        certFingerprint: crypto.createHash('sha256').update(publicKeyPem).digest('hex'),
    });
}

module.exports = { BiotdmWorkload, ORG, registerForClaim, registerWithKey };
