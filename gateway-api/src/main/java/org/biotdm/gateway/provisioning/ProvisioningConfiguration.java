package org.biotdm.gateway.provisioning;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Holds the {@code biotdm.provisioning.*} settings: the device CA's PKCS#12 keystore, whether a development CA may be
 * generated when it is missing, the validity of device certificates, and the metadata entry that carries a claim
 * token's expiry.
 */
@ConfigurationProperties("biotdm.provisioning")
public class ProvisioningConfiguration {
    private Path caKeystore;
    private String caKeystorePassword = "changeit";
    private String caKeyAlias = "device-ca";
    private boolean generateCa = true;
    private Duration certificateValidity = Duration.ofDays(365);
    private Duration generatedCaValidity = Duration.ofDays(3650);
    private String claimExpiryMetadata = "claimTokenExpiresAt";

    /**
     * Returns the PKCS#12 keystore holding the device CA's private key and certificate.
     *
     * @return the path, or null for {@code ${biotdm.data-dir}/device-ca.p12}
     */
    @Nullable
    public Path getCaKeystore() {
        return caKeystore;
    }

    /**
     * Sets the device CA keystore.
     *
     * @param caKeystore the PKCS#12 file, or null for the default under the data directory
     */
    public void setCaKeystore(@Nullable Path caKeystore) {
        this.caKeystore = caKeystore;
    }

    /**
     * Returns the keystore's password (also the key entry's password).
     *
     * @return the password; {@code changeit} by default, which only suits development
     */
    public String getCaKeystorePassword() {
        return caKeystorePassword;
    }

    /**
     * Sets the keystore's password.
     *
     * @param caKeystorePassword the password
     */
    public void setCaKeystorePassword(String caKeystorePassword) {
        this.caKeystorePassword = caKeystorePassword;
    }

    /**
     * Returns the alias of the CA's key entry; when the keystore has no entry of that name, its only key entry is used.
     *
     * @return {@code device-ca} by default
     */
    public String getCaKeyAlias() {
        return caKeyAlias;
    }

    /**
     * Sets the alias of the CA's key entry.
     *
     * @param caKeyAlias the alias
     */
    public void setCaKeyAlias(String caKeyAlias) {
        this.caKeyAlias = caKeyAlias;
    }

    /**
     * Tells whether a missing keystore is created with a new self-signed P-256 CA (development); when false, a missing
     * keystore stops the service at startup.
     *
     * @return true by default
     */
    public boolean isGenerateCa() {
        return generateCa;
    }

    /**
     * Allows or forbids generating a development CA.
     *
     * @param generateCa true to generate a CA when the keystore is missing
     */
    public void setGenerateCa(boolean generateCa) {
        this.generateCa = generateCa;
    }

    /**
     * Returns how long issued device certificates are valid (never beyond the CA certificate).
     *
     * @return one year by default
     */
    public Duration getCertificateValidity() {
        return certificateValidity;
    }

    /**
     * Sets how long issued device certificates are valid.
     *
     * @param certificateValidity the validity
     */
    public void setCertificateValidity(Duration certificateValidity) {
        this.certificateValidity = certificateValidity;
    }

    /**
     * Returns the validity of a generated development CA certificate.
     *
     * @return ten years by default
     */
    public Duration getGeneratedCaValidity() {
        return generatedCaValidity;
    }

    /**
     * Sets the validity of a generated development CA certificate.
     *
     * @param generatedCaValidity the validity
     */
    public void setGeneratedCaValidity(Duration generatedCaValidity) {
        this.generatedCaValidity = generatedCaValidity;
    }

    /**
     * Returns the name of the device metadata entry in which an administrator may set the claim token's expiry, as
     * epoch milliseconds, when registering a device for zero-touch provisioning.
     *
     * @return {@code claimTokenExpiresAt} by default
     */
    public String getClaimExpiryMetadata() {
        return claimExpiryMetadata;
    }

    /**
     * Sets the name of the metadata entry holding the claim token's expiry.
     *
     * @param claimExpiryMetadata the metadata name
     */
    public void setClaimExpiryMetadata(String claimExpiryMetadata) {
        this.claimExpiryMetadata = claimExpiryMetadata;
    }
}
