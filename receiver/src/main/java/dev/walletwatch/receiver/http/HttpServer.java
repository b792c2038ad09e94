package dev.walletwatch.receiver.http;

import dev.walletwatch.receiver.config.ReceiverConfig;
import java.net.InetSocketAddress;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server around {@link ReceiverHandler}: one HTTP/1.1 connector with an idle timeout, a
 * small header limit and a bounded thread pool. With {@code server.tls} set, the connector serves
 * only HTTPS from the configured PKCS12 keystore. Without it, the connector serves plain HTTP. Slow
 * clients do not hold pool threads, because Jetty parses headers without blocking and the handler
 * reads bodies by demand.
 */
public final class HttpServer implements AutoCloseable {
  /** Default size of the request thread pool. */
  public static final int DEFAULT_MAX_THREADS = 32;

  private final Server server;
  private final ServerConnector connector;

  public HttpServer(ReceiverConfig.Server settings, ReceiverHandler handler, int maxThreads) {
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads));
    threads.setName("http");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(8 * 1024);
    // One acceptor and one selector suffice for webhook traffic and leave the pool to requests.
    if (settings.tls() == null) {
      connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    } else {
      http.addCustomizer(new SecureRequestCustomizer());
      SslConnectionFactory tls =
          new SslConnectionFactory(sslContext(settings.tls()), HttpVersion.HTTP_1_1.asString());
      connector = new ServerConnector(server, 1, 1, tls, new HttpConnectionFactory(http));
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    server.addConnector(connector);
    // Without a limit, a caller that keeps sending while responses are late opens a connection per
    // request, and the buffers of thousands of sockets exhaust a 64 MiB heap: the receiver then
    // stops serving. Past the limit Jetty stops accepting, and new connections wait in the
    // kernel's accept queue instead.
    server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
    server.setHandler(handler);
    server.setStopTimeout(5_000);
  }

  private static SslContextFactory.Server sslContext(ReceiverConfig.Tls tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(tls.password().reveal());
    if (tls.keyPassword() != null) {
      ssl.setKeyManagerPassword(tls.keyPassword().reveal());
    }
    return ssl;
  }

  /** Binds the port and starts serving. */
  public void start() throws Exception {
    server.start();
  }

  /** Returns {@code https} when the connector serves TLS, else {@code http}. */
  public String scheme() {
    return connector.getConnectionFactory(SslConnectionFactory.class) == null ? "http" : "https";
  }

  /** Returns the bound address; the port is the real one when the config asked for port 0. */
  public InetSocketAddress address() {
    return new InetSocketAddress(
        connector.getHost() == null ? "0.0.0.0" : connector.getHost(), connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
