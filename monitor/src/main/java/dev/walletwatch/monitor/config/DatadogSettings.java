package dev.walletwatch.monitor.config;

/**
 * How to reach the Datadog API.
 *
 * @param site the Datadog site, such as {@code datadoghq.eu}
 * @param apiUrl the API base URL without a trailing slash: {@code https://api.<site>}, or {@code
 *     datadog.apiUrl} when set
 * @param apiKey sent as {@code DD-API-KEY}
 * @param appKey sent as {@code DD-APPLICATION-KEY}
 */
public record DatadogSettings(String site, String apiUrl, Secret apiKey, Secret appKey) {}
