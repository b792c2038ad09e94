package dev.walletwatch.receiver;

/**
 * Links from product messages to the entries of {@code docs/troubleshooting.md}. The anchors are
 * the ones GitHub generates from the entries' headings, and a test checks that each one exists.
 */
public final class Troubleshooting {
  /** The troubleshooting guide, relative to the repository root. */
  public static final String FILE = "docs/troubleshooting.md";

  public static final String SIGNATURE_DOES_NOT_MATCH = "signaturedoesnotmatch";
  public static final String SIGNATURE_NONCE_USED = "signaturenonceused";
  public static final String TIMESTAMP_EXPIRED = "invalidtimestampexpired";
  public static final String BUSINESS_LIMIT_CONTROL = "isvbusiness_limit_control";
  public static final String DAY_LIMIT_CONTROL = "isvday_limit_control";
  public static final String PARAM_LENGTH_LIMIT = "isvparam_length_limit";
  public static final String PARAM_NOT_SUPPORT_URL = "isvparam_not_support_url";
  public static final String DENY_IP_RANGE = "isvdeny_ip_range";
  public static final String TEST_NUMBER_LIMIT = "isvsms_test_number_limit";
  public static final String ACCESS_KEY_NOT_FOUND = "invalidaccesskeyidnotfound";
  public static final String RAM_PERMISSION_DENY = "ispram_permission_deny";
  public static final String NOT_APPROVED = "signature-or-template-not-approved";
  public static final String RETURNS_401 = "receiver-returns-401";
  public static final String RETURNS_403 = "receiver-returns-403";
  public static final String RETURNS_503 = "receiver-returns-503";
  public static final String NO_DATA = "monitor-stuck-in-no-data";
  public static final String NO_SMS_SENT = "webhook-stored-but-no-sms-sent";

  private Troubleshooting() {}

  /** Returns the pointer appended to a message, such as {@code see docs/troubleshooting.md#x}. */
  public static String see(String anchor) {
    return "see " + FILE + "#" + anchor;
  }
}
