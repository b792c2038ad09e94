package dev.walletwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.agent.testing.UdpCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the test trading application with the built agent jar in a forked JVM and checks the
 * datagrams that reach a UDP socket opened by the test, on Java 17 and, where installed, Java 25.
 */
class AgentForkedIT {

  @TempDir Path dir;

  static Stream<String> javas() {
    return Stream.of("current", "25");
  }

  private static Path java(String version) {
    if (version.equals("current")) {
      return ForkedApp.currentJava();
    }
    Assumptions.assumeTrue(
        Files.isExecutable(ForkedApp.JAVA_25),
        "skipped: no Temurin 25 JDK at " + ForkedApp.JAVA_25);
    return ForkedApp.JAVA_25;
  }

  private Path config(int port, String extraGauges) throws Exception {
    Path file = dir.resolve("instrumentation.yml");
    String yaml =
        "statsd:\n"
            + "  host: 127.0.0.1\n"
            + "  port: "
            + port
            + "\n"
            + "  tags: [\"team:quant\"]\n"
            + "  flushInterval: 200ms\n"
            + "  resendInterval: 1s\n"
            + "gracePeriod: 1s\n"
            + "gauges:\n"
            + "  - name: quant.wallet.balance\n"
            + "    class: com.acme.testapp.Wallet\n"
            + "    method: balanceOf(java.lang.String)\n"
            + "    tags:\n"
            + "      currency: ${arg0}\n"
            + "      exchange: simulated\n"
            + "  - name: quant.wallet.satoshi_btc\n"
            + "    class: com.acme..*Wallet\n"
            + "    method: satoshis\n"
            + "    scale: 0.00000001\n"
            + "  - name: quant.wallet.available\n"
            + "    class: com.acme.testapp.Wallet\n"
            + "    method: account\n"
            + "    value: return.available\n"
            + "  - name: quant.ledger.total\n"
            + "    class: com.acme.testapp.Ledger\n"
            + "    method: total\n"
            + "    subtypes: true\n"
            + "  - name: quant.vault.coins\n"
            + "    class: com.acme.testapp.Vault\n"
            + "    method: coins\n"
            + extraGauges;
    Files.writeString(file, yaml);
    return file;
  }

  @ParameterizedTest(name = "java {0}")
  @MethodSource("javas")
  void premainReportsGaugesExactly(String version) throws Exception {
    Path java = java(version);
    ForkedApp plain = ForkedApp.run(java);
    try (UdpCollector statsd = new UdpCollector()) {
      String unresolved =
          "  - name: quant.wallet.broken\n"
              + "    class: com.acme.testapp.Wallet\n"
              + "    method: balanceOf\n"
              + "    value: return.totl\n"
              + "  - name: quant.wallet.missing\n"
              + "    class: com.acme.testapp.NoSuchWallet\n"
              + "    method: balance\n";
      Path config = config(statsd.port(), unresolved);
      ForkedApp woven =
          ForkedApp.run(java, "-javaagent:" + ForkedApp.AGENT_JAR + "=config=" + config);

      assertThat(woven.exitCode).isEqualTo(3).isEqualTo(plain.exitCode);
      assertThat(woven.stdout).isEqualTo(plain.stdout).contains("vault=42");
      assertThat(woven.otherStderrLines())
          .as("no JVM warning on the agent's behalf (class sharing, sun.misc.Unsafe)")
          .isEqualTo(plain.otherStderrLines());
      List<String> lines = statsd.lines();
      assertThat(lines)
          .as("BTC just below 5 keeps its digits; tags cleaned and lower-cased")
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("quant.wallet.balance:4.9999999|g|#")
                      .contains(
                          "currency:btc",
                          "exchange:simulated",
                          "team:quant",
                          "desk:btc",
                          "env:ittest"));
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("quant.wallet.balance:21000000.12345678|g|#")
                      .contains("currency:eth"));
      assertThat(lines)
          .as("a method that throws reports nothing")
          .noneMatch(line -> line.contains("currency:doge"));
      assertThat(lines)
          .anySatisfy(line -> assertThat(line).startsWith("quant.wallet.satoshi_btc:4.9999999|g"));
      assertThat(lines)
          .anySatisfy(line -> assertThat(line).startsWith("quant.wallet.available:4.9999999|g"));
      assertThat(lines)
          .as("isolated URLClassLoader")
          .anySatisfy(line -> assertThat(line).startsWith("quant.vault.coins:42|g"));
      assertThat(lines)
          .anySatisfy(line -> assertThat(line).startsWith("walletwatch.agent.values.recorded:"));
      assertThat(lines).noneMatch(line -> line.startsWith("quant.wallet.broken"));

      String agentLog = String.join("\n", woven.agentLines());
      assertThat(agentLog).contains("started: config " + config);
      assertThat(agentLog).contains("woven com.acme.testapp.Wallet.balanceOf(java.lang.String)");
      assertThat(agentLog).contains("gauges[5].value: 'return.totl' does not resolve");
      assertThat(agentLog)
          .contains(
              "gauges[6] (quant.wallet.missing): no class matching com.acme.testapp.NoSuchWallet");
      assertThat(agentLog)
          .as("each not-woven warning points to its troubleshooting entry")
          .contains("NoSuchWallet was loaded within")
          .contains("; see docs/troubleshooting.md#agent-wove-nothing");
    }
  }

  @ParameterizedTest(name = "java {0}")
  @MethodSource("javas")
  void agentmainWeavesLoadedClasses(String version) throws Exception {
    Path java = java(version);
    try (UdpCollector statsd = new UdpCollector()) {
      Path config = config(statsd.port(), "");
      ForkedApp attached =
          ForkedApp.run(
              java,
              List.of("-Djdk.attach.allowAttachSelf=true"),
              List.of("attach", ForkedApp.AGENT_JAR, "config=" + config));

      assertThat(attached.exitCode).isEqualTo(3);
      assertThat(attached.stdout).startsWith("before btc=4.9999999");
      assertThat(statsd.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("quant.wallet.balance:4.9999999|g|#")
                      .contains("currency:btc"));
      List<String> agentLines = attached.agentLines();
      assertThat(agentLines)
          .filteredOn(
              line -> line.contains("woven com.acme.testapp.Wallet.balanceOf(java.lang.String)"))
          .hasSize(1);
      assertThat(agentLines)
          .as("the second attach reloads the same file and weaves nothing new")
          .anySatisfy(line -> assertThat(line).contains("reloaded: 0 new gauge(s), 5 kept"));
    }
  }

  @ParameterizedTest(name = "java {0}")
  @MethodSource("javas")
  void badConfigKeepsAppRunning(String version) throws Exception {
    Path java = java(version);
    ForkedApp plain = ForkedApp.run(java);
    Path config = dir.resolve("bad.yml");
    Files.writeString(
        config,
        "gauges:\n  - name: quant.wallet.balance\n    class: com.acme.testapp.Wallet\n"
            + "    method: balanceOf\n    valeu: return\n");

    ForkedApp woven = ForkedApp.run(java, "-javaagent:" + ForkedApp.AGENT_JAR + "=" + config);

    assertThat(woven.exitCode).isEqualTo(plain.exitCode);
    assertThat(woven.stdout).isEqualTo(plain.stdout);
    assertThat(woven.agentLines()).hasSize(1);
    assertThat(woven.agentLines().get(0))
        .contains("agent disabled", config.toString(), "gauges[0].valeu", "unknown key")
        .contains("see docs/troubleshooting.md#agent-wove-nothing");
  }
}
