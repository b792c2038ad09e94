package dev.walletwatch.demo.bitcoinj;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.core.AbstractBlockChain;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.store.BlockStore;
import org.bitcoinj.store.BlockStoreException;
import org.bitcoinj.store.MemoryBlockStore;
import org.bitcoinj.testing.FakeTxBuilder;
import org.bitcoinj.wallet.SendRequest;
import org.bitcoinj.wallet.Wallet;

/**
 * A bitcoinj {@link Wallet} on regtest that moves funds in and out without any network: received
 * coins are fake transactions in fake blocks built by bitcoinj's own {@link FakeTxBuilder}, sends
 * are committed offline, and no peer is ever contacted.
 *
 * <p>Options: {@code --moves=+8,-3.1,+0.5} (BTC received when positive, sent away when negative)
 * and {@code --step=300ms} (pause after each move, during which the app reads its balance every 50
 * ms). Each read goes through {@link Wallet#getBalance()}, which returns a {@link Coin} in
 * satoshis. Standard output gets one line per move with the balance in BTC.
 */
public final class BitcoinjWalletApp {

  private static final long POLL_MILLIS = 50;

  private BitcoinjWalletApp() {}

  /** Runs the moves given as {@code --moves=...}, pausing {@code --step=...} after each. */
  public static void main(String[] args) throws Exception {
    List<Coin> moves = List.of(Coin.parseCoin("8"), Coin.parseCoin("-3.1"), Coin.parseCoin("0.5"));
    long stepMillis = 300;
    for (String arg : args) {
      if (arg.startsWith("--moves=")) {
        moves = parseMoves(arg.substring("--moves=".length()));
      } else if (arg.startsWith("--step=") && arg.endsWith("ms")) {
        stepMillis = Long.parseLong(arg.substring("--step=".length(), arg.length() - 2));
      } else {
        System.err.println(
            "bitcoinj-wallet: invalid argument '"
                + arg
                + "': expected --moves=+8,-3.1 (BTC) or --step=300ms");
        System.exit(2);
      }
    }
    run(moves, stepMillis, System.out);
  }

  static void run(List<Coin> moves, long stepMillis, PrintStream out) throws Exception {
    // Fake blocks are solved with relaxed proof of work, and sends pay no fee.
    Context.propagate(new Context(Context.DEFAULT_EVENT_HORIZON, Coin.ZERO, false, true));
    Wallet wallet = Wallet.createDeterministic(BitcoinNetwork.REGTEST, ScriptType.P2WPKH);
    // An in-memory chain of fake blocks: received coins are confirmed in a block, because the
    // wallet's available balance counts only confirmed coins and its own pending change.
    BlockStore blocks = new MemoryBlockStore(RegTestParams.get().getGenesisBlock());
    Address elsewhere =
        Wallet.createDeterministic(BitcoinNetwork.REGTEST, ScriptType.P2WPKH).freshReceiveAddress();
    for (Coin move : moves) {
      if (move.isPositive()) {
        Transaction received =
            FakeTxBuilder.createFakeTx(BitcoinNetwork.REGTEST, move, wallet.freshReceiveAddress());
        confirm(wallet, blocks, received);
        out.println("receive " + move.toPlainString() + " BTC -> " + balance(wallet));
      } else {
        SendRequest request = SendRequest.to(elsewhere, move.negate());
        // No fee, so the balance moves by exactly the amount sent.
        request.feePerKb = Coin.ZERO;
        request.ensureMinRequiredFee = false;
        wallet.sendCoinsOffline(request);
        out.println("send " + move.negate().toPlainString() + " BTC -> " + balance(wallet));
      }
      long deadline = System.nanoTime() + stepMillis * 1_000_000L;
      while (System.nanoTime() < deadline) {
        wallet.getBalance();
        Thread.sleep(POLL_MILLIS);
      }
    }
    out.println("done " + balance(wallet));
  }

  private static void confirm(Wallet wallet, BlockStore blocks, Transaction received)
      throws BlockStoreException {
    int height = blocks.getChainHead().getHeight() + 1;
    FakeTxBuilder.BlockPair block = FakeTxBuilder.createFakeBlock(blocks, height, received);
    wallet.receiveFromBlock(
        received, block.storedBlock, AbstractBlockChain.NewBlockType.BEST_CHAIN, 0);
    wallet.notifyNewBestBlock(block.storedBlock);
  }

  private static String balance(Wallet wallet) {
    return "balance " + wallet.getBalance().toPlainString() + " BTC";
  }

  private static List<Coin> parseMoves(String value) {
    List<Coin> moves = new ArrayList<>();
    for (String move : value.split(",")) {
      String trimmed = move.trim();
      moves.add(Coin.parseCoin(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed));
    }
    return moves;
  }
}
