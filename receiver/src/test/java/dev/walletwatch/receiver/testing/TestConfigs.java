package dev.walletwatch.receiver.testing;

import dev.walletwatch.receiver.config.ConfigException;
import dev.walletwatch.receiver.config.ConfigLoader;
import dev.walletwatch.receiver.config.ReceiverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes and loads receiver.yml files for tests, always on loopback and with the log provider. */
public final class TestConfigs {
  public static final String TOKEN = "test-token-0123456789abcdef";

  private TestConfigs() {}

  /** Returns a config listening on 127.0.0.1 port 0 with one rule, btc-low, and fast retries. */
  public static String yaml(String allow, String extraRuleLines) {
    return """
        server:
          host: 127.0.0.1
          port: 0
          token: ${TOKEN}
          allow: %s
          readTimeout: 3s
          idleTimeout: 5s
        store: walletwatch.db
        sms:
          provider: log
        delivery:
          initialBackoff: 100ms
          maxBackoff: 1s
          maxAttempts: 5
          pollInterval: 50ms
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            scope: {currency: btc}
            below: 5
            phones: ["+8613800000000", "+8613900000001"]
            template: SMS_000000
            params: {name: "值班", metric: "btc", value: "{value}"}
            recovery: {template: SMS_000001, params: {metric: "btc"}}
        %s
        """
        .formatted(allow, extraRuleLines);
  }

  public static ReceiverConfig load(Path dir, String yaml) {
    Path file = dir.resolve("receiver.yml");
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return new ConfigLoader(Map.of("TOKEN", TOKEN)).load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
