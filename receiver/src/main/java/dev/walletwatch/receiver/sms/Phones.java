package dev.walletwatch.receiver.sms;

/** Phone number helpers shared by logs, {@code history} and the providers. */
public final class Phones {
  private Phones() {}

  /**
   * Masks a phone number for logs: keeps the last four digits and the three before the middle, so
   * {@code +8613800000000} becomes {@code +86138****0000}. Short or empty input becomes {@code
   * ****}.
   */
  public static String mask(String phone) {
    if (phone == null || phone.length() < 8) {
      return "****";
    }
    int tail = 4;
    int head = phone.length() - tail - 4;
    return phone.substring(0, head) + "****" + phone.substring(phone.length() - tail);
  }
}
