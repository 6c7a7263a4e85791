package kr.axhub.funding.operations;

import static kr.axhub.funding.support.EngineRest.variables;
import static kr.axhub.funding.support.Proposals.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.axhub.funding.notification.NotificationDispatcher;
import kr.axhub.funding.reporting.Stage;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.Response;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator's Prometheus and load balancer see: the scrape (for the monitoring account only) with the
 * engine's and the pipeline's figures, the example alert rules naming only series that exist, and health that stays
 * UP, for readiness too, while the mail server is unreachable. The job executor runs here, and the Prometheus
 * registry is on (Spring Boot's tests switch metric export off by default), as in production.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "spring.mail.host=localhost",
    "spring.mail.port=1"})
@ActiveProfiles("test")
class OperationsEndpointsTest {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired OperationsMetrics metrics;

  @BeforeEach
  void officials() {
    Officials.regional(identityService, "daegu-planner", "region-planners", "daegu");
    Officials.national(identityService, "prometheus", "monitoring");
  }

  @Test
  void theScrapeIsForTheMonitoringAccountAndHoldsTheEngineAndPipelineFigures() throws Exception {
    metrics.refreshEngineFigures();
    metrics.refreshProgrammes();
    Map<String, Double> before = parse(scrape("prometheus").body());
    Task approval = overdueTask("AX-DAEGU-4101");
    runtimeService.createIncident(NotificationDispatcher.INCIDENT_TYPE, approval.getExecutionId(), "test",
        "mail refused");
    metrics.refreshEngineFigures();
    metrics.refreshProgrammes();

    assertThat(scrape(null).statusCode()).isEqualTo(401);
    assertThat(scrape("daegu-planner").statusCode()).isEqualTo(403);
    assertThat(as("daegu-planner").get("/actuator/metrics").status()).isEqualTo(403);
    HttpResponse<String> scrape = scrape("prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    Map<String, Double> series = parse(scrape.body());

    String proposal = Stage.PROPOSAL.name();
    String directors = "group=\"region-directors\",stage=\"" + proposal + "\"";
    for (String grown : List.of("axhub_tasks_open{" + directors + "}", "axhub_tasks_overdue{" + directors + "}",
        "axhub_tasks_overdue_beyond_escalation{" + directors + "}", "axhub_incidents{type=\"notificationFailed\"}",
        "axhub_programmes{stage=\"" + proposal + "\"}")) {
      assertThat(series.get(grown) - before.getOrDefault(grown, 0.0)).as(grown).isEqualTo(1.0);
    }
    assertThat(series).containsEntry("axhub_incidents{type=\"failedJob\"}", 0.0)
        .containsEntry("axhub_jobs_failed", 0.0)
        .containsKeys("axhub_jobs_due", "axhub_notifications{status=\"PENDING\"}",
            "axhub_notifications{status=\"FAILED\"}", "axhub_notifications_oldest_pending_age_seconds",
            "axhub_notifications_send_seconds_count{outcome=\"sent\"}",
            "axhub_notifications_send_seconds_count{outcome=\"failed\"}",
            "camunda_job_acquisition_attempt_total", "camunda_job_acquired_success_total",
            "camunda_job_successful_total", "camunda_job_failed_total",
            "axhub_login_refused_total{reason=\"wrong-password\"}", "axhub_login_locks_total{scope=\"account\"}");
    assertThat(series.get("camunda_job_acquisition_attempt_total")).as("the job executor runs").isPositive();
  }

  @Test
  void everySeriesTheAlertRulesUseIsScraped() throws Exception {
    overdueTask("AX-DAEGU-4102");
    metrics.refreshEngineFigures();
    Map<String, Double> series = parse(scrape("prometheus").body());
    List<String> names = series.keySet().stream().map(key -> key.replaceAll("\\{.*", "")).distinct().toList();

    Map<String, Object> rules;
    try (InputStream file = Files.newInputStream(Path.of("ops/prometheus/alert-rules.yml"))) {
      rules = new Yaml().load(file);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
    List<String> alerts = new ArrayList<>();
    for (Map<String, Object> group : groups) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> groupRules = (List<Map<String, Object>>) group.get("rules");
      for (Map<String, Object> rule : groupRules) {
        alerts.add((String) rule.get("alert"));
        Matcher used = Pattern.compile("\\b(axhub_[a-z_]+|camunda_[a-z_]+)").matcher((String) rule.get("expr"));
        while (used.find()) {
          assertThat(names).as(rule.get("alert") + " uses " + used.group(1)).contains(used.group(1));
        }
      }
    }
    assertThat(alerts).contains("AxHubIncident", "AxHubNotificationFailed", "AxHubTaskOverdueBeyondEscalation",
        "AxHubNoJobAcquired");
  }

  @Test
  void healthAndReadinessStayUpWhileTheMailServerIsUnreachable() {
    Response health = EngineRest.at(port).get("/actuator/health");
    assertThat(health.status()).as(health.text()).isEqualTo(200);
    JsonNode components = health.body().path("components");
    assertThat(health.body().path("status").asText()).isEqualTo("UP");
    assertThat(components.path("mailServer").path("status").asText())
        .isEqualTo(MailServerHealthIndicator.UNREACHABLE_CODE);
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");

    Response readiness = EngineRest.at(port).get("/actuator/health/readiness");
    assertThat(readiness.status()).as(readiness.text()).isEqualTo(200);
    assertThat(readiness.body().path("status").asText()).isEqualTo("UP");
    assertThat(readiness.body().path("components").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("readinessState", "db", "processEngine", "jobExecutor");
  }

  /** A Daegu programme whose first task is ten days overdue, beyond its escalation. */
  private Task overdueTask(String code) {
    Response started = as("daegu-planner").post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(proposal(code, "daegu")));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    Task task = taskService.createTaskQuery().processInstanceId(started.body().path("id").asText()).singleResult();
    taskService.setDueDate(task.getId(), new Date(System.currentTimeMillis() - Duration.ofDays(10).toMillis()));
    return task;
  }

  /** As Prometheus asks: the text exposition format. */
  private HttpResponse<String> scrape(String user) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
        .header("Accept", "text/plain;version=0.0.4");
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + Officials.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private EngineRest as(String user) {
    return EngineRest.at(port).as(user, Officials.PASSWORD);
  }

  private static Map<String, Double> parse(String exposition) {
    Map<String, Double> series = new HashMap<>();
    for (String line : exposition.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.find()) {
        series.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
            Double.parseDouble(sample.group(3)));
      }
    }
    return series;
  }
}
