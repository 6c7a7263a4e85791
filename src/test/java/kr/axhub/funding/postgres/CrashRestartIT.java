package kr.axhub.funding.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import kr.axhub.funding.postgres.ProgrammeWalk.Jobs;
import kr.axhub.funding.postgres.ProgrammeWalk.Kind;
import kr.axhub.funding.postgres.ProgrammeWalk.Step;
import kr.axhub.funding.support.EngineRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A production node on PostgreSQL whose schema was created from Camunda's SQL scripts (schema updates off), killed
 * with {@code kill -9} while officials of three regions are completing tasks and while a fourth programme's Assembly
 * report job is pending. After the restart every completion that was confirmed is there, the one cut off is either
 * wholly there or not at all, nothing happened twice, every programme waits where it was and goes on, and the pending
 * report runs exactly once.
 */
class CrashRestartIT {

  private static final String ASSEMBLY_REPORT = "ServiceTask_ReportExemptionToAssembly";
  private static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine",
      "case.history", "decision.engine", "decision.history");

  @TempDir Path logs;

  private EmbeddedPostgres postgres;
  private ApplicationNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.killHard();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** What one official's session confirmed before the node died. */
  private record Progress(ProgrammeWalk programme, int confirmed) {}

  @Test
  void aNodeKilledMidPipelineLosesNoConfirmedDecisionAndRepeatsNothing() throws Exception {
    postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(new File("target/embedded-pg")).start();
    JdbcTemplate db = new JdbcTemplate(postgres.getPostgresDatabase());
    createCamundaSchemaFromScripts(db);
    node = newNode().launch().awaitReady(Duration.ofMinutes(5));
    assertThat(Files.readString(node.log())).as("the node must not create the schema itself")
        .doesNotContain("Performing database operation 'create'");

    EngineRest base = node.admin();
    ProgrammeWalk.createOfficials(base, List.of("daegu", "gwangju", "jeonbuk", "gyeongnam"));
    setAssemblyReportSuspended(base, true);

    ProgrammeWalk pending = new ProgrammeWalk("gyeongnam");
    int reportStep = pending.indexOf(ASSEMBLY_REPORT);
    pending.walk(0, reportStep, i -> base, Jobs.BY_EXECUTOR);

    List<ProgrammeWalk> busy = List.of(new ProgrammeWalk("daegu"), new ProgrammeWalk("gwangju"),
        new ProgrammeWalk("jeonbuk"));
    AtomicInteger confirmedSoFar = new AtomicInteger();
    ExecutorService officials = Executors.newFixedThreadPool(busy.size());
    List<Future<Progress>> sessions = new ArrayList<>();
    for (ProgrammeWalk programme : busy) {
      sessions.add(officials.submit(() -> {
        int confirmed = 0;
        try {
          for (int i = 0; i < reportStep; i++) {
            programme.take(programme.steps().get(i), base, Jobs.BY_EXECUTOR);
            confirmed++;
            confirmedSoFar.incrementAndGet();
          }
        } catch (RuntimeException | AssertionError cutOff) {
          // the node died under this request (or before it)
        }
        return new Progress(programme, confirmed);
      }));
    }
    while (confirmedSoFar.get() < 10) {
      Thread.sleep(20);
    }
    Thread.sleep(ThreadLocalRandom.current().nextInt(200));
    node.killHard();
    List<Progress> progress = new ArrayList<>();
    for (Future<Progress> session : sessions) {
      progress.add(session.get());
    }
    officials.shutdown();
    assertThat(progress).as("the kill came while officials were working")
        .anySatisfy(p -> assertThat(p.confirmed()).isLessThan(reportStep));

    node = newNode().launch().awaitReady(Duration.ofMinutes(5));
    EngineRest restarted = node.admin();

    assertContinuesWhereItWas(db, pending, reportStep);
    setAssemblyReportSuspended(restarted, false);
    for (Progress p : progress) {
      int position = assertContinuesWhereItWas(db, p.programme(), p.confirmed());
      ProgrammeWalk programme = p.programme();
      programme.take(programme.steps().get(position), restarted, Jobs.BY_EXECUTOR);
      if (position + 1 < reportStep) {
        assertThat(openTasks(db, programme.code())).containsExactly(programme.steps().get(position + 1).elementId());
      }
    }

    pending.take(pending.steps().get(reportStep), restarted, Jobs.BY_EXECUTOR);
    pending.take(pending.steps().get(reportStep + 1), restarted, Jobs.BY_EXECUTOR);
    assertThat(openTasks(db, pending.code())).containsExactly(pending.steps().get(reportStep + 2).elementId());

    String pendingId = db.queryForObject("SELECT id_ FROM act_hi_procinst WHERE business_key_ = ?", String.class,
        pending.code());
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 AND act_id_ = ? "
        + "AND process_instance_id_ = ?", Integer.class, ASSEMBLY_REPORT, pendingId))
        .as("the pending Assembly report ran once").isEqualTo(1);
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_hi_detail WHERE name_ = 'assemblyReportedAt' "
        + "AND proc_inst_id_ = ?", Integer.class, pendingId)).isEqualTo(1);
    assertThat(db.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE kind = 'ASSEMBLY_REPORT' "
        + "AND programme_code = ?", Integer.class, pending.code())).isEqualTo(1);
    assertThat(db.queryForList("SELECT job_id_ FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY job_id_ "
        + "HAVING COUNT(*) > 1")).as("jobs that ran twice").isEmpty();
    assertThat(db.queryForList("SELECT dedupe_key FROM axhub_notification GROUP BY dedupe_key HAVING COUNT(*) > 1"))
        .isEmpty();
  }

  /**
   * Checks a programme after the restart: each confirmed step is recorded once, the step in flight at the kill either
   * wholly or not at all, no task was created twice, and the programme waits at the task after the last recorded
   * one, with exactly one deadline timer and its task notice.
   *
   * @return the index of the step the programme waits at
   */
  private int assertContinuesWhereItWas(JdbcTemplate db, ProgrammeWalk programme, int confirmed) {
    String code = programme.code();
    List<String> instances = db.queryForList("SELECT id_ FROM act_hi_procinst WHERE business_key_ = ?",
        String.class, code);
    if (confirmed == 0 && instances.isEmpty()) {
      return 0;
    }
    assertThat(instances).as("instances of %s", code).hasSize(1);
    String instanceId = instances.get(0);
    assertThat(db.queryForList("SELECT task_def_key_ FROM act_hi_taskinst WHERE proc_inst_id_ = ? "
        + "GROUP BY task_def_key_ HAVING COUNT(*) > 1", String.class, instanceId)).as("tasks created twice").isEmpty();

    // A start in flight at the kill that committed counts as taken.
    int position = Math.max(confirmed, 1);
    for (int i = 1; i < confirmed; i++) {
      assertRecorded(db, instanceId, programme.steps().get(i));
    }
    Step inFlight = position < programme.steps().size() ? programme.steps().get(position) : null;
    if (inFlight != null && inFlight.kind() != Kind.JOB && inFlight.kind() != Kind.START
        && finished(db, instanceId, inFlight.elementId())) {
      assertRecorded(db, instanceId, inFlight);
      position++;
    }
    Step next = programme.steps().get(position);
    if (next.kind() == Kind.JOB) {
      assertThat(openTasks(db, code)).isEmpty();
      assertThat(jobsAt(db, instanceId, next.elementId())).as("pending %s", next).isEqualTo(1);
      return position;
    }
    assertThat(openTasks(db, code)).as("%s waits at", code).containsExactly(next.elementId());
    assertThat(jobsAt(db, instanceId, next.elementId())).as("deadline timer of %s", next).isEqualTo(1);
    assertThat(db.queryForObject("SELECT COUNT(*) FROM axhub_notification n JOIN act_ru_task t ON t.id_ = n.task_id "
        + "WHERE t.proc_inst_id_ = ? AND n.kind = 'TASK_CREATED'", Integer.class, instanceId))
        .as("notice of the open task of %s", code).isPositive();
    return position;
  }

  /** The task was completed once, with the decision its official submitted. */
  private static void assertRecorded(JdbcTemplate db, String instanceId, Step step) {
    if (step.kind() == Kind.JOB) {
      return;
    }
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_hi_taskinst WHERE proc_inst_id_ = ? "
        + "AND task_def_key_ = ? AND end_time_ IS NOT NULL", Integer.class, instanceId, step.elementId()))
        .as("%s completed", step).isEqualTo(1);
    Map.Entry<String, Object> first = step.variables().entrySet().iterator().next();
    assertThat(db.queryForList("SELECT COALESCE(text_, CAST(long_ AS VARCHAR)) FROM act_hi_varinst "
        + "WHERE proc_inst_id_ = ? AND name_ = ?", String.class, instanceId, first.getKey()))
        .as("%s submitted by %s", first.getKey(), step).containsExactly(String.valueOf(first.getValue()));
  }

  private static int jobsAt(JdbcTemplate db, String instanceId, String activityId) {
    return db.queryForObject("SELECT COUNT(*) FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ "
        + "WHERE j.process_instance_id_ = ? AND d.act_id_ = ?", Integer.class, instanceId, activityId);
  }

  private static boolean finished(JdbcTemplate db, String instanceId, String taskKey) {
    return db.queryForObject("SELECT COUNT(*) FROM act_hi_taskinst WHERE proc_inst_id_ = ? AND task_def_key_ = ? "
        + "AND end_time_ IS NOT NULL", Integer.class, instanceId, taskKey) > 0;
  }

  private static List<String> openTasks(JdbcTemplate db, String code) {
    return db.queryForList("SELECT t.task_def_key_ FROM act_ru_task t JOIN act_ru_execution e "
        + "ON e.id_ = t.proc_inst_id_ WHERE e.business_key_ = ?", String.class, code);
  }

  private ApplicationNode newNode() {
    // AXHUB_SCHEMA_UPDATE is not set: the production default, schema updates off.
    return new ApplicationNode("node-1", logs, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "")
        .arg("--camunda.bpm.job-execution.max-wait=2000");
  }

  /** The documented way to create the schema: Camunda's own create scripts for PostgreSQL, in the engine's order. */
  private static void createCamundaSchemaFromScripts(JdbcTemplate db) throws Exception {
    try (Connection connection = db.getDataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (String component : COMPONENTS) {
        String resource = "org/camunda/bpm/engine/db/create/activiti.postgres.create." + component + ".sql";
        try (InputStream script = CrashRestartIT.class.getClassLoader().getResourceAsStream(resource)) {
          assertThat(script).as(resource).isNotNull();
          statement.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static void setAssemblyReportSuspended(EngineRest admin, boolean suspended) {
    String id = admin.getJson("/engine-rest/job-definition?activityIdIn=" + ASSEMBLY_REPORT).get(0).path("id").asText();
    EngineRest.Response response = admin.put("/engine-rest/job-definition/" + id + "/suspended",
        Map.of("suspended", suspended, "includeJobs", true));
    assertThat(response.status()).as(response.text()).isEqualTo(204);
  }
}
