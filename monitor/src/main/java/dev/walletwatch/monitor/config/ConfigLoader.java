package dev.walletwatch.monitor.config;

import dev.walletwatch.monitor.query.MetricQuery;
import dev.walletwatch.monitor.query.QueryException;
import dev.walletwatch.monitor.query.QueryParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads a monitors file: safe YAML (plain maps, lists and scalars only, no aliases bombs, at most 1
 * MiB), {@code ${VAR}} substitution, and a check of every value with its YAML path.
 */
public final class ConfigLoader {
  /**
   * The custom variable that contains the webhook token when {@code webhook.tokenVariable} is
   * unset.
   */
  public static final String DEFAULT_TOKEN_VARIABLE = "WALLETWATCH_WEBHOOK_TOKEN";

  private static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final Duration DEFAULT_EVALUATE_EVERY = Duration.ofSeconds(10);
  private static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern WEBHOOK_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z0-9_]{1,100}");
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");

  private final Map<String, String> environment;

  /** Creates a loader that substitutes variables from {@code environment}. */
  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Loads and checks {@code file}.
   *
   * @throws ConfigException naming the file, the YAML path and the fix
   */
  public MonitorsConfig load(Path file) {
    YamlSection root = YamlSection.root(file.toString(), readYaml(file), environment);
    root.allowOnly("datadog", "webhook", "monitors", "local");

    DatadogSettings datadog = null;
    ConfigException datadogError = null;
    try {
      datadog = datadog(root.section("datadog"));
    } catch (ConfigException e) {
      datadogError = e;
    }
    WebhookSettings webhook = webhook(root.section("webhook"));
    List<MonitorDefinition> monitors = monitors(root);
    YamlSection local = root.section("local");
    local.allowOnly("evaluateEvery");
    LocalSettings localSettings =
        new LocalSettings(local.duration("evaluateEvery", DEFAULT_EVALUATE_EVERY));
    return new MonitorsConfig(file, datadog, datadogError, webhook, monitors, localSettings);
  }

  private static Object readYaml(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(file + ": the file is larger than 1 MiB; is it the right file?");
      }
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      options.setCodePointLimit(MAX_FILE_BYTES);
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return new Yaml(new SafeConstructor(options)).load(reader);
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the file: " + e.getMessage());
    } catch (YAMLException e) {
      throw new ConfigException(file + ": invalid YAML: " + e.getMessage());
    }
  }

  private static DatadogSettings datadog(YamlSection section) {
    section.allowOnly("site", "apiKey", "appKey", "apiUrl");
    String site = section.optionalString("site");
    if (site == null) {
      site = "datadoghq.com";
    }
    String apiUrl;
    try {
      apiUrl = DatadogSites.apiUrl(site);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.where("site") + ": " + e.getMessage());
    }
    String override = section.optionalString("apiUrl");
    if (override != null) {
      if (!HTTP_URL.matcher(override).matches()) {
        throw new ConfigException(
            section.where("apiUrl") + ": \"" + override + "\" is not an http or https URL");
      }
      apiUrl = override.endsWith("/") ? override.substring(0, override.length() - 1) : override;
    }
    Secret apiKey = Secret.of(section.requiredString("apiKey"));
    Secret appKey = Secret.of(section.requiredString("appKey"));
    return new DatadogSettings(site, apiUrl, apiKey, appKey);
  }

  private static WebhookSettings webhook(YamlSection section) {
    section.allowOnly("name", "url", "token", "tokenVariable", "timeout");
    String name = section.requiredString("name");
    if (!WEBHOOK_NAME.matcher(name).matches()) {
      throw new ConfigException(
          section.where("name")
              + ": \""
              + name
              + "\" is not a valid webhook name; use letters, digits, \"_\" and \"-\"");
    }
    String url = section.requiredString("url");
    if (!HTTP_URL.matcher(url).matches()) {
      throw new ConfigException(
          section.where("url") + ": \"" + url + "\" is not an http or https URL");
    }
    Secret token = Secret.of(section.requiredString("token"));
    String tokenVariable = section.optionalString("tokenVariable");
    if (tokenVariable == null) {
      tokenVariable = DEFAULT_TOKEN_VARIABLE;
    }
    if (!VARIABLE_NAME.matcher(tokenVariable).matches()) {
      throw new ConfigException(
          section.where("tokenVariable")
              + ": \""
              + tokenVariable
              + "\" is not a valid custom variable name; Datadog allows only A-Z, 0-9 and \"_\"");
    }
    Duration timeout = section.duration("timeout", DEFAULT_WEBHOOK_TIMEOUT);
    return new WebhookSettings(name, url, token, tokenVariable, timeout);
  }

  private static List<MonitorDefinition> monitors(YamlSection root) {
    List<YamlSection> sections = root.sections("monitors");
    if (sections.isEmpty()) {
      throw new ConfigException(root.where("monitors") + ": define at least one monitor");
    }
    List<MonitorDefinition> monitors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlSection section : sections) {
      MonitorDefinition monitor = monitor(section);
      if (!names.add(monitor.name())) {
        throw new ConfigException(
            section.where("name")
                + ": another monitor is already named \""
                + monitor.name()
                + "\"; apply finds monitors by name, so names must be unique");
      }
      monitors.add(monitor);
    }
    return monitors;
  }

  private static MonitorDefinition monitor(YamlSection section) {
    section.allowOnly(
        "name", "query", "message", "notifyNoData", "noDataTimeframe", "renotifyInterval", "tags");
    String name = section.requiredString("name");
    String queryText = section.requiredString("query");
    MetricQuery query;
    try {
      query = QueryParser.parse(queryText);
    } catch (QueryException e) {
      throw new ConfigException(
          section.where("query") + ": \"" + queryText + "\": " + e.getMessage());
    }
    String message = section.optionalString("message");
    return new MonitorDefinition(
        section.path(),
        name,
        query,
        message == null ? "" : message,
        section.bool("notifyNoData", false),
        section.duration("noDataTimeframe", null),
        section.duration("renotifyInterval", null),
        section.strings("tags"));
  }
}
