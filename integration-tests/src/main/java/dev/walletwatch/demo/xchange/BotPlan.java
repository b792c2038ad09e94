package dev.walletwatch.demo.xchange;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The XChange bot's script: opening deposits, the BTC moves, and the pace.
 *
 * <p>Command-line form, every option optional: {@code --btc=8 --eth=20 --usdt=10000
 * --moves=-2,-1.1,+1 --step=1s --poll=100ms --tail=2s}. A negative move is a market sell of that
 * many BTC, a positive move a deposit. The default script takes BTC from 8 to 6 to 4.9 and back to
 * 5.9.
 *
 * @param btc BTC deposited at the start
 * @param eth ETH deposited at the start; ETH is never traded
 * @param usdt USDT deposited at the start
 * @param moves BTC moves in order: negative sells, positive deposits
 * @param step time between two moves, and before the first one
 * @param poll how often the bot reads its balances while it waits
 * @param tail how long the bot keeps reading its balances after the last move
 */
public record BotPlan(
    BigDecimal btc,
    BigDecimal eth,
    BigDecimal usdt,
    List<BigDecimal> moves,
    Duration step,
    Duration poll,
    Duration tail) {

  /** Returns the demo script: 8 BTC, sold to 6 and 4.9, then a deposit back to 5.9. */
  public static BotPlan defaults() {
    return new BotPlan(
        new BigDecimal("8"),
        new BigDecimal("20"),
        new BigDecimal("10000"),
        List.of(new BigDecimal("-2"), new BigDecimal("-1.1"), new BigDecimal("1")),
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        Duration.ofSeconds(2));
  }

  /**
   * Parses {@code --name=value} options over {@link #defaults()}.
   *
   * @throws IllegalArgumentException naming the option and the accepted form when an option is
   *     unknown or its value does not parse
   */
  public static BotPlan parse(String... args) {
    BotPlan plan = defaults();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException(
            "invalid argument '" + arg + "': expected --name=value, for example --moves=-2,+1");
      }
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      plan = plan.with(name, value);
    }
    return plan;
  }

  private BotPlan with(String name, String value) {
    return switch (name) {
      case "btc" -> new BotPlan(amount(name, value), eth, usdt, moves, step, poll, tail);
      case "eth" -> new BotPlan(btc, amount(name, value), usdt, moves, step, poll, tail);
      case "usdt" -> new BotPlan(btc, eth, amount(name, value), moves, step, poll, tail);
      case "moves" -> new BotPlan(btc, eth, usdt, parseMoves(value), step, poll, tail);
      case "step" -> new BotPlan(btc, eth, usdt, moves, duration(name, value), poll, tail);
      case "poll" -> new BotPlan(btc, eth, usdt, moves, step, duration(name, value), tail);
      case "tail" -> new BotPlan(btc, eth, usdt, moves, step, poll, duration(name, value));
      default ->
          throw new IllegalArgumentException(
              "unknown option --"
                  + name
                  + ": expected one of --btc, --eth, --usdt, --moves, --step, --poll, --tail");
    };
  }

  private static List<BigDecimal> parseMoves(String value) {
    List<BigDecimal> parsed = new ArrayList<>();
    if (value.isBlank()) {
      return parsed;
    }
    for (String move : value.split(",")) {
      BigDecimal amount = number("moves", move.trim());
      if (amount.signum() == 0) {
        throw new IllegalArgumentException(
            "invalid --moves entry '"
                + move
                + "': a move is a non-zero BTC amount such as -2 or +1");
      }
      parsed.add(amount);
    }
    return parsed;
  }

  private static BigDecimal amount(String name, String value) {
    BigDecimal amount = number(name, value);
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          "invalid --" + name + "=" + value + ": a deposit cannot be negative");
    }
    return amount;
  }

  private static BigDecimal number(String name, String value) {
    try {
      return new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid --" + name + " value '" + value + "': expected a decimal number such as 1.5");
    }
  }

  /** Parses {@code 250ms}, {@code 2s} or {@code 1m}. */
  static Duration duration(String name, String value) {
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException(
        "invalid --"
            + name
            + " value '"
            + value
            + "': expected a duration such as 250ms, 2s or 1m");
  }
}
