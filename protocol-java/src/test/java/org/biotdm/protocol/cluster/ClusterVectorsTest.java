package org.biotdm.protocol.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.vectors.VectorFiles;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterVectorsTest {
    private static final Map<String, Object> VECTORS = VectorFiles.read("cluster-keys-v1.json");
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Map<String, Object>> exchanges() {
        return VectorFiles.maps(VECTORS.get("exchanges")).stream();
    }

    static Stream<Map<String, Object>> refusals() {
        return VectorFiles.maps(VECTORS.get("refusals")).stream();
    }

    static Stream<Map<String, Object>> sequences() {
        return VectorFiles.maps(VECTORS.get("message_sequences")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void encodes_every_message_of_the_exchange_and_derives_the_same_kek_on_both_sides(Map<String, Object> vector) {
        AsymmetricCipherKeyPair x = ephemeral(vector, "member_ephemeral_scalar_hex");
        AsymmetricCipherKeyPair y = ephemeral(vector, "head_ephemeral_scalar_hex");
        AuthExchange.Hello hello = AuthExchange.Hello.parse(hex(vector, "hello_hex"));
        AuthExchange.Transcript transcript =
                hello.with(ClusterCrypto.encodePoint((ECPublicKeyParameters) y.getPublic()));

        assertThat(hello.gx()).isEqualTo(ClusterCrypto.encodePoint((ECPublicKeyParameters) x.getPublic()));
        assertThat(hello.bytes()).isEqualTo(hex(vector, "hello_hex"));
        assertThat(transcript.bytes()).isEqualTo(hex(vector, "transcript_hex"));
        assertThat(EcdsaP256.sha256(transcript.bytes())).isEqualTo(hex(vector, "transcript_sha256"));
        assertThat(transcript.signedBytes(AuthExchange.HEAD_ROLE)).isEqualTo(hex(vector, "head_signed_hex"));
        assertThat(transcript.signedBytes(AuthExchange.MEMBER_ROLE)).isEqualTo(hex(vector, "member_signed_hex"));
        byte[] memberSide = ClusterCrypto.agree(
                (ECPrivateKeyParameters) x.getPrivate(), ClusterCrypto.decodePoint(transcript.gy()));
        byte[] headSide =
                ClusterCrypto.agree((ECPrivateKeyParameters) y.getPrivate(), ClusterCrypto.decodePoint(hello.gx()));
        assertThat(memberSide).isEqualTo(headSide).isEqualTo(hex(vector, "shared_secret_hex"));
        assertThat(transcript.kek(memberSide)).isEqualTo(hex(vector, "kek_hex"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void signs_and_verifies_both_transcript_signatures_with_the_registered_keys(Map<String, Object> vector) {
        AuthExchange.Hello hello = AuthExchange.Hello.parse(hex(vector, "hello_hex"));
        AuthExchange.Reply reply = AuthExchange.Reply.parse(hex(vector, "reply_hex"));
        AuthExchange.Finish finish = AuthExchange.Finish.parse(hex(vector, "finish_hex"));
        AuthExchange.Transcript transcript = hello.with(reply.gy());

        transcript.verify(AuthExchange.HEAD_ROLE, publicKey((String) vector.get("head_key")), reply.signature());
        transcript.verify(AuthExchange.MEMBER_ROLE, publicKey((String) vector.get("member_key")), finish.signature());
        assertThat(transcript.sign(AuthExchange.HEAD_ROLE, privateKey((String) vector.get("head_key"))))
                .isEqualTo(reply.signature());
        assertThat(new AuthExchange.Finish(finish.member(), finish.nonce(), finish.signature()).bytes())
                .isEqualTo(hex(vector, "finish_hex"));
        assertThat(finish.member()).isEqualTo(vector.get("member"));
    }

    @Test
    void derives_the_pair_key_and_wraps_it_for_each_member() {
        Map<String, Object> vector = VectorFiles.asMap(VECTORS.get("grant"));
        KeyGrant grant = KeyGrant.of(
                hex(vector, "key_id_hex"),
                (String) vector.get("head"),
                (String) vector.get("second"),
                (String) vector.get("first"),
                (Long) vector.get("issued_at"),
                (Long) vector.get("expires_at"));

        assertThat(grant.first()).isEqualTo(vector.get("first"));
        assertThat(grant.bytes()).isEqualTo(hex(vector, "grant_hex"));
        assertThat(grant.sha256Hex()).isEqualTo(vector.get("grant_sha256"));
        byte[] pairKey = grant.pairKey(hex(vector, "seed_hex"));
        assertThat(pairKey).isEqualTo(hex(vector, "pair_key_hex"));
        for (Map<String, Object> wrap : VectorFiles.maps(vector.get("wraps"))) {
            String member = (String) wrap.get("member");
            assertThat(grant.wrap(hex(wrap, "kek_hex"), member, pairKey)).isEqualTo(hex(wrap, "delivery_hex"));
            KeyGrant.Unwrapped unwrapped = KeyGrant.unwrap(hex(wrap, "kek_hex"), member, hex(wrap, "delivery_hex"));
            assertThat(unwrapped.pairKey()).isEqualTo(pairKey);
            assertThat(unwrapped.grant().bytes()).isEqualTo(grant.bytes());
        }
    }

    @Test
    void authenticates_the_key_request() {
        Map<String, Object> vector = VectorFiles.asMap(VECTORS.get("key_request"));
        KeyRequest request =
                new KeyRequest((String) vector.get("member"), (String) vector.get("peer"), (Long) vector.get("time"));

        assertThat(request.seal(hex(vector, "kek_hex"))).isEqualTo(hex(vector, "sealed_hex"));
        assertThat(KeyRequest.open(hex(vector, "sealed_hex"), member -> hex(vector, "kek_hex")))
                .isEqualTo(request);
    }

    @Test
    void encrypts_the_messages_of_both_members_in_order() {
        KeyGrant.Unwrapped grant = unwrappedGrant();
        long now = grant.grant().issuedAt() + 1000;
        PairChannel first =
                new PairChannel(grant.grant(), grant.pairKey(), grant.grant().first());
        PairChannel second =
                new PairChannel(grant.grant(), grant.pairKey(), grant.grant().second());
        for (Map<String, Object> message : VectorFiles.maps(VECTORS.get("messages"))) {
            boolean fromFirst = grant.grant().first().equals(message.get("sender"));
            byte[] plaintext = ((String) message.get("plaintext")).getBytes(StandardCharsets.UTF_8);

            assertThat((fromFirst ? first : second).seal(plaintext, now)).isEqualTo(hex(message, "message_hex"));
            assertThat((fromFirst ? second : first).open(hex(message, "message_hex"), now))
                    .isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses_with_the_code_the_vector_names(Map<String, Object> vector) {
        assertThatThrownBy(() -> refusedStep(vector)).isInstanceOfSatisfying(ClusterRefusedException.class, e -> {
            assertThat(e.error().code()).isEqualTo(vector.get("result"));
            assertThat(e.getMessage()).startsWith("[" + vector.get("result") + "] ");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void receives_each_message_of_a_sequence_as_the_vector_says(Map<String, Object> vector) {
        KeyGrant.Unwrapped grant = unwrappedGrant();
        PairChannel receiver = new PairChannel(grant.grant(), grant.pairKey(), (String) vector.get("receiver"));
        List<String> results = new ArrayList<>();
        for (Object message : (List<?>) vector.get("messages_hex")) {
            try {
                receiver.open(HEX.parseHex((String) message), (Long) vector.get("now"));
                results.add("OK");
            } catch (ClusterRefusedException e) {
                results.add(e.error().code());
            }
        }

        assertThat(results).isEqualTo(vector.get("results"));
    }

    private static void refusedStep(Map<String, Object> vector) {
        byte[] input = hex(vector, "input_hex");
        switch ((String) vector.get("step")) {
            case "hello" -> AuthExchange.Hello.parse(input);
            case "reply", "finish" -> verifyAgainstExchange(vector, input);
            case "unwrap" -> KeyGrant.unwrap(hex(vector, "kek_hex"), (String) vector.get("member"), input);
            case "key_request" -> KeyRequest.open(input, member -> hex(vector, "kek_hex"));
            default -> throw new IllegalArgumentException("unknown step " + vector.get("step"));
        }
    }

    private static void verifyAgainstExchange(Map<String, Object> vector, byte[] input) {
        Map<String, Object> exchange =
                VectorFiles.maps(VECTORS.get("exchanges")).get(((Long) vector.get("exchange")).intValue());
        AuthExchange.Hello hello = AuthExchange.Hello.parse(hex(exchange, "hello_hex"));
        if ("reply".equals(vector.get("step"))) {
            AuthExchange.Reply reply = AuthExchange.Reply.parse(input);
            hello.with(reply.gy())
                    .verify(AuthExchange.HEAD_ROLE, publicKey((String) exchange.get("head_key")), reply.signature());
        } else {
            AuthExchange.Reply reply = AuthExchange.Reply.parse(hex(exchange, "reply_hex"));
            AuthExchange.Finish finish = AuthExchange.Finish.parse(input);
            hello.with(reply.gy())
                    .verify(
                            AuthExchange.MEMBER_ROLE,
                            publicKey((String) exchange.get("member_key")),
                            finish.signature());
        }
    }

    static KeyGrant.Unwrapped unwrappedGrant() {
        Map<String, Object> wrap = VectorFiles.maps(
                        VectorFiles.asMap(VECTORS.get("grant")).get("wraps"))
                .get(0);
        return KeyGrant.unwrap(hex(wrap, "kek_hex"), (String) wrap.get("member"), hex(wrap, "delivery_hex"));
    }

    private static AsymmetricCipherKeyPair ephemeral(Map<String, Object> vector, String field) {
        return ClusterCrypto.fromScalar(new BigInteger((String) vector.get(field), 16));
    }

    static ECPublicKeyParameters publicKey(String name) {
        return EcdsaP256.publicKeyFromPem(VectorFiles.keyPem(name, "spki_pem"));
    }

    static ECPrivateKeyParameters privateKey(String name) {
        return EcdsaP256.privateKeyFromPem(VectorFiles.keyPem(name, "pkcs8_pem"));
    }

    static byte[] hex(Map<String, Object> vector, String field) {
        return HEX.parseHex((String) vector.get(field));
    }
}
