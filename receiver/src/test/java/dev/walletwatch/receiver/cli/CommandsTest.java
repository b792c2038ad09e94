package dev.walletwatch.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.walletwatch.receiver.Main;
import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.intake.WebhookIntake;
import dev.walletwatch.receiver.sms.LogSmsProvider;
import dev.walletwatch.receiver.store.Store;
import dev.walletwatch.receiver.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The commands run in-process through picocli, as {@code java -jar} would run them. */
class CommandsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = new CommandLine(new Main());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  @Test
  void checkConfigListsEveryProblem() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file,
        """
        server: {token: "0123456789abcdef0123", port: nope}
        store: w.db
        sms: {provider: carrier-pigeon}
        rules: [{name: r, metric: m, phones: ["+8613800000000"], template: SMS_1, params: {a: "{oops}"}}]
        """,
        StandardCharsets.UTF_8);

    int exit = run("check-config", "--config", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("server.port")
        .contains("sms.provider")
        .contains("carrier-pigeon")
        .contains("rules[0].params.a")
        .contains("3 problem(s)");
  }

  @Test
  void checkConfigAcceptsGoodFile() {
    String yaml = TestConfigs.yaml("[\"127.0.0.1/32\"]", "").replace("${TOKEN}", TestConfigs.TOKEN);
    Path file = dir.resolve("receiver.yml");
    writeQuietly(file, yaml);

    int exit = run("check-config", "-c", file.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("OK").contains("rule btc-low");
  }

  @Test
  void historyMasksPhonesNewestFirst() throws Exception {
    ReceiverConfig config = TestConfigs.load(dir, TestConfigs.yaml("[\"127.0.0.1/32\"]", ""));
    try (Store store = Store.open(config.store(), Duration.ofSeconds(1))) {
      WebhookIntake intake =
          new WebhookIntake(config.rules(), store.events(), Clock.systemUTC(), () -> {});
      intake.accept(body("older", "Triggered", "4.2"), "application/json");
      intake.accept(body("newer", "No Data", ""), "application/json");
    }
    Files.writeString(
        dir.resolve("receiver.yml"),
        Files.readString(dir.resolve("receiver.yml")).replace("${TOKEN}", TestConfigs.TOKEN));

    int exit = run("history", "-c", dir.resolve("receiver.yml").toString(), "--limit", "5");

    String text = out.toString();
    assertThat(exit).as(err.toString()).isZero();
    assertThat(text).doesNotContain("+8613800000000").doesNotContain("+8613900000001");
    assertThat(text).contains("+86138****0000").contains("+86139****0001");
    assertThat(text.indexOf("[id:newer]")).isLessThan(text.indexOf("[id:older]"));
    assertThat(text).contains("SEND: Triggered: value 4.2 is below 5");
    assertThat(text).contains("IGNORE: transition No Data is not in the rule's transitions");
    assertThat(text).contains("no SMS for this event; see docs/troubleshooting.md#webhook-stored");
    assertThat(text).contains("No Data; see docs/troubleshooting.md#monitor-stuck-in-no-data");
    assertThat(text.split("no SMS for this event", -1)).as("only the No Data event").hasSize(2);
  }

  @Test
  void sendTestUsesLogProvider() {
    String yaml = TestConfigs.yaml("[\"127.0.0.1/32\"]", "").replace("${TOKEN}", TestConfigs.TOKEN);
    Path file = dir.resolve("receiver.yml");
    writeQuietly(file, yaml);

    int exit = run("send-test", "-c", file.toString(), "--rule", "btc-low", "--value", "3.5");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("SENT")
        .contains("+86138****0000")
        .doesNotContain("+8613800000000");
  }

  @Test
  void sendTestDefaultValueIsSampleWord() {
    String yaml = TestConfigs.yaml("[\"127.0.0.1/32\"]", "").replace("${TOKEN}", TestConfigs.TOKEN);
    Path file = dir.resolve("receiver.yml");
    writeQuietly(file, yaml);
    Logger logger = (Logger) LoggerFactory.getLogger(LogSmsProvider.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    int exit;
    try {
      exit = run("send-test", "-c", file.toString(), "--rule", "btc-low");
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(exit).as(err.toString()).isZero();
    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("\"value\":\"test\"");
  }

  @Test
  void sendTestHelpNamesSampleValue() {
    assertThat(run("send-test", "--help")).isZero();

    assertThat(out.toString()).contains("default: test");
  }

  @Test
  void sendTestUnknownRuleListsRules() {
    String yaml = TestConfigs.yaml("[\"127.0.0.1/32\"]", "").replace("${TOKEN}", TestConfigs.TOKEN);
    Path file = dir.resolve("receiver.yml");
    writeQuietly(file, yaml);

    int exit = run("send-test", "-c", file.toString(), "--rule", "eth-low");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("eth-low").contains("btc-low");
  }

  @Test
  void helpOnEachCommand() {
    for (String name : new String[] {"serve", "check-config", "send-test", "history"}) {
      assertThat(run(name, "--help")).isZero();
    }
    assertThat(out.toString()).contains("--config").contains("--limit").contains("--rule");
  }

  private static byte[] body(String id, String transition, String value) {
    return ("{\"id\": \""
            + id
            + "\", \"alert_transition\": \""
            + transition
            + "\","
            + " \"alert_metric\": \"quant.wallet.balance\", \"alert_scope\": \"currency:btc\","
            + " \"text_only_msg\": \"walletwatch value="
            + value
            + " threshold=5\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void writeQuietly(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
