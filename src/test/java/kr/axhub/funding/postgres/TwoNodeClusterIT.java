package kr.axhub.funding.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.axhub.funding.postgres.ProgrammeWalk.Jobs;
import kr.axhub.funding.support.EngineRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two identical nodes ({@code java -jar}, profile {@code postgres}) on one PostgreSQL database, started at the same
 * moment on an empty database: the schema, the models and the identity are set up once; then four regions'
 * programmes are walked to "programme launched" at the same time, each step through alternating nodes, while both
 * nodes' job executors run the asynchronous steps and timers. Every job runs once, every notification is recorded
 * once.
 */
class TwoNodeClusterIT {

  private static final List<String> REGIONS = List.of("daegu", "gwangju", "jeonbuk", "gyeongnam");

  @TempDir Path logs;

  private EmbeddedPostgres postgres;
  private final List<ApplicationNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ApplicationNode node : nodes) {
      node.killHard();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoNodesStartTogetherAndShareTheWorkWithEveryJobAndNotificationOnce() throws Exception {
    postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(new File("target/embedded-pg")).start();
    JdbcTemplate db = new JdbcTemplate(postgres.getPostgresDatabase());
    for (String name : List.of("node-a", "node-b")) {
      nodes.add(new ApplicationNode(name, logs, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "")
          .env("AXHUB_SCHEMA_UPDATE", "true")
          // Short idle back-off, so a timer brought forward is picked up within seconds.
          .arg("--camunda.bpm.job-execution.max-wait=2000"));
    }
    nodes.forEach(ApplicationNode::launch);
    for (ApplicationNode node : nodes) {
      node.awaitReady(Duration.ofMinutes(6));
    }

    assertSetUpOnce(db);

    EngineRest[] bases = nodes.stream().map(n -> n.admin()).toArray(EngineRest[]::new);
    ProgrammeWalk.createOfficials(bases[0], REGIONS);

    ExecutorService officials = Executors.newFixedThreadPool(REGIONS.size());
    List<Future<?>> walks = new ArrayList<>();
    List<ProgrammeWalk> programmes = new ArrayList<>();
    for (int r = 0; r < REGIONS.size(); r++) {
      ProgrammeWalk programme = new ProgrammeWalk(REGIONS.get(r));
      programmes.add(programme);
      int offset = r;
      walks.add(officials.submit(() -> programme.walk(0, programme.steps().size(),
          i -> bases[(i + offset) % bases.length], Jobs.BY_EXECUTOR)));
    }
    for (Future<?> walk : walks) {
      walk.get();
    }
    officials.shutdown();

    for (ProgrammeWalk programme : programmes) {
      assertThat(db.queryForObject("SELECT COUNT(*) FROM act_hi_procinst p JOIN act_hi_actinst a "
          + "ON a.proc_inst_id_ = p.id_ WHERE p.business_key_ = ? AND a.act_id_ = 'EndEvent_ProgrammeLaunched'",
          Integer.class, programme.code())).as("%s launched", programme.code()).isEqualTo(1);
    }
    assertEveryJobRanOnceOnBothNodes(db);
    assertEveryNotificationRecordedOnce(db);
  }

  private static void assertSetUpOnce(JdbcTemplate db) {
    assertThat(db.queryForList("SELECT key_ FROM act_re_procdef GROUP BY key_ HAVING COUNT(*) > 1"))
        .as("process definitions deployed twice").isEmpty();
    assertThat(db.queryForList("SELECT key_ FROM act_re_procdef", String.class))
        .containsExactlyInAnyOrder("ax-funding-pipeline", "rnd-task-kickoff");
    assertThat(db.queryForList("SELECT key_ FROM act_re_decision_def GROUP BY key_ HAVING COUNT(*) > 1")).isEmpty();
    assertThat(db.queryForList("SELECT key_ FROM act_re_camformdef GROUP BY key_ HAVING COUNT(*) > 1")).isEmpty();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_re_deployment", Integer.class)).isEqualTo(1);

    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_id_tenant", Integer.class)).isEqualTo(4);
    assertThat(db.queryForList("SELECT name_ FROM act_ru_filter GROUP BY name_ HAVING COUNT(*) > 1")).isEmpty();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_ru_filter", Integer.class)).isEqualTo(3);
    assertThat(db.queryForList("SELECT group_id_, resource_type_, resource_id_ FROM act_ru_authorization "
        + "WHERE type_ = 1 AND group_id_ IS NOT NULL GROUP BY group_id_, resource_type_, resource_id_ "
        + "HAVING COUNT(*) > 1")).as("duplicate grants").isEmpty();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_id_membership WHERE user_id_ = 'admin'", Integer.class))
        .isEqualTo(1);
  }

  private static void assertEveryJobRanOnceOnBothNodes(JdbcTemplate db) {
    assertThat(db.queryForList("SELECT job_id_ FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY job_id_ "
        + "HAVING COUNT(*) > 1")).as("jobs that succeeded more than once").isEmpty();
    assertThat(db.queryForList("SELECT job_id_, job_exception_msg_ FROM act_hi_job_log WHERE job_state_ = 1"))
        .as("failed job attempts").isEmpty();

    List<Map<String, Object>> reports = db.queryForList("SELECT p.business_key_, COUNT(*) AS runs "
        + "FROM act_hi_job_log j JOIN act_hi_procinst p ON p.id_ = j.process_instance_id_ "
        + "WHERE j.job_state_ = 2 AND j.act_id_ = 'ServiceTask_ReportExemptionToAssembly' GROUP BY p.business_key_");
    assertThat(reports).hasSize(REGIONS.size()).allSatisfy(row -> assertThat(row.get("runs")).isEqualTo(1L));
    assertThat(db.queryForList("SELECT proc_inst_id_ FROM act_hi_detail WHERE name_ = 'assemblyReportedAt' "
        + "GROUP BY proc_inst_id_ HAVING COUNT(*) > 1")).as("assemblyReportedAt written twice").isEmpty();
    assertThat(db.queryForObject("SELECT COUNT(DISTINCT proc_inst_id_) FROM act_hi_detail "
        + "WHERE name_ = 'assemblyReportedAt'", Integer.class)).isEqualTo(REGIONS.size());
    for (String timer : List.of("TimerEvent_CallClosed", "TimerEvent_ObjectionWindowClosed")) {
      assertThat(db.queryForObject("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 AND act_id_ = ?",
          Integer.class, timer)).as(timer).isEqualTo(REGIONS.size() * ProgrammeWalk.RND_TASKS.size());
    }
    assertThat(db.queryForList("SELECT DISTINCT hostname_ FROM act_hi_job_log WHERE job_state_ = 2", String.class))
        .as("nodes whose job executor ran jobs").containsExactlyInAnyOrder("node-a", "node-b");
  }

  private static void assertEveryNotificationRecordedOnce(JdbcTemplate db) {
    assertThat(db.queryForList("SELECT dedupe_key FROM axhub_notification GROUP BY dedupe_key HAVING COUNT(*) > 1"))
        .isEmpty();
    assertThat(db.queryForList("SELECT task_id, recipient_user_id FROM axhub_notification WHERE kind = 'TASK_CREATED' "
        + "GROUP BY task_id, recipient_user_id HAVING COUNT(*) > 1")).as("task notices recorded twice").isEmpty();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE kind = 'TASK_CREATED'",
        Integer.class)).isGreaterThan(REGIONS.size() * 20);
    assertThat(db.queryForList("SELECT programme_code, COUNT(*) AS reports FROM axhub_notification "
        + "WHERE kind = 'ASSEMBLY_REPORT' GROUP BY programme_code"))
        .hasSize(REGIONS.size()).allSatisfy(row -> assertThat(row.get("reports")).isEqualTo(1L));
    // No mail server in this test: nothing is sent, so nothing can have been sent twice.
    assertThat(db.queryForList("SELECT DISTINCT status FROM axhub_notification", String.class))
        .containsExactly("PENDING");
  }
}
