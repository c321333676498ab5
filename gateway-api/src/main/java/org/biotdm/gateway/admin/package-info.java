/**
 * Device administration over REST ({@code /api/v1/devices}): listing and reading devices within the caller's rights,
 * registration with a one-time provisioning claim token, lifecycle changes signed by the admin's own Fabric identity,
 * admin-authorised key rotation completed by the device over mTLS ({@code /device/v1/rekey}), and ledger history.
 */
package org.biotdm.gateway.admin;
