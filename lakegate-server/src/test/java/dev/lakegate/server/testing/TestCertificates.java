package dev.lakegate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed certificates for TLS tests, made by the JDK's keytool, and a context that trusts them. */
public final class TestCertificates {
    private TestCertificates() {}

    /**
     * A PKCS#12 store in {@code dir} with a fresh self-signed EC certificate.
     *
     * @param subjectAltNames e.g. {@code dns:localhost,ip:127.0.0.1}
     */
    public static Path selfSigned(Path dir, String password, String subjectAltNames) throws Exception {
        Path keystore = Files.createTempFile(dir, "cert-", ".p12");
        Files.delete(keystore); // keytool creates it
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "lakegate", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=" + subjectAltNames, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return keystore;
    }

    /** A TLS context whose only trusted certificates are those of {@code keystore}. */
    public static SSLContext trusting(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
