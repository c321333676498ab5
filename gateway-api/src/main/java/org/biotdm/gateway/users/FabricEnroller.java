package org.biotdm.gateway.users;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Enrols people's Fabric identities with their organisation's Fabric CA, the dev network's and a real Fabric CA 1.5
 * alike ({@code protocol/fabric-ca.md}): a PKCS#10 request in, an X.509 certificate carrying the requested Fabric CA
 * attributes (extension 1.2.3.4.5.6.7.8.1) out.
 *
 * <p>For each person it acts as the organisation's registrar ({@code biotdm.users.registrar-id}, {@code ca-admin} by
 * default, with the secret {@link RegistrarSecrets} holds for that organisation): it enrols the registrar once (HTTP
 * Basic) and keeps its certificate and key in memory, registers the person as a client with a fresh random secret and
 * the attributes ({@code ecert}), or, when the CA already knows that name (code 74), gives the registered identity
 * the new secret and attributes ({@code PUT identities/{id}}); then it enrols the person's CSR with that secret and
 * {@code attr_reqs} for {@code hf.EnrollmentID}, {@code hf.Type}, {@code hf.Affiliation} and the attributes. A
 * registrar certificate the CA no longer accepts (401, for example after a dev network restart) is enrolled anew once.
 *
 * <p>The CA is {@code biotdm.users.enrollment-url}; its name for an organisation is {@code
 * biotdm.users.ca-names.<MSP ID>}, by default {@code ca-orgN} for {@code OrgNMSP} (the dev network's and {@code
 * network/fabric}'s names). Over HTTPS the CA's TLS certificate must chain to {@code
 * biotdm.users.ca-tls-root-cert} when it is set, otherwise to the JDK's trusted roots. Secrets are never logged.
 */
@Singleton
public class FabricEnroller {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DUPLICATE_IDENTITY = 74;

    private final UsersConfiguration configuration;
    private final RegistrarSecrets secrets;
    private final FabricCaClient client;
    private final Map<String, FabricCaClient.Identity> registrars = new ConcurrentHashMap<>();

    /**
     * Creates the enroller.
     *
     * @param configuration the users settings (CA URL, CA names, registrar ID, CA TLS root)
     * @param secrets the served organisations' registrar secrets
     * @param json the JSON mapper
     * @throws IllegalStateException when {@code ca-tls-root-cert} cannot be read as PEM certificates
     */
    public FabricEnroller(UsersConfiguration configuration, RegistrarSecrets secrets, JsonMapper json) {
        this.configuration = configuration;
        this.secrets = secrets;
        this.client = new FabricCaClient(configuration.enrollmentUrl(), http(configuration.caTlsRootCert()), json);
    }

    /**
     * Enrols one client identity.
     *
     * @param mspId the organisation, for example {@code Org1MSP}
     * @param enrollmentId the identity's name (the CSR's CN, as Fabric CA requires)
     * @param csrPem the PEM PKCS#10 request signed with the identity's new P-256 key
     * @param attributes the Fabric CA attributes to embed, for example {@code biotdm.role=operator}
     * @return the issued certificate, PEM
     * @throws EnrollmentFailedException when the CA refuses (4xx) or cannot be reached or fails (5xx: {@link
     *     EnrollmentFailedException#unavailable()})
     */
    public String enroll(String mspId, String enrollmentId, String csrPem, Map<String, String> attributes)
            throws EnrollmentFailedException {
        String secret = newSecret();
        String caName = caName(mspId);
        Map<String, Boolean> requests = new LinkedHashMap<>();
        requests.put("hf.EnrollmentID", true);
        requests.put("hf.Type", true);
        requests.put("hf.Affiliation", true);
        attributes.keySet().forEach(name -> requests.put(name, false));
        try {
            register(mspId, caName, enrollmentId, secret, attributes, true);
            return client.enroll(caName, enrollmentId, secret, csrPem, requests);
        } catch (FabricCaClient.Refusal e) {
            throw refused(e);
        } catch (IOException | RuntimeException e) {
            throw new EnrollmentFailedException(
                    "the CA at " + client.baseUrl() + " cannot be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentFailedException("interrupted", true, e);
        }
    }

    /**
     * Lists the organisations this enroller can enrol people into (those whose registrar it can act as).
     *
     * @return the MSP IDs, sorted
     */
    public SortedSet<String> organisations() {
        TreeSet<String> msps = new TreeSet<>();
        secrets.organisations().stream()
                .filter(msp -> secrets.secret(msp).isPresent())
                .forEach(msps::add);
        return msps;
    }

    /**
     * Returns the name of an organisation's CA.
     *
     * @param mspId the MSP ID
     * @return {@code biotdm.users.ca-names.<mspId>}, or {@code ca-orgN} for {@code OrgNMSP}
     */
    String caName(String mspId) {
        for (Map.Entry<String, String> configured : configuration.caNames().entrySet()) {
            // Property sources may lower-case map keys (environment variables do), so MSP IDs match in any case.
            if (configured.getKey().equalsIgnoreCase(mspId)) {
                return configured.getValue();
            }
        }
        String org = mspId.endsWith("MSP") ? mspId.substring(0, mspId.length() - 3) : mspId;
        return "ca-" + org.toLowerCase(Locale.ROOT);
    }

    private void register(
            String mspId,
            String caName,
            String id,
            String secret,
            Map<String, String> attributes,
            boolean retryRegistrar)
            throws FabricCaClient.Refusal, IOException, InterruptedException, EnrollmentFailedException {
        FabricCaClient.Identity registrar = registrar(mspId, caName);
        try {
            try {
                client.register(registrar, caName, id, secret, attributes, false);
            } catch (FabricCaClient.Refusal e) {
                if (e.code() != DUPLICATE_IDENTITY) {
                    throw e;
                }
                client.register(registrar, caName, id, secret, attributes, true);
            }
        } catch (FabricCaClient.Refusal e) {
            if (e.status() != 401 || !retryRegistrar) {
                throw e;
            }
            registrars.remove(mspId, registrar);
            register(mspId, caName, id, secret, attributes, false);
        }
    }

    private FabricCaClient.Identity registrar(String mspId, String caName)
            throws FabricCaClient.Refusal, IOException, InterruptedException, EnrollmentFailedException {
        FabricCaClient.Identity known = registrars.get(mspId);
        if (known != null) {
            return known;
        }
        String secret = secrets.secret(mspId)
                .orElseThrow(() -> new EnrollmentFailedException(
                        "no registrar secret for " + mspId + " (this gateway serves " + secrets.organisations()
                                + "; biotdm.users.registrar-secret-files or registrar-secrets)",
                        false,
                        null));
        KeyPair key = PemKeys.newP256();
        String id = configuration.registrarId();
        String certificate = client.enroll(caName, id, secret, PemKeys.csrPem(key, id), Map.of());
        FabricCaClient.Identity registrar = new FabricCaClient.Identity(certificate, (ECPrivateKeyParameters)
                PrivateKeyFactory.createKey(key.getPrivate().getEncoded()));
        registrars.put(mspId, registrar);
        return registrar;
    }

    private EnrollmentFailedException refused(FabricCaClient.Refusal e) {
        return new EnrollmentFailedException(
                "the CA refused the enrolment (" + e.status() + ", Fabric CA code " + e.code() + "): " + e.getMessage(),
                e.status() >= 500,
                null);
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpClient http(Path tlsRoot) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tlsRoot == null) {
            return builder.build();
        }
        try (InputStream in = Files.newInputStream(tlsRoot)) {
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int index = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                roots.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return builder.sslContext(tls).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "biotdm.users.ca-tls-root-cert " + tlsRoot + " cannot be read as PEM certificates", e);
        }
    }

    /** Thrown when an identity cannot be enrolled. */
    public static class EnrollmentFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Whether the CA could not be reached (retry later) rather than refused the request. */
        private final boolean unavailable;

        /**
         * Creates the exception.
         *
         * @param message what went wrong
         * @param unavailable true when the CA could not be reached
         * @param cause the underlying failure, or null
         */
        public EnrollmentFailedException(String message, boolean unavailable, Throwable cause) {
            super(message, cause);
            this.unavailable = unavailable;
        }

        /**
         * Tells whether the CA could not be reached.
         *
         * @return true for an outage, false for a refusal
         */
        public boolean unavailable() {
            return unavailable;
        }
    }
}
