package dev.walletwatch.agent.gauge;

import com.timgroup.statsd.StatsDClient;
import dev.walletwatch.agent.AgentLog;
import dev.walletwatch.agent.config.StatsdConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * The one DogStatsD client of the JVM, rebuilt when the host resolves to a new address.
 *
 * <p>java-dogstatsd-client 4.4.x looks its address up once, when the client is built, even with
 * {@code volatileAddressResolution}: its UDP channel keeps that address. So the flusher thread
 * resolves the host itself every {@link #RESOLVE_INTERVAL_SECONDS} seconds and builds a new client
 * when the address changed, which finds a moved Datadog Agent again. While the host does not
 * resolve, there is no client and the series keep their values.
 */
public final class StatsdConnection {

  /** How often the host is resolved again. The JVM's own DNS cache may add up to 30 s. */
  static final long RESOLVE_INTERVAL_SECONDS = 30;

  /** Name lookup; {@link InetAddress#getByName} outside tests. */
  public interface Resolver {
    InetAddress resolve(String host) throws UnknownHostException;
  }

  private final StatsdConfig config;
  private final Resolver resolver;
  private final long intervalNanos;

  private StatsDClient client;
  private InetSocketAddress address;
  private long resolvedAtNanos;
  private boolean resolvedOnce;
  private boolean unresolvedReported;

  public StatsdConnection(StatsdConfig config) {
    this(config, InetAddress::getByName, TimeUnit.SECONDS.toNanos(RESOLVE_INTERVAL_SECONDS));
  }

  StatsdConnection(StatsdConfig config, Resolver resolver, long intervalNanos) {
    this.config = config;
    this.resolver = resolver;
    this.intervalNanos = intervalNanos;
  }

  /**
   * Returns the client for the host's current address, resolving it again when the interval has
   * passed, or null while the host does not resolve. Called on the flusher thread only.
   */
  public StatsDClient client(long nowNanos) {
    if (resolvedOnce && nowNanos - resolvedAtNanos < intervalNanos) {
      return client;
    }
    resolvedOnce = true;
    resolvedAtNanos = nowNanos;
    InetSocketAddress resolved;
    try {
      resolved = new InetSocketAddress(resolver.resolve(config.host()), config.port());
    } catch (UnknownHostException e) {
      if (!unresolvedReported) {
        unresolvedReported = true;
        AgentLog.warn(
            "DogStatsD host '"
                + config.host()
                + "' does not resolve; gauges are kept and sent"
                + " once it does (checked every "
                + RESOLVE_INTERVAL_SECONDS
                + " s). Set"
                + " statsd.host or DD_AGENT_HOST to a resolvable host");
      }
      return client;
    }
    if (!resolved.equals(address)) {
      if (client != null) {
        AgentLog.info("DogStatsD host " + config.host() + " moved to " + resolved.getAddress());
        client.stop();
      } else if (unresolvedReported) {
        AgentLog.info(
            "DogStatsD host " + config.host() + " resolves now, to " + resolved.getAddress());
      }
      client = StatsdClients.create(config, resolved);
      address = resolved;
    }
    return client;
  }

  /** Returns the address of the current client, or null. */
  InetSocketAddress address() {
    return address;
  }
}
