package dev.walletwatch.receiver.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys that {@code receiver.yml} accepts, per mapping. The loader rejects any other key with
 * its YAML path, and the configuration reference documents exactly these.
 */
public final class ConfigKeys {
  static final Set<String> TOP = Set.of("server", "store", "sms", "rules", "delivery", "statsd");
  static final Set<String> SERVER =
      Set.of(
          "host", "port", "token", "allow", "idleTimeout", "readTimeout", "maxConnections", "tls");
  static final Set<String> SERVER_TLS = Set.of("keystore", "password", "keyPassword");
  static final Set<String> SMS = Set.of("provider", "aliyun", "log");
  static final Set<String> SMS_ALIYUN =
      Set.of(
          "accessKeyId",
          "accessKeySecret",
          "endpoint",
          "signName",
          "signature",
          "connectTimeout",
          "readTimeout");
  static final Set<String> SMS_LOG = Set.of("file");
  static final Set<String> DELIVERY =
      Set.of("initialBackoff", "maxBackoff", "maxAttempts", "deferWait", "pollInterval");
  static final Set<String> STATSD = Set.of("host", "port", "prefix");
  static final Set<String> RULE =
      Set.of(
          "name",
          "metric",
          "monitorId",
          "scope",
          "below",
          "transitions",
          "test",
          "phones",
          "template",
          "params",
          "recovery",
          "repeatInterval");
  static final Set<String> RULE_RECOVERY = Set.of("template", "params");

  private ConfigKeys() {}

  /**
   * Returns every accepted key as a dotted path ({@code server.tls.keystore}, {@code
   * rules[].recovery.template}), sorted. The keys inside {@code scope} and {@code params} are the
   * user's own and are not listed.
   */
  public static Set<String> paths() {
    Map<String, Set<String>> blocks = new LinkedHashMap<>();
    blocks.put("", TOP);
    blocks.put("server", SERVER);
    blocks.put("server.tls", SERVER_TLS);
    blocks.put("sms", SMS);
    blocks.put("sms.aliyun", SMS_ALIYUN);
    blocks.put("sms.log", SMS_LOG);
    blocks.put("delivery", DELIVERY);
    blocks.put("statsd", STATSD);
    blocks.put("rules[]", RULE);
    blocks.put("rules[].recovery", RULE_RECOVERY);
    Set<String> paths = new TreeSet<>();
    blocks.forEach(
        (block, keys) -> keys.forEach(key -> paths.add(block.isEmpty() ? key : block + "." + key)));
    return paths;
  }
}
