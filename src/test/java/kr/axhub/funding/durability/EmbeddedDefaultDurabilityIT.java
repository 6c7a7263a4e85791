package kr.axhub.funding.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application on its embedded default (H2 file database under ./data, demo data), as an operator
 * runs it: decisions that the REST API confirmed survive a {@code kill -9} the moment after, and a restart neither
 * loses nor duplicates a programme.
 */
class EmbeddedDefaultDurabilityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** The demo administrator of the embedded default (README). */
  private static final String ADMIN = "Basic " + java.util.Base64.getEncoder()
      .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  /** The four regions' programmes and the earlier, finished ones that give them a history. */
  private static final List<String> DEMO_PROGRAMMES =
      List.of("AX-DAEGU-2026", "AX-GWANGJU-2026", "AX-GYEONGNAM-2026", "AX-JEONBUK-2026", "AX-DEMODG-2024",
          "AX-DEMOGJ-2024", "AX-DEMOJB-2025", "AX-DEMOGN-2024", "AX-DEMODG-2025");

  @TempDir Path workingDirectory;

  private Process application;
  private int port;

  @AfterEach
  void stop() {
    if (application != null) {
      application.destroyForcibly();
    }
  }

  @Test
  void confirmedDecisionsSurviveAKillAndRestartsDoNotDuplicateProgrammes() throws Exception {
    start();
    assertThat(businessKeys()).containsExactlyInAnyOrderElementsOf(DEMO_PROGRAMMES);

    String approval = singleTaskId("Task_ApproveProposalInternally", "AX-GYEONGNAM-2026");
    assertThat(post("/engine-rest/task/" + approval + "/complete",
        "{\"variables\": {\"internalApprovalDecision\": {\"value\": \"APPROVE\"}}}")).isEqualTo(204);
    String review = singleTaskId("Task_ReviewProposal", "AX-GYEONGNAM-2026");
    assertThat(post("/engine-rest/task/" + review + "/complete", """
        {"variables": {"proposalReviewDecision": {"value": "SUPPLEMENT"},
                       "proposalReviewReason": {"value": "국비 분담 근거 보완 (Justify the national share)"}}}""")).isEqualTo(204);
    killHard();

    start();
    assertThat(businessKeys()).containsExactlyInAnyOrderElementsOf(DEMO_PROGRAMMES);
    assertThat(singleTaskId("Task_ReviseProposal", "AX-GYEONGNAM-2026")).isNotBlank();
    JsonNode decisions = get("/engine-rest/history/variable-instance?variableName=proposalReviewDecision"
        + "&processInstanceIdIn=" + processInstanceId("AX-GYEONGNAM-2026"));
    assertThat(decisions.findValuesAsText("value")).containsExactly("SUPPLEMENT");
  }

  private void start() throws Exception {
    port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", applicationJar().getAbsolutePath(),
        "--server.port=" + port));
    application = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(workingDirectory.resolve("application-" + Instant.now().toEpochMilli() + ".log").toFile())
        .start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      assertThat(application.isAlive()).as("the application is running (see its log in %s)", workingDirectory).isTrue();
      try {
        if (get("/actuator/health").path("status").asText().equals("UP")
            && businessKeys().containsAll(DEMO_PROGRAMMES)) {
          return;
        }
      } catch (IOException notYetListening) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("The application did not become healthy within 3 minutes");
  }

  private void killHard() throws InterruptedException {
    application.destroyForcibly();
    application.waitFor();
  }

  private List<String> businessKeys() throws IOException, InterruptedException {
    return get("/engine-rest/history/process-instance?processDefinitionKey=ax-funding-pipeline")
        .findValuesAsText("businessKey");
  }

  private String processInstanceId(String programme) throws IOException, InterruptedException {
    return get("/engine-rest/process-instance?businessKey=" + programme).get(0).path("id").asText();
  }

  private String singleTaskId(String taskKey, String programme) throws IOException, InterruptedException {
    JsonNode tasks = get("/engine-rest/task?taskDefinitionKey=" + taskKey + "&processInstanceBusinessKey=" + programme);
    assertThat(tasks).as("open %s tasks of %s", taskKey, programme).hasSize(1);
    return tasks.get(0).path("id").asText();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private int post(String path, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri(path))
            .header("Authorization", ADMIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static File applicationJar() throws IOException {
    try (var jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("ax-hub-funding-pipeline-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("Run after `mvn package`: no application jar in target/"))
          .toFile();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
