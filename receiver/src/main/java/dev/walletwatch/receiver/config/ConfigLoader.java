package dev.walletwatch.receiver.config;

import dev.walletwatch.receiver.rules.Rule;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@code receiver.yml}: substitutes {@code ${VAR}} and {@code ${VAR:-default}}, checks every
 * key and template, and reports all problems at once in a {@link ConfigException}. Relative paths
 * ({@code store}, {@code sms.log.file}) are resolved against the config file's folder.
 */
public final class ConfigLoader {
  /** Environment variable that supplies {@code sms.aliyun.accessKeyId} when the config omits it. */
  public static final String ACCESS_KEY_ID_ENV = "ALIBABA_CLOUD_ACCESS_KEY_ID";

  /** Environment variable that supplies {@code sms.aliyun.accessKeySecret} when omitted. */
  public static final String ACCESS_KEY_SECRET_ENV = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

  private static final int MAX_CONFIG_CHARS = 1 << 20;
  private static final int MIN_TOKEN_LENGTH = 16;

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Loads and validates {@code file}. */
  public ReceiverConfig load(Path file) throws ConfigException {
    String source = file.toString();
    Object root = readYaml(file);
    List<String> problems = new ArrayList<>();
    YamlNode top = new YamlNode(root, "", new EnvSubstitution(env), problems);
    if (root == null || !top.isMap()) {
      throw new ConfigException(
          source, List.of("the file must be a YAML mapping with server, store, sms and rules"));
    }
    top.checkKeys(ConfigKeys.TOP);
    Path base = file.toAbsolutePath().getParent();

    ReceiverConfig.Server server = server(top.get("server"), base);
    String storeText = top.get("store").required();
    Path store = storeText == null ? null : base.resolve(storeText);
    ReceiverConfig.Sms sms = sms(top.get("sms"), base);
    List<Rule> rules = new RuleLoader(problems).rules(top.get("rules"));
    ReceiverConfig.Delivery delivery = delivery(top.get("delivery"));
    ReceiverConfig.Statsd statsd = statsd(top.get("statsd"));

    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new ReceiverConfig(server, store, sms, rules, delivery, statsd);
  }

  /**
   * Reads only the {@code store} path, for commands such as {@code history} that open the store and
   * nothing else: the token and the Aliyun keys need not be set in their environment.
   */
  public Path loadStorePath(Path file) throws ConfigException {
    Object root = readYaml(file);
    List<String> problems = new ArrayList<>();
    YamlNode top = new YamlNode(root, "", new EnvSubstitution(env), problems);
    String storeText = root instanceof Map<?, ?> ? top.get("store").required() : null;
    if (!(root instanceof Map<?, ?>)) {
      problems.add("the file must be a YAML mapping with server, store, sms and rules");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(file.toString(), problems);
    }
    return file.toAbsolutePath().getParent().resolve(storeText);
  }

  private static Object readYaml(Path file) throws ConfigException {
    String source = file.toString();
    Object root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_CONFIG_CHARS);
      options.setMaxAliasesForCollections(20);
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).load(reader);
    } catch (IOException e) {
      throw new ConfigException(source, List.of("cannot read the file: " + e.getMessage()));
    } catch (YAMLException e) {
      throw new ConfigException(source, List.of("invalid YAML: " + e.getMessage()));
    }
    return root;
  }

  private ReceiverConfig.Server server(YamlNode node, Path base) {
    if (node.isMissing()) {
      node.problem("missing; the server block needs at least token");
      return null;
    }
    node.checkKeys(ConfigKeys.SERVER);
    String host = node.get("host").string("0.0.0.0");
    Integer port = node.get("port").integer(8080, 0, 65535);
    YamlNode tokenNode = node.get("token");
    String token = tokenNode.required();
    if (token != null && token.length() < MIN_TOKEN_LENGTH) {
      tokenNode.problem(
          "the token is "
              + token.length()
              + " characters long; use at least "
              + MIN_TOKEN_LENGTH
              + " random characters (for example from openssl rand -hex 24)");
    }
    List<Cidr> allow = new ArrayList<>();
    YamlNode allowNode = node.get("allow");
    if (allowNode.isMissing()) {
      allow.add(Cidr.parse("0.0.0.0/0"));
      allow.add(Cidr.parse("::/0"));
    }
    for (YamlNode entry : allowNode.list()) {
      String text = entry.string();
      if (text == null) {
        continue;
      }
      try {
        allow.add(Cidr.parse(text));
      } catch (IllegalArgumentException e) {
        entry.problem(
            "'"
                + text
                + "' is not a CIDR network such as 10.0.0.0/8 or 2001:db8::/32: "
                + e.getMessage());
      }
    }
    Duration idle = positive(node.get("idleTimeout"), Duration.ofSeconds(30));
    Duration read = positive(node.get("readTimeout"), Duration.ofSeconds(10));
    ReceiverConfig.Tls tls = TlsLoader.tls(node.get("tls"), base);
    Integer maxConnections = node.get("maxConnections").integer(256, 1, 100_000);
    if (port == null || token == null || maxConnections == null) {
      return null;
    }
    return new ReceiverConfig.Server(
        host, port, Secret.of(token), allow, idle, read, maxConnections, tls);
  }

  private ReceiverConfig.Sms sms(YamlNode node, Path base) {
    if (node.isMissing()) {
      node.problem("missing; set sms.provider to aliyun or log");
      return null;
    }
    node.checkKeys(ConfigKeys.SMS);
    String provider = node.get("provider").required();
    if (provider == null) {
      return null;
    }
    YamlNode log = node.get("log");
    log.checkKeys(ConfigKeys.SMS_LOG);
    String logFile = log.get("file").string();
    switch (provider) {
      case "log":
        // The aliyun block is not read, so its ${VAR}s need not be set for a dry run.
        return new ReceiverConfig.Sms("log", null, logFile == null ? null : base.resolve(logFile));
      case "aliyun":
        return new ReceiverConfig.Sms("aliyun", aliyun(node.get("aliyun")), null);
      default:
        node.get("provider").problem("'" + provider + "' is not a provider; use aliyun or log");
        return null;
    }
  }

  private AliyunSettings aliyun(YamlNode node) {
    node.checkKeys(ConfigKeys.SMS_ALIYUN);
    String keyId = fromConfigOrEnv(node.get("accessKeyId"), ACCESS_KEY_ID_ENV);
    String keySecret = fromConfigOrEnv(node.get("accessKeySecret"), ACCESS_KEY_SECRET_ENV);
    String endpoint = endpoint(node.get("endpoint"));
    String signName = node.get("signName").required();
    SignatureVersion signature = signatureVersion(node.get("signature"));
    Duration connect = positive(node.get("connectTimeout"), Duration.ofSeconds(5));
    Duration read = positive(node.get("readTimeout"), Duration.ofSeconds(10));

    if (keyId == null
        || keySecret == null
        || endpoint == null
        || signName == null
        || signature == null
        || connect == null
        || read == null) {
      return null;
    }
    return new AliyunSettings(
        keyId, Secret.of(keySecret), endpoint, signName, signature, connect, read);
  }

  private static String endpoint(YamlNode node) {
    String endpoint = node.string("https://dysmsapi.aliyuncs.com");
    try {
      URI uri = new URI(endpoint);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (web && uri.getHost() != null) {
        return endpoint;
      }
      node.problem("'" + endpoint + "' is not an http or https URL");
    } catch (URISyntaxException e) {
      node.problem("'" + endpoint + "' is not a URL: " + e.getReason());
    }
    return null;
  }

  private static SignatureVersion signatureVersion(YamlNode node) {
    String text = node.string("v3");
    if (text.equalsIgnoreCase("v3")) {
      return SignatureVersion.V3;
    }
    if (text.equalsIgnoreCase("v1")) {
      return SignatureVersion.V1;
    }
    node.problem("'" + text + "' is not a signature version; use v3 or v1");
    return null;
  }

  private String fromConfigOrEnv(YamlNode node, String envName) {
    String value = node.string();
    if (value == null && node.isMissing()) {
      value = env.get(envName);
    }
    if (value == null || value.isBlank()) {
      if (node.isMissing() || value != null) {
        node.problem("missing or empty; set it here or in the environment variable " + envName);
      }
      return null;
    }
    return value;
  }

  private ReceiverConfig.Delivery delivery(YamlNode node) {
    node.checkKeys(ConfigKeys.DELIVERY);
    Duration initial = positive(node.get("initialBackoff"), Duration.ofSeconds(5));
    Duration max = positive(node.get("maxBackoff"), Duration.ofMinutes(5));
    Integer attempts = node.get("maxAttempts").integer(10, 1, 1000);
    Duration defer = positive(node.get("deferWait"), Duration.ofMinutes(10));
    Duration poll = positive(node.get("pollInterval"), Duration.ofSeconds(1));
    if (initial != null && max != null && max.compareTo(initial) < 0) {
      node.get("maxBackoff")
          .problem("is shorter than delivery.initialBackoff; make it at least as long");
    }
    return new ReceiverConfig.Delivery(initial, max, attempts == null ? 1 : attempts, defer, poll);
  }

  private ReceiverConfig.Statsd statsd(YamlNode node) {
    if (node.isMissing() || !node.isMap()) {
      return null;
    }
    node.checkKeys(ConfigKeys.STATSD);
    String host = node.get("host").string("localhost");
    Integer port = node.get("port").integer(8125, 1, 65535);
    String prefix = node.get("prefix").string("walletwatch.receiver");
    return port == null ? null : new ReceiverConfig.Statsd(host, port, prefix);
  }

  private static Duration positive(YamlNode node, Duration fallback) {
    Duration value = node.duration(fallback);
    if (value != null && (value.isZero() || value.isNegative())) {
      node.problem("must be longer than zero");
      return null;
    }
    return value;
  }
}
