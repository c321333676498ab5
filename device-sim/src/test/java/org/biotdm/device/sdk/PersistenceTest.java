package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.protocol.telemetry.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a restart or a crash: sequence numbers, buffered batches, key and certificate. */
class PersistenceTest {
    @TempDir
    Path dir;

    @Nested
    class Sequence_store {
        @Test
        void numbers_continue_after_a_restart_and_are_never_reused() throws Exception {
            Path file = dir.resolve("seq");
            SequenceStore first = SequenceStore.open(file, 4);
            List<Long> handedOut = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handedOut.add(first.next());
            }

            SequenceStore restarted = SequenceStore.open(file, 4);
            long next = restarted.next();

            assertThat(handedOut).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(next)
                    .as("the block reserved before the crash is skipped")
                    .isEqualTo(8L);
            assertThat(Files.readString(file).trim()).isEqualTo("12");
        }

        @Test
        void a_block_of_one_writes_every_number() throws Exception {
            Path file = dir.resolve("seq");
            SequenceStore store = SequenceStore.open(file, 1);
            store.next();
            store.next();

            assertThat(SequenceStore.open(file, 1).next()).isEqualTo(2L);
        }

        @Test
        void a_corrupt_file_is_an_error_not_a_restart_at_zero() throws Exception {
            Path file = dir.resolve("seq");
            Files.writeString(file, "garbage");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SequenceStore.open(file, 1))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("Corrupt");
        }
    }

    @Nested
    class File_buffer {
        private SignedBatch batch(long seq) {
            return SignedBatch.sign(
                    "d-1",
                    seq,
                    1_700_000_000_000L,
                    List.of(Reading.number("t", "21.5", "C", Reading.NO_TS)),
                    DeviceKeys.generate());
        }

        @Test
        void unacknowledged_batches_survive_a_crash_byte_for_byte_in_sequence_order() throws Exception {
            FileBatchBuffer buffer = FileBatchBuffer.open(dir, true);
            SignedBatch b3 = batch(3);
            SignedBatch b1 = batch(1);
            SignedBatch b2 = batch(2);
            buffer.append(b3);
            buffer.append(b1);
            buffer.append(b2);
            buffer.remove(2);
            // The process dies here: no close, and a write torn half-way is left behind.
            Files.write(dir.resolve("0000000000000000004.batch.tmp"), "biotdm-batch-v1 seq=4".getBytes());

            FileBatchBuffer reopened = FileBatchBuffer.open(dir, true);

            assertThat(reopened.pending()).extracting(SignedBatch::seq).containsExactly(1L, 3L);
            assertThat(reopened.pending().get(1).body()).isEqualTo(b3.body());
            assertThat(reopened.pending().get(1).readingCount()).isEqualTo(1);
            assertThat(Files.exists(dir.resolve("0000000000000000004.batch.tmp")))
                    .isFalse();
        }

        @Test
        void a_damaged_batch_file_is_set_aside_and_reported_not_sent() throws Exception {
            FileBatchBuffer buffer = FileBatchBuffer.open(dir, false);
            buffer.append(batch(5));
            Path file = dir.resolve("0000000000000000005.batch");
            byte[] content = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(content, content.length - 3));

            FileBatchBuffer reopened = FileBatchBuffer.open(dir, false);

            assertThat(reopened.pending()).isEmpty();
            assertThat(reopened.corruptFiles()).hasSize(1);
            assertThat(Files.exists(dir.resolve("0000000000000000005.batch.corrupt")))
                    .isTrue();
        }
    }

    @Nested
    class Device_state {
        @Test
        void the_key_is_generated_once_and_read_back_after_a_restart() throws Exception {
            DeviceState state = DeviceState.open(dir, "d-1");
            DeviceKeys keys = state.keys();

            DeviceKeys again = DeviceState.open(dir, "d-1").keys();
            byte[] message = "m".getBytes(StandardCharsets.UTF_8);

            assertThat(again.publicKeyPem()).isEqualTo(keys.publicKeyPem());
            assertThat(keys.verify(message, again.sign(message))).isTrue();
            assertThat(state.isProvisioned()).isFalse();
        }

        @Test
        void a_state_directory_belongs_to_one_device() throws Exception {
            DeviceState.open(dir, "d-1");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceState.open(dir, "d-2"))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("belongs to device d-1");
        }

        @Test
        void the_csr_names_the_device_and_carries_its_key() throws Exception {
            DeviceKeys keys = DeviceKeys.generate();
            String pem = keys.csrPem("d-17");

            try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(pem))) {
                var csr = (org.bouncycastle.pkcs.PKCS10CertificationRequest) parser.readObject();
                assertThat(csr.getSubject().toString()).isEqualTo("CN=d-17");
                assertThat(csr.getSubjectPublicKeyInfo().getEncoded())
                        .isEqualTo(keys.keyPair().getPublic().getEncoded());
                assertThat(csr.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                                .build(csr.getSubjectPublicKeyInfo())))
                        .isTrue();
            }
        }
    }
}
