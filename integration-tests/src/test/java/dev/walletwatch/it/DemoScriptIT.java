package dev.walletwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.it.harness.Artifacts;
import dev.walletwatch.it.harness.Loopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code demo.sh} as a user runs it after the build: it must show the gauges, the transitions, the
 * rule's decision and the SMS with the phone masked, and exit 0 within 90 seconds.
 */
class DemoScriptIT {

  @Test
  void demoShowsAlertAndRecovery() throws Exception {
    Path work = Artifacts.workDir("demo-script");
    Path output = work.resolve("demo.out");
    ProcessBuilder builder =
        new ProcessBuilder("bash", Artifacts.root().resolve("demo.sh").toString())
            .directory(Artifacts.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // Free ports, so the test runs beside anything that uses the demo's default ports.
    builder.environment().put("WALLETWATCH_DEMO_RECEIVER_PORT", "" + Loopback.freeTcpPort());
    builder.environment().put("WALLETWATCH_DEMO_STATSD_PORT", "" + Loopback.freeUdpPort());
    builder.environment().put("WALLETWATCH_DEMO_RELAY_PORT", "" + Loopback.freeUdpPort());
    // The log provider only: the Aliyun mode would reach the real Aliyun.
    for (String key :
        new String[] {
          "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "WALLETWATCH_PHONE"
        }) {
      builder.environment().remove(key);
    }
    Process demo = builder.start();
    boolean exited = demo.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      demo.destroy();
      demo.waitFor(10, TimeUnit.SECONDS);
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(exited).as("demo.sh exits within 90 s\n" + text).isTrue();
    assertThat(demo.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("[statsd] gauge quant.wallet.balance{")
        .contains("currency:btc")
        .contains("} = 4.9")
        .contains("Triggered \"BTC wallet balance below 5\" value=4.9")
        .contains("Recovered \"BTC wallet balance below 5\" value=5.9")
        .contains("decision btc-low SEND: Triggered: value 4.9 is below 5")
        .contains("\"phone\":\"+86138****0000\",\"template\":\"SMS_000000\"")
        .contains("\"template\":\"SMS_000001\"");
    assertThat(text).as("the full phone number never shows").doesNotContain("13800000000");
  }
}
