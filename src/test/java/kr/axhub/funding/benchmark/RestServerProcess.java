package kr.axhub.funding.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RestServer} in its own JVM, as the application runs in production: started with the benchmark's class
 * path, driven by commands on its standard input, its log written to {@code target/benchmark/rest-<kind>.log}. Its
 * process id lets the benchmark read the server's CPU time apart from the clients'.
 */
final class RestServerProcess implements AutoCloseable {

  private static final String END_OF_OUTPUT = "\u0000end";
  private static final long START_LIMIT_SECONDS = 600;
  private static final long COMMAND_LIMIT_SECONDS = 900;

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final int port;

  private RestServerProcess(String kind, int directors, String heap) throws IOException, InterruptedException {
    Path log = Path.of("target", "benchmark", "rest-" + kind + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
        "-cp", System.getProperty("java.class.path"), RestServer.class.getName(), kind, String.valueOf(directors)));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Writer logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> copyOutput(logFile), "rest-" + kind + "-output");
    reader.setDaemon(true);
    reader.start();
    String first = answers.poll(START_LIMIT_SECONDS, TimeUnit.SECONDS);
    if (first == null || !first.startsWith("port ")) {
      process.destroyForcibly();
      throw new IllegalStateException("The " + kind + " server did not start (see " + log + "): " + first);
    }
    port = Integer.parseInt(first.substring("port ".length()).trim());
  }

  static RestServerProcess start(String kind, int directors, String heap) throws IOException, InterruptedException {
    return new RestServerProcess(kind, directors, heap);
  }

  private void copyOutput(Writer logFile) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); logFile) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(RestServer.ANSWER)) {
          answers.add(line.substring(RestServer.ANSWER.length()));
        } else {
          logFile.write(line);
          logFile.write('\n');
          logFile.flush();
        }
      }
    } catch (IOException ended) {
      // The server ended.
    } finally {
      answers.add(END_OF_OUTPUT);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Sends a command and waits for its answer. */
  String command(String line) throws InterruptedException {
    commands.println(line);
    String answer = answers.poll(COMMAND_LIMIT_SECONDS, TimeUnit.SECONDS);
    if (answer == null || answer.equals(END_OF_OUTPUT)) {
      throw new IllegalStateException("The server gave no answer to '" + line + "' (exit "
          + (process.isAlive() ? "–" : process.exitValue()) + ")");
    }
    return answer;
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("quit");
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
