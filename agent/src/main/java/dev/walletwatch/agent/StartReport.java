package dev.walletwatch.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one start or reload of the agent, for the {@code attach} command. The agent writes
 * it to the result file named in its arguments, and the command prints it. The first line of the
 * file is {@code ok} or {@code failed}; each further line is one message.
 */
public final class StartReport {

  public static final String OK = "ok";
  public static final String FAILED = "failed";

  private final List<String> lines = new ArrayList<String>();
  private boolean failed;

  /** Records a line for the result file only; the agent's log already has the details. */
  void line(String message) {
    add(message);
  }

  /** Logs an informational line and records it. */
  void info(String message) {
    AgentLog.info(message);
    add(message);
  }

  /** Logs a warning and records it; the start still counts as done. */
  void warn(String message) {
    AgentLog.warn(message);
    add(message);
  }

  /** Logs a warning and records it, and marks the start as failed. */
  void fail(String message) {
    AgentLog.warn(message);
    add(message);
    failed = true;
  }

  private void add(String message) {
    // One message per line: an exception text may contain line breaks.
    lines.add(message.replace('\r', ' ').replace('\n', ' '));
  }

  boolean failed() {
    return failed;
  }

  List<String> lines() {
    return lines;
  }

  /**
   * Writes the report to {@code path} through a temporary file and a rename, so that the reader
   * never sees half a report.
   */
  void writeTo(String path) throws IOException {
    List<String> text = new ArrayList<String>();
    text.add(failed ? FAILED : OK);
    text.addAll(lines);
    Path target = new File(path).toPath();
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
