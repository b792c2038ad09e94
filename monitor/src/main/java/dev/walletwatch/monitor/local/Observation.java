package dev.walletwatch.monitor.local;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The result of one evaluation of a monitor.
 *
 * @param value the aggregated value over the window, or null when no matching series has a point in
 *     the window
 * @param silence how long no matching series has sent a point, counted from the start of the
 *     evaluator when none ever has
 */
public record Observation(BigDecimal value, Duration silence) {}
