package org.biotdm.chaincode.testing;

/**
 * A submitter as the chaincode sees it through ClientIdentity: MSP ID, Fabric id and {@code biotdm.role} value.
 */
public final class Identity {
    public static final Identity ORG1_ADMIN = new Identity("Org1MSP", "admin", "admin");
    public static final Identity ORG1_OPERATOR = new Identity("Org1MSP", "operator", "operator");
    public static final Identity ORG1_AUDITOR = new Identity("Org1MSP", "auditor", "auditor");
    public static final Identity ORG1_GATEWAY = new Identity("Org1MSP", "gateway", "gateway");
    public static final Identity ORG1_AUTOMATION = new Identity("Org1MSP", "automation", "automation");
    public static final Identity ORG2_AUTOMATION = new Identity("Org2MSP", "automation", "automation");
    public static final Identity ORG1_NO_ROLE = new Identity("Org1MSP", "nobody", null);
    public static final Identity ORG2_ADMIN = new Identity("Org2MSP", "admin", "admin");
    public static final Identity ORG2_OPERATOR = new Identity("Org2MSP", "operator", "operator");
    public static final Identity ORG2_GATEWAY = new Identity("Org2MSP", "gateway", "gateway");
    public static final Identity UNKNOWN_MSP = new Identity("UnknownMSP", "stranger", null);

    private final String mspId;
    private final String id;
    private final String role;

    public Identity(final String mspId, final String commonName, final String role) {
        this.mspId = mspId;
        final String org = mspId.replace("MSP", "").toLowerCase(java.util.Locale.ROOT);
        this.id = "x509::CN=" + commonName + ", OU=client, O=" + org + "::CN=ca." + org + ", O=" + org;
        this.role = role;
    }

    public String mspId() {
        return mspId;
    }

    public String id() {
        return id;
    }

    public String role() {
        return role;
    }

    @Override
    public String toString() {
        return mspId + "/" + (role == null ? "no-role" : role);
    }
}
