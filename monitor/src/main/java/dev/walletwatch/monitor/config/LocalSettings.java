package dev.walletwatch.monitor.config;

import java.time.Duration;

/**
 * Settings of the {@code local} command.
 *
 * @param evaluateEvery the time between two evaluations of every monitor
 */
public record LocalSettings(Duration evaluateEvery) {}
