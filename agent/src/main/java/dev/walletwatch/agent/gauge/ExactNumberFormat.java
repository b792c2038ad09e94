package dev.walletwatch.agent.gauge;

import com.timgroup.statsd.NonBlockingStatsDClient;
import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * Makes java-dogstatsd-client write every digit of a double.
 *
 * <p>The client formats gauge values with a per-thread {@code NumberFormat} that keeps at most six
 * fraction digits, so 4.9999999 would go out as {@code 5} and a {@code < 5} monitor would never
 * fire. Values are formatted on the client's processor threads, which the client creates through
 * the builder's {@code threadFactory}. Our factory installs, on each such thread, a formatter that
 * writes the shortest decimal that reads back as the same double (the digits of {@link
 * Double#toString(double)}, without an exponent).
 *
 * <p>NOTE: this relies on two details of java-dogstatsd-client 4.4.x: values are formatted through
 * the {@code protected static ThreadLocal<NumberFormat> NUMBER_FORMATTER} of {@link
 * NonBlockingStatsDClient}, and only on threads made by the configured thread factory (the
 * processor workers; client-side aggregation is off, see {@link StatsdClients}). A client upgrade
 * that changes either is caught by the UDP precision tests.
 */
public final class ExactNumberFormat {

  private ExactNumberFormat() {}

  /** Returns a formatter that writes a double with all its significant digits. */
  public static NumberFormat newFormat() {
    DecimalFormat format = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.US));
    format.setGroupingUsed(false);
    // 340 covers the smallest subnormal double (4.9e-324) written without an exponent.
    format.setMaximumFractionDigits(340);
    return format;
  }

  /** Returns a thread factory whose threads format numbers with {@link #newFormat()}. */
  public static ThreadFactory threadFactory() {
    return new ThreadFactory() {
      @Override
      public Thread newThread(final Runnable task) {
        Thread thread =
            new Thread(
                new Runnable() {
                  @Override
                  public void run() {
                    FormatterAccess.install(newFormat());
                    task.run();
                  }
                },
                "walletwatch-statsd");
        thread.setDaemon(true);
        return thread;
      }
    };
  }

  /**
   * Reaches the client's protected formatter field the way the client allows: from a subclass.
   * Never instantiated.
   */
  private static final class FormatterAccess extends NonBlockingStatsDClient {

    private FormatterAccess(NonBlockingStatsDClientBuilder builder) {
      super(builder);
    }

    static void install(NumberFormat format) {
      NUMBER_FORMATTER.set(format);
    }
  }
}
