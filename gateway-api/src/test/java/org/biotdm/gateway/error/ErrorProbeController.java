package org.biotdm.gateway.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.biotdm.gateway.ledger.LedgerException;

/** Test-only endpoints that fail in every way a real one can, to check the error shape end to end. */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/v1/error-probe")
@Requires(property = "biotdm.test.error-probe", value = "true")
class ErrorProbeController {

    @Serdeable
    record Probe(@Nullable @NotBlank String name, @Nullable @Min(1) @Max(10) Integer count) {}

    @Post("/json")
    String json(@Body @Valid Probe probe) {
        return probe.name();
    }

    @Get("/query{?count}")
    String query(@Nullable @QueryValue @Min(1) Integer count) {
        return String.valueOf(count);
    }

    @Get("/boom")
    String boom() {
        throw new IllegalStateException("secret detail from a bug");
    }

    @Get("/ledger")
    String ledger() throws LedgerException {
        throw new LedgerException(
                LedgerException.Kind.UNKNOWN_OUTCOME,
                ErrorCode.LEDGER_UNKNOWN_OUTCOME,
                "commit status unknown",
                "tx-42",
                null);
    }

    @Get("/database")
    String database() {
        throw ApiException.databaseUnavailable(5, null);
    }

    @Get("/async")
    CompletableFuture<String> async() {
        return CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(new ApiException(ErrorCode.USER_EXISTS, "async conflict"));
        });
    }
}
