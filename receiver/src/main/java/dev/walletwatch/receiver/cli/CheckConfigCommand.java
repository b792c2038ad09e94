package dev.walletwatch.receiver.cli;

import dev.walletwatch.receiver.config.ReceiverConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code check-config}: validates the file and its templates and lists every problem. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Validates receiver.yml: keys, $${VAR} substitutions, networks, durations, rules and template"
          + " parameters (Aliyun accepts at most 35 characters and no URL, IP or domain).",
      "Prints every problem with its YAML path and exits 2, or prints a summary and exits 0."
    })
public final class CheckConfigCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ReceiverConfig loaded = config.load(spec.commandLine().getErr());
    if (loaded == null) {
      return ConfigOption.EXIT_CONFIG;
    }
    var out = spec.commandLine().getOut();
    out.printf(
        "%s: OK: listening on %s:%d, store %s, provider %s, %d rule(s)%n",
        config.file,
        loaded.server().host(),
        loaded.server().port(),
        loaded.store(),
        loaded.sms().provider(),
        loaded.rules().size());
    loaded
        .rules()
        .forEach(
            rule ->
                out.printf(
                    "  rule %s: template %s, %d phone(s)%s%n",
                    rule.name(),
                    rule.template().code(),
                    rule.phones().size(),
                    rule.recovery() == null ? "" : ", recovery " + rule.recovery().code()));
    out.flush();
    return 0;
  }
}
