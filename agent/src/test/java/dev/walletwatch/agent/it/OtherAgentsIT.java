package dev.walletwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.agent.testing.UdpCollector;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the test app with dd-java-agent or the OpenTelemetry Java agent beside ours, in both orders
 * on the command line. Every endpoint of the other agents that the tests know of is a closed port
 * on 127.0.0.1, an exporter set to {@code none}, or a feature switched off.
 */
class OtherAgentsIT {

  private static final Path AGENTS =
      Paths.get(System.getProperty("walletwatch.other.agents", "target/agents"));

  /** The other agents, their jar and the line each prints when it starts. */
  enum OtherAgent {
    DATADOG(
        "dd-java-agent.jar",
        "DATADOG TRACER CONFIGURATION {\"version\":\""
            + System.getProperty("dd-java-agent.version", "1.40.0")),
    OPENTELEMETRY(
        "opentelemetry-javaagent.jar",
        "opentelemetry-javaagent - version: "
            + System.getProperty("opentelemetry-javaagent.version", "2.20.1"));

    final String jar;
    final String startupLine;

    OtherAgent(String jar, String startupLine) {
      this.jar = jar;
      this.startupLine = startupLine;
    }

    Path jar() {
      Path path = AGENTS.resolve(jar);
      Assumptions.assumeTrue(
          Files.isRegularFile(path),
          "skipped: "
              + path
              + " is missing; mvn verify copies it there with maven-dependency-plugin");
      return path;
    }

    /** Returns the options that keep the agent on loopback, at the ports given. */
    List<String> loopbackOptions(int closedTcpPort, int closedUdpPort) {
      if (this == DATADOG) {
        return List.of(
            "-Ddd.trace.agent.url=http://127.0.0.1:" + closedTcpPort,
            "-Ddd.agent.host=127.0.0.1",
            "-Ddd.dogstatsd.port=" + closedUdpPort,
            "-Ddd.remote_config.enabled=false",
            "-Ddd.instrumentation.telemetry.enabled=false",
            "-Ddd.profiling.enabled=false",
            "-Ddd.appsec.enabled=false",
            "-Ddd.trace.startup.logs=true");
      }
      return List.of(
          "-Dotel.traces.exporter=none",
          "-Dotel.metrics.exporter=none",
          "-Dotel.logs.exporter=none",
          "-Dotel.javaagent.debug=false");
    }
  }

  @TempDir Path dir;

  private static ForkedApp plain;

  @BeforeAll
  static void runWithoutAgents() throws Exception {
    plain = ForkedApp.run(ForkedApp.currentJava());
  }

  static Stream<Arguments> combinations() {
    return Stream.of(
        Arguments.of(OtherAgent.DATADOG, true),
        Arguments.of(OtherAgent.DATADOG, false),
        Arguments.of(OtherAgent.OPENTELEMETRY, true),
        Arguments.of(OtherAgent.OPENTELEMETRY, false));
  }

  @ParameterizedTest(name = "{0}, theirs first: {1}")
  @MethodSource("combinations")
  void gaugesArriveBesideOtherAgent(OtherAgent other, boolean theirsFirst) throws Exception {
    Path otherJar = other.jar();
    try (UdpCollector statsd = new UdpCollector()) {
      String ours = "-javaagent:" + ForkedApp.AGENT_JAR + "=config=" + config(statsd.port());
      String theirs = "-javaagent:" + otherJar;
      int closedTcpPort = closedTcpPort();
      List<String> options = new ArrayList<>();
      options.add(theirsFirst ? theirs : ours);
      options.add(theirsFirst ? ours : theirs);
      options.addAll(other.loopbackOptions(closedTcpPort, closedUdpPort()));

      ForkedApp app = ForkedApp.run(ForkedApp.currentJava(), options, List.of());

      assertThat(app.exitCode).isEqualTo(plain.exitCode).isEqualTo(3);
      assertThat(app.stdout).isEqualTo(plain.stdout);
      assertThat(app.stderr + app.stdout).as("their startup line").contains(other.startupLine);
      if (other == OtherAgent.DATADOG) {
        assertThat(app.stderr)
            .as("the tracer uses the closed loopback port")
            .contains("\"agent_url\":\"http://127.0.0.1:" + closedTcpPort + "\"");
      }
      List<String> lines = statsd.lines();
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("quant.wallet.balance:4.9999999|g|#")
                      .contains("currency:btc"));
      assertThat(lines)
          .as("a Runnable, which the other agents also instrument")
          .anySatisfy(line -> assertThat(line).startsWith("quant.settlement.settled:"));
      List<String> agentLines = app.agentLines();
      assertThat(agentLines).filteredOn(line -> line.contains(" started: config ")).hasSize(1);
      assertThat(agentLines)
          .filteredOn(line -> line.contains("woven com.acme.testapp.Wallet.balanceOf"))
          .hasSize(1);
      assertThat(agentLines)
          .filteredOn(line -> line.contains("woven com.acme.testapp.Settlement.settled"))
          .hasSize(1);
      assertThat(agentLines).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }
  }

  /**
   * Attaches our agent at run time beside dd-java-agent, which weaves the Runnable too.
   * Retransformation works there because dd-java-agent keeps the class's shape.
   */
  @Test
  void attachBesideDatadogWeavesRunnable() throws Exception {
    try (UdpCollector statsd = new UdpCollector()) {
      Attached attached = attachBeside(OtherAgent.DATADOG, statsd);

      assertThat(attached.command.exitCode()).as(attached.command.toString()).isEqualTo(0);
      assertThat(attached.command.stdout())
          .contains("gauges[0] quant.wallet.balance: woven")
          .contains("gauges[1] quant.settlement.settled: woven");
      assertThat(statsd.lines())
          .anySatisfy(line -> assertThat(line).startsWith("quant.settlement.settled:"));
      assertThat(attached.app.exitCode).isEqualTo(3);
      assertThat(attached.app.stdout).contains("trading", "vault=42");
    }
  }

  /**
   * Attaching at run time cannot weave a class that the OpenTelemetry agent gave an extra interface
   * when it loaded (every Runnable): that agent does not add it again on retransformation, so the
   * JVM rejects the new class file. Our agent reports it in one line, weaves the other classes, and
   * the app runs on.
   */
  @Test
  void attachBesideOpenTelemetryRejectsRunnable() throws Exception {
    try (UdpCollector statsd = new UdpCollector()) {
      Attached attached = attachBeside(OtherAgent.OPENTELEMETRY, statsd);

      assertThat(attached.command.exitCode()).as(attached.command.toString()).isEqualTo(1);
      assertThat(attached.command.stderr())
          .contains(
              "the JVM rejected the retransformation of [com.acme.testapp.Settlement]",
              "start walletwatch with -javaagent")
          .contains("gauges[0] quant.wallet.balance: woven")
          .contains("gauges[1] quant.settlement.settled: not woven");
      assertThat(attached.app.exitCode).isEqualTo(3);
      assertThat(attached.app.stdout).contains("trading", "vault=42");
      assertThat(attached.app.agentLines())
          .filteredOn(line -> line.contains("rejected the retransformation"))
          .hasSize(1);
    }
  }

  private record Attached(AttachCommandIT.Command command, ForkedApp app) {}

  /** Starts the app with the other agent, attaches ours once it trades, and stops the app. */
  private Attached attachBeside(OtherAgent other, UdpCollector statsd) throws Exception {
    Path otherJar = other.jar();
    Path stopFile = dir.resolve("stop");
    List<String> options = new ArrayList<>();
    options.add("-javaagent:" + otherJar);
    options.addAll(other.loopbackOptions(closedTcpPort(), closedUdpPort()));
    ForkedApp.Running running =
        ForkedApp.start(
            ForkedApp.currentJava(), options, List.of("serve", stopFile.toString()), Map.of());
    AttachCommandIT.Command attach;
    try {
      AttachCommandIT.awaitStdout(running, "trading");
      attach = AttachCommandIT.attach(String.valueOf(running.process.pid()), config(statsd.port()));
      // Let the flusher send at least once before the app stops.
      Thread.sleep(600);
    } finally {
      Files.createFile(stopFile);
    }
    return new Attached(attach, running.await());
  }

  private Path config(int port) throws IOException {
    Path file = dir.resolve("instrumentation.yml");
    Files.writeString(
        file,
        "statsd:\n"
            + "  host: 127.0.0.1\n"
            + "  port: "
            + port
            + "\n"
            + "  flushInterval: 200ms\n"
            + "  resendInterval: 1s\n"
            // The other agent may take seconds to start before the app loads its classes.
            + "gracePeriod: 60s\n"
            + "gauges:\n"
            + "  - name: quant.wallet.balance\n"
            + "    class: com.acme.testapp.Wallet\n"
            + "    method: balanceOf(java.lang.String)\n"
            + "    tags:\n"
            + "      currency: ${arg0}\n"
            + "  - name: quant.settlement.settled\n"
            + "    class: com.acme.testapp.Settlement\n"
            + "    method: settled\n");
    return file;
  }

  /** Returns a loopback TCP port that nothing listens on: bound once to find it, then closed. */
  private static int closedTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int closedUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
