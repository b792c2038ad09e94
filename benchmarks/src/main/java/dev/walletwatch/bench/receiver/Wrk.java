package dev.walletwatch.bench.receiver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code wrk} (Debian package {@code wrk}) against the receiver as a second, independent
 * measure of the most webhooks accepted per second. Its Lua script gives every request its own
 * event id, because a repeated id is acknowledged without being stored again.
 */
final class Wrk {

  private Wrk() {}

  /** Returns wrk's report as a Markdown block, or a line saying why it did not run. */
  static String run(Path dir, URI url, String runId, int seconds)
      throws IOException, InterruptedException {
    Path script = dir.resolve("webhook.lua");
    Files.writeString(script, luaScript(runId));
    List<String> command =
        List.of(
            "wrk",
            "-t2",
            "-c16",
            "-d" + seconds + "s",
            "--latency",
            "-H",
            "Authorization: Bearer " + ReceiverProcess.TOKEN,
            "-H",
            "Content-Type: application/json",
            "-s",
            script.toString(),
            url.toString());
    Path output = dir.resolve("wrk.txt");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException e) {
      return "wrk: not run (" + e.getMessage() + "); install it with apt-get install -y wrk";
    }
    // wrk can hang on connections that a failed server accepted but never serves.
    if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return "wrk: no result within " + (seconds + 60) + " s";
    }
    String report = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(report);
    return "wrk -t2 -c16 -d"
        + seconds
        + "s --latency (16 connections, closed loop):\n\n```\n"
        + report.strip()
        + "\n```\n";
  }

  /**
   * Returns the Lua script: each wrk thread numbers its requests, and its thread id keeps ids
   * apart.
   */
  private static String luaScript(String runId) {
    String template =
        Webhooks.triggered("ID_PLACEHOLDER").replace("\\", "\\\\").replace("\"", "\\\"");
    return """
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("tid", threads)
        end
        local n = 0
        wrk.method = "POST"
        local template = "%s"
        function request()
          n = n + 1
          local id = "wrk-%s-" .. tid .. "-" .. n
          local body = string.gsub(template, "ID_PLACEHOLDER", id)
          return wrk.format(nil, nil, nil, body)
        end
        """
        .formatted(template, runId);
  }
}
