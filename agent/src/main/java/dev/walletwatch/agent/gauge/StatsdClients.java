package dev.walletwatch.agent.gauge;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import com.timgroup.statsd.StatsDClientErrorHandler;
import dev.walletwatch.agent.AgentLog;
import dev.walletwatch.agent.config.StatsdConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Callable;

/** Builds the DogStatsD client. */
public final class StatsdClients {

  private StatsdClients() {}

  /**
   * Builds a client that sends to {@code address}, which the caller has already resolved, so that
   * building does no DNS lookup. The client's own aggregation and telemetry are off: the series
   * slots already keep the last value, and fewer threads run in the host JVM.
   */
  public static StatsDClient create(StatsdConfig config, final InetSocketAddress address) {
    final String target = config.host() + ":" + config.port();
    return new NonBlockingStatsDClientBuilder()
        .addressLookup(
            new Callable<SocketAddress>() {
              @Override
              public SocketAddress call() {
                return address;
              }
            })
        .constantTags(config.tags().toArray(new String[0]))
        .enableAggregation(false)
        .enableTelemetry(false)
        .threadFactory(ExactNumberFormat.threadFactory())
        .errorHandler(
            new StatsDClientErrorHandler() {
              @Override
              public void handle(Exception exception) {
                AgentLog.failure(
                    "dogstatsd send",
                    "sending to DogStatsD at "
                        + target
                        + " failed: "
                        + exception
                        + "; check statsd.host and statsd.port (or DD_AGENT_HOST and"
                        + " DD_DOGSTATSD_PORT)");
              }
            })
        .build();
  }
}
