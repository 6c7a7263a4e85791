package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.END_PROGRAMME_LAUNCHED;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.postgres.ProgrammeWalk;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Complete programmes per second, driven through the Java API from the proposal to "programme launched" (every R&D
 * task kicked off: 31 transactions, 2 kickoffs), on H2 (the embedded default's file settings) and on PostgreSQL, at 1, 2
 * and 4 threads — by the application (as the officials, every plugin and check on) and by the bare engine (same
 * models, {@link BareEngine}) in the same run, each on a fresh database. The database's own commit rate is measured
 * beside it: one programme needs one commit per step, so the commit rate bounds what any engine can reach.
 */
final class PipelineThroughput {

  private static final int[] THREADS = {1, 2, 4};
  private static final int WARM_UP = Integer.getInteger("bench.throughput.warmup", 12);
  /** Programmes per measurement, whatever the thread count. */
  private static final int PROGRAMMES = Integer.getInteger("bench.throughput.programmes", 40);

  private record Measurement(int threads, int programmes, double seconds, List<Double> programmeMillis) {
    double perSecond() {
      return programmes / seconds;
    }

    double medianMillis() {
      return Stats.of(programmeMillis).median();
    }
  }

  private final Report report;
  private final Databases databases;
  private Report.Table h2Files;

  PipelineThroughput(Report report, Databases databases) {
    this.report = report;
    this.databases = databases;
  }

  void run() throws Exception {
    report.section("Pipeline throughput: the application against the bare engine");
    int steps = new ProgrammeWalk("daegu", "AX-DAEGU-0000").steps().size();
    report.note("Each programme: " + steps + " steps (a start, the task completions, the Assembly report and two "
        + "timers per R&D task), each its own transaction, through the Java API; " + WARM_UP
        + " programmes of warm-up on each engine, then " + PROGRAMMES + " programmes per thread count, spread over "
        + "the threads. Three engines, each on a fresh database: the application as the officials (all checks on); "
        + "the same application with Camunda's authorization checks off (tenant checks, validation, notifications "
        + "and deadlines still on), which separates the cost of authorization from that of the application's own "
        + "code; and the bare engine. Medians are of the programmes' own wall times.");
    Report.Table table = report.table("database", "threads", "application prog/s", "without authorization prog/s",
        "bare prog/s", "application ms/prog (median)", "without authorization ms/prog", "bare ms/prog",
        "application / bare", "without authorization / bare");
    h2Files = report.table("H2 engine", "programmes launched", "file size while open, MiB", "MiB per programme");
    Report.Table commits = report.table("database", "commits/s, 1 connection", "commits/s, 4 connections",
        "steps per programme", "ceiling prog/s at 4 connections (commits only)");
    for (String kind : List.of("H2", "PostgreSQL")) {
      Map<Integer, Measurement> application = measure(kind, Engine.APPLICATION);
      Map<Integer, Measurement> unchecked = measure(kind, Engine.WITHOUT_AUTHORIZATION);
      Map<Integer, Measurement> bare = measure(kind, Engine.BARE);
      for (int threads : THREADS) {
        Measurement a = application.get(threads);
        Measurement u = unchecked.get(threads);
        Measurement b = bare.get(threads);
        table.row(kind, threads, Report.num(a.perSecond(), 2), Report.num(u.perSecond(), 2),
            Report.num(b.perSecond(), 2), Report.ms(a.medianMillis()), Report.ms(u.medianMillis()),
            Report.ms(b.medianMillis()), ratio(a, b), ratio(u, b));
      }
      Database database = fresh(kind, "commitrate");
      double one = commitRate(database, 1);
      double four = commitRate(database, 4);
      commits.row(kind, Report.num(one, 0), Report.num(four, 0), steps, Report.num(four / steps, 0));
    }
    table.print();
    report.note("Ratios are of the median time per programme; above 1.00 the first engine is slower, e.g. 1.25 is "
        + "25% overhead.");
    report.note("The H2 file of each engine after its programmes, read while the database is open (H2 rewrites "
        + "changed pages at every commit with WRITE_DELAY=0 and reclaims the space only when it compacts the file on "
        + "closing):");
    h2Files.print();
    report.note("The database's commit rate, measured in the same run (a one-row insert per transaction for 3 s):");
    commits.print();
  }

  private static String ratio(Measurement engine, Measurement bare) {
    return Report.num(engine.medianMillis() / bare.medianMillis(), 2);
  }

  private enum Engine {
    APPLICATION("application"), WITHOUT_AUTHORIZATION("without authorization"), BARE("bare engine");

    private final String label;

    Engine(String label) {
      this.label = label;
    }
  }

  private Map<Integer, Measurement> measure(String kind, Engine which) throws Exception {
    Database database = fresh(kind, "throughput_" + which.name().toLowerCase(Locale.ROOT));
    if (which == Engine.BARE) {
      ProcessEngine engine = BareEngine.start(database);
      try {
        return measure(engine, false, database, which);
      } finally {
        engine.close();
      }
    }
    String[] arguments = which == Engine.APPLICATION ? new String[0]
        : new String[] {"--camunda.bpm.authorization.enabled=false"};
    try (Application app = Application.start(database, arguments)) {
      app.createOfficials();
      return measure(app.engine(), true, database, which);
    }
  }

  private Map<Integer, Measurement> measure(ProcessEngine engine, boolean asOfficials, Database database,
      Engine which) throws Exception {
    Map<Integer, Measurement> results = measure(engine, asOfficials);
    if (!database.postgres()) {
      // Read while the database is open: H2 compacts its file only when it closes.
      long programmes = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .activityId(END_PROGRAMME_LAUNCHED).count();
      long bytes = Files.size(databases.h2File(database));
      h2Files.row(which.label, programmes, Report.num(bytes / 1048576.0, 0),
          Report.num(bytes / 1048576.0 / programmes, 2));
    }
    return results;
  }

  private Map<Integer, Measurement> measure(ProcessEngine engine, boolean asOfficials) throws Exception {
    JavaApiWalk walker = new JavaApiWalk(engine, asOfficials);
    AtomicInteger sequence = new AtomicInteger();
    drive(walker, sequence, 1, WARM_UP);
    Map<Integer, Measurement> results = new LinkedHashMap<>();
    for (int threads : THREADS) {
      results.put(threads, drive(walker, sequence, threads, PROGRAMMES));
    }
    long launched = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .activityId(END_PROGRAMME_LAUNCHED).count();
    if (launched != sequence.get()) {
      throw new IllegalStateException(launched + " programmes launched, " + sequence.get() + " walked");
    }
    return results;
  }

  private static Measurement drive(JavaApiWalk walker, AtomicInteger sequence, int threads, int programmes)
      throws Exception {
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger remaining = new AtomicInteger(programmes);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          while (remaining.getAndDecrement() > 0) {
            int n = sequence.getAndIncrement();
            String region = Officials.REGIONS.get(n % Officials.REGIONS.size());
            ProgrammeWalk programme = new ProgrammeWalk(region, String.format(Locale.ROOT, "AX-BENCH-%04d", n));
            long begin = System.nanoTime();
            walker.walk(programme);
            millis.add((System.nanoTime() - begin) / 1e6);
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    return new Measurement(threads, programmes, (System.nanoTime() - start) / 1e9, millis);
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
