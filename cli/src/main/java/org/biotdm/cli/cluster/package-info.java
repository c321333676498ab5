/**
 * {@code biotdm cluster}: cluster-head session keys ({@code protocol/cluster-keys-v1.md}) run with the demo's devices
 * against a running stack.
 */
package org.biotdm.cli.cluster;
