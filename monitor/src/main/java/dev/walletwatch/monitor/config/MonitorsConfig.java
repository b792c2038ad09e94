package dev.walletwatch.monitor.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded monitors file. The {@code datadog} section is checked only when {@link #datadog()} is
 * called, so that {@code local} runs without Datadog keys in the environment.
 */
public final class MonitorsConfig {
  private final Path file;
  private final DatadogSettings datadog;
  private final ConfigException datadogError;
  private final WebhookSettings webhook;
  private final List<MonitorDefinition> monitors;
  private final LocalSettings local;

  MonitorsConfig(
      Path file,
      DatadogSettings datadog,
      ConfigException datadogError,
      WebhookSettings webhook,
      List<MonitorDefinition> monitors,
      LocalSettings local) {
    this.file = file;
    this.datadog = datadog;
    this.datadogError = datadogError;
    this.webhook = webhook;
    this.monitors = List.copyOf(monitors);
    this.local = local;
  }

  public Path file() {
    return file;
  }

  /**
   * Returns the Datadog settings.
   *
   * @throws ConfigException when the {@code datadog} section is invalid or a key is missing
   */
  public DatadogSettings datadog() {
    if (datadogError != null) {
      throw datadogError;
    }
    return datadog;
  }

  public WebhookSettings webhook() {
    return webhook;
  }

  public List<MonitorDefinition> monitors() {
    return monitors;
  }

  public LocalSettings local() {
    return local;
  }
}
