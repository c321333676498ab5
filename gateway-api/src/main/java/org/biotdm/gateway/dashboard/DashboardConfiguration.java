package org.biotdm.gateway.dashboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * Where the built dashboard is, under {@code biotdm.dashboard}.
 *
 * <p>The default is in {@code application.yml}: {@code dashboard/target/dist}, relative to the working directory, which
 * is where {@code npm run build} in the {@code dashboard/} module writes it (the repository root is the working
 * directory of {@code java -jar gateway-api/target/gateway-api.jar}; {@code scripts/biotdm} passes an absolute path).
 * A missing directory is not an error: the API runs without a dashboard and {@code /} answers 404.
 *
 * @param dir the directory holding {@code index.html} and {@code assets/}
 */
@Context
@ConfigurationProperties("biotdm.dashboard")
record DashboardConfiguration(@NotNull Path dir) {}
