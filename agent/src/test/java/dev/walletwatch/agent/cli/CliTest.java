package dev.walletwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The offline commands against the compiled test application in target/test-classes. */
class CliTest {

  private static final String APP = Paths.get("target", "test-classes").toString();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private Path config(String method, String value, String extra) throws Exception {
    Path file = dir.resolve("instrumentation.yml");
    Files.writeString(
        file,
        "gauges:\n"
            + "  - name: quant.wallet.balance\n"
            + "    class: com.acme.testapp.Wallet\n"
            + "    method: "
            + method
            + "\n"
            + "    value: "
            + value
            + "\n"
            + extra);
    return file;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "balanceOf(java.lang.String)|return",
        "balanceOf|arg0",
        "balanceOf|return.scale",
        "balanceOf|return.unscaledValue",
        "satoshis|return",
        "account|return.available",
        "account|this.account.available",
      })
  void validateAcceptsResolvingPaths(String method, String value) throws Exception {
    Path config = config(method, value, "");

    int status = run("validate", "--config", config.toString(), "--classpath", APP);

    assertThat(err.toString()).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("ok gauges[0] quant.wallet.balance: com.acme.testapp.Wallet.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "deposit|return|gauges[0].value: 'return' does not resolve on com.acme.testapp.Wallet.deposit(java.lang.String, java.lang.String): the method returns void",
        "balanceOf|arg3|the method has 1 parameter(s), so arg3 does not exist",
        "account|return|it is a com.acme.testapp.Wallet$Account, which is not a number",
        "balanceOf|return.totl|java.math.BigDecimal has no field totl and no no-argument getter getTotl()",
        "satoshis|return.x|long has no fields",
        "balanceOf(int)|return|gauges[0].method: no method balanceOf(int) with a body in [com.acme.testapp.Wallet]",
        "balanceOf(String)|return|so write java.lang.String rather than String ('String' has no package)",
      })
  void validateRejectsWithMessage(String method, String value, String expected) throws Exception {
    Path config = config(method, value, "");

    int status = run("validate", "--config", config.toString(), "--classpath", APP);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).startsWith(config + ": ").contains(expected);
    assertThat(out.toString())
        .contains("problem(s) found; see docs/troubleshooting.md#agent-wove-nothing");
  }

  @Test
  void validateChecksTagPaths() throws Exception {
    Path config = config("balanceOf", "return", "    tags:\n      currency: ${arg0.nope}\n");

    int status = run("validate", "--config", config.toString(), "--classpath", APP);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("gauges[0].tags.currency: 'arg0.nope' does not resolve");
  }

  @Test
  void validateReportsMissingClass() throws Exception {
    Path file = dir.resolve("missing.yml");
    Files.writeString(file, "gauges:\n  - name: a.b\n    class: com.acme.Nope\n    method: m\n");

    int status = run("validate", "--config", file.toString(), "--classpath", APP);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains("gauges[0].class: no class matching com.acme.Nope on the class path");
  }

  @Test
  void validateFindsPatternAndSubtypes() throws Exception {
    Path file = dir.resolve("pattern.yml");
    Files.writeString(
        file, "gauges:\n  - name: a.b\n    class: com..*Wallet\n    method: satoshis\n");

    int status = run("validate", "--config", file.toString(), "--classpath", APP);

    assertThat(err.toString()).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString()).contains("com.acme.testapp.Wallet.satoshis()");
  }

  @Test
  void validateWeavesImplementationsOfInterface() throws Exception {
    Path file = dir.resolve("subtypes.yml");
    Files.writeString(
        file,
        "gauges:\n  - name: a.b\n    class: com.acme.testapp.Ledger\n    method: total\n"
            + "    subtypes: true\n");

    int status = run("validate", "--config", file.toString(), "--classpath", APP);

    assertThat(err.toString()).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString()).contains("com.acme.testapp.SpotLedger.total()");
  }

  @Test
  void validateRejectsInterfaceWithoutSubtypes() throws Exception {
    Path file = dir.resolve("nosubtypes.yml");
    Files.writeString(
        file, "gauges:\n  - name: a.b\n    class: com.acme.testapp.Ledger\n    method: total\n");

    int status = run("validate", "--config", file.toString(), "--classpath", APP);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("set subtypes: true");
  }

  @Test
  void validateReportsConfigErrors() throws Exception {
    Path config = config("balanceOf", "retrun", "");

    int status = run("validate", "--config", config.toString(), "--classpath", APP);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("gauges[0].value: 'retrun' does not start with return");
  }

  @Test
  void scanSuggestsBalanceMethods() {
    int status = run("scan", "--classpath", APP);

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains(
            "  - name: app.wallet.balance_of\n"
                + "    class: com.acme.testapp.Wallet\n"
                + "    method: balanceOf(java.lang.String)\n"
                + "    value: return\n");
    assertThat(out.toString()).contains("    method: account()\n    value: return.available\n");
    assertThat(out.toString()).doesNotContain("method: deposit");
  }

  @Test
  void missingClassPathEntryFails() {
    int status = run("scan", "--classpath", dir.resolve("nope.jar").toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("nope.jar does not exist");
  }
}
