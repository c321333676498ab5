package org.biotdm.gateway.users;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import org.biotdm.gateway.config.DataDirectory;

/**
 * Provides the key that signs and verifies access tokens: ES256 (ECDSA P-256 with SHA-256, RFC 7518 §3.4), read from
 * {@code biotdm.users.jwt-signing-key} or generated on first start into {@code <data-dir>/users/jwt-signing-key.pem}
 * (owner-only permissions) so tokens survive a restart. Every gateway instance behind one load balancer must share
 * the key.
 */
@Factory
final class JwtSigningKeyFactory {

    /**
     * Creates the signature configuration Micronaut Security signs with (its bean name {@code generator}) and
     * verifies every presented token against.
     *
     * @param configuration the users settings
     * @param dataDir the service's data directory
     * @return the configuration
     * @throws UncheckedIOException when the key file cannot be read, parsed or created
     */
    @Singleton
    @Named("generator")
    ECSignatureGeneratorConfiguration jwtSigningKey(UsersConfiguration configuration, DataDirectory dataDir) {
        Path file = configuration.jwtSigningKey() != null
                ? configuration.jwtSigningKey()
                : dataDir.resolve("users", "jwt-signing-key.pem");
        KeyPair pair;
        try {
            pair = PemKeys.loadOrCreateEcKeyPair(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT signing key " + file, e);
        }
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        String kid = PemKeys.keyId(publicKey);
        return new ECSignatureGeneratorConfiguration() {
            @Override
            public ECPrivateKey getPrivateKey() {
                return privateKey;
            }

            @Override
            public Optional<String> getKid() {
                return Optional.of(kid);
            }

            @Override
            public ECPublicKey getPublicKey() {
                return publicKey;
            }

            @Override
            public JWSAlgorithm getJwsAlgorithm() {
                return JWSAlgorithm.ES256;
            }
        };
    }
}
