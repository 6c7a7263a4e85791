package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the CPU went during a run: a JVM as a whole (this one, or a server's by its process id), its JIT compiler
 * threads, and the whole machine (other processes included). Another process, the compilers and the machine are
 * read from Linux's {@code /proc}; elsewhere they are NaN.
 */
final class RestLatencyCpu {

  /** Linux reports thread and machine CPU time in ticks of 1/100 s. */
  private static final double TICK = 0.01;

  /** CPU counters at one moment. */
  record Snapshot(double processSeconds, long[] machineTicks, Map<String, Long> compilerTicks) {}

  /** CPU used between two snapshots: seconds of this JVM and of its compilers, and the machine's busy share. */
  record Usage(double processSeconds, double compilerSeconds, double machineBusy) {}

  private RestLatencyCpu() {}

  static Snapshot now() {
    double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
    return new Snapshot(process, machineTicks(), compilerTicks(Path.of("/proc/self")));
  }

  /** The counters of another process, e.g. a server in its own JVM. */
  static Snapshot now(long pid) {
    Path process = Path.of("/proc", String.valueOf(pid));
    double seconds = Double.NaN;
    try {
      seconds = ticks(Files.readString(process.resolve("stat"))) * TICK;
    } catch (IOException | RuntimeException unavailable) {
      // Not Linux, or the process ended.
    }
    return new Snapshot(seconds, machineTicks(), compilerTicks(process));
  }

  /** User and system ticks of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line. */
  private static long ticks(String stat) {
    // After "pid (name)": state is field 3, utime field 14 and stime field 15.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * Waits until the JIT compilers use less than a tenth of a core over half a second, at most {@code limit}: the
   * set-up between two runs (other code) leaves them work that would otherwise fall into the next run.
   */
  static void awaitIdleCompilers(long pid, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Snapshot before = now(pid);
      Thread.sleep(500);
      double compilers = between(before, now(pid)).compilerSeconds();
      if (Double.isNaN(compilers) || compilers < 0.05) {
        return;
      }
    }
  }

  static Usage between(Snapshot before, Snapshot after) {
    double compilers = Double.NaN;
    if (before.compilerTicks() != null && after.compilerTicks() != null) {
      long ticks = 0;
      // A compiler thread may start or end during the run; one that ended takes its time with it.
      for (Map.Entry<String, Long> thread : after.compilerTicks().entrySet()) {
        ticks += thread.getValue() - before.compilerTicks().getOrDefault(thread.getKey(), 0L);
      }
      compilers = ticks * TICK;
    }
    double machine = Double.NaN;
    if (before.machineTicks() != null && after.machineTicks() != null
        && after.machineTicks()[1] > before.machineTicks()[1]) {
      machine = (double) (after.machineTicks()[0] - before.machineTicks()[0])
          / (after.machineTicks()[1] - before.machineTicks()[1]);
    }
    return new Usage(after.processSeconds() - before.processSeconds(), compilers, machine);
  }

  /** Busy and total ticks of all cores, or null without {@code /proc/stat}. */
  private static long[] machineTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal; guest time is already counted in user.
      for (int i = 1; i <= 8 && i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException unavailable) {
      return null;
    }
  }

  /** User and system ticks of each JIT compiler thread ("C1 CompilerThre…", "C2 CompilerThre…") by thread id. */
  private static Map<String, Long> compilerTicks(Path process) {
    Path tasks = process.resolve("task");
    if (!Files.isDirectory(tasks)) {
      return null;
    }
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
            continue;
          }
          ticks.put(thread.getFileName().toString(), ticks(Files.readString(thread.resolve("stat"))));
        } catch (IOException ended) {
          // The thread ended while being read.
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      return null;
    }
    return ticks;
  }
}
