package dev.walletwatch.receiver;

import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.delivery.DeliveryWorker;
import dev.walletwatch.receiver.http.HttpServer;
import dev.walletwatch.receiver.http.ReceiverHandler;
import dev.walletwatch.receiver.intake.WebhookIntake;
import dev.walletwatch.receiver.metrics.Metrics;
import dev.walletwatch.receiver.metrics.StatsdMetrics;
import dev.walletwatch.receiver.sms.LogSmsProvider;
import dev.walletwatch.receiver.sms.SmsProvider;
import dev.walletwatch.receiver.sms.aliyun.AliyunSmsProvider;
import dev.walletwatch.receiver.store.Store;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running receiver: store, delivery worker and HTTP server, started in that order so that no
 * request is accepted before the outbox can be worked, and stopped in the reverse order.
 */
public final class Receiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

  /** How long a write waits for a database lock held by another process. */
  public static final Duration STORE_BUSY_TIMEOUT = Duration.ofSeconds(2);

  private final Store store;
  private final SmsProvider provider;
  private final Metrics metrics;
  private final DeliveryWorker worker;
  private final HttpServer server;

  private Receiver(
      Store store,
      SmsProvider provider,
      Metrics metrics,
      DeliveryWorker worker,
      HttpServer server) {
    this.store = store;
    this.provider = provider;
    this.metrics = metrics;
    this.worker = worker;
    this.server = server;
  }

  /** Returns the provider that {@code sms.provider} names. */
  public static SmsProvider provider(ReceiverConfig.Sms sms, Clock clock) {
    return switch (sms.provider()) {
      case "log" -> new LogSmsProvider(sms.logFile(), clock);
      case "aliyun" -> new AliyunSmsProvider(sms.aliyun());
      default -> throw new IllegalArgumentException("unknown provider " + sms.provider());
    };
  }

  /** Starts a receiver with the provider from the config. */
  public static Receiver start(ReceiverConfig config, Clock clock) throws Exception {
    return start(config, clock, provider(config.sms(), clock), HttpServer.DEFAULT_MAX_THREADS);
  }

  /** Starts a receiver with the given provider and request thread pool size. */
  public static Receiver start(
      ReceiverConfig config, Clock clock, SmsProvider provider, int maxThreads) throws Exception {
    Metrics metrics = metrics(config.statsd());
    Store store = Store.open(config.store(), STORE_BUSY_TIMEOUT);
    DeliveryWorker worker = null;
    HttpServer server = null;
    try {
      worker =
          new DeliveryWorker(
              store.outbox(),
              provider,
              clock,
              config.delivery(),
              metrics,
              () -> ThreadLocalRandom.current().nextDouble());
      worker.start();
      WebhookIntake intake = new WebhookIntake(config.rules(), store.events(), clock, worker::wake);
      ReceiverHandler handler = new ReceiverHandler(config.server(), intake, store, metrics, clock);
      server = new HttpServer(config.server(), handler, maxThreads);
      server.start();
    } catch (Exception e) {
      if (worker != null) {
        worker.close();
      }
      if (server != null) {
        server.close();
      }
      store.close();
      metrics.close();
      throw e;
    }
    Receiver receiver = new Receiver(store, provider, metrics, worker, server);
    LOG.info(
        "receiver.started address={} scheme={} store={} provider={} rules={}",
        server.address(),
        server.scheme(),
        config.store(),
        provider.name(),
        config.rules().size());
    return receiver;
  }

  /**
   * Returns the DogStatsD metrics, or none when {@code statsd:} is absent or its host cannot be
   * resolved: self-metrics must not keep the receiver from taking webhooks.
   */
  private static Metrics metrics(ReceiverConfig.Statsd statsd) {
    if (statsd == null) {
      return Metrics.none();
    }
    try {
      return new StatsdMetrics(statsd);
    } catch (RuntimeException e) {
      LOG.error(
          "metrics.disabled host={} port={} error=\"{}\" action=serve_without_metrics",
          statsd.host(),
          statsd.port(),
          e.getMessage());
      return Metrics.none();
    }
  }

  /** Returns the address the server listens on. */
  public InetSocketAddress address() {
    return server.address();
  }

  public Store store() {
    return store;
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      worker.close();
      provider.close();
      store.close();
      metrics.close();
      LOG.info("receiver.stopped");
    }
  }
}
