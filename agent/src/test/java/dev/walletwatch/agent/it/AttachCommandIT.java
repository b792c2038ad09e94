package dev.walletwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.agent.testing.UdpCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code java -jar walletwatch-agent.jar attach PID --config FILE} against a forked test app
 * that has been trading for a few seconds, then attaches again with one more gauge.
 */
class AttachCommandIT {

  @TempDir Path dir;

  @Test
  void attachWeavesLoadedClassesThenReloads() throws Exception {
    try (UdpCollector statsd = new UdpCollector()) {
      Path stopFile = dir.resolve("stop");
      ForkedApp.Running app =
          ForkedApp.start(
              ForkedApp.currentJava(), List.of(), List.of("serve", stopFile.toString()), Map.of());
      try {
        awaitStdout(app, "trading");
        // Let the app trade for a while, so that every class it uses is loaded and hot.
        Thread.sleep(2_000);
        String pid = String.valueOf(app.process.pid());

        Path first = config("first.yml", statsd.port(), BALANCE);
        Command attach = attach(pid, first);

        assertThat(attach.exitCode).as(attach.toString()).isEqualTo(0);
        assertThat(attach.stdout)
            .contains("gauges[0] quant.wallet.balance: woven [com.acme.testapp.Wallet.balanceOf(")
            .as("only the configured class is retransformed, not Wallet$Account or the JDK")
            .contains("retransformed loaded classes [com.acme.testapp.Wallet]\n");
        awaitLine(statsd, "quant.wallet.balance:4.9999999|g|#");

        Path second = config("second.yml", statsd.port(), BALANCE + SATOSHIS);
        Command reattach = attach(pid, second);

        assertThat(reattach.exitCode).as(reattach.toString()).isEqualTo(0);
        assertThat(reattach.stdout)
            .contains("reloaded: 1 new gauge(s), 1 kept")
            .contains("gauges[0] quant.wallet.balance: kept, already woven")
            .contains(
                "gauges[1] quant.wallet.satoshi_btc: woven [com.acme.testapp.Wallet.satoshis()]");
        awaitLine(statsd, "quant.wallet.satoshi_btc:4.9999999|g");
      } finally {
        Files.createFile(stopFile);
      }
      ForkedApp done = app.await();

      assertThat(done.exitCode).isEqualTo(3);
      assertThat(done.stdout).contains("trading", "vault=42");
      assertThat(done.agentLines())
          .as("the first weave is not repeated by the reload")
          .filteredOn(line -> line.contains("woven com.acme.testapp.Wallet.balanceOf"))
          .hasSize(1);
      assertThat(done.agentLines())
          .filteredOn(line -> line.contains("woven com.acme.testapp.Wallet.satoshis"))
          .hasSize(1);
    }
  }

  @Test
  void attachRejectsInvalidConfigWithoutAttaching() throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, "gauges:\n  - name: x\n    clas: com.acme.Wallet\n");

    // The PID is never used: the configuration check comes first.
    Command attach = attach("1", config);

    assertThat(attach.exitCode).isEqualTo(1);
    assertThat(attach.stderr).contains("gauges[0].clas", "unknown key", "not attached");
  }

  private static final String BALANCE =
      "  - name: quant.wallet.balance\n"
          + "    class: com.acme.testapp.Wallet\n"
          + "    method: balanceOf(java.lang.String)\n"
          + "    tags:\n"
          + "      currency: ${arg0}\n";

  private static final String SATOSHIS =
      "  - name: quant.wallet.satoshi_btc\n"
          + "    class: com.acme.testapp.Wallet\n"
          + "    method: satoshis\n"
          + "    scale: 0.00000001\n";

  private Path config(String name, int port, String gauges) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        "statsd:\n  host: 127.0.0.1\n  port: "
            + port
            + "\n  flushInterval: 200ms\n  resendInterval: 1s\ngauges:\n"
            + gauges);
    return file;
  }

  static void awaitStdout(ForkedApp.Running app, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!app.stdoutSoFar().contains(text)) {
      if (System.nanoTime() > deadline || !app.process.isAlive()) {
        throw new AssertionError(
            "test app did not print '" + text + "'; stderr: " + app.stderrSoFar());
      }
      Thread.sleep(50);
    }
  }

  private static void awaitLine(UdpCollector statsd, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (statsd.lines().stream().noneMatch(line -> line.startsWith(prefix))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no datagram starting with " + prefix + " in " + statsd.lines());
      }
      Thread.sleep(50);
    }
  }

  /** Runs the attach command of the built agent jar in its own JVM. */
  static Command attach(String pid, Path config) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ForkedApp.currentJava().toString());
    command.add("-jar");
    command.add(ForkedApp.AGENT_JAR);
    command.add("attach");
    command.add(pid);
    command.add("--config");
    command.add(config.toString());
    Process process = new ProcessBuilder(command).start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("attach did not exit within 60 s");
    }
    return new Command(process.exitValue(), new String(out), new String(err));
  }

  record Command(int exitCode, String stdout, String stderr) {}
}
