package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the CPU went during a run: a JVM as a whole (this one, or a server's by its process id), its threads by
 * name (the JIT compilers, the garbage collector, the web server's request threads, …), and the whole machine
 * (other processes included). Another process, the threads and the machine are read from Linux's {@code /proc};
 * elsewhere they are NaN or missing.
 */
final class RestLatencyCpu {

  /** Linux reports thread and machine CPU time in ticks of 1/100 s. */
  private static final double TICK = 0.01;

  /** CPU counters at one moment; a thread's ticks by thread id, with the thread's name. */
  record Snapshot(double processSeconds, long[] machineTicks, Map<String, ThreadTicks> threads) {}

  /** A thread's name as Linux keeps it (15 characters at most) and its user and system ticks. */
  record ThreadTicks(String name, long ticks) {}

  /**
   * CPU used between two snapshots: seconds of this JVM and of its compilers, the machine's busy share, and the
   * JVM's seconds by kind of thread ({@link #kind}).
   */
  record Usage(double processSeconds, double compilerSeconds, double machineBusy, Map<String, Double> byKind) {}

  private RestLatencyCpu() {}

  static Snapshot now() {
    double process = processSeconds();
    return new Snapshot(process, machineTicks(), threadTicks(Path.of("/proc/self")));
  }

  /**
   * This JVM's counters at the start of a run: the threads first, then the process, so that reading the threads
   * falls outside the run (as it does at its end, through {@link #now()}).
   */
  static Snapshot beforeRun() {
    Map<String, ThreadTicks> threads = threadTicks(Path.of("/proc/self"));
    return new Snapshot(processSeconds(), machineTicks(), threads);
  }

  /** This JVM's CPU time so far, all its threads, to the nanosecond where the system keeps it so. */
  private static double processSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
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
    return new Snapshot(seconds, machineTicks(), threadTicks(process));
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
    Map<String, Double> byKind = new TreeMap<>();
    if (before.threads() != null && after.threads() != null) {
      // A thread may start or end during the run; one that ended takes its time with it.
      for (Map.Entry<String, ThreadTicks> thread : after.threads().entrySet()) {
        ThreadTicks earlier = before.threads().get(thread.getKey());
        long ticks = thread.getValue().ticks() - (earlier == null ? 0 : earlier.ticks());
        byKind.merge(kind(thread.getValue().name()), ticks * TICK, Double::sum);
      }
      compilers = byKind.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
          .mapToDouble(Map.Entry::getValue).sum();
    }
    double machine = Double.NaN;
    if (before.machineTicks() != null && after.machineTicks() != null
        && after.machineTicks()[1] > before.machineTicks()[1]) {
      machine = (double) (after.machineTicks()[0] - before.machineTicks()[0])
          / (after.machineTicks()[1] - before.machineTicks()[1]);
    }
    return new Usage(after.processSeconds() - before.processSeconds(), compilers, machine, byKind);
  }

  /**
   * A thread's kind: its name without the numbers that tell threads of a pool apart ("GC Thread#1" and "GC Thread#0"
   * are both "GC Thread#", "http-nio-auto-1" is "http-nio-auto-").
   */
  static String kind(String name) {
    return name.trim().replaceAll("[0-9]+", "");
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

  /** Every thread's name and user and system ticks, by thread id, or null without {@code /proc}. */
  private static Map<String, ThreadTicks> threadTicks(Path process) {
    Path tasks = process.resolve("task");
    if (!Files.isDirectory(tasks)) {
      return null;
    }
    Map<String, ThreadTicks> ticks = new HashMap<>();
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          ticks.put(thread.getFileName().toString(), new ThreadTicks(Files.readString(thread.resolve("comm")).trim(),
              ticks(Files.readString(thread.resolve("stat")))));
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
