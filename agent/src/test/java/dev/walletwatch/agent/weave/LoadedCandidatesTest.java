package dev.walletwatch.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.fixtures.WalletTypes;
import com.acme.fixtures.WalletTypes.Account;
import com.acme.fixtures.WalletTypes.BaseWallet;
import com.acme.fixtures.WalletTypes.Ledger;
import com.acme.fixtures.WalletTypes.SpotWallet;
import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadedCandidatesTest {

  private static final Class<?>[] LOADED = {
    Account.class,
    BaseWallet.class,
    SpotWallet.class,
    Ledger.class,
    String.class,
    int.class,
    SpotWallet[].class
  };

  private static final String PREFIX = WalletTypes.class.getName() + "$";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // An exact name finds that class only.
        "$SpotWallet|false|SpotWallet",
        // A pattern matches by name; arrays of a match are never candidates.
        "$*Wallet|false|BaseWallet,SpotWallet",
        // Subtypes are found through the super class and through an interface.
        "$BaseWallet|true|BaseWallet,SpotWallet",
        "$Account|true|Account,BaseWallet,SpotWallet",
        // A name that no loaded class has gives nothing, so start-up skips retransformation.
        "$NoSuchWallet|true|''",
      })
  void loadedCandidatesByNameAndSupertype(String className, boolean subtypes, String expected)
      throws Exception {
    String yaml =
        "gauges:\n"
            + "  - name: quant.wallet.balance\n"
            + "    class: "
            + className.replace("$", PREFIX)
            + "\n"
            + "    method: balance\n"
            + "    subtypes: "
            + subtypes
            + "\n";
    AgentConfig config =
        new ConfigLoader(Map.of())
            .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");

    Set<Class<?>> found = TypeMatchers.loadedCandidates(LOADED, config.gauges());

    Set<String> names =
        found.stream()
            .map(type -> type.getName().substring(PREFIX.length()))
            .collect(Collectors.toSet());
    if (expected.isEmpty()) {
      assertThat(names).isEmpty();
    } else {
      assertThat(names).containsExactlyInAnyOrder(expected.split(","));
    }
  }
}
