package org.biotdm.cli.bench;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.biotdm.cli.Console;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench tls}: what a device (re)connection costs the gateway's TLS server, with the JDK's JSSE (what both
 * device ports use) as the in-run baseline against BouncyCastle's JSSE provider (BCJSSE on BC's own P-256 and ECDSA),
 * for full handshakes and TLS 1.3 resumed ones ({@link TlsHandshakes}). The figure is the server engine's time per
 * handshake over buffers in memory, one thread: the CPU a reconnect storm costs, without network or scheduling noise.
 */
@Command(
        name = "tls",
        mixinStandardHelpOptions = true,
        description = {
            "TLS handshake cost of the device ports' server side: the JDK's JSSE against BouncyCastle's (BCJSSE),"
                    + " full and TLS 1.3 resumed, mutual P-256 authentication, in memory on one thread.",
            "Last line: BENCH tls handshakes=.. jdk_full_ms=.. jdk_resumed_ms=.. bc_full_ms=.. bc_resumed_ms=.."
                    + " bc_speedup_full=.. (server time per handshake, medians)."
        })
final class TlsBench implements Callable<Integer> {
    @Option(
            names = "--handshakes",
            paramLabel = "N",
            defaultValue = "500",
            description = "Measured handshakes of each kind and provider (default: ${DEFAULT-VALUE}).")
    int handshakes;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "200",
            description =
                    "Handshakes of each kind and provider before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--protocol",
            paramLabel = "TLSv1.3|TLSv1.2",
            defaultValue = "TLSv1.3",
            description = "The protocol version (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() throws Exception {
        if (handshakes < 1 || handshakes > 1_000_000 || warmup < 0 || warmup > 1_000_000) {
            return console.refuse("--handshakes must be 1-1000000 and --warmup 0-1000000");
        }
        if (!"TLSv1.3".equals(protocol) && !"TLSv1.2".equals(protocol)) {
            return console.refuse("--protocol must be TLSv1.3 or TLSv1.2, was " + protocol);
        }
        HandshakeKeys keys = HandshakeKeys.generate();
        Provider jdk = SSLContext.getDefault().getProvider();
        Provider bc = new BouncyCastleJsseProvider(bcProvider());
        double[] jdkFigures = measure("JDK " + jdk.getName(), new TlsHandshakes(jdk, keys, protocol));
        double[] bcFigures = measure("BouncyCastle " + bc.getName(), new TlsHandshakes(bc, keys, protocol));
        console.result("BENCH tls handshakes=" + handshakes + " protocol=" + protocol + " jdk_full_ms="
                + BenchStats.format(jdkFigures[0]) + " jdk_resumed_ms=" + BenchStats.format(jdkFigures[1])
                + " bc_full_ms=" + BenchStats.format(bcFigures[0]) + " bc_resumed_ms="
                + BenchStats.format(bcFigures[1]) + " bc_speedup_full="
                + String.format(Locale.ROOT, "%.2f", BenchStats.ratio(jdkFigures[0], bcFigures[0])));
        return 0;
    }

    private static Provider bcProvider() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return installed != null ? installed : new BouncyCastleProvider();
    }

    /** Returns the median server time of a full and of a resumed handshake, ms. */
    private double[] measure(String name, TlsHandshakes server) throws Exception {
        double[] full = new double[handshakes];
        double[] resumed = new double[handshakes];
        SSLContext returning = server.newDevice();
        for (int i = -warmup; i < handshakes; i++) {
            double fullMs = BenchStats.millis(server.handshake(server.newDevice()));
            double resumedMs = BenchStats.millis(server.handshake(returning));
            if (i >= 0) {
                full[i] = fullMs;
                resumed[i] = resumedMs;
            }
        }
        double[] medians = {BenchStats.median(full), BenchStats.median(resumed)};
        console.err()
                .println(String.format(
                        Locale.ROOT,
                        "%s: full %.3f ms (p99 %.3f), resumed %.3f ms (p99 %.3f) of server time per handshake",
                        name,
                        medians[0],
                        BenchStats.percentile(full, 99),
                        medians[1],
                        BenchStats.percentile(resumed, 99)));
        return medians;
    }
}
