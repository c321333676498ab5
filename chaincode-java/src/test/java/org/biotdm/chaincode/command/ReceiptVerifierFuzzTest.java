package org.biotdm.chaincode.command;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.testing.DeviceKeyPair;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Fuzzes the receipt signature check with any receipt and signature bytes (DER, raw {@code r||s} or neither): a
 * signature the device did not make is refused with {@code RECEIPT_SIGNATURE_INVALID}, never another exception.
 */
class ReceiptVerifierFuzzTest {
    private static final DeviceKeyPair DEVICE = DeviceKeyPair.p256();

    @FuzzTest
    void any_signature_the_device_did_not_make_is_refused_as_invalid(FuzzedDataProvider data) {
        byte[] receipt = data.consumeBytes(512);
        byte[] signature = data.consumeRemainingAsBytes();
        try {
            ReceiptVerifier.verify(DEVICE.publicKeyPem(), receipt, signature);
        } catch (ChaincodeException refused) {
            assertThat(new String(refused.getPayload(), UTF_8)).isEqualTo(ErrorCode.RECEIPT_SIGNATURE_INVALID.name());
            return;
        }
        assertThat(signature)
                .as("a signature made without the device's key verified")
                .isNull();
    }
}
