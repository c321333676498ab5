package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /device/v1/commands/{commandId}/receipt}. Unknown fields are refused.
 *
 * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
 * @param resultSha256 the SHA-256 of the result, 64 lower-case hex digits; or leave it out and send {@code result}
 * @param result the result as JSON; the gateway stores it and computes {@code resultSha256} from its canonical text
 *     ({@link org.biotdm.protocol.json.CanonicalJson}); not together with {@code resultSha256}
 * @param signature standard base64 of the device's ECDSA P-256 signature (DER or raw {@code r||s}) over the
 *     canonical {@code biotdm-receipt-v1} text ({@link org.biotdm.protocol.receipt.CommandReceipt})
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ReceiptRequest(
        @Nullable String status,
        @Nullable String resultSha256,
        @Nullable JsonNode result,
        @Nullable String signature) {}
