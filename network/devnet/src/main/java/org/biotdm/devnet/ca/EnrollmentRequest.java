package org.biotdm.devnet.ca;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request to enrol an identity into an organisation.
 *
 * @param mspId the organisation to enrol into, for example {@code Org1MSP}
 * @param enrollmentId the identity's name, which becomes the certificate CN; 1 to 64 of {@code [A-Za-z0-9._@-]}
 * @param csrPem the PEM PKCS#10 request, signed with the EC P-256 key to certify
 * @param type the NodeOU: only {@code client} is issued; null means {@code client}
 * @param attributes Fabric CA attributes to embed, for example {@code biotdm.role=device}; null means none
 */
record EnrollmentRequest(
        String mspId, String enrollmentId, String csrPem, String type, Map<String, String> attributes) {

    /** Fills the defaults and keeps an ordered, unmodifiable copy of the attributes. */
    public EnrollmentRequest {
        type = type == null ? "client" : type;
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
