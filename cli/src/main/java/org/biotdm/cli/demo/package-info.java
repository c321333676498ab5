/**
 * {@code biotdm demo}: the whole system on the bundled real data sets (Suthaharan motes, UCI occupancy room, AMPds2
 * water meter), from provisioning to verified anchors, ending with the line {@code DEMO … result=OK|FAILED}.
 */
package org.biotdm.cli.demo;
