package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
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
 * The server of the REST part in its own JVM, so that its CPU time is its own: the application
 * ({@link Application}) or Camunda's bare engine-rest with authorization ({@link BareEngineRest}), on a fresh H2
 * file, with the same officials and directors. The benchmark ({@link RestLatency}) drives it through standard input:
 * it sets up the open approvals before a run, counts the completed ones and ends the approved programmes after it,
 * through the Java API as before, outside the measured time. Answers are the lines starting with {@link #ANSWER};
 * everything else on standard output is the server's log.
 */
final class RestServer {

  static final String ANSWER = "@bench ";
  static final String TASK = "Task_ApproveProposalInternally";
  private static final String NEXT_TASK = "Task_ReviewProposal";
  static final String DIRECTORS = "region-directors";
  private static final String PLANNERS = "region-planners";
  private static final int START_BATCH = 50;
  private static final int CLEAN_UP_BATCH = 100;

  private final ProcessEngine engine;
  private final Consumer<Runnable> transaction;
  private final Map<String, Integer> codes = new HashMap<>();
  private int started;
  private long startNanos;
  private long cleanUpNanos;

  private RestServer(ProcessEngine engine, Consumer<Runnable> transaction) {
    this.engine = engine;
    this.transaction = transaction;
  }

  /** Arguments: {@code application} or {@code bare}, and the number of directors to create. */
  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int directors = Integer.parseInt(args[1]);
    Databases databases = new Databases();
    AutoCloseable server;
    RestServer work;
    int port;
    if (kind.equals("application")) {
      Application app = Application.start(databases.h2("rest-application"));
      TransactionTemplate template = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
      work = new RestServer(app.engine(), step -> template.executeWithoutResult(status -> step.run()));
      port = app.port();
      server = app;
    } else {
      BareEngineRest bare = BareEngineRest.start(databases.h2("rest-bare"));
      work = new RestServer(bare.engine(), Runnable::run);
      port = bare.port();
      server = bare;
    }
    Application.createOfficials(work.engine);
    for (int n = 1; n <= directors; n++) {
      Officials.regional(work.engine.getIdentityService(), director(n), DIRECTORS, region(n));
    }
    answer("port " + port);
    try (server) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        String[] command = line.trim().split(" ");
        answer(switch (command[0]) {
          case "topup" -> String.valueOf(work.topUp(Integer.parseInt(command[1]), Integer.parseInt(command[2])));
          case "finished" -> String.valueOf(work.finishedApprovals());
          case "end" -> String.valueOf(work.endApprovedProgrammes());
          case "stats" -> work.started + " " + work.startNanos / 1e9 + " " + work.cleanUpNanos / 1e9;
          default -> throw new IllegalArgumentException("Unknown command: " + line);
        });
      }
    }
    System.exit(0);
  }

  private static void answer(String text) {
    System.out.println(ANSWER + text);
    System.out.flush();
  }

  static String director(int n) {
    return "bench-director-" + n;
  }

  static String region(int n) {
    return Officials.REGIONS.get(n % Officials.REGIONS.size());
  }

  /**
   * Ends the programmes a run approved, now waiting for the ministry's review, so that open work does not pile up
   * from run to run: each run starts from the same open tasks (their history stays, as in production).
   */
  private int endApprovedProgrammes() {
    long begin = System.nanoTime();
    List<String> approved = engine.getTaskService().createTaskQuery().taskDefinitionKey(NEXT_TASK).list().stream()
        .map(Task::getProcessInstanceId).toList();
    for (int from = 0; from < approved.size(); from += CLEAN_UP_BATCH) {
      engine.getRuntimeService().deleteProcessInstances(
          approved.subList(from, Math.min(from + CLEAN_UP_BATCH, approved.size())), "benchmark run over", true, true);
    }
    cleanUpNanos += System.nanoTime() - begin;
    return approved.size();
  }

  private long finishedApprovals() {
    return engine.getHistoryService().createHistoricTaskInstanceQuery().taskDefinitionKey(TASK).finished().count();
  }

  /**
   * Starts programmes until each region has the unclaimed approvals a run needs: its share of the completions
   * (by its number of directors) plus a quarter, two pages and one task per director. Returns the open approvals.
   */
  private int topUp(int officials, int target) {
    int open = 0;
    for (String region : Officials.REGIONS) {
      int directors = 0;
      for (int n = 1; n <= officials; n++) {
        directors += region(n).equals(region) ? 1 : 0;
      }
      int needed = directors == 0 ? 0
          : (int) Math.ceil(1.25 * target * directors / officials) + 2 * RestLatencyOfficial.PAGE + directors;
      int waiting = (int) engine.getTaskService().createTaskQuery().taskDefinitionKey(TASK).tenantIdIn(region)
          .taskUnassigned().count();
      if (waiting < needed) {
        start(region, needed - waiting);
      }
      open += Math.max(waiting, needed);
    }
    return open;
  }

  /** Starts programmes as the region's planner, {@value #START_BATCH} to a transaction. */
  private void start(String region, int count) {
    long begin = System.nanoTime();
    IdentityService identity = engine.getIdentityService();
    RuntimeService runtime = engine.getRuntimeService();
    for (int done = 0; done < count; done += START_BATCH) {
      int batch = Math.min(START_BATCH, count - done);
      identity.setAuthentication(region + "-planner", List.of(PLANNERS), List.of(region));
      try {
        transaction.accept(() -> {
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
}
