package dev.walletwatch.receiver.sms.aliyun;

import dev.walletwatch.receiver.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code sms.aliyun} block of {@code receiver.yml}, resolved and validated.
 *
 * @param accessKeyId the RAM user's AccessKey id
 * @param accessKeySecret the AccessKey secret, never logged
 * @param endpoint the SMS endpoint URL, {@code https://dysmsapi.aliyuncs.com} for mainland China
 * @param signName the approved signature name, such as {@code 云通信产品}
 * @param signature which signature algorithm signs the requests
 * @param connectTimeout TCP connect timeout for one request
 * @param readTimeout time to wait for the response; past it the outcome is unknown
 */
public record AliyunSettings(
    String accessKeyId,
    Secret accessKeySecret,
    String endpoint,
    String signName,
    SignatureVersion signature,
    Duration connectTimeout,
    Duration readTimeout) {

  /** The two request signatures Aliyun accepts for the SMS API. */
  public enum SignatureVersion {
    /** ACS3-HMAC-SHA256, the current algorithm. */
    V3,
    /** HMAC-SHA1 over the RPC query string, the older algorithm. */
    V1
  }

  public AliyunSettings {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(signName, "signName");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }
}
