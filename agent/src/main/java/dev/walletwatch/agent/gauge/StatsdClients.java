package dev.walletwatch.agent.gauge;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import com.timgroup.statsd.StatsDClientErrorHandler;
import dev.walletwatch.agent.AgentLog;
import dev.walletwatch.agent.config.StatsdConfig;

/** Builds the one DogStatsD client of the JVM. */
public final class StatsdClients {

  private StatsdClients() {}

  /**
   * Builds a client for {@code config}. The address is looked up again on every send, so an agent
   * that moves is found again and a host that does not resolve yet does not stop the build. The
   * client's own aggregation and telemetry are off: the series slots already keep the last value,
   * and fewer threads run in the host JVM.
   */
  public static StatsDClient create(StatsdConfig config) {
    final String target = config.host() + ":" + config.port();
    return new NonBlockingStatsDClientBuilder()
        .hostname(config.host())
        .port(config.port())
        .addressLookup(
            NonBlockingStatsDClientBuilder.volatileAddressResolution(config.host(), config.port()))
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
