package kr.axhub.funding.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.axhub.funding.pipeline.ReportExemptionToAssemblyDelegate;
import kr.axhub.funding.postgres.ProgrammeWalk.Jobs;
import kr.axhub.funding.support.EngineRest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The application on a real PostgreSQL with the {@code postgres} profile's settings (pool, READ_COMMITTED, job
 * executor settings; the {@code test} profile switches the job executor off so jobs run by hand): the Daegu programme
 * goes from its proposal to "programme launched" through REST exactly as on H2, and a failing Assembly report retries
 * with the configured back-off and ends as an incident that Cockpit shows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    // A fresh database: the engine creates its schema here; production creates it explicitly (docs/operations.md).
    "camunda.bpm.database.schema-update=true",
    "axhub.admin.password=" + ApplicationNode.ADMIN_PASSWORD,
    "axhub.notifications.scheduling-enabled=false"})
@ActiveProfiles({"postgres", "test"})
class PostgresPipelineTest {

  private static final String FAILING = "AX-DAEGU-2099";

  /** Started before the context ({@link PostgresContext} says why). */
  private static final EmbeddedPostgres POSTGRES = PostgresContext.start();

  @DynamicPropertySource
  static void postgresProperties(DynamicPropertyRegistry registry) {
    PostgresContext.dataSource(registry, POSTGRES);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Database {

    /** Owned by the context and stopped only after the data source, so the engine shuts down on a live database. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() {
      return POSTGRES;
    }

    @Bean
    static BeanFactoryPostProcessor dataSourceAfterPostgres() {
      return PostgresContext.dataSourceAfterPostgres();
    }
  }


  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @MockitoSpyBean ReportExemptionToAssemblyDelegate assemblyReport;

  private EngineRest node;
  private EngineRest admin;

  @BeforeEach
  void officials() {
    node = EngineRest.at(port);
    admin = node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD);
    if (admin.get("/engine-rest/user/msit-officer/profile").status() == 404) {
      ProgrammeWalk.createOfficials(admin, List.of("daegu"));
    }
  }

  @Test
  void runsOnPostgresql() {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    assertThat(jdbc.queryForObject("SHOW transaction_isolation", String.class)).isEqualTo("read committed");
  }

  @Test
  void daeguGoesFromProposalToProgrammeLaunchedAsOnH2() {
    ProgrammeWalk daegu = new ProgrammeWalk("daegu");
    daegu.walk(0, daegu.steps().size(), i -> node, Jobs.BY_HAND);

    String instanceId = admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey="
        + daegu.code() + "&processDefinitionKey=ax-funding-pipeline").get(0).path("id").asText();
    JsonNode history = admin.getJson("/engine-rest/history/process-instance/" + instanceId);
    assertThat(history.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(admin.getJson("/engine-rest/history/activity-instance?processInstanceId=" + instanceId
        + "&activityId=EndEvent_ProgrammeLaunched")).hasSize(1);
    assertThat(admin.getJson("/engine-rest/history/process-instance?superProcessInstanceId=" + instanceId)
        .findValuesAsText("businessKey"))
        .containsExactlyInAnyOrder(daegu.code() + "/ROBOT-SM", daegu.code() + "/BIO-SOL");
    assertThat(admin.getJson("/engine-rest/history/variable-instance?processInstanceId=" + instanceId
        + "&variableName=assemblyReportedAt")).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE kind = 'ASSEMBLY_REPORT' "
        + "AND programme_code = ?", Integer.class, daegu.code())).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE kind = 'TASK_CREATED' "
        + "AND programme_code = ?", Integer.class, daegu.code())).isPositive();
  }

  @Test
  void aFailingAssemblyReportRetriesWithBackOffAndEndsAsAnIncident() {
    doThrow(new IllegalStateException("Assembly mail gateway unreachable (test)"))
        .when(assemblyReport).execute(argThat(execution -> FAILING.equals(execution.getProcessBusinessKey())));
    ProgrammeWalk programme = new ProgrammeWalk("daegu", FAILING);
    programme.walk(0, programme.indexOf("ServiceTask_ReportExemptionToAssembly"), i -> node, Jobs.BY_HAND);
    String instanceId = ProgrammeWalk.processInstanceId(admin, FAILING);
    Job job = managementService.createJobQuery().processInstanceId(instanceId)
        .activityId("ServiceTask_ReportExemptionToAssembly").singleResult();

    // R3/PT5M: three attempts in all, five minutes apart, then an incident; never three immediate retries.
    for (int expectedRetries = 2; expectedRetries >= 0; expectedRetries--) {
      Instant attempt = Instant.now();
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasStackTraceContaining("unreachable");
      Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(failed.getRetries()).isEqualTo(expectedRetries);
      assertThat(failed.getExceptionMessage()).contains("unreachable");
      if (expectedRetries > 0) {
        // The next attempt waits for the back-off: the job is not acquirable before then.
        Timestamp nextAttempt = jdbc.queryForObject("SELECT GREATEST(duedate_, lock_exp_time_) FROM act_ru_job "
            + "WHERE id_ = ?", Timestamp.class, job.getId());
        assertThat(nextAttempt).as("next attempt of the Assembly report").isNotNull();
        assertThat(Duration.between(attempt, nextAttempt.toInstant())).isBetween(Duration.ofMinutes(4),
            Duration.ofMinutes(6));
      }
    }

    List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(instanceId).list();
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId()).isEqualTo("ServiceTask_ReportExemptionToAssembly");
      assertThat(incident.getIncidentMessage()).contains("unreachable");
    });
    // What Cockpit lists for the programme, through the same REST API.
    assertThat(admin.getJson("/engine-rest/incident?processInstanceId=" + instanceId)
        .findValuesAsText("activityId")).containsExactly("ServiceTask_ReportExemptionToAssembly");
    assertThat(runtimeService.getVariable(instanceId, "assemblyReportedAt")).isNull();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE kind = 'ASSEMBLY_REPORT' "
        + "AND programme_code = ?", Integer.class, FAILING)).isZero();

    // An operator fixes the cause and sets retries (Cockpit: "Retry"); the report then runs once.
    org.mockito.Mockito.reset(assemblyReport);
    managementService.setJobRetries(job.getId(), 1);
    managementService.executeJob(job.getId());
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
    assertThat(runtimeService.getVariable(instanceId, "assemblyReportedAt")).isNotNull();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM axhub_notification WHERE kind = 'ASSEMBLY_REPORT' "
        + "AND programme_code = ?", Integer.class, FAILING)).isEqualTo(1);
    assertThat(node.as("kistep-reviewer", ProgrammeWalk.PASSWORD)
        .taskId(FAILING, "Task_ReviewBusinessPlanAdequacy")).isNotBlank();
  }
}
