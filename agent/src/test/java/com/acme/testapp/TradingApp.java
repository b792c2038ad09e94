package com.acme.testapp;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * A small trading application for the forked-JVM tests. It prints what it computes and exits with
 * status 3, so tests can check that the agent changes neither.
 *
 * <p>Arguments: {@code run} (default), {@code attach JAR ARGS} (attach the agent to itself twice,
 * after the wallet class is loaded and used).
 */
public final class TradingApp {

  private TradingApp() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "run";
    Wallet wallet = new Wallet();
    wallet.deposit("BTC", "4.9999999");
    wallet.deposit("ETH", "21000000.12345678");
    System.out.println("before btc=" + wallet.balanceOf("BTC"));
    if (mode.equals("attach")) {
      attach(args[1], args[2]);
      // A second attach must be ignored rather than weave the methods twice.
      attach(args[1], args[2]);
    }
    for (int round = 0; round < 20; round++) {
      trade(wallet, round);
      Thread.sleep(100);
    }
    System.out.println("vault=" + isolatedVaultCoins());
    System.out.flush();
    System.exit(3);
  }

  private static void trade(Wallet wallet, int round) {
    BigDecimal btc = wallet.balanceOf("BTC");
    BigDecimal eth = wallet.balanceOf("ETH");
    long satoshis = wallet.satoshis();
    double available = wallet.account().getAvailable();
    Ledger ledger = new SpotLedger();
    BigDecimal total = ledger.total();
    try {
      wallet.balanceOf("DOGE");
    } catch (IllegalArgumentException expected) {
      if (round == 0) {
        System.out.println("doge: " + expected.getMessage());
      }
    }
    if (round == 0) {
      System.out.println(
          "btc=" + btc + " eth=" + eth + " sat=" + satoshis + " avail=" + available + " total="
              + total);
    }
  }

  /** Loads {@link Vault} again in a loader that cannot see the application class path. */
  private static long isolatedVaultCoins() throws Exception {
    URL classes = new File(System.getProperty("testapp.classes")).toURI().toURL();
    try (URLClassLoader isolated =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> vaultClass = isolated.loadClass("com.acme.testapp.Vault");
      if (vaultClass.getClassLoader() != isolated) {
        throw new IllegalStateException("Vault was not loaded by the isolated loader");
      }
      Object vault = vaultClass.getConstructor().newInstance();
      Method coins = vaultClass.getMethod("coins");
      long total = 0;
      for (int i = 0; i < 10; i++) {
        total = ((Number) coins.invoke(vault)).longValue();
        Thread.sleep(100);
      }
      return total;
    }
  }

  private static void attach(String agentJar, String agentArguments) throws Exception {
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    net.bytebuddy.agent.ByteBuddyAgent.attach(new File(agentJar), pid, agentArguments);
  }
}
