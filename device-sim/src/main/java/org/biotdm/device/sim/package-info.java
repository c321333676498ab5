/**
 * The device simulator: many SDK devices over real mutual-TLS connections on one shared Netty event loop and a
 * bounded worker pool ({@link org.biotdm.device.sim.SimulatedFleet}), and the CSV replay engine
 * ({@link org.biotdm.device.sim.CsvReplay}) with its picocli command ({@link org.biotdm.device.sim.ReplayCommand}).
 */
package org.biotdm.device.sim;
