package org.biotdm.chaincode.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.junit.jupiter.api.Test;

class ChaincodeMainTest {

    private static ChaincodeBase chaincodeWith(ChaincodeServerProperties properties) throws Exception {
        ChaincodeBase chaincode = mock(ChaincodeBase.class);
        when(chaincode.getChaincodeServerConfig()).thenReturn(properties);
        return chaincode;
    }

    @Test
    void tls_server_trusts_only_the_peers_ca_for_client_certificates() throws Exception {
        ChaincodeServerProperties tls = new ChaincodeServerProperties();
        tls.setTlsEnabled(true);

        ChaincodeServerProperties result = ChaincodeMain.serverProperties(chaincodeWith(tls), "/etc/biotdm/tls/ca.crt");

        assertThat(result.getTrustCertCollectionFile()).isEqualTo("/etc/biotdm/tls/ca.crt");
        assertThat(result.isTlsEnabled()).isTrue();
    }

    @Test
    void plaintext_server_is_left_as_the_shim_configured_it() throws Exception {
        ChaincodeServerProperties plain = new ChaincodeServerProperties();

        ChaincodeServerProperties result =
                ChaincodeMain.serverProperties(chaincodeWith(plain), "/etc/biotdm/tls/ca.crt");

        assertThat(result.getTrustCertCollectionFile()).isNull();
        assertThat(result.isTlsEnabled()).isFalse();
    }
}
