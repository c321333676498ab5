package org.biotdm.gateway.access;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * Whom a grant names: one operator (their MSP and Fabric ID) or every operator of an MSP.
 *
 * @param mspId the grantee's MSP ID, for example {@code Org2MSP}
 * @param fabricId the grantee's Fabric ID ({@code x509::<subject>::<issuer>}), or null for every operator of the MSP
 */
public record Grantee(String mspId, @Nullable String fabricId) {
    /**
     * Checks the MSP ID.
     *
     * @param mspId the MSP ID, not null
     * @param fabricId the Fabric ID, or null
     */
    public Grantee {
        Objects.requireNonNull(mspId, "mspId");
    }
}
