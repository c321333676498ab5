/**
 * Devices: the registry the ledger keeps and the REST API that administers it.
 *
 * <p>The registry: the typed {@code devices} contract wrapper ({@link org.biotdm.gateway.device.DeviceLedger}), the
 * in-memory registry that ingress consults on every request ({@link org.biotdm.gateway.device.LedgerDeviceRegistry}),
 * and the chaincode event listener that keeps it and the {@code devices} table current ({@link
 * org.biotdm.gateway.device.DeviceEventListener}).
 *
 * <p>The REST API ({@code /api/v1/devices}, {@link org.biotdm.gateway.device.DeviceAdminOperations}): listing and
 * reading devices within the caller's rights ({@link org.biotdm.gateway.device.DeviceDirectory}), registration with a
 * one-time provisioning claim token, lifecycle changes signed by the admin's own Fabric identity, admin-authorised key
 * rotation completed by the device over mTLS ({@code /device/v1/rekey}, {@link
 * org.biotdm.gateway.device.DeviceRekeyOperations}), and ledger history ({@link
 * org.biotdm.gateway.device.DeviceAdminService}). Who may see or administer a device is decided by {@code
 * access.DeviceAccess}.
 */
package org.biotdm.gateway.device;
