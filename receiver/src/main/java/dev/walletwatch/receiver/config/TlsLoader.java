package dev.walletwatch.receiver.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * Reads the optional {@code server.tls} block and opens its PKCS12 keystore once, so that a missing
 * file, a wrong password or a file in another format is a config error with the YAML path rather
 * than a Jetty stack trace at startup.
 */
final class TlsLoader {
  private TlsLoader() {}

  /** Returns the TLS settings, null when the block is absent, or null after adding problems. */
  static ReceiverConfig.Tls tls(YamlNode node, Path base) {
    if (node.isMissing() || !node.isMap()) {
      return null;
    }
    node.checkKeys(ConfigKeys.SERVER_TLS);
    YamlNode keystoreNode = node.get("keystore");
    String keystoreText = keystoreNode.required();
    String password = node.get("password").required();
    YamlNode keyPasswordNode = node.get("keyPassword");
    String keyPassword = keyPasswordNode.string();
    if (keystoreText == null || password == null) {
      return null;
    }
    Path keystore = base.resolve(keystoreText);
    String effectiveKeyPassword =
        keyPassword == null || keyPassword.isEmpty() ? password : keyPassword;
    if (!checkKeystore(keystore, password, effectiveKeyPassword, keystoreNode, keyPasswordNode)) {
      return null;
    }
    return new ReceiverConfig.Tls(
        keystore, Secret.of(password), keyPassword == null ? null : Secret.of(keyPassword));
  }

  private static boolean checkKeystore(
      Path keystore,
      String password,
      String keyPassword,
      YamlNode keystoreNode,
      YamlNode keyPasswordNode) {
    if (!Files.isRegularFile(keystore)) {
      keystoreNode.problem(
          "keystore file "
              + keystore
              + " not found; create one with keytool -genkeypair -storetype PKCS12, or convert a"
              + " PEM certificate and key with openssl pkcs12 -export");
      return false;
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(keystore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        keystoreNode.problem(
            "the password does not open "
                + keystore
                + "; set server.tls.password to the keystore's password");
      } else {
        keystoreNode.problem(
            keystore
                + " is not a readable PKCS12 keystore ("
                + e.getMessage()
                + "); convert it with keytool -importkeystore -deststoretype PKCS12, or with"
                + " openssl pkcs12 -export from PEM files");
      }
      return false;
    } catch (GeneralSecurityException e) {
      keystoreNode.problem("cannot read " + keystore + " as PKCS12: " + e.getMessage());
      return false;
    }
    return checkPrivateKey(store, keystore, keyPassword, keystoreNode, keyPasswordNode);
  }

  /** Checks that the keystore contains a private key and that the key password opens it. */
  private static boolean checkPrivateKey(
      KeyStore store,
      Path keystore,
      String keyPassword,
      YamlNode keystoreNode,
      YamlNode keyPasswordNode) {
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          store.getKey(alias, keyPassword.toCharArray());
          return true;
        }
      }
    } catch (UnrecoverableKeyException e) {
      keyPasswordNode.problem(
          "the key password does not open the private key in "
              + keystore
              + "; set server.tls.keyPassword to the key's password, or leave it out when the key"
              + " uses the keystore password");
      return false;
    } catch (GeneralSecurityException e) {
      keystoreNode.problem("cannot read the private key in " + keystore + ": " + e.getMessage());
      return false;
    }
    keystoreNode.problem(
        keystore
            + " contains no private key; the server needs its certificate together with the"
            + " private key, for example from openssl pkcs12 -export -in cert.pem -inkey key.pem");
    return false;
  }
}
