package kr.axhub.funding.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.support.EngineRest;

/**
 * One node of the packaged application ({@code java -jar target/*.jar}) in its own process, as an operator runs it:
 * profile {@code postgres}, database and administrator from the environment. A separate process per node because
 * Camunda's engine registry is JVM-global.
 */
final class ApplicationNode {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "cluster-admin-secret";

  private final String name;
  private final Path logDirectory;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> arguments = new ArrayList<>();
  private Process process;
  private int port;
  private Path log;

  ApplicationNode(String name, Path logDirectory, String jdbcUrl, String user, String password) {
    this.name = name;
    this.logDirectory = logDirectory;
    environment.put("AXHUB_DB_URL", jdbcUrl);
    environment.put("AXHUB_DB_USER", user);
    environment.put("AXHUB_DB_PASSWORD", password);
    environment.put("AXHUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    arguments.add("--spring.profiles.active=postgres");
    // The job log names the node that ran each job.
    arguments.add("--camunda.bpm.generic-properties.properties.hostname=" + name);
  }

  ApplicationNode env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  ApplicationNode arg(String argument) {
    arguments.add(argument);
    return this;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** Starts the process; {@link #awaitReady} waits until it serves. */
  ApplicationNode launch() {
    try {
      port = freePort();
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
          applicationJar().getAbsolutePath(), "--server.port=" + port));
      command.addAll(arguments);
      log = logDirectory.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(logDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Healthy and the administrator from the environment can use the REST API. */
  ApplicationNode awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        EngineRest.Response health = EngineRest.at(port).get("/actuator/health");
        if (health.status() == 200 && admin().get("/engine-rest/engine").status() == 200) {
          return this;
        }
      } catch (UncheckedIOException notYetListening) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not ready within " + timeout + "; see " + log);
  }

  EngineRest admin() {
    return as(ADMIN, ADMIN_PASSWORD);
  }

  EngineRest as(String user, String password) {
    return EngineRest.at(port).as(user, password);
  }

  JsonNode health() {
    return EngineRest.at(port).getJson("/actuator/health");
  }

  /** {@code kill -9}: no shutdown hook, no graceful stop, transactions in flight are cut off. */
  void killHard() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        killHard();
      }
    }
  }

  static File applicationJar() throws IOException {
    try (var jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("ax-hub-funding-pipeline-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("Run after `mvn package`: no application jar in target/"))
          .toFile();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
