/**
 * Devices as the ledger registers them: the typed {@code devices} contract wrapper ({@link
 * org.biotdm.gateway.device.DeviceLedger}), the in-memory registry that ingress consults on every request ({@link
 * org.biotdm.gateway.device.LedgerDeviceRegistry}), and the chaincode event listener that keeps it and the {@code
 * devices} table current ({@link org.biotdm.gateway.device.DeviceEventListener}).
 */
package org.biotdm.gateway.device;
