package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kr.axhub.funding.support.EngineRest;

/**
 * Start-up time and resident memory of the packaged application on its embedded default, as an operator starts it
 * ({@code java -jar}, no options, default profile: H2 file database, demo officials and programmes): the first start on
 * an empty directory (schema, deployment, demo data) and a restart on the data it left; then the same through
 * {@code ops/start-embedded.sh} (unpacked jar, class-data archive, quick compiler only): its very first start, which
 * prepares those once, a first start on an empty directory once prepared, and a restart. Restarts are repeated
 * ({@code bench.startup.restarts}, 5 by default) and reported by their median, fastest and slowest, since one start
 * varies by a second or more on this machine. Start-up is timed from
 * launching the process to {@code /actuator/health} answering UP; resident memory (VmRSS, VmHWM from
 * {@code /proc}) is read once ready and again after a Tasklist-like burst of REST requests by an official.
 */
final class StartupFootprint {

  private static final Duration LIMIT = Duration.ofMinutes(3);

  private record Start(String what, double seconds, String loggedSeconds, long readyRssMiB, long loadedRssMiB,
      long peakRssMiB) {}

  private final Report report;
  private final Path jar;

  StartupFootprint(Report report, Path jar) {
    this.report = report;
    this.jar = jar;
  }

  void run() throws Exception {
    report.section("Start-up time and resident memory (embedded default)");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("No application jar at " + jar + ": run through the Maven profile (package)");
    }
    Path directory = Path.of("target", "benchmark", "startup").toAbsolutePath();
    Databases.deleteRecursively(directory);
    Files.createDirectories(directory);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> plain = List.of(java, "-jar", jar.toAbsolutePath().toString());
    List<String> fast = List.of(Path.of("ops", "start-embedded.sh").toAbsolutePath().toString(),
        jar.toAbsolutePath().toString());
    List<Start> starts = new ArrayList<>();
    starts.add(start("java -jar: first start (empty directory)", directory, plain, "first-start.log"));
    List<Start> plainRestarts = restarts("java -jar: restart (existing data)", directory, plain, "restart");
    starts.add(plainRestarts.get(0));
    Databases.deleteRecursively(directory.resolve("data"));
    starts.add(start("start-embedded.sh: first start, preparing the jar (empty directory)", directory, fast,
        "fast-preparing.log"));
    Databases.deleteRecursively(directory.resolve("data"));
    starts.add(start("start-embedded.sh: first start (empty directory)", directory, fast, "fast-first-start.log"));
    List<Start> fastRestarts = restarts("start-embedded.sh: restart (existing data)", directory, fast,
        "fast-restart");
    starts.add(fastRestarts.get(0));
    Report.Table table = report.table("start", "to health UP, s", "Spring's own \"Started in\", s",
        "RSS when ready, MiB", "RSS after 200 requests, MiB", "peak RSS, MiB");
    for (Start start : starts) {
      table.row(start.what(), Report.num(start.seconds(), 1), start.loggedSeconds(), start.readyRssMiB(),
          start.loadedRssMiB(), start.peakRssMiB());
    }
    table.print();
    Report.Table repeated = report.table("restarts (existing data)", "n", "to health UP: median, s", "fastest, s",
        "slowest, s", "\"Started in\": median, s");
    for (List<Start> restarts : List.of(plainRestarts, fastRestarts)) {
      List<Double> seconds = restarts.stream().map(Start::seconds).sorted().toList();
      List<Double> logged = restarts.stream().map(Start::loggedSeconds).filter(v -> !v.equals("–"))
          .map(Double::valueOf).sorted().toList();
      repeated.row(restarts.get(0).what().replace(": restart (existing data)", ""), seconds.size(),
          Report.num(median(seconds), 1), Report.num(seconds.get(0), 1), Report.num(seconds.get(seconds.size() - 1), 1),
          logged.isEmpty() ? "–" : Report.num(median(logged), 1));
    }
    repeated.print();
    report.note("The first table's restart rows are each way's first restart; the second gives all of them.");
    report.note("JVM options: none for java -jar (the JVM's defaults on this machine: heap limit a quarter of the "
        + "memory, G1); start-embedded.sh adds its class-data archive and -XX:TieredStopAtLevel=1. The requests: 50 × (task list, task count, process instance list, user profile) as daegu-director "
        + "with HTTP Basic.");
  }

  /** The restarts one after the other on the data the starts before left, each logged to its own file. */
  private List<Start> restarts(String what, Path directory, List<String> launch, String logName) throws Exception {
    int count = Options.integer("bench.startup.restarts", 5);
    if (count < 1) {
      throw new IllegalArgumentException("bench.startup.restarts must be at least 1");
    }
    List<Start> restarts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      restarts.add(start(what, directory, launch, logName + (i == 1 ? "" : "-" + i) + ".log"));
    }
    return restarts;
  }

  private static double median(List<Double> sorted) {
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private Start start(String what, Path directory, List<String> launch, String logName) throws Exception {
    int port = freePort();
    Path log = directory.resolve(logName);
    List<String> command = new ArrayList<>(launch);
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    long begin = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      EngineRest rest = EngineRest.at(port);
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The application stopped during start-up; see " + log);
        }
        if (System.nanoTime() - begin > LIMIT.toNanos()) {
          throw new IllegalStateException("No health UP within " + LIMIT + "; see " + log);
        }
        if (healthy(rest)) {
          break;
        }
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      long ready = status(process.pid(), "VmRSS");
      EngineRest official = rest.as("daegu-director", "demo");
      for (int i = 0; i < 50; i++) {
        expectOk(official.get("/engine-rest/task?maxResults=15"));
        expectOk(official.get("/engine-rest/task/count"));
        expectOk(official.get("/engine-rest/process-instance?maxResults=15"));
        expectOk(official.get("/engine-rest/user/daegu-director/profile"));
      }
      long loaded = status(process.pid(), "VmRSS");
      long peak = status(process.pid(), "VmHWM");
      return new Start(what, seconds, loggedStartSeconds(log).orElse("–"), ready, loaded, peak);
    } finally {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static boolean healthy(EngineRest rest) {
    try {
      EngineRest.Response health = rest.get("/actuator/health");
      return health.status() == 200 && health.text().contains("UP");
    } catch (RuntimeException notYetListening) {
      return false;
    }
  }

  private static void expectOk(EngineRest.Response response) {
    if (response.status() != 200) {
      throw new IllegalStateException("Request refused: " + response.status() + " " + response.text());
    }
  }

  /** A line of {@code /proc/<pid>/status} in MiB, e.g. VmRSS (resident now) or VmHWM (resident at its peak). */
  private static long status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("No " + field + " for process " + pid);
  }

  private static Optional<String> loggedStartSeconds(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("Started FundingPipelineApplication in")).findFirst()
          .map(l -> l.replaceAll(".*Started FundingPipelineApplication in ([0-9.]+) seconds.*", "$1"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
