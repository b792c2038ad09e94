package dev.walletwatch.receiver.cli;

import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.rules.Rule;
import dev.walletwatch.receiver.sms.Phones;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.SmsProvider;
import dev.walletwatch.receiver.template.Placeholder;
import dev.walletwatch.receiver.template.SmsTemplate;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code send-test}: sends one SMS of a rule's template straight through the configured provider,
 * bypassing the webhook, the store and the outbox, to check credentials, sign name and template.
 */
@Command(
    name = "send-test",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one SMS with a rule's template directly through the configured provider (not through"
          + " the outbox: nothing is stored, retried or flood-limited) and prints the provider's"
          + " classified answer.",
      "Placeholders take sample values: {value} from --value (default: the word test, which no"
          + " one can mistake for a real balance), {threshold} from the rule's below, {transition}"
          + " Triggered (Recovered with --recovery).",
      "Exit code 0 when the provider accepted the message, 1 otherwise, 2 for a config problem."
    })
public final class SendTestCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = "--rule",
      required = true,
      paramLabel = "NAME",
      description = "Rule whose template to send.")
  String ruleName;

  @Option(
      names = "--phone",
      paramLabel = "NUMBER",
      description = "Number to text (default: the rule's first phone).")
  String phone;

  /** A word rather than a number, so that a test SMS is never read as a real balance of 0. */
  static final String SAMPLE_VALUE = "test";

  @Option(
      names = "--value",
      paramLabel = "TEXT",
      defaultValue = SAMPLE_VALUE,
      description =
          "Text for {value} (default: ${DEFAULT-VALUE}). Pass a number such as 4.2 to see how a"
              + " balance reads in the template.")
  String value;

  @Option(names = "--recovery", description = "Send the rule's recovery template instead.")
  boolean recovery;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ReceiverConfig loaded = config.load(err);
    if (loaded == null) {
      return ConfigOption.EXIT_CONFIG;
    }
    Rule rule = loaded.rule(ruleName);
    if (rule == null) {
      err.println(
          "no rule named '"
              + ruleName
              + "'; rules in "
              + config.file
              + ": "
              + loaded.rules().stream().map(Rule::name).toList());
      return ConfigOption.EXIT_CONFIG;
    }
    SmsTemplate template = recovery ? rule.recovery() : rule.template();
    if (template == null) {
      err.println("rule '" + ruleName + "' has no recovery template");
      return ConfigOption.EXIT_CONFIG;
    }
    String to = phone != null ? phone : rule.phones().get(0);
    SmsMessage message =
        new SmsMessage(
            to, template.code(), template.render(sampleValues(rule)), "test-" + UUID.randomUUID());
    try (SmsProvider provider = Receiver.provider(loaded.sms(), Clock.systemUTC())) {
      out.printf(
          "sending %s to %s through %s%n", template.code(), Phones.mask(to), provider.name());
      out.flush();
      SendResult result = provider.send(message);
      out.printf(
          "%s code=%s detail=%s%s%n",
          result.outcome(),
          result.code(),
          result.detail(),
          result.providerId() == null ? "" : " bizId=" + result.providerId());
      if (result.outcome() == SendResult.Outcome.UNKNOWN) {
        out.println("the outcome is unknown: check the phone before running send-test again");
      }
      out.flush();
      return result.outcome() == SendResult.Outcome.SENT ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("send failed: " + e.getMessage());
      return 1;
    }
  }

  private Map<Placeholder, String> sampleValues(Rule rule) {
    Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
    values.put(Placeholder.VALUE, value);
    values.put(Placeholder.THRESHOLD, rule.below() == null ? "" : rule.below().toPlainString());
    values.put(Placeholder.METRIC, rule.metric() == null ? "" : rule.metric());
    values.put(
        Placeholder.SCOPE,
        String.join(
            ",",
            rule.scope().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList()));
    values.put(Placeholder.TRANSITION, recovery ? "Recovered" : "Triggered");
    values.put(Placeholder.TITLE, "walletwatch send-test");
    values.put(Placeholder.MONITOR_ID, rule.monitorId() == null ? "" : rule.monitorId());
    return values;
  }
}
