package kr.axhub.funding.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.benchmark.ThroughputEngine.EngineRun;
import kr.axhub.funding.benchmark.ThroughputEngine.Measurement;
import kr.axhub.funding.postgres.ProgrammeWalk;
import kr.axhub.funding.postgres.ProgrammeWalk.Step;

/**
 * Complete programmes per second, driven through the Java API from the proposal to "programme launched" (every R&D
 * task kicked off: 31 transactions, 2 kickoffs), on H2 (the embedded default's file settings) and on PostgreSQL, at
 * 1, 2 and 4 threads, by four engines in the same run, each on a fresh database and in a JVM of its own
 * ({@link ThroughputEngine}): the application (as the officials, every
 * plugin and check on), the application without Camunda's authorization checks, the bare engine with authorization
 * and tenant checks on and the application's grants (the fair anchor for the application), and the bare engine (same
 * models, {@link BareEngine}). Besides wall time, each programme's CPU time on its thread and its SQL statements are
 * taken: on a shared machine they show the cost of code where wall time shows the load. The database's own commit
 * rate is measured beside it: one programme needs one commit per step, so the commit rate bounds what any engine can
 * reach. Options: {@code bench.throughput.warmup}, {@code .programmes}, {@code .threads} (e.g. {@code 1}),
 * {@code .databases} ({@code H2,PostgreSQL}), {@code .engines} ({@code application,unauthorized,bare-authorized,bare}),
 * {@code .statements} ({@code false}: no statement counting), {@code .rounds} (how often every engine runs, in
 * turn: one run of an engine varies by a quarter on a small machine, more than the differences sought) and
 * {@code .interleaved} ({@code true}: the engines of a round measured programme by programme in turn, at one thread,
 * {@link InterleavedThroughput}).
 */
final class PipelineThroughput {

  private static final List<Integer> THREADS = ThroughputEngine.THREADS;
  private static final int WARM_UP = ThroughputEngine.WARM_UP;
  private static final int PROGRAMMES = ThroughputEngine.PROGRAMMES;
  private static final List<String> DATABASES = Options.list("bench.throughput.databases", "H2,PostgreSQL");
  private static final boolean COUNT_STATEMENTS = ThroughputEngine.COUNT_STATEMENTS;
  private static final int ROUNDS = Options.integer("bench.throughput.rounds", 1);
  private static final boolean INTERLEAVED = Options.flag("bench.throughput.interleaved");

  private final Report report;
  private final Databases databases;
  private Report.Table h2Files;

  PipelineThroughput(Report report, Databases databases) {
    this.report = report;
    this.databases = databases;
  }

  void run() throws Exception {
    report.section("Pipeline throughput: the application against the bare engine");
    if (INTERLEAVED && !THREADS.equals(List.of(1))) {
      throw new IllegalArgumentException("bench.throughput.interleaved=true measures at one thread: give "
          + "-Dbench.throughput.threads=1 with it");
    }
    List<Step> walk = new ProgrammeWalk("daegu", "AX-DAEGU-0000").steps();
    int steps = walk.size();
    List<Engine> engines = Engine.chosen();
    report.note("Each programme: " + steps + " steps (a start, the task completions, the Assembly report and two "
        + "timers per R&D task), each its own transaction, through the Java API; at least " + WARM_UP
        + " programmes of warm-up on each engine" + (ThroughputEngine.SETTLED < 1 ? ", and on until the JIT "
        + "compilers took less than " + Report.num(ThroughputEngine.SETTLED * 100, 0) + " % of its JVM's CPU over "
        + "the last 20 (at most " + ThroughputEngine.WARM_UP_MAX + ")" : "") + ", then " + PROGRAMMES
        + " programmes per thread count (" + THREADS + "), spread over the threads. Engines, each on a fresh "
        + "database: " + engines.stream()
        .map(engine -> engine.label + " (" + engine.description + ")").collect(Collectors.joining("; "))
        + ". Medians are of the programmes' own wall times and of the CPU time and bytes allocated of the thread "
        + "that walked them (which, on H2, include the database's work; on PostgreSQL the server's are not in "
        + "them). JVM CPU is the CPU time of the engine's whole JVM less its JIT compilers (the garbage "
        + "collector, H2's writer and the engine's background threads, such as the application's file compaction, "
        + "included): per programme and its median at one thread, the whole measurement's over its programmes "
        + "(a mean) at several.");
    Report.Table table = report.table("database", "threads", "engine", "prog/s", "ms/prog (median)",
        "ms/prog (p95)", "CPU ms/prog (median)", "JVM CPU ms/prog", "allocated MiB/prog (median)",
        "SQL statements/prog");
    Report.Table ratios = report.table("database", "threads", "application / bare with authorization, time",
        "… CPU", "… JVM CPU", "… allocated", "… statements", "without authorization / bare, time", "… CPU",
        "… JVM CPU", "… allocated", "… statements", "application / bare, time");
    h2Files = report.table("H2 engine", "when", "programmes launched", "file size, MiB", "MiB per programme");
    Report.Table commits = report.table("database", "commits/s, 1 connection", "commits/s, 4 connections",
        "steps per programme", "ceiling prog/s at 4 connections (commits only)");
    Report.Table warmUps = report.table("database", "round", "engine", "programmes of warm-up",
        "compilers' share of the JVM's CPU, last 20 of the warm-up", "… during the measurement at "
        + THREADS.get(0) + " thread(s)");
    Report.Table sendings = report.table("database", "round", "engine", "notices", "notices/prog",
        "rendering alone, CPU ms/prog", "… allocated MiB/prog", "sending (dispatcher, SMTP), CPU ms/prog",
        "… allocated MiB/prog", "… notices/s");
    List<Report.Table> stepTables = new ArrayList<>();
    Report.Table perRound = ROUNDS > 1 ? roundTable(engines) : null;
    Report.Table paired = INTERLEAVED ? report.table("database", "pair", "cycles",
        "CPU: median of the cycles' ratios", "… middle half of them", "JVM CPU: median of the cycles' ratios",
        "… middle half of them", "allocated: median of the cycles' ratios") : null;
    Report.Table drift = INTERLEAVED ? report.table("database", "engine",
        "CPU ms/prog, median of each fifth of the cycles, in order") : null;
    for (String kind : DATABASES) {
      List<Map<Engine, EngineRun>> rounds = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        // Every other round runs the engines the other way round, so that a drift of the machine over the run
        // (a database server warming up, files written out) does not favour the engines that come late.
        List<Engine> order = new ArrayList<>(engines);
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        Map<Engine, EngineRun> runs = new EnumMap<>(Engine.class);
        if (INTERLEAVED) {
          runs.putAll(measureInterleaved(kind, order, round == 1));
        } else {
          for (Engine engine : order) {
            runs.put(engine, measure(kind, engine, round == 1));
          }
        }
        for (Engine engine : order) {
          EngineRun run = runs.get(engine);
          warmUps.row(kind, round, engine.label, run.warmUp().programmes(),
              percent(run.warmUp().compilerShare()),
              percent(run.measurements().get(THREADS.get(0)).compilerShare()));
          if (run.sending() != null) {
            ThroughputEngine.Sending sent = run.sending();
            double programmes = sent.programmes();
            sendings.row(kind, round, engine.label, sent.notices(), Report.num(sent.notices() / programmes, 1),
                Report.ms(sent.renderCpuMillis() / programmes), Report.num(sent.renderMib() / programmes, 2),
                Report.ms(sent.dispatchCpuMillis() / programmes), Report.num(sent.dispatchMib() / programmes, 2),
                Report.num(sent.sent() / sent.dispatchSeconds(), 0));
          }
        }
        rounds.add(runs);
        if (perRound != null) {
          for (int threads : THREADS) {
            roundRow(perRound, kind, threads, round + " (" + order.stream().map(e -> e.key)
                .collect(Collectors.joining(", ")) + ")", engines, runs);
          }
        }
      }
      Map<Engine, EngineRun> runs = pooled(rounds);
      if (paired != null) {
        pairedRow(paired, kind, runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED);
        pairedRow(paired, kind, runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE);
        pairedRow(paired, kind, runs, Engine.APPLICATION, Engine.BARE);
        for (Engine engine : engines) {
          List<Double> cpu = runs.get(engine).measurements().get(1).cpuMillis();
          List<String> fifths = new ArrayList<>();
          for (int f = 0; f < 5; f++) {
            List<Double> part = cpu.subList(f * cpu.size() / 5, (f + 1) * cpu.size() / 5);
            fifths.add(part.isEmpty() ? "–" : Report.ms(Stats.of(part).median()));
          }
          drift.row(kind, engine.label, String.join(", ", fifths));
        }
      }
      if (perRound != null) {
        for (int threads : THREADS) {
          roundRow(perRound, kind, threads, "all " + ROUNDS + " pooled", engines, runs);
        }
      }
      for (int threads : THREADS) {
        for (Engine engine : engines) {
          Measurement m = runs.get(engine).measurements().get(threads);
          table.row(kind, threads, engine.label, Report.num(m.perSecond(), 2), Report.ms(m.medianMillis()),
              Report.ms(Stats.of(m.programmeMillis()).percentile(95)), Report.ms(m.medianCpu()),
              Report.ms(m.processCpu()), Report.num(m.medianAllocated(), 1),
              Report.num(m.statementsPerProgramme(), 0));
        }
        ratios.row(kind, threads,
            ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::medianMillis),
            ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::medianCpu),
            ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::processCpu),
            ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::medianAllocated),
            ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::statementsPerProgramme),
            ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::medianMillis),
            ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::medianCpu),
            ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::processCpu),
            ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::medianAllocated),
            ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::statementsPerProgramme),
            ratio(runs, Engine.APPLICATION, Engine.BARE, threads, Measurement::medianMillis));
      }
      if (COUNT_STATEMENTS) {
        stepTables.add(stepTable(kind, walk, rounds.get(0)));
      }
      Database database = fresh(kind, "commitrate");
      double one = commitRate(database, 1);
      double four = commitRate(database, 4);
      commits.row(kind, Report.num(one, 0), Report.num(four, 0), steps, Report.num(four / steps, 0));
    }
    if (ROUNDS > 1) {
      report.note("Every engine ran " + ROUNDS + " times, in turn (every other round in the reverse order), each "
          + "time on a fresh database and in a new JVM; the tables below pool the programmes of all rounds, the "
          + "H2 files and the statements per step are those of the first round.");
    }
    table.print();
    report.note("Ratios of the medians per programme (time and CPU) and of the statements per programme; above "
        + "1.00 the first engine costs more, e.g. 1.25 is 25% overhead. \"–\" where an engine was not run.");
    ratios.print();
    report.note("How long each engine warmed up, and how busy the JIT compilers still were (their CPU is left out "
        + "of the JVM CPU above, but they share the machine's cores with the engine):");
    warmUps.print();
    report.note("The application's notices, recorded in the officials' transactions as the values they are made of, "
        + "rendered and sent after the engine's last programme: each rendered alone, then all sent by the "
        + "application's dispatcher to a real SMTP server in the engine's JVM (claim, render, send, the text kept "
        + "on the row), on one thread, per programme launched (warm-up included). This work is not in the walking "
        + "thread's figures above; the bare engines send nothing:");
    sendings.print();
    if (paired != null) {
      report.note("Measured in turn (bench.throughput.interleaved): in every cycle each engine walked one programme, "
          + "the engine going first moving on by one each cycle, so that programmes of the same cycle ran seconds "
          + "apart on the same state of the machine. Each cycle's ratio of the two engines' figures, and their "
          + "median and middle half (25th to 75th percentile) over all cycles of all rounds:");
      paired.print();
      report.note("How the machine drifted while the engines were measured in turn: each engine's walking thread's "
          + "CPU per programme over the cycles, in five parts. Engines moving together are the machine; an engine "
          + "moving alone is the engine:");
      drift.print();
    }
    if (perRound != null) {
      report.note("Round by round: each engine's median CPU ms per programme in that round, and the ratios of the "
          + "round's medians (time and CPU); the last rows of each database pool all rounds' programmes:");
      perRound.print();
    }
    report.note("The H2 file of each engine as its programmes accumulate, read while the database is open, after "
        + "the engine closed it, and after H2 compacted it fully (the size of the data itself):");
    h2Files.print();
    report.note("The database's commit rate, measured in the same run (a one-row insert per transaction for 3 s):");
    commits.print();
    if (!stepTables.isEmpty()) {
      report.note("SQL statements per step and programme, at one thread (steps of the same element, such as the "
          + "two R&D tasks' timers, summed); statement texts by step are in target/benchmark/statements-*.txt:");
      stepTables.forEach(Report.Table::print);
    }
  }

  private static String ratio(Map<Engine, EngineRun> runs, Engine engine, Engine anchor, int threads,
      ToDoubleFunction<Measurement> value) {
    if (!runs.containsKey(engine) || !runs.containsKey(anchor)) {
      return "–";
    }
    return Report.num(value.applyAsDouble(runs.get(engine).measurements().get(threads))
        / value.applyAsDouble(runs.get(anchor).measurements().get(threads)), 2);
  }

  /** Cycle by cycle ratios of two engines measured in turn: their programmes of the same cycle share an index. */
  private static void pairedRow(Report.Table table, String kind, Map<Engine, EngineRun> runs, Engine engine,
      Engine anchor) {
    if (!runs.containsKey(engine) || !runs.containsKey(anchor)) {
      return;
    }
    Measurement first = runs.get(engine).measurements().get(1);
    Measurement second = runs.get(anchor).measurements().get(1);
    Stats cpu = Stats.of(cycleRatios(first.cpuMillis(), second.cpuMillis()));
    Stats jvm = Stats.of(cycleRatios(first.processCpuMillis(), second.processCpuMillis()));
    Stats allocated = Stats.of(cycleRatios(first.allocatedMib(), second.allocatedMib()));
    table.row(kind, engine.label + " / " + anchor.label, cpu.count(), Report.num(cpu.median(), 2),
        Report.num(cpu.percentile(25), 2) + "–" + Report.num(cpu.percentile(75), 2), Report.num(jvm.median(), 2),
        Report.num(jvm.percentile(25), 2) + "–" + Report.num(jvm.percentile(75), 2),
        Report.num(allocated.median(), 2));
  }

  private static List<Double> cycleRatios(List<Double> values, List<Double> anchors) {
    if (values.size() != anchors.size()) {
      throw new IllegalStateException(values.size() + " programmes measured against " + anchors.size()
          + " in the same cycles");
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (anchors.get(i) > 0) {
        ratios.add(values.get(i) / anchors.get(i));
      }
    }
    return ratios;
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "–" : Report.num(share * 100, 1) + " %";
  }

  private Report.Table roundTable(List<Engine> engines) {
    List<String> headers = new ArrayList<>(List.of("database", "threads", "round (engine order)"));
    engines.forEach(engine -> headers.add(engine.label + ", CPU ms/prog"));
    headers.addAll(List.of("application / bare with authorization, time", "… CPU", "… JVM CPU",
        "without authorization / bare, time", "… CPU", "… JVM CPU"));
    return report.table(headers.toArray(String[]::new));
  }

  private static void roundRow(Report.Table table, String kind, int threads, String round, List<Engine> engines,
      Map<Engine, EngineRun> runs) {
    List<Object> row = new ArrayList<>(List.of(kind, threads, round));
    engines.forEach(engine -> row.add(Report.ms(runs.get(engine).measurements().get(threads).medianCpu())));
    row.add(ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::medianMillis));
    row.add(ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::medianCpu));
    row.add(ratio(runs, Engine.APPLICATION, Engine.BARE_AUTHORIZED, threads, Measurement::processCpu));
    row.add(ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::medianMillis));
    row.add(ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::medianCpu));
    row.add(ratio(runs, Engine.WITHOUT_AUTHORIZATION, Engine.BARE, threads, Measurement::processCpu));
    table.row(row.toArray());
  }

  /** Each engine's programmes of all rounds together, thread count by thread count. */
  private static Map<Engine, EngineRun> pooled(List<Map<Engine, EngineRun>> rounds) {
    if (rounds.size() == 1) {
      return rounds.get(0);
    }
    Map<Engine, EngineRun> pooled = new EnumMap<>(Engine.class);
    for (Engine engine : rounds.get(0).keySet()) {
      Map<Integer, Measurement> measurements = new LinkedHashMap<>();
      for (int threads : THREADS) {
        measurements.put(threads, Measurement.pooled(rounds.stream()
            .map(round -> round.get(engine).measurements().get(threads)).toList()));
      }
      EngineRun first = rounds.get(0).get(engine);
      pooled.put(engine, new EngineRun(measurements, first.stepStatements(), first.stepProgrammes(),
          first.fileSizes(), first.warmUp(), first.sending()));
    }
    return pooled;
  }

  private Report.Table stepTable(String kind, List<Step> walk, Map<Engine, EngineRun> runs) {
    List<String> headers = new ArrayList<>(List.of(kind + " step"));
    runs.keySet().forEach(engine -> headers.add(engine.label));
    Report.Table table = report.table(headers.toArray(String[]::new));
    Set<String> labels = new LinkedHashSet<>();
    walk.forEach(step -> labels.add(step.kind() + " " + step.elementId()));
    for (String label : labels) {
      List<Object> row = new ArrayList<>(List.of(label));
      runs.values().forEach(run -> row.add(Report.num(
          run.stepStatements().getOrDefault(label, 0L) / (double) run.stepProgrammes(), 1)));
      table.row(row.toArray());
    }
    List<Object> total = new ArrayList<>(List.of("all steps"));
    runs.values().forEach(run -> total.add(Report.num(run.stepStatements().values().stream()
        .mapToLong(Long::longValue).sum() / (double) run.stepProgrammes(), 0)));
    table.row(total.toArray());
    return table;
  }

  enum Engine {
    APPLICATION("application", "application", "as the officials, all checks on"),
    WITHOUT_AUTHORIZATION("unauthorized", "without authorization", "the same application with Camunda's "
        + "authorization checks off; tenant checks, validation, notifications and deadlines still on"),
    BARE_AUTHORIZED("bare-authorized", "bare with authorization", "the bare engine with authorization and tenant "
        + "checks on, the application's groups, tenants and grants, each step as its official"),
    BARE("bare", "bare engine", "no authorization, nobody authenticated");

    final String key;
    final String label;
    private final String description;

    Engine(String key, String label, String description) {
      this.key = key;
      this.label = label;
      this.description = description;
    }

    static List<Engine> chosen() {
      List<String> keys = Options.list("bench.throughput.engines", "application,unauthorized,bare-authorized,bare");
      List<Engine> chosen = new ArrayList<>();
      for (Engine engine : values()) {
        if (keys.contains(engine.key)) {
          chosen.add(engine);
        }
      }
      if (chosen.size() != keys.size()) {
        throw new IllegalArgumentException("Unknown engine in bench.throughput.engines=" + keys + "; engines: "
            + Arrays.stream(values()).map(e -> e.key).toList());
      }
      return chosen;
    }
  }

  /**
   * One engine's run on a fresh database, in a JVM of its own ({@link ThroughputEngine}): engines that ran before
   * in the same JVM would leave their classes, compiled code and heap behind and make later engines faster or slower
   * (in one JVM the same bare engine measured 646 CPU ms per programme after the application, 410 alone).
   */
  private EngineRun measure(String kind, Engine which, boolean reportFile) throws Exception {
    Database plain = fresh(kind, "throughput_" + which.name().toLowerCase(Locale.ROOT));
    flushWrites();
    EngineRun run = ThroughputEngine.inOwnJvm(plain, which);
    if (reportFile) {
      reportFile(which, plain, run);
    }
    return run;
  }

  /** The engines of one round, each on a fresh database, measured programme by programme in turn. */
  private Map<Engine, EngineRun> measureInterleaved(String kind, List<Engine> order, boolean reportFile)
      throws Exception {
    Map<Engine, Database> plain = new LinkedHashMap<>();
    for (Engine which : order) {
      plain.put(which, fresh(kind, "throughput_" + which.name().toLowerCase(Locale.ROOT)));
    }
    flushWrites();
    Map<Engine, EngineRun> runs = InterleavedThroughput.run(plain, PROGRAMMES);
    if (reportFile) {
      for (Engine which : order) {
        reportFile(which, plain.get(which), runs.get(which));
      }
    }
    return runs;
  }

  private void reportFile(Engine which, Database plain, EngineRun run) throws Exception {
    run.fileSizes().forEach(row -> h2Files.row(which.label, row.when(), row.programmes(), Report.num(row.mib(), 1),
        Report.num(row.mib() / row.programmes(), 2)));
    if (!plain.postgres()) {
      Path file = Databases.h2File(plain);
      long programmes = run.warmUp().programmes() + (long) PROGRAMMES * THREADS.size();
      double closed = Files.size(file) / 1048576.0;
      h2Files.row(which.label, "after closing", programmes, Report.num(closed, 1), Report.num(closed / programmes, 2));
      try (Connection connection = plain.connect(); Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN COMPACT");
      }
      double compacted = Files.size(file) / 1048576.0;
      h2Files.row(which.label, "fully compacted (SHUTDOWN COMPACT)", programmes, Report.num(compacted, 1),
          Report.num(compacted / programmes, 2));
    }
  }

  /**
   * Writes the files written so far to disk before an engine starts, so that no engine waits for the disk to take
   * what an engine before it wrote: the H2 engines leave files of 20 to 170 MiB behind, and the first engine on
   * PostgreSQL after them measured 411 to 507 CPU ms per programme, 361 with PostgreSQL's engines run on their own.
   */
  private static void flushWrites() throws Exception {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    if (!sync.waitFor(2, TimeUnit.MINUTES)) {
      sync.destroyForcibly();
      throw new IllegalStateException("sync did not finish within 2 minutes");
    }
  }

  private Database fresh(String kind, String name) {
    return kind.equals("H2") ? databases.h2(name) : databases.postgres(name);
  }

  /** Commits per second of one-row transactions on {@code connections} connections at once, for 3 seconds. */
  private static double commitRate(Database database, int connections) throws Exception {
    try (Connection setup = database.connect(); Statement statement = setup.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS bench_commit");
      statement.execute("CREATE TABLE bench_commit (id BIGINT PRIMARY KEY, note VARCHAR(100))");
    }
    AtomicInteger ids = new AtomicInteger();
    long until = System.nanoTime() + 3_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long start = System.nanoTime();
    List<Future<Integer>> workers = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      workers.add(pool.submit(() -> {
        int committed = 0;
        try (Connection connection = database.connect();
            PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_commit VALUES (?, ?)")) {
          connection.setAutoCommit(false);
          while (System.nanoTime() < until) {
            insert.setLong(1, ids.incrementAndGet());
            insert.setString(2, "commit");
            insert.executeUpdate();
            connection.commit();
            committed++;
          }
        }
        return committed;
      }));
    }
    int total = 0;
    for (Future<Integer> worker : workers) {
      total += worker.get();
    }
    pool.shutdown();
    return total / ((System.nanoTime() - start) / 1e9);
  }
}
