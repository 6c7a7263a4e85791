package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs the benchmark ({@code mvn -B -Pbenchmark verify}; docs/benchmarks.md): pipeline throughput against the bare
 * engine, the embedded H2 file over time, REST latency, growth, start-up, and Tasklist at national scale.
 * {@code -Dbench.parts=throughput,h2file,rest,growth,startup,tasklist} picks parts.
 * Results go to standard output and {@code target/benchmark/report.md}.
 */
public final class Benchmarks {

  static final Set<String> ALL_PARTS = Set.of("throughput", "h2file", "rest", "growth", "startup", "tasklist");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Set<String> parts = parts(Options.text("bench.parts", "all"));
    Report report = new Report(Path.of("target", "benchmark", "report.md"));
    report.note("# Benchmark run " + Instant.now());
    report.note(machine());
    report.note(Options.given());
    try (Databases databases = new Databases()) {
      if (parts.contains("throughput")) {
        new PipelineThroughput(report, databases).run();
      }
      if (parts.contains("h2file")) {
        new EmbeddedFileOverTime(report, databases).run();
      }
      if (parts.contains("rest")) {
        new RestLatency(report).run();
      }
      if (parts.contains("growth")) {
        new Growth(report, databases).run();
      }
      if (parts.contains("tasklist")) {
        new TasklistScale(report, databases).run();
      }
      if (parts.contains("startup")) {
        new StartupFootprint(report, Path.of(Options.text("bench.jar", "target/app.jar"))).run();
      }
    }
    // Web servers and pools of closed contexts may leave non-daemon threads behind.
    System.exit(0);
  }

  private static Set<String> parts(String value) {
    if (value.isBlank() || value.equals("all")) {
      return ALL_PARTS;
    }
    Set<String> parts = new LinkedHashSet<>(Arrays.asList(value.split(",")));
    parts.removeIf(String::isBlank);
    for (String part : parts) {
      if (!ALL_PARTS.contains(part)) {
        throw new IllegalArgumentException("Unknown benchmark part '" + part + "'; parts: " + ALL_PARTS);
      }
    }
    return parts;
  }

  private static String machine() throws IOException {
    String cpu = "unknown CPU";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    }
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
        + Report.count(memory / (1024 * 1024)) + " MiB memory; " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + ", heap limit " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB; " + System.getProperty("os.name") + " " + System.getProperty("os.version") + ".";
  }
}
