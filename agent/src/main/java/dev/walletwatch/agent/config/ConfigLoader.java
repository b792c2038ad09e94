package dev.walletwatch.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code instrumentation.yml} into an {@link AgentConfig}. Every problem found is collected
 * into one {@link ConfigException}; each message names the file, the YAML path and the fix.
 *
 * <p>The YAML is read with SnakeYAML's {@link SafeConstructor} (plain maps, lists and scalars, no
 * class instantiation) and bounded in size, alias expansion and nesting.
 */
public final class ConfigLoader {

  /** Largest accepted file; a gauge list is a few kilobytes. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,199}");
  private static final Set<String> TOP_KEYS = keys("statsd", "gauges", "gracePeriod");
  private static final Set<String> STATSD_KEYS =
      keys("host", "port", "prefix", "tags", "flushInterval", "resendInterval");
  private static final Set<String> GAUGE_KEYS =
      keys("name", "class", "method", "subtypes", "value", "scale", "tags", "maxSeries");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<String>();
  private String source = "";

  /**
   * Creates a loader that applies overrides from {@code env} (normally {@code System.getenv()}).
   */
  public ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /** Reads and checks {@code file}. */
  public AgentConfig load(Path file) throws ConfigException {
    source = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw fail(
            "",
            "file is larger than " + MAX_FILE_BYTES + " bytes; split or shorten the gauge list");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fail(
          "",
          "file not found; create it, or pass its path as -javaagent:walletwatch-agent.jar=config=PATH"
              + " or in WALLETWATCH_CONFIG");
    } catch (IOException e) {
      throw fail("", "cannot read the file (" + e + "); check its permissions");
    }
    return parse(new java.io.ByteArrayInputStream(bytes));
  }

  /** Reads and checks YAML text from {@code in}, naming {@code sourceName} in messages. */
  public AgentConfig load(InputStream in, String sourceName) throws ConfigException {
    source = sourceName;
    return parse(in);
  }

  private AgentConfig parse(InputStream in) throws ConfigException {
    Object root;
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      root = newYaml().load(reader);
    } catch (YAMLException | IOException e) {
      String detail = String.valueOf(e.getMessage()).replace('\n', ' ').replaceAll(" +", " ");
      throw fail("", "invalid YAML: " + detail.trim() + "; fix the syntax at the position shown");
    }
    if (root == null) {
      throw fail("", "file is empty; add a statsd section and at least one entry under gauges");
    }
    Map<String, Object> top = map(root, "");
    if (top == null) {
      throw done();
    }
    checkKeys(top, TOP_KEYS, "");
    StatsdConfig statsd = parseStatsd(top.get("statsd"));
    List<GaugeConfig> gauges = parseGauges(top.get("gauges"));
    long grace = duration(top.get("gracePeriod"), "gracePeriod", 60_000L);
    if (!problems.isEmpty()) {
      throw done();
    }
    return new AgentConfig(source, statsd, gauges, grace);
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_FILE_BYTES);
    return new Yaml(new SafeConstructor(options));
  }

  private StatsdConfig parseStatsd(Object node) {
    Map<String, Object> statsd =
        node == null ? new java.util.HashMap<String, Object>() : map(node, "statsd");
    if (statsd == null) {
      return null;
    }
    checkKeys(statsd, STATSD_KEYS, "statsd");
    String host = host(statsd.get("host"));
    int port = port(statsd.get("port"));
    String prefix = prefix(statsd.get("prefix"));
    List<String> tags = constantTags(statsd.get("tags"));

    long flush = duration(statsd.get("flushInterval"), "statsd.flushInterval", 1000L);
    long resend = duration(statsd.get("resendInterval"), "statsd.resendInterval", 10_000L);
    if (flush > 0 && resend > 0 && resend < flush) {
      problem(
          "statsd.resendInterval",
          "is shorter than statsd.flushInterval; make it at least as long as the flush interval");
    }
    return new StatsdConfig(host, port, prefix, tags, flush, resend);
  }

  /** Returns the host, with {@code DD_AGENT_HOST} taking precedence over the file. */
  private String host(Object node) {
    String host = string(node, "statsd.host", "localhost");
    String envHost = env.get("DD_AGENT_HOST");
    if (envHost != null && !envHost.trim().isEmpty()) {
      host = envHost.trim();
    }
    if (host != null && host.trim().isEmpty()) {
      problem("statsd.host", "is empty; write a host name or address such as localhost");
    }
    return host;
  }

  /** Returns the port, with {@code DD_DOGSTATSD_PORT} taking precedence over the file. */
  private int port(Object node) {
    int port = integer(node, "statsd.port", 8125, 1, 65535);
    String envPort = env.get("DD_DOGSTATSD_PORT");
    if (envPort == null || envPort.trim().isEmpty()) {
      return port;
    }
    try {
      int parsed = Integer.parseInt(envPort.trim());
      if (parsed >= 1 && parsed <= 65535) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    problems.add(
        "environment variable DD_DOGSTATSD_PORT: '"
            + envPort
            + "' is not a port number; set it to a number from 1 to 65535 or unset it");
    return port;
  }

  private String prefix(Object node) {
    String prefix = string(node, "statsd.prefix", "");
    if (prefix == null) {
      return "";
    }
    while (prefix.endsWith(".")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!prefix.isEmpty() && !METRIC_NAME.matcher(prefix).matches()) {
      problem(
          "statsd.prefix",
          "'"
              + prefix
              + "' is not a valid metric name start; use letters, digits, _ and .,"
              + " starting with a letter");
    }
    return prefix;
  }

  /** Returns the configured tags followed by those in {@code DD_TAGS}, all cleaned. */
  private List<String> constantTags(Object node) {
    List<String> tags = new ArrayList<String>();
    for (String tag : stringList(node, "statsd.tags")) {
      tags.add(Tags.cleanTag(tag));
    }
    String ddTags = env.get("DD_TAGS");
    if (ddTags != null) {
      for (String tag : ddTags.split("[\\s,]+")) {
        if (!tag.isEmpty()) {
          tags.add(Tags.cleanTag(tag));
        }
      }
    }
    return tags;
  }

  private List<GaugeConfig> parseGauges(Object node) {
    List<GaugeConfig> gauges = new ArrayList<GaugeConfig>();
    if (node == null) {
      problem("gauges", "is missing; add at least one gauge with name, class and method");
      return gauges;
    }
    if (!(node instanceof List)) {
      problem("gauges", "is not a list; write each gauge as an item starting with '- name:'");
      return gauges;
    }
    List<?> items = (List<?>) node;
    if (items.isEmpty()) {
      problem("gauges", "is empty; add at least one gauge with name, class and method");
    }
    for (int i = 0; i < items.size(); i++) {
      GaugeConfig gauge = parseGauge(items.get(i), i);
      if (gauge != null) {
        gauges.add(gauge);
      }
    }
    return gauges;
  }

  private GaugeConfig parseGauge(Object node, int index) {
    String path = "gauges[" + index + "]";
    Map<String, Object> gauge = map(node, path);
    if (gauge == null) {
      return null;
    }
    int before = problems.size();
    checkKeys(gauge, GAUGE_KEYS, path);
    String name = required(gauge, "name", path);
    if (name != null && !METRIC_NAME.matcher(name).matches()) {
      problem(
          path + ".name",
          "'"
              + name
              + "' is not a valid metric name; use at most 200 letters, digits, _ and .,"
              + " starting with a letter, such as quant.wallet.balance");
    }
    ClassPattern classPattern = parsed(required(gauge, "class", path), path + ".class", "class");
    MethodSpec method = parsed(required(gauge, "method", path), path + ".method", "method");
    boolean subtypes = bool(gauge.get("subtypes"), path + ".subtypes");
    ValuePath value =
        parsed(string(gauge.get("value"), path + ".value", "return"), path + ".value", "value");
    BigDecimal scale = scale(gauge.get("scale"), path + ".scale");
    List<TagTemplate> tags = tags(gauge.get("tags"), path + ".tags");
    int maxSeries = integer(gauge.get("maxSeries"), path + ".maxSeries", 100, 1, 100_000);
    if (problems.size() > before) {
      return null;
    }
    return new GaugeConfig(
        index, name, classPattern, method, subtypes, value, scale, tags, maxSeries);
  }

  @SuppressWarnings("unchecked")
  private <T> T parsed(String text, String path, String kind) {
    if (text == null) {
      return null;
    }
    try {
      if (kind.equals("class")) {
        return (T) ClassPattern.parse(text);
      } else if (kind.equals("method")) {
        return (T) MethodSpec.parse(text);
      }
      return (T) ValuePath.parse(text);
    } catch (IllegalArgumentException e) {
      problem(path, e.getMessage());
      return null;
    }
  }

  private List<TagTemplate> tags(Object node, String path) {
    List<TagTemplate> tags = new ArrayList<TagTemplate>();
    if (node == null) {
      return tags;
    }
    Map<String, Object> map = map(node, path);
    if (map == null) {
      return tags;
    }
    List<ValuePath> roots = new ArrayList<ValuePath>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      String tagPath = path + "." + key;
      if (!Tags.isValidKey(key)) {
        problem(
            tagPath,
            "'"
                + key
                + "' is not a valid tag key; start with a letter and use letters, digits,"
                + " _ - . /");
        continue;
      }
      Object raw = entry.getValue();
      if (raw instanceof Map || raw instanceof List || raw == null) {
        problem(
            tagPath,
            "is not a scalar; write a literal such as simulated or an expression such as ${arg0}");
        continue;
      }
      String text = String.valueOf(raw).trim();
      if (text.startsWith("${") && text.endsWith("}")) {
        try {
          ValuePath expression = ValuePath.parse(text.substring(2, text.length() - 1));
          addRoot(roots, expression);
          tags.add(TagTemplate.expression(key, expression));
        } catch (IllegalArgumentException e) {
          problem(tagPath, e.getMessage());
        }
      } else if (text.contains("${")) {
        problem(
            tagPath,
            "'"
                + text
                + "' mixes text and an expression; write the expression alone, such as"
                + " ${arg0}");
      } else {
        tags.add(TagTemplate.literal(key, text));
      }
    }
    if (roots.size() > 2) {
      problem(
          path,
          "tag expressions read "
              + roots.size()
              + " different roots; at most two of return,"
              + " argN and this can be used in one gauge's tags");
    }
    return tags;
  }

  private static void addRoot(List<ValuePath> roots, ValuePath expression) {
    for (ValuePath root : roots) {
      if (root.sameRoot(expression)) {
        return;
      }
    }
    roots.add(expression);
  }

  private BigDecimal scale(Object node, String path) {
    if (node == null) {
      return BigDecimal.ONE;
    }
    try {
      BigDecimal scale = new BigDecimal(String.valueOf(node).trim());
      if (scale.signum() == 0) {
        problem(path, "is 0, which would report every balance as 0; use a non-zero multiplier");
      }
      return scale;
    } catch (NumberFormatException e) {
      problem(path, "'" + node + "' is not a number; write a multiplier such as 1, 0.001 or 1e-8");
      return BigDecimal.ONE;
    }
  }

  private String required(Map<String, Object> map, String key, String path) {
    Object value = map.get(key);
    if (value == null) {
      problem(path + "." + key, "is missing; " + requiredHint(key));
      return null;
    }
    return string(value, path + "." + key, null);
  }

  private static String requiredHint(String key) {
    if (key.equals("name")) {
      return "add the metric name, such as quant.wallet.balance";
    } else if (key.equals("class")) {
      return "add the class that declares the method, such as com.acme.trading.Wallet";
    }
    return "add the method, such as balanceOf or balanceOf(java.lang.String)";
  }

  private String string(Object node, String path, String fallback) {
    if (node == null) {
      return fallback;
    }
    if (node instanceof Map || node instanceof List) {
      problem(path, "is not a scalar; write a single value");
      return fallback;
    }
    return String.valueOf(node);
  }

  private List<String> stringList(Object node, String path) {
    List<String> result = new ArrayList<String>();
    if (node == null) {
      return result;
    }
    if (!(node instanceof List)) {
      problem(path, "is not a list; write tags as [\"team:quant\", \"desk:btc\"]");
      return result;
    }
    List<?> items = (List<?>) node;
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item == null || item instanceof Map || item instanceof List) {
        problem(path + "[" + i + "]", "is not a tag; write key:value, such as team:quant");
      } else {
        result.add(String.valueOf(item));
      }
    }
    return result;
  }

  private boolean bool(Object node, String path) {
    if (node == null) {
      return false;
    }
    if (!(node instanceof Boolean)) {
      problem(path, "'" + node + "' is not true or false; write true or false");
      return false;
    }
    return (Boolean) node;
  }

  private int integer(Object node, String path, int fallback, int min, int max) {
    if (node == null) {
      return fallback;
    }
    if (!(node instanceof Integer) || (Integer) node < min || (Integer) node > max) {
      problem(
          path, "'" + node + "' is not a whole number from " + min + " to " + max + "; write one");
      return fallback;
    }
    return (Integer) node;
  }

  private long duration(Object node, String path, long fallback) {
    if (node == null) {
      return fallback;
    }
    try {
      return Durations.parseMillis(String.valueOf(node));
    } catch (IllegalArgumentException e) {
      problem(path, e.getMessage());
      return -1;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object node, String path) {
    if (node instanceof Map) {
      return (Map<String, Object>) node;
    }
    problem(
        path.isEmpty() ? "(top level)" : path,
        "is not a mapping; write key: value lines"
            + (path.startsWith("gauges[") ? " starting with '- name:'" : ""));
    return null;
  }

  private void checkKeys(Map<String, Object> map, Set<String> allowed, String path) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        String where = path.isEmpty() ? String.valueOf(key) : path + "." + key;
        problem(
            where,
            "unknown key; remove it or use one of " + new java.util.TreeSet<String>(allowed));
      }
    }
  }

  private void problem(String yamlPath, String message) {
    problems.add(source + ": " + yamlPath + ": " + message);
  }

  private ConfigException fail(String yamlPath, String message) {
    if (yamlPath.isEmpty()) {
      problems.add(source + ": " + message);
    } else {
      problem(yamlPath, message);
    }
    return done();
  }

  private ConfigException done() {
    return new ConfigException(new ArrayList<String>(problems));
  }

  private static Set<String> keys(String... names) {
    return new HashSet<String>(Arrays.asList(names));
  }
}
