package org.biotdm.gateway.users;

/**
 * A row of the {@code users} table.
 *
 * @param id the user ID
 * @param username the login name
 * @param mspId the organisation's MSP ID
 * @param role the role
 * @param passwordHash the Argon2id hash (PHC string)
 * @param fabricId the Fabric client identity, {@code x509::<subject DN>::<issuer DN>}
 * @param certificatePem the Fabric identity's certificate, PEM
 * @param keyCiphertext the encrypted PKCS#8 private key ({@link KeyVault} format)
 * @param enabled false once an admin disabled the user
 */
record StoredUser(
        long id,
        String username,
        String mspId,
        ApiRole role,
        String passwordHash,
        String fabricId,
        String certificatePem,
        byte[] keyCiphertext,
        boolean enabled) {

    /**
     * Returns the user as the API sees them.
     *
     * @return the user
     */
    ApiUser toApiUser() {
        return new ApiUser(id, username, mspId, role, fabricId);
    }
}
