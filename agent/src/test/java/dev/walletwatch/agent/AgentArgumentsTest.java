package dev.walletwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void configPathComesFromArgumentOrEnvironment() {
    assertThat(AgentArguments.parse("config=/etc/ww.yml", "/env.yml").configPath)
        .isEqualTo("/etc/ww.yml");
    assertThat(AgentArguments.parse("/etc/ww.yml", null).configPath).isEqualTo("/etc/ww.yml");
    assertThat(AgentArguments.parse(null, "/env.yml").configPath).isEqualTo("/env.yml");
    assertThat(AgentArguments.parse("", " ").configPath).isNull();
  }

  @Test
  void resultFileComesFirst() {
    AgentArguments arguments = AgentArguments.parse("result=/tmp/r.txt,config=/etc/ww.yml", null);

    assertThat(arguments.resultPath).isEqualTo("/tmp/r.txt");
    assertThat(arguments.configPath).isEqualTo("/etc/ww.yml");
  }

  @Test
  void configPathKeepsCommas() {
    AgentArguments arguments = AgentArguments.parse("result=/tmp/r.txt,config=/etc/a,b.yml", null);

    assertThat(arguments.configPath).isEqualTo("/etc/a,b.yml");
    assertThat(AgentArguments.parse("/etc/a,b.yml", null).configPath).isEqualTo("/etc/a,b.yml");
  }

  @Test
  void resultPathKeepsCommas() {
    AgentArguments arguments =
        AgentArguments.parse("result=/tmp/a,b/r.txt,config=/etc/ww.yml", null);

    assertThat(arguments.resultPath).isEqualTo("/tmp/a,b/r.txt");
    assertThat(arguments.configPath).isEqualTo("/etc/ww.yml");
  }

  @Test
  void resultWithoutConfigFallsBackToEnvironment() {
    AgentArguments arguments = AgentArguments.parse("result=/tmp/r.txt", "/env.yml");

    assertThat(arguments.resultPath).isEqualTo("/tmp/r.txt");
    assertThat(arguments.configPath).isEqualTo("/env.yml");
  }

  @Test
  void noResultFileByDefault() {
    assertThat(AgentArguments.parse("config=/etc/ww.yml", null).resultPath).isNull();
  }
}
