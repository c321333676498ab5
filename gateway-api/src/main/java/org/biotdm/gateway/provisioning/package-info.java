/**
 * Zero-touch device provisioning: the organisation's device CA ({@link org.biotdm.gateway.provisioning.DeviceCa}),
 * checks of a device's PKCS#10 request ({@link org.biotdm.gateway.provisioning.DeviceCsr}), and {@code POST
 * /device/v1/provision}, which issues the certificate and claims the device on the ledger with its one-time token.
 */
package org.biotdm.gateway.provisioning;
