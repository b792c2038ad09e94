package dev.walletwatch.monitor.cli;

import dev.walletwatch.monitor.config.ConfigLoader;
import dev.walletwatch.monitor.config.MonitorDefinition;
import dev.walletwatch.monitor.config.MonitorsConfig;
import dev.walletwatch.monitor.datadog.Redaction;
import dev.walletwatch.monitor.local.LocalMonitor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code local FILE}: evaluates the monitors from DogStatsD packets until stopped. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Listens for DogStatsD gauges on UDP, evaluates every monitor each local.evaluateEvery"
          + " and POSTs each transition (Triggered, Re-Triggered, Recovered, No Data,"
          + " Re-No Data) to webhook.url with the payload apply configures in Datadog. Prints"
          + " one line per transition. Runs until interrupted (Ctrl-C)."
    })
final class LocalCommand implements Callable<Integer> {
  /** The wait before the first delivery retry; later retries double it. */
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  private final Map<String, String> environment;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "the monitors file, such as monitors.yml")
  private Path file;

  @Option(
      names = "--statsd-port",
      defaultValue = "8125",
      description =
          "UDP port to receive DogStatsD on (default: ${DEFAULT-VALUE}; 0 picks a free port)")
  private int port;

  @Option(
      names = "--statsd-host",
      defaultValue = "127.0.0.1",
      description = "address to receive DogStatsD on (default: ${DEFAULT-VALUE})")
  private String host;

  LocalCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    MonitorsConfig config = new ConfigLoader(environment).load(file);
    LocalMonitor monitor = new LocalMonitor(config, out, Clock.systemUTC(), RETRY_BACKOFF);

    InetSocketAddress address;
    try {
      address = monitor.start(host, port);
    } catch (IOException e) {
      monitor.close();
      spec.commandLine()
          .getErr()
          .println(
              "error: failed to listen for DogStatsD on udp "
                  + host
                  + ":"
                  + port
                  + ": "
                  + e.getMessage()
                  + "; stop the program using the port (a Datadog Agent uses 8125) or pass"
                  + " another --statsd-port");
      return MonitorCommand.RUNTIME_ERROR;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown =
        new Thread(
            () -> {
              monitor.close();
              stopped.countDown();
            },
            "local-monitor-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    printBanner(out, config, address);
    stopped.await();
    return 0;
  }

  private static void printBanner(
      PrintWriter out, MonitorsConfig config, InetSocketAddress address) {
    out.println(
        "Listening for DogStatsD on udp "
            + address.getHostString()
            + ":"
            + address.getPort()
            + "; evaluating "
            + config.monitors().size()
            + " monitor(s) every "
            + config.local().evaluateEvery().toMillis()
            + " ms; posting transitions to "
            + Redaction.url(config.webhook().url()));
    // A receiver rule's monitorId must equal the alert_id that this monitor sends.
    for (MonitorDefinition monitor : config.monitors()) {
      out.println(
          "  monitor \""
              + monitor.name()
              + "\": alert_id "
              + LocalMonitor.alertId(monitor)
              + ", query "
              + monitor.query().text());
    }
    out.flush();
  }
}
