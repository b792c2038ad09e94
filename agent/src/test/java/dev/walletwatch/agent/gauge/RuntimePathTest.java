package dev.walletwatch.agent.gauge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimePathTest {

  static class Base {
    private final BigDecimal inherited = new BigDecimal("1.5");
  }

  static final class Position extends Base {
    private final Position nested;
    private final double free = 2.5;

    Position(Position nested) {
      this.nested = nested;
    }

    public long getTotal() {
      return 7;
    }

    public boolean isOpen() {
      return true;
    }

    public String quantity() {
      return "3";
    }
  }

  private static Object read(String steps, Object root) throws Throwable {
    return new RuntimePath(steps.isEmpty() ? List.of() : List.of(steps.split("\\."))).read(root);
  }

  @Test
  void followsFieldsAndGetters() throws Throwable {
    Position position = new Position(new Position(null));

    assertThat(read("", position)).isSameAs(position);
    assertThat(read("free", position)).isEqualTo(2.5);
    assertThat(read("inherited", position)).isEqualTo(new BigDecimal("1.5"));
    assertThat(read("total", position)).isEqualTo(7L);
    assertThat(read("open", position)).isEqualTo(true);
    assertThat(read("quantity", position)).isEqualTo("3");
    assertThat(read("nested.free", position)).isEqualTo(2.5);
  }

  @Test
  void nullAlongThePathYieldsNull() throws Throwable {
    assertThat(read("nested.nested.free", new Position(new Position(null)))).isNull();
    assertThat(read("free", null)).isNull();
  }

  @Test
  void rebindsForAnotherRuntimeClass() throws Throwable {
    RuntimePath path = new RuntimePath(List.of("inherited"));

    assertThat(path.read(new Position(null))).isEqualTo(new BigDecimal("1.5"));
    assertThat(path.read(new Base())).isEqualTo(new BigDecimal("1.5"));
  }

  @Test
  void missingStepThrowsWithName() {
    assertThatThrownBy(() -> read("nope", new Position(null)))
        .hasMessageContaining("no field or no-argument getter 'nope'");
  }
}
