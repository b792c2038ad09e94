package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.config.Secret;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the one complete SendSms example in Aliyun's SMS documentation ("HTTP protocol and
 * signature"): a GET signed with secret {@code testSecret}, whose published signature is {@code
 * zJDF+Lrzhj/ThnlvIToysFRq6t4=}.
 */
class PublishedExampleTest {

  private static Map<String, String> exampleParams() {
    Map<String, String> params = new TreeMap<>();
    params.put("AccessKeyId", "testId");
    params.put("Action", "SendSms");
    params.put("Format", "XML");
    params.put("OutId", "123");
    params.put("PhoneNumbers", "15300000001");
    params.put("RegionId", "cn-hangzhou");
    params.put("SignName", "阿里云短信测试专用");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466");
    params.put("SignatureVersion", "1.0");
    params.put("TemplateCode", "SMS_71390007");
    params.put("TemplateParam", "{\"customer\":\"test\"}");
    params.put("Timestamp", "2017-07-12T02:42:19Z");
    params.put("Version", "2017-05-25");
    return params;
  }

  @Test
  void publishedExampleSignatureReproduces() {
    String signature = RpcSignature.signature("GET", exampleParams(), Secret.of("testSecret"));

    assertThat(signature).isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  }

  @Test
  void publishedExampleSignatureEncodesAsInUrl() {
    String signature = RpcSignature.signature("GET", exampleParams(), Secret.of("testSecret"));

    assertThat(AliyunPercentEncoding.encode(signature))
        .isEqualTo("zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D");
  }

  @Test
  void publishedExampleIgnoresSignatureParameter() {
    Map<String, String> params = exampleParams();
    params.put("Signature", "anything");

    assertThat(RpcSignature.signature("GET", params, Secret.of("testSecret")))
        .isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  }

  @Test
  void lowercaseGenericSecretGivesDifferentSignature() {
    // Aliyun's generic RPC example uses "testsecret"; mixing it in must not reproduce the value.
    assertThat(RpcSignature.signature("GET", exampleParams(), Secret.of("testsecret")))
        .isNotEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  }
}
