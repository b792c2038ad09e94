package dev.walletwatch.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.config.ConfigException;
import dev.walletwatch.receiver.config.ConfigLoader;
import dev.walletwatch.receiver.testing.ScriptedSmsProvider;
import dev.walletwatch.receiver.testing.TestConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through real Jetty with a self-signed certificate that keytool creates for the test, and
 * the config errors for keystores that cannot be used.
 */
class TlsTest {
  private static final String STORE_PASSWORD = "tls-store-password";
  private static final String WEBHOOK =
      """
      {"id": "tls-1", "alert_transition": "Triggered", "alert_metric": "quant.wallet.balance",
       "alert_scope": "currency:btc", "text_only_msg": "walletwatch value=4.2 threshold=5"}
      """;

  @TempDir static Path keys;
  private static Path keystore;

  @TempDir Path dir;
  private Receiver receiver;
  private OkHttpClient client;

  @BeforeAll
  static void createKeystore() throws Exception {
    keystore = keys.resolve("receiver.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (client != null) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private static String tlsBlock(Path file, String password) {
    return """
          tls:
            keystore: %s
            password: %s
        """
        .formatted(file.toString().replace("\\", "/"), password);
  }

  /** Returns the test config with {@code tlsLines} added to the server block. */
  private String yaml(String tlsLines) {
    return TestConfigs.yaml("[\"127.0.0.1/32\"]", "")
        .replace("  idleTimeout: 5s\n", "  idleTimeout: 5s\n" + tlsLines);
  }

  private void startWithTls() throws Exception {
    receiver =
        Receiver.start(
            TestConfigs.load(dir, yaml(tlsBlock(keystore, STORE_PASSWORD))),
            Clock.systemUTC(),
            new ScriptedSmsProvider(),
            8);
  }

  /** Returns a client that trusts only the test's self-signed certificate. */
  private static OkHttpClient trustingClient() throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      server.load(in, STORE_PASSWORD.toCharArray());
    }
    Certificate certificate = server.getCertificate("receiver");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("receiver", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trustManager}, null);
    return new OkHttpClient.Builder()
        .sslSocketFactory(context.getSocketFactory(), trustManager)
        .callTimeout(Duration.ofSeconds(10))
        .build();
  }

  private Request webhook(String scheme) {
    return new Request.Builder()
        .url(scheme + "://127.0.0.1:" + receiver.address().getPort() + "/webhooks/datadog")
        .header("Authorization", "Bearer " + TestConfigs.TOKEN)
        .post(RequestBody.create(WEBHOOK, MediaType.get("application/json")))
        .build();
  }

  @Test
  void httpsWebhookIsStored() throws Exception {
    startWithTls();
    client = trustingClient();

    try (Response response = client.newCall(webhook("https")).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("\"status\":\"stored\"");
      assertThat(response.protocol().toString()).isEqualTo("http/1.1");
      assertThat(response.handshake()).isNotNull();
    }
  }

  @Test
  void plainHttpToTlsPortFails() throws Exception {
    startWithTls();
    client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    assertThatThrownBy(
            () -> {
              try (Response response = client.newCall(webhook("http")).execute()) {
                // Reached only if Jetty responded to plain HTTP, which the assertion below rejects.
                assertThat(response.code()).as("plain HTTP answered").isNegative();
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void untrustedClientIsRejected() throws Exception {
    startWithTls();
    // The JDK's default trust store does not contain the self-signed certificate.
    client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    assertThatThrownBy(() -> client.newCall(webhook("https")).execute())
        .isInstanceOf(javax.net.ssl.SSLException.class);
  }

  private String loadError(String tlsLines) throws IOException {
    Path file = dir.resolve("receiver.yml");
    Files.writeString(file, yaml(tlsLines), StandardCharsets.UTF_8);
    try {
      new ConfigLoader(Map.of("TOKEN", TestConfigs.TOKEN)).load(file);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("the config loaded although its tls block is unusable");
  }

  @Test
  void missingKeystoreIsConfigError() throws Exception {
    String message = loadError(tlsBlock(dir.resolve("absent.p12"), STORE_PASSWORD));

    assertThat(message).contains("server.tls.keystore: keystore file");
    assertThat(message).contains("absent.p12 not found");
    assertThat(message).contains("keytool -genkeypair -storetype PKCS12");
  }

  @Test
  void wrongPasswordIsConfigError() throws Exception {
    String message = loadError(tlsBlock(keystore, "not-the-password"));

    assertThat(message).contains("server.tls.keystore: the password does not open");
    assertThat(message).contains("set server.tls.password");
    assertThat(message).doesNotContain("not-the-password");
  }

  @Test
  void wrongKeyPasswordIsConfigError() throws Exception {
    String message =
        loadError(tlsBlock(keystore, STORE_PASSWORD) + "    keyPassword: not-the-key-password\n");

    assertThat(message).contains("server.tls.keyPassword: the key password does not open");
    assertThat(message).doesNotContain("not-the-key-password");
  }

  @Test
  void nonPkcs12FileIsConfigError() throws Exception {
    Path pem = dir.resolve("cert.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    String message = loadError(tlsBlock(pem, STORE_PASSWORD));

    assertThat(message).contains("server.tls.keystore:");
    assertThat(message).contains("is not a readable PKCS12 keystore");
    assertThat(message).contains("openssl pkcs12 -export");
  }

  @Test
  void certificateWithoutKeyIsConfigError() throws Exception {
    KeyStore source = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      source.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyStore certOnly = KeyStore.getInstance("PKCS12");
    certOnly.load(null, null);
    certOnly.setCertificateEntry("receiver", source.getCertificate("receiver"));
    Path file = dir.resolve("cert-only.p12");
    try (var out = Files.newOutputStream(file)) {
      certOnly.store(out, STORE_PASSWORD.toCharArray());
    }

    String message = loadError(tlsBlock(file, STORE_PASSWORD));

    assertThat(message).contains("cert-only.p12 contains no private key");
  }

  @Test
  void unknownTlsKeyIsConfigError() throws Exception {
    String message = loadError(tlsBlock(keystore, STORE_PASSWORD) + "    truststore: other.p12\n");

    assertThat(message).contains("server.tls.truststore: unknown key");
  }
}
