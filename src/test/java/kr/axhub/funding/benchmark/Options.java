package kr.axhub.funding.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's {@code bench.*} options, read in one place. The Maven profile passes every option to the
 * benchmark's JVM, empty when it is not given on the command line; an empty or missing option takes the default
 * written here. The options a run used are written into its report, so a figure always says how it was taken.
 */
final class Options {

  /** Every option the Maven profile passes on (pom.xml, profile {@code benchmark}). */
  static final List<String> NAMES = List.of("bench.parts", "bench.throughput.warmup", "bench.throughput.programmes",
      "bench.throughput.threads", "bench.throughput.databases", "bench.throughput.engines",
      "bench.throughput.statements", "bench.throughput.rounds", "bench.throughput.settled",
      "bench.throughput.warmup-max", "bench.throughput.interleaved", "bench.h2file.pace", "bench.h2file.paced",
      "bench.h2file.burst", "bench.h2file.sample", "bench.growth.sizes", "bench.growth.trace", "bench.jar",
      "bench.tasklist.tasks", "bench.tasklist.before", "bench.rest.servers", "bench.rest.levels",
      "bench.rest.completions", "bench.rest.think", "bench.rest.warmup", "bench.startup.restarts");

  private Options() {}

  static String text(String name, String defaultValue) {
    known(name);
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  static int integer(String name, int defaultValue) {
    String value = text(name, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Option " + name + " must be a whole number, not '" + value + "'", e);
    }
  }

  static boolean flag(String name) {
    return Boolean.parseBoolean(text(name, "false"));
  }

  /** A comma-separated list, e.g. {@code bench.throughput.threads=1,2}. */
  static List<String> list(String name, String defaultValue) {
    return Arrays.stream(text(name, defaultValue).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  /** The options given to this run (not their defaults), for the report. */
  static String given() {
    Map<String, String> given = new TreeMap<>();
    for (String name : NAMES) {
      String value = System.getProperty(name);
      if (value != null && !value.isBlank() && !name.equals("bench.jar")) {
        given.put(name, value.trim());
      }
    }
    return given.isEmpty() ? "Options: all defaults." : "Options: " + given + ".";
  }

  private static void known(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalStateException("Option " + name + " is not passed on by the Maven profile: add it to "
          + "Options.NAMES and to the benchmark profile in pom.xml");
    }
  }
}
