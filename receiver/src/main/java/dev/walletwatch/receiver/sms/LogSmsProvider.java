package dev.walletwatch.receiver.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code log} dry-run provider: logs at INFO the template code and variables that would be
 * sent, with the phone masked, and reports the message sent. With a file set, each message is also
 * appended to it as one JSON line (phone masked) and flushed to disk, which lets a lookup after a
 * crash find messages already "sent".
 */
public final class LogSmsProvider implements SmsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(LogSmsProvider.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Clock clock;

  /** Creates the provider; {@code file} may be null to log only. */
  public LogSmsProvider(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "log";
  }

  @Override
  public SendResult send(SmsMessage message) {
    // Showing what would be sent is the dry run's purpose, so the template variables are logged
    // at INFO. They come from the rule and the event, never from credentials. The phone stays
    // masked.
    LOG.info(
        "sms.dry_run phone={} template={} params={} out_id={}",
        Phones.mask(message.phone()),
        message.templateCode(),
        paramsJson(message),
        message.outId());
    if (file != null) {
      try {
        append(message);
      } catch (IOException e) {
        return new SendResult(
            SendResult.Outcome.RETRY,
            "log.io",
            "cannot write " + file + ": " + e.getMessage(),
            null,
            null);
      }
    }
    return new SendResult(SendResult.Outcome.SENT, "OK", "logged", null, null);
  }

  /** Writes the variables as the JSON object that Aliyun would get in {@code TemplateParam}. */
  private static String paramsJson(SmsMessage message) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(message.params()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private void append(SmsMessage message) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.put("at", Instant.now(clock).toString());
    line.put("outId", message.outId());
    line.put("phone", Phones.mask(message.phone()));
    line.put("template", message.templateCode());
    line.set("params", JSON.valueToTree(message.params()));
    byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
      out.write(bytes);
      out.getFD().sync();
    }
  }

  @Override
  public LookupResult lookup(SmsMessage message, Instant firstAttempt) {
    if (file == null || !Files.exists(file)) {
      // Nothing was recorded, so nothing was sent: sending again is safe.
      return LookupResult.NOT_FOUND;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String needle = "\"outId\":\"" + message.outId() + "\"";
      return lines.stream().anyMatch(l -> l.contains(needle))
          ? LookupResult.FOUND
          : LookupResult.NOT_FOUND;
    } catch (IOException | UncheckedIOException e) {
      return LookupResult.UNKNOWN;
    }
  }
}
