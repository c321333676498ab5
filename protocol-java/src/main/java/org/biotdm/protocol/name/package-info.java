/**
 * The naming rule of {@code protocol/names.md}: which sensor names and device IDs are valid, and the one mapping from
 * labels found in real data files to valid names.
 */
package org.biotdm.protocol.name;
