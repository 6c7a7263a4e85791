package kr.axhub.funding.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.benchmark.GrowthProgrammes.Path;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Tasklist at national scale (part {@code tasklist}): a region director's and a ministry officer's shared filter
 * "My group's tasks" — the first page in hal+json as Tasklist asks, and the count — through REST as the officials
 * (HTTP Basic, authorization and tenant checks on), on PostgreSQL with {@code bench.tasklist.tasks} (10,000) open
 * tasks in each of the two groups: every region's programmes wait, a quarter of them each, for their director's
 * approval or for the ministry's review, so a region director's group has 10,000 open tasks, 2,500 of them in the
 * director's region, and the ministry's 10,000 across the regions. Every open task carries its candidate group's
 * grant, as the engine writes it.
 *
 * <p>Measured twice on the same database: with the application's task query ({@code tasklist/TaskQueryAuthorization},
 * grants checked with {@code EXISTS}) and with Camunda's own statement
 * ({@code axhub.tasklist.authorization-by-exists=false}; {@code bench.tasklist.before=false} skips it). Both must
 * give the same count and the same first page. Set-up is fast: one programme per region and stage is driven through
 * the engine, the others are SQL copies of them ({@link GrowthClones}), then {@code VACUUM (ANALYZE)}.
 */
final class TasklistScale {

  private static final String DIRECTOR = "daegu-director";
  private static final String MINISTRY = "msit-officer";
  private static final double TARGET_MILLIS = 300;
  private static final String JSON = "application/json";
  private static final String HAL = "application/hal+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Report report;
  private final Databases databases;

  /** One request measured by one official. */
  private record Query(String label, String official, String path, String accept) {}

  /** How one statement answered: latencies per query, and what the officials saw. */
  private record Run(Map<String, Stats> latency, Map<String, String> answers) {}

  TasklistScale(Report report, Databases databases) {
    this.report = report;
    this.databases = databases;
  }

  void run() throws Exception {
    int tasks = Options.integer("bench.tasklist.tasks", 10_000);
    boolean before = Boolean.parseBoolean(Options.text("bench.tasklist.before", "true"));
    if (tasks < 8 || tasks % 4 != 0) {
      throw new IllegalArgumentException("bench.tasklist.tasks must be a multiple of 4, at least 8: " + tasks);
    }
    int regions = Growth.REGIONS.size();
    report.section("Tasklist at national scale (PostgreSQL)");
    Database database = databases.postgres("tasklist");
    String filterId;
    Run ours;
    long started = System.nanoTime();
    try (Application app = Application.start(database)) {
      app.createOfficials();
      GrowthProgrammes programmes = new GrowthProgrammes(app.engine());
      List<String> templates = new ArrayList<>();
      LocalDate from = LocalDate.now(Growth.SEOUL).minusMonths(6);
      for (int r = 0; r < regions; r++) {
        String region = Growth.REGIONS.get(r);
        Instant at = from.minusDays(r).atTime(10, 0).atZone(Growth.SEOUL).toInstant();
        templates.add(programmes.start("AX-Q" + region.toUpperCase() + "-0001", region, at));
        templates.add(programmes.walk("AX-Q" + region.toUpperCase() + "-0002", region, Path.LAUNCHED, 1, at,
            Duration.ofDays(1)));
      }
      ClockUtil.reset();
      // Copy n is of template n % templates: every region and stage gets the same number of programmes.
      long copies = 2L * tasks - templates.size();
      new GrowthClones(database, 2).copy(List.of(new GrowthClones.Batch(templates, 0, copies)),
          Duration.ofMinutes(10));
      vacuum(database);
      report.note("Data: " + Report.count(2L * tasks) + " running programmes, " + Report.count(tasks / regions)
          + " per region waiting for the director's approval and as many for the ministry's review ("
          + templates.size() + " driven through the engine, the rest SQL copies), set up in "
          + Report.num((System.nanoTime() - started) / 1e9, 0) + " s; VACUUM (ANALYZE) after the copy. Open tasks: "
          + Report.count(tasks) + " of the region directors' group (" + Report.count(tasks / regions) + " in "
          + "Daegu), " + Report.count(tasks) + " of the ministry's. The list is the filter's first page ("
          + "firstResult=0&maxResults=15, hal+json) as Tasklist asks; HTTP Basic on loopback, authorization and "
          + "tenant checks on.");
      filterId = app.engine().getFilterService().createFilterQuery().filterName(Growth.MY_GROUP_FILTER)
          .singleResult().getId();
      ours = measure(app, queries(filterId), 10, 100, 10, Duration.ofSeconds(60));
    }
    check(ours, "with EXISTS", tasks / regions, tasks);
    Run engines = null;
    if (before) {
      try (Application app = Application.start(database, "--axhub.tasklist.authorization-by-exists=false")) {
        engines = measure(app, queries(filterId), 1, 10, 3, Duration.ofSeconds(30));
      }
      check(engines, "with Camunda's statement", tasks / regions, tasks);
      if (!engines.answers().equals(ours.answers())) {
        throw new IllegalStateException("The officials saw different tasks with Camunda's statement:\n"
            + engines.answers() + "\nthan with EXISTS:\n" + ours.answers());
      }
    }
    print(ours, engines);
  }

  private static List<Query> queries(String filterId) {
    String list = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
    String count = "/engine-rest/filter/" + filterId + "/count";
    return List.of(
        new Query("Tasklist list, region director (Daegu)", DIRECTOR, list, HAL),
        new Query("Tasklist count, region director (Daegu)", DIRECTOR, count, JSON),
        new Query("Tasklist list, ministry officer", MINISTRY, list, HAL),
        new Query("Tasklist count, ministry officer", MINISTRY, count, JSON));
  }

  private static Run measure(Application app, List<Query> queries, int warmups, int requests, int minimum,
      Duration budget) throws Exception {
    GrowthClient client = new GrowthClient(app.port(), Officials.PASSWORD);
    Map<String, Stats> latency = new LinkedHashMap<>();
    Map<String, String> answers = new LinkedHashMap<>();
    for (Query query : queries) {
      String body = client.body(query.official(), query.path(), query.accept());
      answers.put(query.label(), answer(body));
      latency.put(query.label(), client.time(query.official(), query.path(), query.accept(), warmups, requests,
          minimum, budget));
    }
    return new Run(latency, answers);
  }

  /** The count, or the ids of the page's tasks in order. */
  private static String answer(String body) throws Exception {
    JsonNode json = MAPPER.readTree(body);
    if (!json.has("_embedded")) {
      return json.path("count").asText();
    }
    List<String> ids = new ArrayList<>();
    json.path("_embedded").path("task").forEach(task -> ids.add(task.path("id").asText()));
    return String.join(",", ids);
  }

  private static void check(Run run, String how, int directorTasks, int ministryTasks) {
    Map<String, String> answers = run.answers();
    String director = answers.get("Tasklist count, region director (Daegu)");
    String ministry = answers.get("Tasklist count, ministry officer");
    if (!director.equals(String.valueOf(directorTasks)) || !ministry.equals(String.valueOf(ministryTasks))) {
      throw new IllegalStateException("Expected " + directorTasks + " tasks for the Daegu director and "
          + ministryTasks + " for the ministry " + how + ", counted " + director + " and " + ministry);
    }
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      if (answer.getKey().contains(" list, ") && answer.getValue().split(",").length != 15) {
        throw new IllegalStateException(answer.getKey() + " " + how + " did not give a full first page: "
            + answer.getValue());
      }
    }
  }

  private void print(Run ours, Run engines) {
    Report.Table table = report.table("query", "with EXISTS: median / p95 ms (n)",
        "Camunda's statement: median / p95 ms (n)", "median ratio", "p95 ≤ " + Report.num(TARGET_MILLIS, 0) + " ms");
    for (Map.Entry<String, Stats> entry : ours.latency().entrySet()) {
      Stats fixed = entry.getValue();
      Stats engine = engines == null ? null : engines.latency().get(entry.getKey());
      table.row(entry.getKey(), cell(fixed), engine == null ? "not run" : cell(engine),
          engine == null ? "–" : Report.num(engine.median() / fixed.median(), 0) + "×",
          fixed.percentile(95) <= TARGET_MILLIS ? "yes" : "NO");
    }
    table.print();
  }

  private static String cell(Stats stats) {
    return Report.ms(stats.median()) + " / " + Report.ms(stats.percentile(95)) + " (" + stats.count() + ")";
  }

  private static void vacuum(Database database) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("VACUUM (ANALYZE)");
    }
  }
}
