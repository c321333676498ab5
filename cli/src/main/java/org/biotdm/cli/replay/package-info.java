/**
 * Readings sent to a running stack by simulated devices: {@code biotdm replay} (device-sim's CSV replay with the
 * stack's defaults) and {@code biotdm load} (generated readings at a given rate, ending with {@code LOAD …}).
 */
package org.biotdm.cli.replay;
