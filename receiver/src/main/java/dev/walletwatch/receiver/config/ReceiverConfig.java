package dev.walletwatch.receiver.config;

import dev.walletwatch.receiver.rules.Rule;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code receiver.yml}, resolved and validated by {@link ConfigLoader}.
 *
 * @param server the HTTP listener
 * @param store the SQLite file
 * @param sms the SMS provider
 * @param rules the alert rules, in file order
 * @param delivery retry and backoff settings of the delivery worker
 * @param statsd where to send self-metrics, or null to send none
 */
public record ReceiverConfig(
    Server server, Path store, Sms sms, List<Rule> rules, Delivery delivery, Statsd statsd) {

  public ReceiverConfig {
    rules = List.copyOf(rules);
  }

  /** Returns the rule named {@code name}, or null. */
  public Rule rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * The {@code server:} block.
   *
   * @param host address to bind
   * @param port port to bind; 0 picks a free port
   * @param token the bearer token callers must send
   * @param allow networks callers may come from
   * @param idleTimeout how long a connection may stay silent
   * @param readTimeout how long a caller may take to send the whole request body
   * @param tls the keystore for HTTPS, or null to serve plain HTTP
   */
  public record Server(
      String host,
      int port,
      Secret token,
      List<Cidr> allow,
      Duration idleTimeout,
      Duration readTimeout,
      int maxConnections,
      Tls tls) {
    public Server {
      allow = List.copyOf(allow);
    }
  }

  /**
   * The optional {@code server.tls} block, checked at load: the keystore opens with the password
   * and contains a private key.
   *
   * @param keystore the PKCS12 file with the server's certificate chain and private key
   * @param password the keystore password
   * @param keyPassword the private key's password, or null when it is the keystore password
   */
  public record Tls(Path keystore, Secret password, Secret keyPassword) {}

  /**
   * The {@code sms:} block.
   *
   * @param provider {@code aliyun} or {@code log}
   * @param aliyun the Aliyun settings; null unless the provider is {@code aliyun}
   * @param logFile for the {@code log} provider, a file that records each message as one JSON line,
   *     or null to write to the log only
   */
  public record Sms(String provider, AliyunSettings aliyun, Path logFile) {}

  /**
   * The {@code delivery:} block.
   *
   * @param initialBackoff wait after the first retryable failure
   * @param maxBackoff the longest wait between retries
   * @param maxAttempts attempts before a delivery is marked failed
   * @param deferWait wait after flow control when the provider names no time
   * @param pollInterval how often the worker looks for due deliveries when idle
   */
  public record Delivery(
      Duration initialBackoff,
      Duration maxBackoff,
      int maxAttempts,
      Duration deferWait,
      Duration pollInterval) {}

  /**
   * The optional {@code statsd:} block.
   *
   * @param host DogStatsD host
   * @param port DogStatsD UDP port
   * @param prefix metric name prefix
   */
  public record Statsd(String host, int port, String prefix) {}
}
