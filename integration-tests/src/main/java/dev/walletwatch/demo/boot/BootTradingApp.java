package dev.walletwatch.demo.boot;

import dev.walletwatch.demo.xchange.BotPlan;
import dev.walletwatch.demo.xchange.XChangeBot;
import org.springframework.boot.Banner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The XChange bot inside a Spring Boot executable jar. XChange then sits in a nested jar under
 * {@code BOOT-INF/lib} and is loaded by Spring Boot's launcher class loader, not by the JVM's
 * application class loader, which is the case the agent must handle for Spring Boot services.
 */
@Configuration(proxyBeanMethods = false)
public class BootTradingApp {

  /** Starts Spring, runs the bot with the same {@code --name=value} options, and exits. */
  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(BootTradingApp.class);
    application.setBannerMode(Banner.Mode.OFF);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setLogStartupInfo(false);
    System.exit(SpringApplication.exit(application.run(args)));
  }

  @Bean
  CommandLineRunner tradingBot() {
    return args -> XChangeBot.run(BotPlan.parse(args), System.out);
  }
}
