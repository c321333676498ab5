/**
 * BIoT-DM on the device side: {@link org.biotdm.device.sdk} is the SDK a JVM-based device or edge gateway embeds,
 * {@link org.biotdm.device.sim} the simulator and CSV replay built on it.
 */
package org.biotdm.device;
