/**
 * Firmware catalogue: manufacturers publish and revoke firmware images per device model, and device owners record
 * updates, which must go to a published, unrevoked version no lower than the installed one.
 */
package org.biotdm.chaincode.firmware;
