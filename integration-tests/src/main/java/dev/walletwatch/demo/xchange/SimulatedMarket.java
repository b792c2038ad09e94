package dev.walletwatch.demo.xchange;

import java.io.IOException;
import java.math.BigDecimal;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.Currency;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.knowm.xchange.simulated.AccountFactory;
import org.knowm.xchange.simulated.MatchingEngineFactory;
import org.knowm.xchange.simulated.SimulatedExchange;

/**
 * XChange's in-memory simulated exchange with a market maker whose bids the bot sells into.
 *
 * <p>Both sides are {@link SimulatedExchange} instances that share one matching engine and one set
 * of accounts; the API key selects the account. The instruments come from {@code
 * walletwatchdemo.json} on the class path, because the library's own metadata lists only BTC/USD.
 */
public final class SimulatedMarket {

  /** Price of the market maker's BTC bid, in USDT. */
  public static final BigDecimal BTC_PRICE = new BigDecimal("30000");

  /** BTC the market maker is willing to buy; far more than any script sells. */
  private static final BigDecimal BID_SIZE = new BigDecimal("1000");

  private final AccountFactory accounts = new AccountFactory();
  private final MatchingEngineFactory engines = new MatchingEngineFactory(accounts);

  /** Opens an account on the shared exchange; each API key is a separate account. */
  public SimulatedExchange open(String apiKey) {
    ExchangeSpecification spec = new ExchangeSpecification(SimulatedExchange.class);
    // The metadata file name is the exchange name, lower-cased: walletwatchdemo.json.
    spec.setExchangeName("WalletwatchDemo");
    spec.setApiKey(apiKey);
    spec.setExchangeSpecificParametersItem(SimulatedExchange.ENGINE_FACTORY_PARAM, engines);
    spec.setExchangeSpecificParametersItem(SimulatedExchange.ACCOUNT_FACTORY_PARAM, accounts);
    return (SimulatedExchange) ExchangeFactory.INSTANCE.createExchange(spec);
  }

  /** Funds a market maker and places a standing BTC/USDT bid at {@link #BTC_PRICE}. */
  public void seedOrderBook() throws IOException {
    SimulatedExchange maker = open("market-maker");
    maker.getAccountService().deposit(Currency.USDT, BID_SIZE.multiply(BTC_PRICE));
    maker
        .getTradeService()
        .placeLimitOrder(
            new LimitOrder.Builder(OrderType.BID, CurrencyPair.BTC_USDT)
                .originalAmount(BID_SIZE)
                .limitPrice(BTC_PRICE)
                .build());
  }
}
