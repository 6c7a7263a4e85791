package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.benchmark.GrowthProgrammes.Path;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Growth: does what officials and managers wait for stay flat while history piles up? Measured on PostgreSQL (the
 * production database) with 100, 10,000 and 100,000 programmes in one database that grows between measurements
 * ({@code -Dbench.growth.sizes=100,10000,100000}), through real HTTP on loopback as the officials, with
 * authorization and tenant checks on:
 *
 * <ul>
 *   <li>Tasklist's shared filter "My group's tasks" (the first 15 in hal+json, as Tasklist asks, and the count) as a
 *       region director, whose group's open tasks grow with the running programmes, and as an MSIT officer, whose
 *       open tasks stay the same;
 *   <li>one programme's stage timeline, by code (reporting API) and by process instance (the Cockpit tab);
 *   <li>the stage report and one region's programme report for the current period.
 * </ul>
 *
 * Apart from the director's tasks, these answers have the same size at every step: only the history beside them
 * grows, and the reports' target is a latency at 100,000 programmes within twice that at 100. A report over all time
 * returns or aggregates every programme, so it is linear by nature; the all-time stage report is measured up to
 * 10,000 programmes, for information.
 *
 * <p>At every size the database holds a constant current set of {@value #CURRENT_PER_REGION} programmes per region
 * started in the period and walked through the engine to different stages; 10% of all programmes running outside the
 * period, waiting for their director's approval; and the rest finished before the period, 60% proposals rejected,
 * 30% rejected by the cabinet and 10% launched with two R&D tasks kicked off. Beyond a few templates made by the
 * engine, programmes are copies made with SQL ({@link GrowthClones}); every copy is checked to be a programme the
 * engine counts and the API reports, and the period report is checked against each programme's own timeline.
 * After every load the database is vacuumed and analyzed, as autovacuum would have done in production.
 *
 * <p>Latency is reported as median and 95th percentile. On a machine shared with other work, waiting for a core adds
 * to some requests at random, so the ratio of the fastest requests is shown beside the ratio of medians: it is
 * closer to what the database and the application themselves do.
 */
final class Growth {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final List<String> REGIONS = Officials.REGIONS;
  static final int CURRENT_PER_REGION = 8;
  static final String MY_GROUP_FILTER = "우리 그룹 업무 (My group's tasks)";
  /** A region director sees the region's tasks of the directors' group; an MSIT officer sees every region. */
  private static final String DIRECTOR = "daegu-director";
  private static final String MANAGER = "msit-officer";
  private static final double RUNNING_SHARE = 0.10;
  /** Finished templates per region, weighted: six rejected proposals, three cabinet rejections, one launch. */
  private static final List<Path> FINISHED_MIX = List.of(Path.PROPOSAL_REJECTED, Path.PROPOSAL_REJECTED,
      Path.PROPOSAL_REJECTED, Path.PROPOSAL_REJECTED, Path.PROPOSAL_REJECTED, Path.PROPOSAL_REJECTED,
      Path.CABINET_REJECTED, Path.CABINET_REJECTED, Path.CABINET_REJECTED, Path.LAUNCHED);
  /** Copies are spread one hour apart backwards from their templates. */
  private static final Duration SPACING = Duration.ofHours(1);
  private static final int WARMUPS = 5;
  private static final int REQUESTS = 30;
  /** A query slower than this for its requests is measured with fewer, at least {@link #MINIMUM}. */
  private static final Duration BUDGET = Duration.ofSeconds(20);
  private static final int MINIMUM = 5;
  private static final int ALL_TIME_LIMIT = 10_000;
  private static final double TARGET_RATIO = 2.0;
  private static final String JSON = "application/json";
  private static final String HAL = "application/hal+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Report report;
  private final Databases databases;

  /** What is asked, of a constant-size answer or not. */
  private enum Kind { TASKLIST, REPORT, ALL_TIME }

  /** What is requested and by whom. */
  private record Query(String label, Kind kind, String official, String path, String accept) {}

  /** One size's database and results. */
  private record Step(int programmes, long running, long historyRows, long databaseBytes, double loadSeconds,
      long directorTasks, Map<String, Stats> results) {}

  Growth(Report report, Databases databases) {
    this.report = report;
    this.databases = databases;
  }

  void run() throws Exception {
    List<Integer> sizes = Arrays.stream(Options.text("bench.growth.sizes", "100,10000,100000").split(","))
        .map(String::trim).filter(size -> !size.isEmpty()).map(Integer::parseInt).sorted().toList();
    report.section("Growth: Tasklist and report latency as history grows (PostgreSQL)");
    Database database = databases.postgres("growth");
    LocalDate from = LocalDate.now(SEOUL).minusMonths(6).withDayOfMonth(1);
    List<Step> steps = new ArrayList<>();
    List<Query> queries;
    try (Application app = Application.start(database)) {
      app.createOfficials();
      ProcessEngine engine = app.engine();
      long started = System.nanoTime();
      GrowthProgrammes programmes = new GrowthProgrammes(engine);
      Current current = current(programmes, from);
      Templates templates = templates(programmes, from);
      ClockUtil.reset();
      report.note("Data: " + current.count() + " programmes of the period (from " + from + ") and "
          + (templates.distinctFinished() + templates.running().size()) + " templates driven through the engine in "
          + Report.num((System.nanoTime() - started) / 1e9, 0) + " s; the rest are SQL copies of the templates, spread "
          + "one hour apart over the years before the period: 10% running (waiting for the director's approval, "
          + "spread over the regions), the others finished (60% proposals rejected, 30% cabinet rejections, 10% "
          + "launched with two R&D tasks). The history tables' secondary indexes are built afterwards for large "
          + "copies (as compact as after a REINDEX); VACUUM (ANALYZE) after every load. Each query: " + WARMUPS
          + " warm-up and " + REQUESTS + " measured requests one after another (fewer, at least " + MINIMUM
          + ", when they take over " + BUDGET.toSeconds() + " s), HTTP Basic on loopback, authorization and tenant "
          + "checks on.");

      String filterId = engine.getFilterService().createFilterQuery().filterName(MY_GROUP_FILTER).singleResult()
          .getId();
      queries = queries(filterId, current, from);
      GrowthClient client = new GrowthClient(app.port(), Officials.PASSWORD);
      GrowthClones clones = new GrowthClones(database, 2);
      Load load = new Load(current.count() + templates.distinctFinished(), templates.running().size());
      for (int size : sizes) {
        long loadStarted = System.nanoTime();
        load.growTo(size, clones, templates);
        vacuum(database);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        verify(engine, client, size, load, current, from);
        steps.add(new Step(size, load.running(), historyRows(database), databaseBytes(database), loadSeconds,
            count(client.body(DIRECTOR, "/engine-rest/filter/" + filterId + "/count", JSON)),
            measure(client, queries, size)));
        System.out.printf("Growth: %,d programmes measured%n", size);
      }
    }
    print(steps, queries);
  }

  private Map<String, Stats> measure(GrowthClient client, List<Query> queries, int size) throws Exception {
    Map<String, Stats> results = new LinkedHashMap<>();
    for (Query query : queries) {
      if (query.kind() != Kind.ALL_TIME) {
        results.put(query.label(), client.time(query.official(), query.path(), query.accept(), WARMUPS, REQUESTS,
            MINIMUM, BUDGET));
      } else if (size <= ALL_TIME_LIMIT) {
        // Seconds per request at 10,000 programmes: three, after the period's reports warmed the code up.
        results.put(query.label(), client.time(query.official(), query.path(), query.accept(), 0, 3, 3, BUDGET));
      }
    }
    return results;
  }

  private List<Query> queries(String filterId, Current current, LocalDate from) {
    String list = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
    String count = "/engine-rest/filter/" + filterId + "/count";
    return List.of(
        new Query("Tasklist list, region director", Kind.TASKLIST, DIRECTOR, list, HAL),
        new Query("Tasklist count, region director", Kind.TASKLIST, DIRECTOR, count, JSON),
        new Query("Tasklist list, MSIT officer", Kind.TASKLIST, MANAGER, list, HAL),
        new Query("Tasklist count, MSIT officer", Kind.TASKLIST, MANAGER, count, JSON),
        new Query("Programme timeline by code", Kind.REPORT, MANAGER,
            "/api/reporting/programmes/" + current.timelineCode(), JSON),
        new Query("Programme timeline by instance (Cockpit tab)", Kind.REPORT, MANAGER,
            "/api/reporting/process-instances/" + current.timelineInstance(), JSON),
        new Query("Stage report, period", Kind.REPORT, MANAGER, "/api/reporting/stages?from=" + from, JSON),
        new Query("Programmes of a region, period", Kind.REPORT, MANAGER,
            "/api/reporting/programmes?region=daegu&from=" + from, JSON),
        new Query("Stage report, all time", Kind.ALL_TIME, MANAGER, "/api/reporting/stages", JSON));
  }

  /** The programmes of the period, the same at every size. */
  private record Current(int count, String timelineCode, String timelineInstance) {}

  /**
   * {@value #CURRENT_PER_REGION} programmes per region started in the period, two days apart, and walked two days a
   * step: launched, in the kickoff, the budget, the committee, rejected by the cabinet, rejected at the proposal,
   * waiting for the exemption request and for the director's approval.
   */
  private Current current(GrowthProgrammes programmes, LocalDate from) {
    int launched = GrowthProgrammes.length(Path.LAUNCHED);
    List<Object[]> shapes = List.of(new Object[] {Path.LAUNCHED, launched}, new Object[] {Path.LAUNCHED, 20},
        new Object[] {Path.LAUNCHED, 10}, new Object[] {Path.LAUNCHED, 6},
        new Object[] {Path.CABINET_REJECTED, 99}, new Object[] {Path.PROPOSAL_REJECTED, 99},
        new Object[] {Path.LAUNCHED, 2}, new Object[] {Path.LAUNCHED, 0});
    String timelineInstance = null;
    for (int r = 0; r < REGIONS.size(); r++) {
      String region = REGIONS.get(r);
      for (int i = 0; i < CURRENT_PER_REGION; i++) {
        Object[] shape = shapes.get(i % shapes.size());
        Instant start = from.plusDays(1 + 8L * i + 2L * r).atTime(10, 0).atZone(SEOUL).toInstant();
        String id = programmes.walk(code(region, i), region, (Path) shape[0], (Integer) shape[1], start,
            Duration.ofDays(2));
        if (r == 0 && i == 0) {
          timelineInstance = id;
        }
      }
    }
    return new Current(REGIONS.size() * CURRENT_PER_REGION, code(REGIONS.get(0), 0), timelineInstance);
  }

  private static String code(String region, int i) {
    return "AX-" + region.toUpperCase() + "-" + String.format("%04d", i + 1);
  }

  /** Root process instance ids of the engine-made templates copied by SQL. */
  private record Templates(List<String> finished, List<String> running, int distinctFinished) {}

  /**
   * Per region, one finished programme of each path, walked three days a step from 400 days before the period, and
   * one running programme started 30 days before it. {@code finished} lists them weighted by {@link #FINISHED_MIX}.
   */
  private Templates templates(GrowthProgrammes programmes, LocalDate from) {
    List<String> finished = new ArrayList<>();
    List<String> running = new ArrayList<>();
    Map<String, String> made = new LinkedHashMap<>();
    for (int r = 0; r < REGIONS.size(); r++) {
      String region = REGIONS.get(r);
      Instant start = from.minusDays(400 - r).atTime(10, 0).atZone(SEOUL).toInstant();
      for (Path path : Path.values()) {
        made.put(region + path, programmes.walk("AX-T" + region.toUpperCase() + "-" + String.format("%04d",
            path.ordinal() + 1), region, path, 99, start, Duration.ofDays(3)));
      }
      running.add(programmes.start("AX-R" + region.toUpperCase() + "-0001", region,
          from.minusDays(30 - r).atTime(10, 0).atZone(SEOUL).toInstant()));
    }
    for (Path path : FINISHED_MIX) {
      for (String region : REGIONS) {
        finished.add(made.get(region + path));
      }
    }
    return new Templates(finished, running, made.size());
  }

  /** How many programmes of each kind the database holds, and the next copy number. */
  private static final class Load {

    private final int base;
    private final int runningTemplates;
    private long runningCopies;
    private long finishedCopies;
    private long nextCopy;

    Load(int base, int runningTemplates) {
      this.base = base;
      this.runningTemplates = runningTemplates;
    }

    long running() {
      return runningTemplates + runningCopies;
    }

    void growTo(int size, GrowthClones clones, Templates templates) throws Exception {
      long addRunning = Math.max(0, Math.round(size * RUNNING_SHARE) - running());
      long addFinished = size - base - running() - addRunning - finishedCopies;
      if (addFinished < 0) {
        throw new IllegalArgumentException("Growth size " + size + " is below the " + (base + running())
            + " programmes already in the database");
      }
      GrowthClones.Batch running = new GrowthClones.Batch(templates.running(), nextCopy, nextCopy + addRunning);
      GrowthClones.Batch finished = new GrowthClones.Batch(templates.finished(), running.to(),
          running.to() + addFinished);
      clones.copy(List.of(running, finished), SPACING);
      nextCopy = finished.to();
      runningCopies += addRunning;
      finishedCopies += addFinished;
    }

    long lastCopy() {
      return nextCopy - 1;
    }
  }

  /** The copies are programmes: counted by the engine, and reported by the API like any other. */
  private void verify(ProcessEngine engine, GrowthClient client, int size, Load load, Current current,
      LocalDate from) throws Exception {
    long programmes = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).count();
    if (programmes != size) {
      throw new IllegalStateException("Expected " + size + " programmes but the engine counts " + programmes);
    }
    long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .count();
    if (running < load.running()) {
      throw new IllegalStateException("Expected at least " + load.running() + " running programmes, found "
          + running);
    }
    JsonNode copy = MAPPER.readTree(client.body("msit-officer",
        "/api/reporting/programmes/" + GrowthClones.code(load.lastCopy()), JSON));
    if (copy.path("visits").isEmpty()) {
      throw new IllegalStateException("The report of copy " + GrowthClones.code(load.lastCopy()) + " is empty");
    }
    JsonNode period = MAPPER.readTree(client.body("msit-officer", "/api/reporting/programmes?from=" + from, JSON));
    if (period.size() != current.count()) {
      throw new IllegalStateException("Expected the " + current.count() + " current programmes in the period, found "
          + period.size());
    }
    // The period report reads history in bulk, a programme's timeline per programme: they must agree.
    for (JsonNode programme : period) {
      JsonNode alone = MAPPER.readTree(client.body("msit-officer",
          "/api/reporting/programmes/" + programme.path("programme").asText(), JSON));
      if (!withoutRunningTime(programme).equals(withoutRunningTime(alone))) {
        throw new IllegalStateException("The period report and the timeline of " + programme.path("programme")
            + " differ:\n" + programme + "\n" + alone);
      }
    }
  }

  /** The report without the durations of open visits, which grow with the clock between two requests. */
  private static JsonNode withoutRunningTime(JsonNode programme) {
    JsonNode copy = programme.deepCopy();
    for (JsonNode visit : copy.path("visits")) {
      if (visit.path("open").asBoolean()) {
        ((ObjectNode) visit).remove(List.of("durationMillis", "durationDays"));
      }
    }
    return copy;
  }

  private static long count(String json) throws Exception {
    return MAPPER.readTree(json).path("count").asLong();
  }

  /**
   * What autovacuum does in production long before anyone looks: statistics for the planner and visibility maps for
   * index-only scans. Done at once, so that autovacuum does not work through the new rows during the measurements.
   */
  private static void vacuum(Database database) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("VACUUM (ANALYZE)");
    }
  }

  private static long historyRows(Database database) throws SQLException {
    long rows = 0;
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet found = statement.executeQuery("SELECT table_name FROM information_schema.tables "
          + "WHERE table_schema = current_schema() AND table_name LIKE 'act\\_hi\\_%'")) {
        while (found.next()) {
          tables.add(found.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
          count.next();
          rows += count.getLong(1);
        }
      }
    }
    return rows;
  }

  private static long databaseBytes(Database database) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
        ResultSet size = statement.executeQuery("SELECT pg_database_size(current_database())")) {
      size.next();
      return size.getLong(1);
    }
  }

  private void print(List<Step> steps, List<Query> queries) {
    Report.Table sizes = report.table("programmes in DB", "running", "history rows (ACT_HI_*)", "database",
        "load + VACUUM", "director's group tasks (answer of the count)");
    for (Step step : steps) {
      sizes.row(Report.count(step.programmes()), Report.count(step.running()), Report.count(step.historyRows()),
          Report.count(step.databaseBytes() / (1024 * 1024)) + " MiB", Report.num(step.loadSeconds(), 0) + " s",
          Report.count(step.directorTasks()));
    }
    sizes.print();

    Step first = steps.get(0);
    Step last = steps.get(steps.size() - 1);
    List<String> headers = new ArrayList<>(List.of("query (median / p95 ms)"));
    steps.forEach(step -> headers.add(Report.count(step.programmes())));
    String ratio = Report.count(last.programmes()) + " / " + Report.count(first.programmes());
    headers.add("median " + ratio);
    headers.add("fastest " + ratio);
    headers.add("report within " + Report.num(TARGET_RATIO, 0) + "× (median)");
    Report.Table latency = report.table(headers.toArray(String[]::new));
    for (Query query : queries) {
      List<Object> row = new ArrayList<>(List.of(query.label()));
      for (Step step : steps) {
        Stats stats = step.results().get(query.label());
        row.add(stats == null ? "–" : Report.ms(stats.median()) + " / " + Report.ms(stats.percentile(95))
            + (stats.count() < REQUESTS && query.kind() != Kind.ALL_TIME ? " (n=" + stats.count() + ")" : ""));
      }
      double medians = ratio(query, first, last, Stats::median);
      double fastest = ratio(query, first, last, stats -> stats.percentile(0));
      row.add(Double.isNaN(medians) ? "–" : Report.num(medians, 2) + "×");
      row.add(Double.isNaN(fastest) ? "–" : Report.num(fastest, 2) + "×");
      row.add(query.kind() != Kind.REPORT || Double.isNaN(medians) ? "–" : medians <= TARGET_RATIO ? "yes" : "NO");
      latency.row(row.toArray());
    }
    latency.print();

    Query directorCount = queries.stream().filter(q -> q.official().equals(DIRECTOR) && q.path().endsWith("/count"))
        .findFirst().orElseThrow();
    double director = ratio(directorCount, first, last, Stats::median);
    if (director > TARGET_RATIO) {
      report.note("The region director's Tasklist grows faster than the open tasks of the directors' group ("
          + Report.count(first.directorTasks()) + " → " + Report.count(last.directorTasks()) + " tasks, count "
          + Report.num(director, 0) + "× slower): Camunda's task query joins the group's task authorizations (one per "
          + "open task, in every region) to each of its candidate tasks by an OR condition, which PostgreSQL runs "
          + "as a nested loop of tasks × authorizations; an index does not change that plan.");
    }
    if (last.programmes() > ALL_TIME_LIMIT) {
      report.note("The all-time stage report is not measured above " + Report.count(ALL_TIME_LIMIT)
          + " programmes: it reads and aggregates every programme's history, so it grows with them by nature; "
          + "at " + Report.count(ALL_TIME_LIMIT) + " a request already takes seconds.");
    }
  }

  /** Largest over smallest size, by one statistic of the requests; NaN when either was not measured. */
  private static double ratio(Query query, Step first, Step last, ToDoubleFunction<Stats> statistic) {
    Stats small = first.results().get(query.label());
    Stats large = last.results().get(query.label());
    return small == null || large == null || first == last ? Double.NaN
        : statistic.applyAsDouble(large) / statistic.applyAsDouble(small);
  }
}
