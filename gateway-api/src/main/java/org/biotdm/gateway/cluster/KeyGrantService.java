package org.biotdm.gateway.cluster;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.Jdbc;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;

/**
 * Vouches for both members of a key grant a cluster head is about to issue and records the grant's hash, which {@link
 * KeyGrantAnchoring} later anchors in a batch. The head issues the key only after this answer, so every issued key
 * has its grant on record; the key itself never reaches the gateway.
 */
@Singleton
final class KeyGrantService {
    private static final HexFormat HEX = HexFormat.of();

    private final ClusterMembership membership;
    private final DataSource dataSource;
    private final long clockSkewMs;
    private final KeyGrantRepository grants = new KeyGrantRepository();

    /**
     * Creates the service.
     *
     * @param membership the membership decision
     * @param dataSource the database
     * @param configuration the grant clock skew
     */
    public KeyGrantService(ClusterMembership membership, DataSource dataSource, ClusterConfiguration configuration) {
        this.membership = membership;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clockSkewMs = configuration.grantClockSkew().toMillis();
    }

    /**
     * Checks and records a grant.
     *
     * @param headId the cluster head, the client certificate's device
     * @param request the grant's fields
     * @return the recorded grant's hash and ordered pair
     * @throws ApiException 400 {@code INVALID_ARGUMENT} (clock skew, lifetime, same member twice, a key ID already
     *     used by another grant), the membership codes of {@link ClusterMembership#require}, 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public KeyGrantResponse record(String headId, KeyGrantRequest request) {
        long now = System.currentTimeMillis();
        if (Math.abs(request.issuedAt() - now) > clockSkewMs) {
            throw ApiException.invalid("issuedAt", "must be within " + clockSkewMs + " ms of the gateway's clock");
        }
        membership.require(headId, request.memberA());
        membership.require(headId, request.memberB());
        KeyGrant grant = grant(headId, request);
        String recorded = store(grant, now);
        if (!recorded.equals(grant.sha256Hex())) {
            throw ApiException.invalid("keyId", "the key ID is already used by another grant");
        }
        return new KeyGrantResponse(grant.keyIdHex(), recorded, grant.first(), grant.second(), now);
    }

    private static KeyGrant grant(String headId, KeyGrantRequest request) {
        try {
            return KeyGrant.of(
                    HEX.parseHex(request.keyId()),
                    headId,
                    request.memberA(),
                    request.memberB(),
                    request.issuedAt(),
                    request.expiresAt());
        } catch (ClusterRefusedException e) {
            throw ApiException.invalid("grant", e.getMessage());
        }
    }

    private String store(KeyGrant grant, long now) {
        try {
            return Jdbc.autoCommit(dataSource, c -> grants.insert(c, grant, now));
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(1, e);
        }
    }
}
