package dev.walletwatch.demo.xchange;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import org.knowm.xchange.currency.Currency;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.account.Wallet;
import org.knowm.xchange.dto.trade.MarketOrder;
import org.knowm.xchange.simulated.SimulatedExchange;

/**
 * A small trading bot on XChange's simulated exchange, the demo app that walletwatch's agent
 * watches without any change to its code.
 *
 * <p>It deposits BTC, ETH and USDT, then follows its {@link BotPlan}: market-sells BTC step by step
 * and deposits BTC back. Between steps it polls its account the way a bot checks its funds, and
 * every poll reads each balance through XChange's {@link Wallet#getBalance(Currency)}, the method
 * that {@code instrumentation.yml} names. Standard output gets one line per deposit and trade with
 * the balances after it, and nothing that changes from run to run, so two runs of the same plan
 * print the same text.
 */
public final class XChangeBot {

  private static final List<Currency> WATCHED = List.of(Currency.BTC, Currency.ETH, Currency.USDT);

  private final SimulatedExchange exchange;
  private final BotPlan plan;
  private final PrintStream out;

  XChangeBot(SimulatedExchange exchange, BotPlan plan, PrintStream out) {
    this.exchange = exchange;
    this.plan = plan;
    this.out = out;
  }

  /** Runs the bot with {@code --name=value} options as {@link BotPlan#parse} documents them. */
  public static void main(String[] args) throws Exception {
    BotPlan plan;
    try {
      plan = BotPlan.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("xchange-bot: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(plan, System.out);
  }

  /** Runs one plan to its end on a fresh simulated exchange. */
  public static void run(BotPlan plan, PrintStream out) throws IOException, InterruptedException {
    SimulatedMarket market = new SimulatedMarket();
    market.seedOrderBook();
    new XChangeBot(market.open("bot"), plan, out).trade();
  }

  private void trade() throws IOException, InterruptedException {
    deposit(Currency.BTC, plan.btc());
    deposit(Currency.ETH, plan.eth());
    deposit(Currency.USDT, plan.usdt());
    for (BigDecimal move : plan.moves()) {
      pollFor(plan.step().toMillis());
      if (move.signum() < 0) {
        sell(move.negate());
      } else {
        deposit(Currency.BTC, move);
      }
    }
    pollFor(plan.tail().toMillis());
    out.println("done " + balances());
  }

  private void deposit(Currency currency, BigDecimal amount) throws IOException {
    if (amount.signum() == 0) {
      return;
    }
    exchange.getAccountService().deposit(currency, amount);
    out.println("deposit " + plain(amount) + " " + currency + " -> " + balances());
  }

  private void sell(BigDecimal amount) throws IOException {
    exchange
        .getTradeService()
        .placeMarketOrder(new MarketOrder(OrderType.ASK, amount, CurrencyPair.BTC_USDT));
    out.println(
        "sell "
            + plain(amount)
            + " BTC at "
            + plain(SimulatedMarket.BTC_PRICE)
            + " USDT -> "
            + balances());
  }

  /** Reads the balances every poll interval until {@code millis} have passed. */
  private void pollFor(long millis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    do {
      balances();
      Thread.sleep(Math.max(1, Math.min(plan.poll().toMillis(), millis)));
    } while (System.nanoTime() < deadline);
  }

  private String balances() throws IOException {
    Wallet wallet = exchange.getAccountService().getAccountInfo().getWallet();
    StringBuilder line = new StringBuilder();
    for (Currency currency : WATCHED) {
      if (line.length() > 0) {
        line.append(", ");
      }
      line.append(currency).append(' ').append(plain(wallet.getBalance(currency).getTotal()));
    }
    return line.toString();
  }

  private static String plain(BigDecimal amount) {
    return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
  }
}
