'use strict';
// The official Fabric CA Node.js client (fabric-ca-client 2.2.20) against the dev network's Fabric CA endpoints,
// unchanged, as an outside client. FabricCaNodeClientTest starts the endpoints and runs this file with
//   FABRIC_CA_URL      the base URL, for example http://127.0.0.1:40123
//   FABRIC_CA_NAME     the CA to use, for example ca-org1
//   FABRIC_CA_MSP_ID   its organisation's MSP ID, for example Org1MSP
//   REGISTRAR_SECRET   the bootstrap registrar ca-admin's secret
// Run alone: node --test outside-client.test.js (with those variables set).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const FabricCAServices = require('fabric-ca-client');
const {User} = require('fabric-common');

const url = required('FABRIC_CA_URL');
const caName = required('FABRIC_CA_NAME');
const mspId = required('FABRIC_CA_MSP_ID');
const org = caName.replace(/^ca-/, '');
const ca = new FabricCAServices(url, undefined, caName);
const state = {};

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function user(name, enrollment) {
  return User.createUser(name, '', mspId, enrollment.certificate, enrollment.key.toBytes());
}

// Fabric CA writes the attributes as the JSON {"attrs":{...}} straight into the 1.2.3.4.5.6.7.8.1 extension's value.
function attributes(certificatePem) {
  const der = new crypto.X509Certificate(certificatePem).raw.toString('latin1');
  const oid = Buffer.from([0x06, 0x08, 0x2a, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x01]).toString('latin1');
  const at = der.indexOf(oid);
  if (at < 0) {
    return null;
  }
  const start = der.indexOf('{"attrs":', at);
  let depth = 0;
  for (let i = start; i < der.length; i++) {
    depth += der[i] === '{' ? 1 : der[i] === '}' ? -1 : 0;
    if (depth === 0) {
      return JSON.parse(der.slice(start, i + 1)).attrs;
    }
  }
  return null;
}

async function refusal(promise) {
  const error = await promise.then(() => null, (e) => e);
  assert.ok(error, 'the CA accepted what it should refuse');
  assert.equal(error.success, false, `not a Fabric CA refusal: ${error.message}`);
  return error.errors[0];
}

test('the bootstrap registrar enrols with its secret', async () => {
  const enrollment = await ca.enroll({enrollmentID: 'ca-admin', enrollmentSecret: required('REGISTRAR_SECRET')});
  assert.match(enrollment.certificate, /BEGIN CERTIFICATE/);
  assert.equal(new crypto.X509Certificate(enrollment.certificate).subject.split('\n').pop(), 'CN=ca-admin');
  state.root = enrollment.rootCertificate;
  state.registrar = user('ca-admin', enrollment);
});

test('cainfo names the CA and its chain', async () => {
  const info = await ca.getCaInfo(state.registrar);
  assert.equal(info.caName, caName);
  assert.equal(info.caChain, state.root);
  assert.ok(new crypto.X509Certificate(state.registrar.getIdentity()._certificate)
      .verify(new crypto.X509Certificate(info.caChain).publicKey));
});

test('register with attributes returns the secret it was given', async () => {
  const secret = await ca.register({
    enrollmentID: 'alice', enrollmentSecret: 'alice-secret-1', role: 'client', affiliation: `${org}.department1`,
    maxEnrollments: -1,
    attrs: [{name: 'biotdm.role', value: 'operator', ecert: true}, {name: 'biotdm.site', value: 'north'}],
  }, state.registrar);
  assert.equal(secret, 'alice-secret-1');
});

test('enroll without attr_reqs embeds the ecert attributes only', async () => {
  const enrollment = await ca.enroll({enrollmentID: 'alice', enrollmentSecret: 'alice-secret-1'});
  assert.deepEqual(attributes(enrollment.certificate), {
    'biotdm.role': 'operator', 'hf.Affiliation': `${org}.department1`, 'hf.EnrollmentID': 'alice', 'hf.Type': 'client',
  });
});

test('enroll with attr_reqs embeds exactly the requested attributes', async () => {
  const enrollment = await ca.enroll({
    enrollmentID: 'alice', enrollmentSecret: 'alice-secret-1',
    attr_reqs: [{name: 'biotdm.site', optional: false}, {name: 'biotdm.role'}, {name: 'absent', optional: true}],
  });
  assert.deepEqual(attributes(enrollment.certificate), {'biotdm.role': 'operator', 'biotdm.site': 'north'});
  assert.ok(new crypto.X509Certificate(enrollment.certificate).verify(new crypto.X509Certificate(state.root).publicKey));
  state.alice = user('alice', enrollment);
});

test('reenroll issues a new certificate to the token holder', async () => {
  const renewed = await ca.reenroll(state.alice, [{name: 'biotdm.role'}]);
  const before = new crypto.X509Certificate(state.alice.getIdentity()._certificate);
  const after = new crypto.X509Certificate(renewed.certificate);
  assert.equal(after.subject, before.subject);
  assert.notEqual(after.serialNumber, before.serialNumber);
  assert.deepEqual(attributes(renewed.certificate), {'biotdm.role': 'operator'});
});

test('a required attribute the identity lacks refuses the enrolment', async () => {
  const error = await refusal(ca.enroll({
    enrollmentID: 'alice', enrollmentSecret: 'alice-secret-1', attr_reqs: [{name: 'biotdm.missing'}],
  }));
  assert.equal(error.code, 0);
  assert.match(error.message, /required attributes are missing: \[biotdm.missing\]/);
});

test('a second registration of one identity is refused with code 74', async () => {
  const error = await refusal(ca.register({enrollmentID: 'alice', affiliation: org, maxEnrollments: 1},
      state.registrar));
  assert.deepEqual(error, {code: 74, message: 'Identity \'alice\' is already registered'});
});

test('a bad secret is an authentication failure', async () => {
  const error = await refusal(ca.enroll({enrollmentID: 'alice', enrollmentSecret: 'wrong'}));
  assert.deepEqual(error, {code: 20, message: 'Authentication failure'});
});

test('an unknown identity is an authentication failure', async () => {
  const error = await refusal(ca.enroll({enrollmentID: 'nobody', enrollmentSecret: 'whatever'}));
  assert.deepEqual(error, {code: 20, message: 'Authentication failure'});
});

test('a token signed with another key is an authentication failure', async () => {
  const forged = User.createUser('ca-admin', '', mspId, state.registrar.getIdentity()._certificate,
      state.alice.getSigningIdentity()._signer._key.toBytes());
  const error = await refusal(ca.register({enrollmentID: 'mallory', affiliation: org, maxEnrollments: 1}, forged));
  assert.deepEqual(error, {code: 20, message: 'Authentication failure'});
});

test('a client without registrar rights may not register', async () => {
  const error = await refusal(ca.register({enrollmentID: 'bob', affiliation: org, maxEnrollments: 1}, state.alice));
  assert.deepEqual(error, {code: 71, message: 'Authorization failure'});
});

test('revoke by identity revokes its certificates and answers the CRL', async () => {
  const response = await ca.revoke({enrollmentID: 'alice', gencrl: true}, state.registrar);
  assert.equal(response.result.RevokedCerts.length, 3);
  const crl = Buffer.from(response.result.CRL, 'base64').toString();
  assert.match(crl, /-----BEGIN X509 CRL-----/);
});

test('a revoked identity can neither enrol nor use its certificate', async () => {
  const enroll = await refusal(ca.enroll({enrollmentID: 'alice', enrollmentSecret: 'alice-secret-1'}));
  assert.deepEqual(enroll, {code: 20, message: 'Authentication failure'});
  const reenroll = await refusal(ca.reenroll(state.alice));
  assert.deepEqual(reenroll, {code: 20, message: 'Authentication failure'});
});

test('an unknown CA name is refused with code 19', async () => {
  const other = new FabricCAServices(url, undefined, 'ca-none');
  const error = await refusal(other.enroll({enrollmentID: 'ca-admin', enrollmentSecret: 'x'}));
  assert.deepEqual(error, {code: 19, message: 'CA \'ca-none\' does not exist'});
});
