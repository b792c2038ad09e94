package dev.walletwatch.receiver.cli;

import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.Troubleshooting;
import dev.walletwatch.receiver.sms.Phones;
import dev.walletwatch.receiver.store.History;
import dev.walletwatch.receiver.store.StorageException;
import dev.walletwatch.receiver.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code history}: recent events with their decisions and deliveries, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Prints recent events from the store, newest first, each with the rules' decisions and the"
          + " SMS deliveries. Phone numbers are masked. Safe to run while serve is running."
    })
public final class HistoryCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = {"-n", "--limit"},
      defaultValue = "20",
      description = "Number of events to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    // history opens the store and nothing else, so the token and Aliyun keys need not be set.
    Path storePath = config.loadStorePath(err);
    if (storePath == null) {
      return ConfigOption.EXIT_CONFIG;
    }
    if (limit < 1) {
      err.println("--limit must be at least 1, got " + limit);
      return 2;
    }
    if (!Files.exists(storePath)) {
      err.println("no store at " + storePath + "; it is created when serve first starts");
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = Store.open(storePath, Receiver.STORE_BUSY_TIMEOUT)) {
      for (History.Entry entry : store.history().recent(limit)) {
        print(out, entry);
      }
    } catch (StorageException e) {
      err.println(e.getMessage());
      return 1;
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, History.Entry entry) {
    out.printf(
        "#%d %s %s value=%s %s [%s]%n",
        entry.eventId(),
        entry.receivedAt(),
        entry.transition() == null ? "(no transition)" : entry.transition(),
        entry.value() == null ? "-" : entry.value(),
        entry.title() == null ? "" : '"' + entry.title() + '"',
        entry.key());
    for (History.DecisionRow decision : entry.decisions()) {
      out.printf(
          "  decision %s %s: %s%n",
          decision.rule() == null ? "-" : decision.rule(), decision.action(), decision.reason());
    }
    boolean sends = entry.decisions().stream().anyMatch(d -> !d.action().equals("IGNORE"));
    if (!sends) {
      out.printf("  no SMS for this event; %s%n", Troubleshooting.see(Troubleshooting.NO_SMS_SENT));
    }
    if (entry.transition() != null && entry.transition().endsWith("No Data")) {
      out.printf(
          "  the monitor reports No Data; %s%n", Troubleshooting.see(Troubleshooting.NO_DATA));
    }
    for (History.DeliveryRow delivery : entry.deliveries()) {
      out.printf(
          "  delivery %s %s %s %s %s attempts=%d code=%s%s%n",
          delivery.id(),
          delivery.rule(),
          delivery.kind(),
          Phones.mask(delivery.phone()),
          delivery.state(),
          delivery.attempts(),
          delivery.lastCode() == null ? "-" : delivery.lastCode(),
          delivery.lastDetail() == null ? "" : " (" + delivery.lastDetail() + ")");
    }
  }
}
