import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A one-connection TLS server on the JDK's own TLS stack (JSSE, what the gateway's device port runs on with
 * {@code setPreferOpenssl(false)}), for tls_test.sh: it wants a client certificate, prints {@code PORT <n>}, reads a
 * request and answers 6000 bytes, more than one 2048-byte record holds. Run with the source launcher: {@code java
 * JdkTlsServer.java <server.p12> <trust.p12> <password>}.
 */
public final class JdkTlsServer {
    private JdkTlsServer() {}

    /**
     * Serves one connection.
     *
     * @param args the server's PKCS#12 key store, the trusted CA's PKCS#12 store, their password
     * @throws Exception when the stores cannot be read or the connection fails
     */
    public static void main(String[] args) throws Exception {
        char[] password = args[2].toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(load(args[0], password), password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(load(args[1], password));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setWantClientAuth(true);
            System.out.println("PORT " + server.getLocalPort());
            System.out.flush();
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                InputStream in = socket.getInputStream();
                in.read(new byte[256]);
                OutputStream out = socket.getOutputStream();
                String peer = socket.getSession().getPeerPrincipal().getName();
                out.write(("HTTP/1.0 200 OK\r\n\r\npeer " + peer + "\n" + "x".repeat(6000) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static KeyStore load(String path, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }
}
