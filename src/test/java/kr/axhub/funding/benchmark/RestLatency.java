package kr.axhub.funding.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kr.axhub.funding.benchmark.RestLatencyOfficial.Operation;
import kr.axhub.funding.support.Officials;

/**
 * REST latency and CPU of a region director's everyday work through {@code /engine-rest} on loopback, with HTTP
 * Basic, authorization and tenant checks on, on the embedded default's H2 file database: the group's task list,
 * claiming a task and completing it (see {@link RestLatencyOfficial}), as 10, 50 and 100 simulated directors at
 * once. Two servers in the same run, each in its own JVM ({@link RestServerProcess}) so that its CPU time is read
 * apart from the clients': the application, and Camunda's bare engine-rest with authorization
 * ({@link BareEngineRest}), the anchor. The target is the application's server CPU per completion at most
 * {@value #TARGET_RATIO} × the bare one's.
 *
 * <p>The directors ({@code bench-director-<n>}, member of {@code region-directors} and of region {@code n % 4}'s
 * tenant) work on programmes started beforehand through the Java API, each waiting at the internal approval; every
 * completion moves a programme on to the ministry's review. Before each run the open approvals of each region are
 * topped up to what the run needs plus a margin, and after it the programmes it approved are ended, so every run
 * starts from similar open tasks.
 *
 * <p>Closed loop: directors never pause, so each level saturates the machine (clients included): its throughput is
 * the capacity. Open loop: each director pauses an exponentially distributed think time before each task, as an
 * official reading the form. One director alone, measured last, gives the service time; warm-up rounds (not
 * reported) come first, and each run waits for the server's JIT compilers to finish the work its set-up gave them.
 * After each run the completed approvals in the history must match the completions counted here.
 */
final class RestLatency {

  private static final Map<String, String> SERVERS = new LinkedHashMap<>();

  static {
    SERVERS.put("application", "application");
    SERVERS.put("bare", "bare engine-rest with authorization");
  }

  private static final double TARGET_RATIO = 1.25;
  private static final int WARM_UP_OFFICIALS = 10;
  private static final int ALONE_COMPLETIONS = 200;
  private static final int ERROR_LIMIT = 100;
  private static final String SERVER_HEAP = "2g";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
  private static final Duration COMPILERS_LIMIT = Duration.ofSeconds(10);

  private final Report report;
  private final List<String> servers = Options.list("bench.rest.servers", String.join(",", SERVERS.keySet()));
  private final List<Integer> levels = Options.list("bench.rest.levels", "10,50,100").stream()
      .map(Integer::parseInt).toList();
  private final int completions = Options.integer("bench.rest.completions", 600);
  private final int thinkMillis = Options.integer("bench.rest.think", 2000);
  private final int warmUpSeconds = Options.integer("bench.rest.warmup", 30);

  RestLatency(Report report) {
    this.report = report;
    for (String server : servers) {
      if (!SERVERS.containsKey(server)) {
        throw new IllegalArgumentException("Unknown REST server '" + server + "'; servers: " + SERVERS.keySet());
      }
    }
  }

  /** One run: a number of directors until a number of completions. */
  private record Result(int officials, double thinkMillis, int openTasks, double seconds, int completions,
      Map<Operation, List<Double>> latencies, Map<Operation, Integer> errors, Map<String, Integer> conflicts,
      Map<String, Integer> errorKinds, int unanswered, long finished, int ranOut, String firstError,
      RestLatencyCpu.Usage server, RestLatencyCpu.Usage clients) {

    int requests(Operation operation) {
      return latencies.get(operation).size();
    }

    int errorCount() {
      return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    double completionsPerSecond() {
      return completions / seconds;
    }

    Stats stats(Operation operation) {
      return Stats.of(latencies.get(operation));
    }

    /** CPU of the server's JVM per completion, without its JIT compilers'. */
    double serverMillis() {
      return withoutCompilers(server) * 1000 / completions;
    }

    /** CPU of the benchmark's JVM (the directors' HTTP clients) per completion, without its JIT compilers'. */
    double clientMillis() {
      return withoutCompilers(clients) * 1000 / completions;
    }

    double share(double cpuSeconds) {
      return cpuSeconds / (seconds * Runtime.getRuntime().availableProcessors());
    }

    String label() {
      return officials + (thinkMillis > 0 ? " (think " + Report.num(thinkMillis / 1000, 1) + " s)" : "");
    }
  }

  /** The runs of one server. */
  private record Runs(String server, List<Result> closed, List<Result> open, Result alone, String setUp) {}

  private static double withoutCompilers(RestLatencyCpu.Usage usage) {
    return usage.processSeconds() - (Double.isNaN(usage.compilerSeconds()) ? 0 : usage.compilerSeconds());
  }

  void run() throws Exception {
    report.section("REST: task query, claim and complete through /engine-rest, application against bare "
        + "engine-rest with authorization");
    int directors = Math.max(WARM_UP_OFFICIALS, levels.stream().mapToInt(Integer::intValue).max().orElse(1));
    List<Runs> all = new ArrayList<>();
    for (String server : servers) {
      try (RestServerProcess process = RestServerProcess.start(server, directors, SERVER_HEAP)) {
        int rounds = warmUp(process);
        List<Result> closed = new ArrayList<>();
        for (int level : levels) {
          closed.add(measure(process, level, completions, 0));
        }
        List<Result> open = new ArrayList<>();
        if (thinkMillis > 0) {
          for (int level : levels) {
            open.add(measure(process, level, completions, thinkMillis));
          }
        }
        // Last, when the JIT compilers are furthest along: one director alone adds little to their work.
        Result alone = measure(process, 1, Math.min(ALONE_COMPLETIONS, completions), 0);
        String[] stats = process.command("stats").split(" ");
        String setUp = Report.count(Long.parseLong(stats[0])) + " programmes started beforehand through the Java API ("
            + Report.num(Double.parseDouble(stats[1]), 0) + " s, not measured), the approved ones ended after each "
            + "run (" + Report.num(Double.parseDouble(stats[2]), 0) + " s); warm-up " + rounds + " rounds of "
            + WARM_UP_OFFICIALS + " directors, at least " + warmUpSeconds + " s.";
        Runs runs = new Runs(server, closed, open, alone, setUp);
        print(runs);
        all.add(runs);
      }
    }
    compare(all);
  }

  /** Rounds of {@value #WARM_UP_OFFICIALS} directors for at least the warm-up time, so the JIT compilers settle. */
  private int warmUp(RestServerProcess process) throws Exception {
    double seconds = 0;
    int rounds = 0;
    while (seconds < warmUpSeconds || rounds == 0) {
      seconds += measure(process, WARM_UP_OFFICIALS, Math.max(50, completions / 4), 0).seconds();
      rounds++;
    }
    return rounds;
  }

  private Result measure(RestServerProcess process, int officials, int target, double think) throws Exception {
    int openTasks = Integer.parseInt(process.command("topup " + officials + " " + target));
    RestLatencyCpu.awaitIdleCompilers(process.pid(), COMPILERS_LIMIT);
    long finishedBefore = Long.parseLong(process.command("finished"));
    RestLatencyOfficial.Run run = new RestLatencyOfficial.Run(officials, target, ERROR_LIMIT, RUN_LIMIT);
    List<RestLatencyOfficial> directors = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int n = 1; n <= officials; n++) {
      RestLatencyOfficial director = new RestLatencyOfficial(RestServer.director(n), Officials.PASSWORD,
          process.port(), run, think);
      directors.add(director);
      Thread thread = new Thread(director, RestServer.director(n));
      thread.start();
      threads.add(thread);
    }
    run.ready.await();
    RestLatencyCpu.Snapshot serverBefore = RestLatencyCpu.now(process.pid());
    RestLatencyCpu.Snapshot clientsBefore = RestLatencyCpu.now();
    long start = System.nanoTime();
    run.go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RestLatencyCpu.Usage server = RestLatencyCpu.between(serverBefore, RestLatencyCpu.now(process.pid()));
    RestLatencyCpu.Usage clients = RestLatencyCpu.between(clientsBefore, RestLatencyCpu.now());

    Map<Operation, List<Double>> latencies = new EnumMap<>(Operation.class);
    Map<Operation, Integer> errors = new EnumMap<>(Operation.class);
    Map<String, Integer> conflicts = new TreeMap<>();
    Map<String, Integer> errorKinds = new TreeMap<>();
    int completed = 0;
    int unanswered = 0;
    int ranOut = 0;
    String firstError = null;
    for (RestLatencyOfficial director : directors) {
      director.latencies.forEach((op, values) -> latencies.computeIfAbsent(op, k -> new ArrayList<>()).addAll(values));
      director.errors.forEach((op, count) -> errors.merge(op, count, Integer::sum));
      director.conflicts.forEach((kind, count) -> conflicts.merge(kind, count, Integer::sum));
      director.errorKinds.forEach((kind, count) -> errorKinds.merge(kind, count, Integer::sum));
      completed += director.completed;
      unanswered += director.unanswered;
      ranOut += director.ranOut ? 1 : 0;
      firstError = firstError == null ? director.firstError : firstError;
    }
    long finished = Long.parseLong(process.command("finished")) - finishedBefore;
    // A completion answered with success must be in the history, one answered with a refusal must not; one that got
    // no answer may be either.
    if (finished < completed || finished > completed + unanswered) {
      throw new IllegalStateException(officials + " directors: " + completed + " completions answered with success "
          + "and " + unanswered + " without an answer, but the history holds " + finished + " completed approvals; "
          + "errors " + errorKinds + "; first error: " + firstError);
    }
    process.command("end");
    if (!run.reachedTarget()) {
      throw new IllegalStateException(officials + " directors stopped after " + completed + " of " + target
          + " completions (" + run.errors.get() + " errors " + errorKinds + ", " + ranOut + " ran out of tasks); "
          + "first error: " + firstError);
    }
    return new Result(officials, think, openTasks, seconds, completed, latencies, errors, conflicts, errorKinds,
        unanswered, finished, ranOut, firstError, server, clients);
  }

  private void print(Runs runs) {
    report.note("**" + SERVERS.get(runs.server()) + "**, in its own JVM (-Xmx" + SERVER_HEAP + "), on a fresh H2 "
        + "file (WRITE_DELAY=0): " + runs.setUp());
    List<Result> all = new ArrayList<>();
    all.add(runs.alone());
    all.addAll(runs.closed());
    all.addAll(runs.open());
    Report.Table latency = report.table("officials", "operation", "requests", "p50 ms", "p95 ms", "p99 ms",
        "throughput (requests/s)", "errors / conflicts");
    for (Result result : all) {
      String officials = result == runs.alone() ? "1 (alone, run last)" : result.label();
      for (Operation operation : Operation.values()) {
        Stats stats = result.stats(operation);
        String problems = switch (operation) {
          case CLAIM -> result.errors().get(operation) + " / " + result.requests(Operation.CONFLICT);
          case CONFLICT, TASK -> "–";
          default -> String.valueOf(result.errors().get(operation));
        };
        latency.row(officials, operation.label, Report.count(stats.count()), Report.ms(stats.percentile(50)),
            Report.ms(stats.percentile(95)), Report.ms(stats.percentile(99)),
            Report.num(stats.count() / result.seconds(), 1), problems);
      }
    }
    latency.print();

    Report.Table table = report.table("officials", "completions", "seconds", "completions/s",
        "lost claims per completion", "errors", "open approvals at start", "server CPU per completion ms",
        "client CPU per completion ms", "server JVM CPU", "server JIT CPU", "client JVM CPU", "machine CPU");
    for (Result result : all) {
      table.row(result == runs.alone() ? "1 (alone, run last)" : result.label(),
          Report.count(result.completions()), Report.num(result.seconds(), 1),
          Report.num(result.completionsPerSecond(), 1),
          Report.num((double) result.requests(Operation.CONFLICT) / result.completions(), 2),
          Report.count(result.errorCount()), Report.count(result.openTasks()), Report.ms(result.serverMillis()),
          Report.ms(result.clientMillis()), percent(result.share(result.server().processSeconds())),
          percent(result.share(result.server().compilerSeconds())),
          percent(result.share(result.clients().processSeconds())), percent(result.server().machineBusy()));
    }
    table.print();
    threadKinds(all, runs.alone());
    conflictKinds(all);
  }

  /**
   * The server's CPU per completion by kind of thread (threads of a pool together), run by run: shows which threads
   * take more when officials pause between tasks than when they do not. Kinds under half a millisecond per
   * completion in every run are summed in one row.
   */
  private void threadKinds(List<Result> all, Result alone) {
    if (all.stream().anyMatch(result -> result.server().byKind().isEmpty())) {
      return;
    }
    Map<String, double[]> perCompletion = new TreeMap<>();
    for (int i = 0; i < all.size(); i++) {
      Result result = all.get(i);
      for (Map.Entry<String, Double> kind : result.server().byKind().entrySet()) {
        perCompletion.computeIfAbsent(kind.getKey(), k -> new double[all.size()])[i] =
            kind.getValue() * 1000 / result.completions();
      }
    }
    List<String> headers = new ArrayList<>(List.of("server thread (kind)"));
    all.forEach(result -> headers.add(result == alone ? "1 (alone)" : result.label()));
    report.note("The server's CPU ms per completion by thread (the threads of a pool together; the JIT compilers "
        + "included here), run by run:");
    Report.Table table = report.table(headers.toArray(String[]::new));
    double[] rest = new double[all.size()];
    perCompletion.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -Arrays.stream(e.getValue()).sum()))
        .forEach(kind -> {
          if (Arrays.stream(kind.getValue()).anyMatch(ms -> ms >= 0.5)) {
            List<Object> row = new ArrayList<>(List.of(kind.getKey()));
            Arrays.stream(kind.getValue()).forEach(ms -> row.add(Report.num(ms, 1)));
            table.row(row.toArray());
          } else {
            for (int i = 0; i < rest.length; i++) {
              rest[i] += kind.getValue()[i];
            }
          }
        });
    List<Object> row = new ArrayList<>(List.of("all other threads"));
    Arrays.stream(rest).forEach(ms -> row.add(Report.num(ms, 1)));
    table.row(row.toArray());
    table.print();
  }

  /** Side by side, level by level, and the target: server CPU per completion over all closed-loop levels. */
  private void compare(List<Runs> all) {
    Runs app = all.stream().filter(r -> r.server().equals("application")).findFirst().orElse(null);
    Runs bare = all.stream().filter(r -> r.server().equals("bare")).findFirst().orElse(null);
    if (app == null || bare == null) {
      return;
    }
    report.note("**Side by side** (" + SERVERS.get(app.server()) + " / " + SERVERS.get(bare.server()) + "): server "
        + "CPU per completion (its JVM, JIT compilers not counted), the clients' CPU per completion, throughput, "
        + "and p50/p95 of the whole task (list, claim, complete, lost claims included) and of the completion.");
    Report.Table table = report.table("officials", "completions/s", "server CPU ms/completion", "ratio",
        "client CPU ms/completion", "whole task p50 / p95 ms, application", "bare",
        "complete p50 / p95 ms, application", "bare");
    List<Result[]> pairs = new ArrayList<>();
    pairs.add(new Result[] {app.alone(), bare.alone()});
    for (int i = 0; i < Math.min(app.closed().size(), bare.closed().size()); i++) {
      pairs.add(new Result[] {app.closed().get(i), bare.closed().get(i)});
    }
    for (int i = 0; i < Math.min(app.open().size(), bare.open().size()); i++) {
      pairs.add(new Result[] {app.open().get(i), bare.open().get(i)});
    }
    for (Result[] pair : pairs) {
      Result a = pair[0];
      Result b = pair[1];
      table.row(a == app.alone() ? "1 (alone)" : a.label(),
          Report.num(a.completionsPerSecond(), 1) + " / " + Report.num(b.completionsPerSecond(), 1),
          Report.ms(a.serverMillis()) + " / " + Report.ms(b.serverMillis()),
          Report.num(a.serverMillis() / b.serverMillis(), 2),
          Report.ms(a.clientMillis()) + " / " + Report.ms(b.clientMillis()),
          percentiles(a, Operation.TASK), percentiles(b, Operation.TASK),
          percentiles(a, Operation.COMPLETE), percentiles(b, Operation.COMPLETE));
    }
    table.print();
    double appCpu = closedServerMillis(app);
    double bareCpu = closedServerMillis(bare);
    double ratio = appCpu / bareCpu;
    int cores = Runtime.getRuntime().availableProcessors();
    report.note("**Target: server CPU per completion ≤ " + Report.num(TARGET_RATIO, 2) + " × the bare engine-rest "
        + "with authorization: " + (ratio <= TARGET_RATIO ? "met" : "not met") + "** (" + Report.num(ratio, 2)
        + " ×: " + Report.ms(appCpu) + " against " + Report.ms(bareCpu) + " ms over all closed-loop levels). "
        + "Capacity (the most completions/s of a closed-loop level, clients on the same " + cores + " cores): "
        + Report.num(capacity(app), 1) + " for the application, " + Report.num(capacity(bare), 1)
        + " for the bare engine-rest.");
  }

  private static double closedServerMillis(Runs runs) {
    double seconds = 0;
    int completed = 0;
    for (Result result : runs.closed()) {
      seconds += withoutCompilers(result.server());
      completed += result.completions();
    }
    return seconds * 1000 / completed;
  }

  private static double capacity(Runs runs) {
    return runs.closed().stream().mapToDouble(Result::completionsPerSecond).max().orElse(Double.NaN);
  }

  private static String percentiles(Result result, Operation operation) {
    Stats stats = result.stats(operation);
    return Report.ms(stats.percentile(50)) + " / " + Report.ms(stats.percentile(95));
  }

  private void conflictKinds(List<Result> results) {
    Map<String, Integer> kinds = new TreeMap<>();
    Map<String, Integer> errorKinds = new TreeMap<>();
    int unanswered = 0;
    long committedUnanswered = 0;
    String firstError = null;
    for (Result result : results) {
      result.conflicts().forEach((kind, count) -> kinds.merge(kind, count, Integer::sum));
      result.errorKinds().forEach((kind, count) -> errorKinds.merge(kind, count, Integer::sum));
      unanswered += result.unanswered();
      committedUnanswered += result.finished() - result.completions();
      firstError = firstError == null ? result.firstError() : firstError;
    }
    int ranOut = results.stream().mapToInt(Result::ranOut).sum();
    StringBuilder note = new StringBuilder("Lost claims were answered:");
    kinds.forEach((kind, count) -> note.append(' ').append(kind).append(" × ").append(count).append(';'));
    note.append(kinds.isEmpty() ? " – (none)." : "");
    note.append(ranOut == 0 ? "" : " " + ranOut + " directors found no task left in their region and stopped early.");
    if (!errorKinds.isEmpty()) {
      note.append(" Errors:");
      errorKinds.forEach((kind, count) -> note.append(' ').append(kind).append(" × ").append(count).append(';'));
    }
    if (unanswered > 0) {
      note.append(" ").append(unanswered).append(" completions got no answer; the history holds ")
          .append(committedUnanswered).append(" of them as committed.");
    }
    note.append(firstError == null ? " No errors." : " First error: " + firstError);
    report.note(note.toString());
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
