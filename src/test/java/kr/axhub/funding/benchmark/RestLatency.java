package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import kr.axhub.funding.benchmark.RestLatencyOfficial.Operation;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * REST latency of a region director's everyday work, measured through {@code /engine-rest} of the real application
 * on loopback, with HTTP Basic, authorization and tenant checks on, on the embedded default's H2 file database: the
 * group's task list, claiming a task and completing it (see {@link RestLatencyOfficial}), as 10, 50 and 100
 * simulated directors at once. The target is a p95 completion of at most 50 ms with 50 directors.
 *
 * <p>The directors ({@code bench-director-<n>}, member of {@code region-directors} and of region {@code n % 4}'s
 * tenant) work on programmes started beforehand through the Java API, each waiting at the internal approval; every
 * completion moves a programme on to the ministry's review, as in production (task, history, notification of the
 * ministry's officer). Before each run the open approvals of each region are topped up to what the run needs plus a
 * margin, and after it the programmes it approved are ended, so every run starts from similar open tasks: the task
 * query slows down as open tasks of any group pile up.
 *
 * <p>Directors work in a closed loop without think time, so each level is a saturation test of the machine, client
 * threads included: the latency of a level is the service time of a request plus its wait for a core, a database
 * connection or a row. One director alone, measured after the levels, gives the service time; warm-up rounds (not
 * reported) come first, and each run waits for the JIT compilers to finish the work its set-up gave them. After
 * each run the completed approvals in the history must match the completions counted here.
 */
final class RestLatency {

  private static final String TASK = "Task_ApproveProposalInternally";
  private static final String NEXT_TASK = "Task_ReviewProposal";
  private static final String DIRECTORS = "region-directors";
  private static final String PLANNERS = "region-planners";
  private static final int[] LEVELS = {10, 50, 100};
  private static final int COMPLETIONS = 600;
  private static final int WARM_UP_OFFICIALS = 10;
  private static final int WARM_UP_COMPLETIONS = 150;
  private static final Duration WARM_UP = Duration.ofSeconds(30);
  private static final int ALONE_COMPLETIONS = 200;
  private static final int TARGET_LEVEL = 50;
  private static final double TARGET_P95_MS = 50;
  private static final int PAGE = 15;
  private static final int START_BATCH = 50;
  private static final int CLEAN_UP_BATCH = 100;
  private static final int ERROR_LIMIT = 100;
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private static final Duration COMPILERS_LIMIT = Duration.ofSeconds(10);

  private final Report report;
  private final Databases databases;
  private final Map<String, Integer> codes = new HashMap<>();
  private int started;
  private int warmUpRounds;
  private double warmUpCompiling;
  private long startNanos;
  private long cleanUpNanos;

  RestLatency(Report report, Databases databases) {
    this.report = report;
    this.databases = databases;
  }

  /** One run: a number of directors until a number of completions. */
  private record Result(int officials, int openTasks, double seconds, int completions,
      Map<Operation, List<Double>> latencies, Map<Operation, Integer> errors, Map<String, Integer> conflicts,
      int ranOut, String firstError, RestLatencyCpu.Usage cpu) {

    int requests(Operation operation) {
      return latencies.get(operation).size();
    }

    int errorCount() {
      return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    double completionsPerSecond() {
      return completions / seconds;
    }

    /** How long one director takes per completion, with every wait: officials ÷ throughput (Little's law). */
    double cycleMillis() {
      return officials * 1000.0 / completionsPerSecond();
    }

    Stats stats(Operation operation) {
      return Stats.of(latencies.get(operation));
    }

    /** CPU of this JVM per completion, without the JIT compilers' (clients and their requests included). */
    double cpuMillisPerCompletion() {
      double compilers = Double.isNaN(cpu.compilerSeconds()) ? 0 : cpu.compilerSeconds();
      return (cpu.processSeconds() - compilers) * 1000 / completions;
    }

    double share(double cpuSeconds) {
      return cpuSeconds / (seconds * Runtime.getRuntime().availableProcessors());
    }
  }

  void run() throws Exception {
    report.section("REST latency: task query, claim and complete through /engine-rest");
    try (Application app = Application.start(databases.h2("rest"))) {
      ProcessEngine engine = app.engine();
      app.createOfficials();
      for (int n = 1; n <= LEVELS[LEVELS.length - 1]; n++) {
        Officials.regional(engine.getIdentityService(), director(n), DIRECTORS, region(n));
      }
      warmUp(app);
      List<Result> levels = new ArrayList<>();
      for (int level : LEVELS) {
        levels.add(measure(app, level, COMPLETIONS));
      }
      // Last, when the JIT compilers are furthest along: one director alone adds little to their work.
      Result alone = measure(app, 1, ALONE_COMPLETIONS);
      print(app, alone, levels);
    }
  }

  /**
   * Rounds of {@value #WARM_UP_OFFICIALS} directors and {@value #WARM_UP_COMPLETIONS} completions for at least
   * {@link #WARM_UP} of work, so that the JIT compilers have compiled the paths of the three requests.
   */
  private void warmUp(Application app) throws Exception {
    double seconds = 0;
    while (seconds < WARM_UP.toSeconds()) {
      Result round = measure(app, WARM_UP_OFFICIALS, WARM_UP_COMPLETIONS);
      seconds += round.seconds();
      warmUpRounds++;
      warmUpCompiling = round.share(round.cpu().compilerSeconds());
    }
  }

  private static String director(int n) {
    return "bench-director-" + n;
  }

  private static String region(int n) {
    return Officials.REGIONS.get(n % Officials.REGIONS.size());
  }

  private Result measure(Application app, int officials, int target) throws Exception {
    ProcessEngine engine = app.engine();
    int openTasks = topUp(app, officials, target);
    RestLatencyCpu.awaitIdleCompilers(COMPILERS_LIMIT);
    long finishedBefore = finishedApprovals(engine);
    RestLatencyOfficial.Run run = new RestLatencyOfficial.Run(officials, target, ERROR_LIMIT, RUN_LIMIT);
    List<RestLatencyOfficial> directors = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int n = 1; n <= officials; n++) {
      RestLatencyOfficial director = new RestLatencyOfficial(director(n), Officials.PASSWORD, app.port(), run);
      directors.add(director);
      Thread thread = new Thread(director, director(n));
      thread.start();
      threads.add(thread);
    }
    run.ready.await();
    RestLatencyCpu.Snapshot cpuBefore = RestLatencyCpu.now();
    long start = System.nanoTime();
    run.go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RestLatencyCpu.Usage cpu = RestLatencyCpu.between(cpuBefore, RestLatencyCpu.now());

    Map<Operation, List<Double>> latencies = new EnumMap<>(Operation.class);
    Map<Operation, Integer> errors = new EnumMap<>(Operation.class);
    Map<String, Integer> conflicts = new TreeMap<>();
    int completions = 0;
    int ranOut = 0;
    String firstError = null;
    for (RestLatencyOfficial director : directors) {
      director.latencies.forEach((op, values) -> latencies.computeIfAbsent(op, k -> new ArrayList<>()).addAll(values));
      director.errors.forEach((op, count) -> errors.merge(op, count, Integer::sum));
      director.conflicts.forEach((kind, count) -> conflicts.merge(kind, count, Integer::sum));
      completions += director.completed;
      ranOut += director.ranOut ? 1 : 0;
      firstError = firstError == null ? director.firstError : firstError;
    }
    long finished = finishedApprovals(engine) - finishedBefore;
    if (finished != completions) {
      throw new IllegalStateException(officials + " directors: " + completions + " completions answered with success, "
          + "but the history holds " + finished + " completed approvals");
    }
    endApprovedProgrammes(engine);
    if (!run.reachedTarget()) {
      throw new IllegalStateException(officials + " directors stopped after " + completions + " of " + target
          + " completions (" + run.errors.get() + " errors, " + ranOut + " ran out of tasks); first error: "
          + firstError);
    }
    return new Result(officials, openTasks, seconds, completions, latencies, errors, conflicts, ranOut,
        firstError, cpu);
  }

  /**
   * Ends the programmes a run approved, now waiting for the ministry's review, so that open work does not pile up
   * from run to run: each run starts from the same open tasks (their history stays, as in production).
   */
  private void endApprovedProgrammes(ProcessEngine engine) {
    long begin = System.nanoTime();
    List<String> approved = engine.getTaskService().createTaskQuery().taskDefinitionKey(NEXT_TASK).list().stream()
        .map(Task::getProcessInstanceId).toList();
    for (int from = 0; from < approved.size(); from += CLEAN_UP_BATCH) {
      engine.getRuntimeService().deleteProcessInstances(
          approved.subList(from, Math.min(from + CLEAN_UP_BATCH, approved.size())), "benchmark run over", true, true);
    }
    cleanUpNanos += System.nanoTime() - begin;
  }

  private static long finishedApprovals(ProcessEngine engine) {
    return engine.getHistoryService().createHistoricTaskInstanceQuery().taskDefinitionKey(TASK).finished().count();
  }

  /**
   * Starts programmes until each region has the unclaimed approvals a run needs: its share of the completions
   * (by its number of directors) plus a quarter, two pages and one task per director. Returns the open approvals.
   */
  private int topUp(Application app, int officials, int target) {
    ProcessEngine engine = app.engine();
    TransactionTemplate transactions = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
    int open = 0;
    for (String region : Officials.REGIONS) {
      int directors = 0;
      for (int n = 1; n <= officials; n++) {
        directors += region(n).equals(region) ? 1 : 0;
      }
      int needed = directors == 0 ? 0
          : (int) Math.ceil(1.25 * target * directors / officials) + 2 * PAGE + directors;
      int waiting = (int) engine.getTaskService().createTaskQuery().taskDefinitionKey(TASK).tenantIdIn(region)
          .taskUnassigned().count();
      if (waiting < needed) {
        start(engine, transactions, region, needed - waiting);
      }
      open += Math.max(waiting, needed);
    }
    return open;
  }

  /** Starts programmes as the region's planner, {@value #START_BATCH} to a transaction. */
  private void start(ProcessEngine engine, TransactionTemplate transactions, String region, int count) {
    long begin = System.nanoTime();
    IdentityService identity = engine.getIdentityService();
    RuntimeService runtime = engine.getRuntimeService();
    for (int done = 0; done < count; done += START_BATCH) {
      int batch = Math.min(START_BATCH, count - done);
      identity.setAuthentication(region + "-planner", List.of(PLANNERS), List.of(region));
      try {
        transactions.executeWithoutResult(status -> {
          for (int i = 0; i < batch; i++) {
            runtime.startProcessInstanceByKey(PROCESS_KEY, proposal(region, nextCode(region)));
          }
        });
      } finally {
        identity.clearAuthentication();
      }
    }
    started += count;
    startNanos += System.nanoTime() - begin;
  }

  private String nextCode(String region) {
    int number = codes.merge(region, 1, Integer::sum);
    return String.format(Locale.ROOT, "AX-%s-%04d", region.toUpperCase(Locale.ROOT), number);
  }

  /** A valid proposal, as the start form submits it. */
  private static VariableMap proposal(String region, String code) {
    return Variables.createVariables()
        .putValue("programmeCode", code)
        .putValue("programmeName", "지역거점 AX 혁신 기술개발사업 (" + region + ")")
        .putValue("region", region)
        .putValue("proposalDate", "2022-08-01")
        .putValue("startYear", 2026L)
        .putValue("endYear", 2030L)
        .putValueTyped("ministries", SpinValues.jsonValue("[\"MSIT\", \"MOTIE\", \"MOHW\"]").create())
        .putValue("leadMinistry", "MSIT")
        .putValue("totalCost", 5510L)
        .putValue("nationalFunding", 3800L)
        .putValue("localFunding", 1710L)
        .putValue("standardModelCost", 1380L)
        .putValue("solutionProductCost", 3580L)
        .putValue("rndCentreCost", 550L)
        .putValue("summary", "로봇·바이오 표준모델 (Standard models for robots and bio)");
  }

  private void print(Application app, Result alone, List<Result> levels) {
    int cores = Runtime.getRuntime().availableProcessors();
    String pool = app.bean(DataSource.class) instanceof HikariDataSource hikari
        ? String.valueOf(hikari.getMaximumPoolSize()) : "?";
    report.note("Each simulated director (member of region-directors and of one region's tenant) loops without think "
        + "time: `GET " + RestLatencyOfficial.TASK_LIST + "` (the group's unclaimed tasks, newest first, as "
        + "Tasklist lists them), `POST /engine-rest/task/{id}/claim` on one of them at random, `POST "
        + "/engine-rest/task/{id}/complete` with `internalApprovalDecision = APPROVE`. HTTP Basic on every "
        + "request, one HTTP/1.1 client per director keeping its connection alive, loopback; authorization and "
        + "tenant checks on; H2 file database (WRITE_DELAY=0), database pool of " + pool + " connections. A "
        + "claim that lost the race for a task to another director is a conflict, timed apart and retried with a "
        + "fresh list. "
        + "Latencies of successful requests; each run ends at its number of completions, verified against the "
        + "history. " + Report.count(started) + " programmes were started beforehand through the Java API ("
        + Report.num(startNanos / 1e9, 0) + " s, not measured); after each run the programmes it approved were "
        + "ended (" + Report.num(cleanUpNanos / 1e9, 0) + " s), so that every run starts from the same open "
        + "tasks. Warm-up, not reported: " + warmUpRounds
        + " rounds of " + WARM_UP_OFFICIALS + " directors and " + WARM_UP_COMPLETIONS + " completions, at least "
        + WARM_UP.toSeconds() + " s; the JIT compilers used " + percent(warmUpCompiling) + " of the cores in the last "
        + "round.");

    Report.Table latency = report.table("officials", "operation", "requests", "p50 ms", "p95 ms", "p99 ms",
        "throughput (requests/s)", "errors / conflicts");
    List<Result> all = new ArrayList<>();
    all.add(alone);
    all.addAll(levels);
    for (Result result : all) {
      String officials = result == alone ? "1 (alone, run last)" : String.valueOf(result.officials());
      for (Operation operation : Operation.values()) {
        Stats stats = result.stats(operation);
        int conflicts = result.requests(Operation.CONFLICT);
        String problems = switch (operation) {
          case CLAIM -> result.errors().get(operation) + " / " + conflicts;
          case CONFLICT -> "–";
          default -> String.valueOf(result.errors().get(operation));
        };
        latency.row(officials, operation.label, Report.count(stats.count()), Report.ms(stats.percentile(50)),
            Report.ms(stats.percentile(95)), Report.ms(stats.percentile(99)),
            Report.num(stats.count() / result.seconds(), 1), problems);
      }
    }
    latency.print();

    Report.Table completions = report.table("officials", "completions", "seconds", "completions/s",
        "lost claims per completion", "errors", "open approvals at start", "time per completion per official ms",
        "CPU per completion ms", "JVM CPU", "JIT CPU", "machine CPU");
    for (Result result : all) {
      completions.row(result == alone ? "1 (alone, run last)" : String.valueOf(result.officials()),
          Report.count(result.completions()), Report.num(result.seconds(), 1),
          Report.num(result.completionsPerSecond(), 1),
          Report.num((double) result.requests(Operation.CONFLICT) / result.completions(), 2),
          Report.count(result.errorCount()), Report.count(result.openTasks()), Report.ms(result.cycleMillis()),
          Report.ms(result.cpuMillisPerCompletion()), percent(result.share(result.cpu().processSeconds())),
          percent(result.share(result.cpu().compilerSeconds())), percent(result.cpu().machineBusy()));
    }
    completions.print();

    for (Result result : levels) {
      if (result.officials() == TARGET_LEVEL) {
        double p95 = result.stats(Operation.COMPLETE).percentile(95);
        report.note("**Target: p95 of task completion ≤ " + Report.ms(TARGET_P95_MS) + " ms with " + TARGET_LEVEL
            + " concurrent officials on H2: " + (p95 <= TARGET_P95_MS ? "met" : "not met") + "** (p95 "
            + Report.ms(p95) + " ms; p50 " + Report.ms(result.stats(Operation.COMPLETE).percentile(50))
            + " ms; one official alone: p95 " + Report.ms(alone.stats(Operation.COMPLETE).percentile(95))
            + " ms).");
      }
    }
    // The fewest directors lose the fewest claims: the closest to officials who pause between tasks.
    Result calmest = levels.get(0);
    double cpuPerCompletion = calmest.cpuMillisPerCompletion();
    double capacity = cores * 1000 / cpuPerCompletion;
    double needed = TARGET_LEVEL / (3 * TARGET_P95_MS / 1000);
    report.note("How to read this. The directors never pause, so every level saturates the machine (" + cores
        + " cores, shared by the application and the directors' HTTP clients). One director alone takes "
        + Report.ms(alone.cycleMillis()) + " ms per task (list + claim + complete, p50 "
        + Report.ms(alone.stats(Operation.QUERY).percentile(50)) + " + "
        + Report.ms(alone.stats(Operation.CLAIM).percentile(50)) + " + "
        + Report.ms(alone.stats(Operation.COMPLETE).percentile(50)) + " ms): that is the service time, without "
        + "queueing. A completion costs about " + Report.ms(cpuPerCompletion) + " ms of CPU at "
        + calmest.officials() + " directors (clients included, JIT compilers not), so the cores allow about "
        + Report.num(capacity, 0) + " completions/s. Once they are busy, more directors add no throughput: a "
        + "director's time per completion is N ÷ throughput (Little's law), and everything above the service time "
        + "is waiting for a core, for one of the " + pool + " database connections or for a row; latency grows "
        + "about linearly with N. Requests of about " + Report.ms(TARGET_P95_MS) + " ms for " + TARGET_LEVEL
        + " directors without pauses would need about " + Report.num(needed, 0) + " completions/s (" + TARGET_LEVEL
        + " ÷ (3 requests × " + Report.ms(TARGET_P95_MS) + " ms)), " + Report.num(needed / capacity, 0)
        + " times what the cores allow. Real officials pause to read each form: " + TARGET_LEVEL + " of them "
        + "stay below saturation while each spends more than " + Report.num(TARGET_LEVEL / capacity, 1)
        + " s per task, and their latency is then near the service time. 'JVM CPU', 'JIT CPU' and 'machine CPU' "
        + "are the shares of all cores used by this JVM, by its JIT compilers (part of the JVM's) and by the "
        + "whole machine (the rest is other work on it): a big application is still being compiled minutes "
        + "after it started. Lost claims rise with N because a region's directors all see the same newest page "
        + "of " + PAGE + " tasks.");
    conflictKinds(all);
  }

  private void conflictKinds(List<Result> results) {
    Map<String, Integer> kinds = new TreeMap<>();
    String firstError = null;
    for (Result result : results) {
      result.conflicts().forEach((kind, count) -> kinds.merge(kind, count, Integer::sum));
      firstError = firstError == null ? result.firstError() : firstError;
    }
    int ranOut = results.stream().mapToInt(Result::ranOut).sum();
    StringBuilder note = new StringBuilder("Lost claims were answered:");
    kinds.forEach((kind, count) -> note.append(' ').append(kind).append(" × ").append(count).append(';'));
    note.append(kinds.isEmpty() ? " – (none)." : "");
    note.append(ranOut == 0 ? "" : " " + ranOut + " directors found no task left in their region and stopped early.");
    note.append(firstError == null ? " No errors." : " First error: " + firstError);
    report.note(note.toString());
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
