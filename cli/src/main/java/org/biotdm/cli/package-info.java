/**
 * The {@code biotdm} command line ({@code scripts/biotdm}, main class {@link org.biotdm.cli.BiotdmMain}) and what its
 * commands share: the {@link org.biotdm.cli.Console} mixin (result lines to standard output, progress to standard
 * error), the gateway API client, the first users' credentials, device registration for zero-touch provisioning,
 * simulated device fleets and progress display. The commands live in the packages below: {@code stack} ({@code up}),
 * {@code verify}, {@code demo}, {@code replay} (with {@code load}) and {@code bench}.
 */
package org.biotdm.cli;
