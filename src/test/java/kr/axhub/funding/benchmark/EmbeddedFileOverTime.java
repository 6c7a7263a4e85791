package kr.axhub.funding.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.postgres.ProgrammeWalk;
import kr.axhub.funding.support.Officials;

/**
 * The embedded default's H2 file against the programmes it holds, over time, while the application runs: first at an
 * official's pace (a pause before every step, {@code bench.h2file.pace} ms, for {@code bench.h2file.paced}
 * programmes), then under a burst of {@code bench.h2file.burst} programmes walked without pause. The file size is
 * sampled every {@code bench.h2file.sample} seconds from another thread, as anyone watching the disk would see it,
 * and read again after closing and after a full {@code SHUTDOWN COMPACT} (the data itself). The application runs
 * with its own file compaction ({@code axhub.embedded.compaction-*} defaults) and the embedded default's URL
 * settings; it is walked as the officials, as in the throughput part.
 */
final class EmbeddedFileOverTime {

  private static final long PACE_MILLIS = Options.integer("bench.h2file.pace", 2500);
  private static final int PACED = Options.integer("bench.h2file.paced", 2);
  private static final int BURST = Options.integer("bench.h2file.burst", 12);
  private static final int SAMPLE_SECONDS = Options.integer("bench.h2file.sample", 10);

  private final Report report;
  private final Databases databases;

  EmbeddedFileOverTime(Report report, Databases databases) {
    this.report = report;
    this.databases = databases;
  }

  void run() throws Exception {
    report.section("The embedded H2 file over time: an official's pace, then a burst");
    report.note("The application on a fresh H2 file (the embedded default's URL settings, its file compaction on), "
        + "walked as the officials: " + PACED + " programme(s) with a pause of " + PACE_MILLIS + " ms before each "
        + "step (an official reading the form), then " + BURST + " programmes without pause. The file size is read "
        + "every " + SAMPLE_SECONDS + " s while it runs.");
    Report.Table table = report.table("elapsed s", "phase", "steps done", "programmes launched", "file size, MiB",
        "MiB per programme launched");
    Database database = databases.h2("h2file_application");
    Path file = Databases.h2File(database);
    AtomicInteger steps = new AtomicInteger();
    AtomicInteger launched = new AtomicInteger();
    AtomicReference<String> phase = new AtomicReference<>("start-up");
    long start = System.nanoTime();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    Runnable sample = () -> sample(table, file, start, phase.get(), steps.get(), launched.get());
    try (Application app = Application.start(database)) {
      app.createOfficials();
      JavaApiWalk walker = new JavaApiWalk(app.engine(), true);
      sampler.scheduleAtFixedRate(sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
      int sequence = 0;
      walker.pace(PACE_MILLIS);
      phase.set("official's pace");
      for (int n = 0; n < PACED; n++, sequence++) {
        walk(walker, sequence, steps, launched);
      }
      walker.pace(0);
      phase.set("burst");
      for (int n = 0; n < BURST; n++, sequence++) {
        walk(walker, sequence, steps, launched);
      }
      phase.set("idle after the burst");
      // One more compaction interval (10 s by default) shows what the running application gives back.
      Thread.sleep(12_000);
      sampler.shutdown();
      sampler.awaitTermination(30, TimeUnit.SECONDS);
      sample.run();
    } finally {
      sampler.shutdownNow();
    }
    double closed = Files.size(file) / 1048576.0;
    table.row(Report.num(seconds(start), 0), "after closing", steps.get(), launched.get(), Report.num(closed, 1),
        Report.num(closed / launched.get(), 2));
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN COMPACT");
    }
    double compacted = Files.size(file) / 1048576.0;
    table.row(Report.num(seconds(start), 0), "fully compacted (SHUTDOWN COMPACT)", steps.get(), launched.get(),
        Report.num(compacted, 1), Report.num(compacted / launched.get(), 2));
    table.print();
  }

  private static void walk(JavaApiWalk walker, int sequence, AtomicInteger steps, AtomicInteger launched) {
    String region = Officials.REGIONS.get(sequence % Officials.REGIONS.size());
    ProgrammeWalk programme = new ProgrammeWalk(region, String.format(Locale.ROOT, "AX-FILE-%04d", sequence));
    walker.walk(programme, steps::incrementAndGet);
    launched.incrementAndGet();
  }

  private static void sample(Report.Table table, Path file, long start, String phase, int steps, int launched) {
    try {
      double mib = Files.exists(file) ? Files.size(file) / 1048576.0 : 0;
      table.row(Report.num(seconds(start), 0), phase, steps, launched, Report.num(mib, 1),
          launched == 0 ? "–" : Report.num(mib / launched, 2));
    } catch (Exception e) {
      table.row(Report.num(seconds(start), 0), phase, steps, launched, "unreadable: " + e, "–");
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
