package dev.walletwatch.monitor.config;

import java.util.List;

/** The Datadog sites this tool supports, each served by the API host {@code api.<site>}. */
public final class DatadogSites {
  /** Datadog's site names; the API host of each is {@code api.} followed by the name. */
  public static final List<String> SITES =
      List.of(
          "datadoghq.com",
          "datadoghq.eu",
          "us3.datadoghq.com",
          "us5.datadoghq.com",
          "ap1.datadoghq.com",
          "ap2.datadoghq.com",
          "ddog-gov.com");

  private DatadogSites() {}

  /**
   * Returns the API base URL of {@code site}, such as {@code https://api.datadoghq.eu}.
   *
   * @throws IllegalArgumentException when the site is not in {@link #SITES}
   */
  public static String apiUrl(String site) {
    if (!SITES.contains(site)) {
      throw new IllegalArgumentException(
          "unknown Datadog site \"" + site + "\"; valid sites: " + String.join(", ", SITES));
    }
    return "https://api." + site;
  }
}
