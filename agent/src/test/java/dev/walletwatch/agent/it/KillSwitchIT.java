package dev.walletwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.agent.testing.UdpCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the kill switch makes premain and agentmain log one line and do nothing else. */
class KillSwitchIT {

  @TempDir Path dir;

  @Test
  void propertyTurnsPremainOff() throws Exception {
    ForkedApp plain = ForkedApp.run(ForkedApp.currentJava());
    try (UdpCollector statsd = new UdpCollector()) {
      ForkedApp app =
          ForkedApp.run(
              ForkedApp.currentJava(),
              "-Dwalletwatch.agent.enabled=false",
              "-javaagent:" + ForkedApp.AGENT_JAR + "=config=" + config(statsd.port()));

      assertThat(app.exitCode).isEqualTo(plain.exitCode);
      assertThat(app.stdout).isEqualTo(plain.stdout);
      assertThat(app.agentLines())
          .containsExactly(
              "[walletwatch] WARN agent disabled by -Dwalletwatch.agent.enabled=false;"
                  + " nothing is woven or sent");
      assertThat(statsd.lines()).isEmpty();
    }
  }

  @Test
  void variableTurnsAgentmainOff() throws Exception {
    try (UdpCollector statsd = new UdpCollector()) {
      ForkedApp app =
          ForkedApp.run(
              ForkedApp.currentJava(),
              List.of("-Djdk.attach.allowAttachSelf=true"),
              List.of("attach", ForkedApp.AGENT_JAR, "config=" + config(statsd.port())),
              Map.of("WALLETWATCH_ENABLED", "false"));

      assertThat(app.exitCode).isEqualTo(3);
      assertThat(app.stdout).startsWith("before btc=4.9999999").contains("vault=42");
      assertThat(app.agentLines())
          .as("the app attaches twice; each attach logs the one line")
          .containsOnly(
              "[walletwatch] WARN agent disabled by WALLETWATCH_ENABLED=false;"
                  + " nothing is woven or sent")
          .hasSize(2);
      assertThat(statsd.lines()).isEmpty();
    }
  }

  private Path config(int port) throws Exception {
    Path file = dir.resolve("instrumentation.yml");
    Files.writeString(
        file,
        "statsd:\n  host: 127.0.0.1\n  port: "
            + port
            + "\n  flushInterval: 200ms\ngauges:\n"
            + "  - name: quant.wallet.balance\n"
            + "    class: com.acme.testapp.Wallet\n"
            + "    method: balanceOf\n");
    return file;
  }
}
