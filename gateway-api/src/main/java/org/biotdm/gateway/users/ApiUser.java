package org.biotdm.gateway.users;

import io.micronaut.security.authentication.Authentication;
import java.util.Map;
import java.util.Objects;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * A signed-in person as the API sees them: taken from the claims of a verified access token.
 *
 * @param userId the user's numeric ID in the {@code users} table
 * @param username the login name, {@code [a-z0-9][a-z0-9._-]{2,63}}
 * @param mspId the MSP ID of the person's organisation, for example {@code Org1MSP}
 * @param role the person's role
 * @param fabricId the Fabric client identity of the person's certificate as the chaincode sees it, {@code
 *     x509::<subject DN>::<issuer DN>} (what grants name in {@code granteeId})
 */
public record ApiUser(long userId, String username, String mspId, ApiRole role, String fabricId) {
    /** JWT claim holding {@link #userId()}. */
    public static final String CLAIM_USER_ID = "uid";
    /** JWT claim holding {@link #mspId()}. */
    public static final String CLAIM_MSP = "msp";
    /** JWT claim holding {@link #fabricId()}. */
    public static final String CLAIM_FABRIC_ID = "fid";

    /**
     * Checks the components.
     *
     * @param userId the user ID
     * @param username the login name
     * @param mspId the MSP ID
     * @param role the role
     * @param fabricId the Fabric client identity
     */
    public ApiUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(fabricId, "fabricId");
    }

    /**
     * Reads the user from Micronaut Security's authentication of a request carrying a valid access token.
     *
     * @param authentication the authentication
     * @return the user
     * @throws ApiException 401 {@code AUTH_INVALID} when the token lacks a claim of a BIoT-DM access token or holds
     *     no single known role
     */
    public static ApiUser from(Authentication authentication) {
        Map<String, Object> claims = authentication.getAttributes();
        Object uid = claims.get(CLAIM_USER_ID);
        Object msp = claims.get(CLAIM_MSP);
        Object fid = claims.get(CLAIM_FABRIC_ID);
        if (!(uid instanceof Number number) || !(msp instanceof String mspId) || !(fid instanceof String fabricId)) {
            throw invalid();
        }
        if (authentication.getRoles().size() != 1) {
            throw invalid();
        }
        ApiRole role =
                ApiRole.parse(authentication.getRoles().iterator().next()).orElseThrow(ApiUser::invalid);
        return new ApiUser(number.longValue(), authentication.getName(), mspId, role, fabricId);
    }

    /**
     * Tells whether the user holds a role.
     *
     * @param candidate the role
     * @return true when {@link #role()} is {@code candidate}
     */
    public boolean is(ApiRole candidate) {
        return role == candidate;
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.AUTH_INVALID, "The access token is not a BIoT-DM user token");
    }
}
