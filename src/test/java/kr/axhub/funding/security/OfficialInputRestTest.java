package kr.axhub.funding.security;

import static kr.axhub.funding.support.EngineRest.formValues;
import static kr.axhub.funding.support.EngineRest.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.JsonValue;
import kr.axhub.funding.support.EngineRest.Response;
import kr.axhub.funding.support.Officials;
import kr.axhub.funding.support.Proposals;
import kr.axhub.funding.support.WebappSession;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An official's decision changes only what their form lets them decide, and only the official holding a task
 * decides it: checked through the real REST API as real officials.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OfficialInputRestTest {

  private static final String START = "/engine-rest/process-definition/key/ax-funding-pipeline/start";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  private EngineRest admin;

  @BeforeEach
  void officials() {
    for (String region : Officials.REGIONS) {
      Officials.regional(identityService, region + "-planner", "region-planners", region);
      Officials.regional(identityService, region + "-director", "region-directors", region);
    }
    Officials.national(identityService, "msit-officer", "msit-officers");
    Officials.national(identityService, "msit-officer2", "msit-officers");
    Officials.national(identityService, "moef-reviewer", "moef-reviewers");
    Officials.national(identityService, "cabinet-secretary", "cabinet-secretariat");
    Officials.national(identityService, "operator", "camunda-admin");
    admin = as("operator");
  }

  @Test
  void theExemptionReviewerChangesOnlyTheDecision() {
    String instance = toExemptionReview("AX-GWANGJU-2201", "gwangju");
    String review = admin.taskId("AX-GWANGJU-2201", "Task_ReviewExemptionRequest");

    Map<String, Object> tampered = new LinkedHashMap<>();
    tampered.put("exemptionReviewDecision", "RECOMMEND");
    tampered.put("totalCost", 1L);
    tampered.put("region", "daegu");
    tampered.put("injected", "<script>x</script>");
    Response refused = as("moef-reviewer").post("/engine-rest/task/" + review + "/complete", variables(tampered));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.body().findValuesAsText("field")).containsExactlyInAnyOrder("totalCost", "region", "injected");
    assertThat(refused.body().path("message").asText()).contains("read-only in this form", "not a field of this form");
    assertUnchanged(instance, review);
    assertThat(admin.getJson("/engine-rest/task/" + review).path("assignee").isNull()).isTrue();
  }

  @Test
  void aFieldTheFormHidesForTheDecisionIsRefused() {
    String instance = toExemptionReview("AX-GWANGJU-2202", "gwangju");
    String review = admin.taskId("AX-GWANGJU-2202", "Task_ReviewExemptionRequest");

    Response refused = as("moef-reviewer").post("/engine-rest/task/" + review + "/complete", variables(Map.of(
        "exemptionReviewDecision", "RECOMMEND", "exemptionReviewComment", "보완 불필요 (no supplement needed)")));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.body().findValuesAsText("field")).containsExactly("exemptionReviewComment");
    assertThat(refused.body().path("message").asText()).contains("the form hides this field for this decision");
    assertUnchanged(instance, review);

    complete("moef-reviewer", review, Map.of("exemptionReviewDecision", "RECOMMEND"));
    complete("msit-officer", admin.taskId("AX-GWANGJU-2202", "Task_TableCabinetAgenda"), Map.of(
        "agendaTitle", "광주 AX 사업 예타 면제 (Exemption of the Gwangju AX programme)", "meetingDate", "2025-08-18"));
    String resolution = admin.taskId("AX-GWANGJU-2202", "Task_RecordCabinetResolution");
    Response retabled = as("cabinet-secretary").post("/engine-rest/task/" + resolution + "/complete", variables(Map.of(
        "cabinetResolution", "RESOLVED", "resolutionDate", "2025-08-18", "retableAfterDays", -999L)));
    assertThat(retabled.status()).as(retabled.text()).isEqualTo(400);
    assertThat(retabled.body().findValuesAsText("field")).containsExactly("retableAfterDays");
    assertThat(variableNames(instance)).doesNotContain("retableAfterDays", "cabinetResolution");
  }

  @Test
  void whatTasklistSendsBackUnchangedIsAcceptedAndKeepsItsStoredType() {
    String instance = toExemptionReview("AX-GWANGJU-2203", "gwangju");
    String review = admin.taskId("AX-GWANGJU-2203", "Task_ReviewExemptionRequest");
    EngineRest reviewer = as("moef-reviewer");
    assertThat(reviewer.post("/engine-rest/task/" + review + "/claim", Map.of("userId", "moef-reviewer")).status())
        .isEqualTo(204);

    // Every shown field, read-only ones included, untyped: the stored Long 6000 comes back as the number 6000.
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("programmeCode", "AX-GWANGJU-2203");
    shown.put("programmeName", "광주 AX 혁신 기술개발사업 (Gwangju AX innovation R&D programme)");
    shown.put("region", "gwangju");
    shown.put("startYear", 2026);
    shown.put("endYear", 2030);
    shown.put("totalCost", 6000);
    shown.put("nationalFunding", 4200);
    shown.put("localFunding", 1800);
    shown.put("summary", "요약 (Summary)");
    shown.put("exemptionGround", "ART38_2_10");
    shown.put("exemptionJustification", "지역 균형발전 (Balanced regional development)");
    shown.put("exemptionReviewDecision", "SUPPLEMENT");
    shown.put("exemptionReviewComment", "재원 분담 근거 보완 (Justify the funding split)");
    Response submitted = reviewer.post("/engine-rest/task/" + review + "/submit-form", formValues(shown));

    assertThat(submitted.status()).as(submitted.text()).isEqualTo(204);
    assertThat(admin.getJson("/engine-rest/history/detail?variableUpdates=true&processInstanceId=" + instance))
        .as("the unchanged total cost is not stored again")
        .filteredOn(detail -> detail.path("variableName").asText().equals("totalCost")).hasSize(1);
    JsonNode totalCost = admin.getJson("/engine-rest/process-instance/" + instance + "/variables/totalCost");
    assertThat(totalCost.path("type").asText()).isEqualTo("Long");
    assertThat(totalCost.path("value").asLong()).isEqualTo(6000L);
    assertThat(admin.getJson("/engine-rest/process-instance/" + instance + "/variables/exemptionReviewDecision")
        .path("value").asText()).isEqualTo("SUPPLEMENT");
  }

  @Test
  void tasklistsOwnApiRefusesTheSameAsTheRestApi() {
    String instance = toExemptionReview("AX-GWANGJU-2204", "gwangju");
    String review = admin.taskId("AX-GWANGJU-2204", "Task_ReviewExemptionRequest");
    WebappSession tasklist = WebappSession.login(port, "tasklist", "moef-reviewer", Officials.PASSWORD);
    String api = "/camunda/api/engine/engine/default/task/" + review;
    // The first request of the new session hands out its CSRF token, as when Tasklist opens the task.
    assertThat(tasklist.get(api + "/form-variables").status()).isEqualTo(200);
    WebappSession.Response claimed = tasklist.post(api + "/claim", "{\"userId\": \"moef-reviewer\"}");
    assertThat(claimed.status()).as(claimed.text()).isEqualTo(204);

    WebappSession.Response refused = tasklist.post(api + "/submit-form", formValues(Map.of(
        "exemptionReviewDecision", "RECOMMEND", "totalCost", 1, "injected", "<script>x</script>")).toString());
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.text()).contains("'totalCost'", "'injected'");
    WebappSession.Response written = tasklist.put(api + "/variables/totalCost", "{\"value\": 1, \"type\": \"Long\"}");
    assertThat(written.status()).as(written.text()).isEqualTo(403);
    assertUnchanged(instance, review);
  }

  @Test
  void theInternalApprovalAsTasklistSubmitsItIsAccepted() {
    String instance = start("AX-DAEGU-2203", "daegu");
    String approval = admin.taskId("AX-DAEGU-2203", "Task_ApproveProposalInternally");
    Map<String, Object> shown = new HashMap<>(proposal("AX-DAEGU-2203", "daegu"));
    shown.replaceAll((name, value) -> value instanceof Long number ? number.intValue() : value);
    shown.put("ministries", new JsonValue("[\"MSIT\"]"));
    shown.put("internalApprovalDecision", "APPROVE");

    Response submitted = as("daegu-director").post("/engine-rest/task/" + approval + "/submit-form",
        formValues(shown));

    assertThat(submitted.status()).as(submitted.text()).isEqualTo(204);
    assertThat(admin.getJson("/engine-rest/process-instance/" + instance + "/variables/ministries").path("type")
        .asText()).isEqualTo("Json");
    assertThat(admin.getJson("/engine-rest/task?processInstanceId=" + instance)).singleElement()
        .satisfies(task -> assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("Task_ReviewProposal"));
  }

  @Test
  void aStartSetsOnlyWhatTheStartFormAsks() {
    Map<String, Object> proposal = proposal("AX-DAEGU-2201", "daegu");
    proposal.put("injected", "<script>x</script>");
    proposal.put("feasibilityStudy", "NOT_REQUIRED");
    Response refused = as("daegu-planner").post(START, variables(proposal));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.body().findValuesAsText("field")).containsExactlyInAnyOrder("injected", "feasibilityStudy");
    assertThat(admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-DAEGU-2201"))
        .isEmpty();

    Map<String, Object> skipping = new HashMap<>(Map.of("variables", variables(proposal("AX-DAEGU-2202", "daegu"))
        .get("variables"), "startInstructions", List.of(Map.of("type", "startBeforeActivity",
        "activityId", "Task_ReviewBusinessPlanAdequacy"))));
    Response atALaterActivity = as("daegu-planner").post(START, skipping);
    assertThat(atALaterActivity.status()).as(atALaterActivity.text()).isEqualTo(403);
    assertThat(admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-DAEGU-2202"))
        .isEmpty();
  }

  @Test
  void officialsWriteNoVariablesOutsideTheirFormsAndAdministratorsStillDo() {
    String instance = toExemptionReview("AX-GYEONGNAM-2201", "gyeongnam");
    String review = admin.taskId("AX-GYEONGNAM-2201", "Task_ReviewExemptionRequest");
    String execution = admin.getJson("/engine-rest/task/" + review).path("executionId").asText();
    EngineRest reviewer = as("moef-reviewer");
    assertThat(reviewer.post("/engine-rest/task/" + review + "/claim", Map.of("userId", "moef-reviewer")).status())
        .isEqualTo(204);
    Map<String, Object> oneCost = Map.of("value", 1, "type", "Long");
    Map<String, Object> modifications = Map.of("modifications", Map.of("totalCost", oneCost));

    List<Response> attempts = List.of(
        reviewer.put("/engine-rest/task/" + review + "/variables/totalCost", oneCost),
        reviewer.put("/engine-rest/task/" + review + "/localVariables/injected", Map.of("value", "x")),
        reviewer.post("/engine-rest/task/" + review + "/variables", modifications),
        reviewer.post("/engine-rest/task/" + review + "/localVariables", modifications),
        reviewer.delete("/engine-rest/task/" + review + "/variables/totalCost"),
        reviewer.put("/engine-rest/execution/" + execution + "/localVariables/totalCost", oneCost),
        reviewer.post("/engine-rest/execution/" + execution + "/localVariables", modifications),
        reviewer.put("/engine-rest/process-instance/" + instance + "/variables/totalCost", oneCost),
        reviewer.post("/engine-rest/process-instance/" + instance + "/variables", modifications),
        reviewer.delete("/engine-rest/process-instance/" + instance + "/variables/totalCost"),
        reviewer.post("/engine-rest/process-instance/" + instance + "/modification", Map.of("instructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ReviewBusinessPlanAdequacy")))),
        reviewer.post("/engine-rest/message", Map.of("messageName", "ObjectionFiled",
            "businessKey", "AX-GYEONGNAM-2201", "processVariables", Map.of("totalCost", oneCost))),
        reviewer.post("/engine-rest/signal", Map.of("name", "anything", "variables", Map.of("totalCost", oneCost))),
        reviewer.post("/engine-rest/task/" + review + "/identity-links",
            Map.of("groupId", "region-planners", "type", "candidate")),
        reviewer.post("/engine-rest/task/" + review + "/delegate", Map.of("userId", "msit-officer")));

    assertThat(attempts).allSatisfy(attempt -> {
      assertThat(attempt.status()).as(attempt.text()).isEqualTo(403);
      assertThat(attempt.body().path("message").asText()).contains("only through their task's form");
    });
    assertUnchanged(instance, review);
    assertThat(admin.getJson("/engine-rest/task/" + review + "/identity-links?type=candidate").findValuesAsText("groupId"))
        .containsExactly("moef-reviewers");

    assertThat(admin.put("/engine-rest/process-instance/" + instance + "/variables/correctedNote",
        Map.of("value", "정정 (correction)", "type", "String")).status()).isEqualTo(204);
    assertThat(admin.put("/engine-rest/task/" + review + "/localVariables/correctedNote",
        Map.of("value", "정정 (correction)", "type", "String")).status()).isEqualTo(204);
    assertThat(admin.post("/engine-rest/process-instance/" + instance + "/variables", modifications).status())
        .isEqualTo(204);
    assertThat(admin.delete("/engine-rest/process-instance/" + instance + "/variables/correctedNote").status())
        .isEqualTo(204);
    assertThat(admin.getJson("/engine-rest/process-instance/" + instance + "/variables/totalCost").path("value")
        .asLong()).isEqualTo(1L);
  }

  @Test
  void onlyTheOfficialWhoClaimedATaskDecidesIt() {
    String instance = start("AX-JEONBUK-2201", "jeonbuk");
    complete("jeonbuk-director", admin.taskId("AX-JEONBUK-2201", "Task_ApproveProposalInternally"),
        Map.of("internalApprovalDecision", "APPROVE"));
    String review = admin.taskId("AX-JEONBUK-2201", "Task_ReviewProposal");
    EngineRest first = as("msit-officer");
    EngineRest second = as("msit-officer2");
    assertThat(first.post("/engine-rest/task/" + review + "/claim", Map.of("userId", "msit-officer")).status())
        .isEqualTo(204);

    List<Response> attempts = List.of(
        second.post("/engine-rest/task/" + review + "/complete",
            variables(Map.of("proposalReviewDecision", "REJECT", "proposalReviewComment", "부적합 (unsuitable)"))),
        second.post("/engine-rest/task/" + review + "/submit-form",
            formValues(Map.of("proposalReviewDecision", "ADOPT"))),
        second.post("/engine-rest/task/" + review + "/unclaim", Map.of()),
        second.post("/engine-rest/task/" + review + "/assignee", Map.of("userId", "msit-officer2")),
        second.post("/engine-rest/task/" + review + "/claim", Map.of("userId", "msit-officer2")));
    assertThat(attempts).allSatisfy(attempt -> {
      assertThat(attempt.status()).as(attempt.text()).isEqualTo(409);
      assertThat(attempt.body().path("message").asText()).contains("another official claimed this task first");
    });
    assertThat(admin.getJson("/engine-rest/task/" + review).path("assignee").asText()).isEqualTo("msit-officer");
    assertThat(variableNames(instance)).doesNotContain("proposalReviewDecision");

    complete("msit-officer", review, Map.of("proposalReviewDecision", "ADOPT"));
    assertThat(admin.getJson("/engine-rest/history/task?taskId=" + review)).singleElement()
        .satisfies(task -> assertThat(task.path("assignee").asText()).isEqualTo("msit-officer"));
    assertThat(as("jeonbuk-planner").getJson("/api/programmes/AX-JEONBUK-2201/audit"))
        .filteredOn(entry -> entry.path("taskKey").asText().equals("Task_ReviewProposal"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.path("completedBy").asText()).isEqualTo("msit-officer"));
  }

  @Test
  void theHolderHandsATaskOverOnlyToAnotherCandidateAndAnUnclaimedTaskIsClaimedByWhoCompletesIt() {
    start("AX-JEONBUK-2202", "jeonbuk");
    String approval = admin.taskId("AX-JEONBUK-2202", "Task_ApproveProposalInternally");
    complete("jeonbuk-director", approval, Map.of("internalApprovalDecision", "APPROVE"));
    assertThat(admin.getJson("/engine-rest/history/task?taskId=" + approval).get(0).path("assignee").asText())
        .isEqualTo("jeonbuk-director");

    String review = admin.taskId("AX-JEONBUK-2202", "Task_ReviewProposal");
    EngineRest first = as("msit-officer");
    assertThat(first.post("/engine-rest/task/" + review + "/claim", Map.of("userId", "msit-officer")).status())
        .isEqualTo(204);
    Response toAPlanner = first.post("/engine-rest/task/" + review + "/assignee", Map.of("userId", "jeonbuk-planner"));
    assertThat(toAPlanner.status()).as(toAPlanner.text()).isEqualTo(403);
    Response toAColleague = first.post("/engine-rest/task/" + review + "/assignee", Map.of("userId", "msit-officer2"));
    assertThat(toAColleague.status()).as(toAColleague.text()).isEqualTo(204);

    complete("msit-officer2", review, Map.of("proposalReviewDecision", "ADOPT"));
    assertThat(admin.getJson("/engine-rest/history/task?taskId=" + review).get(0).path("assignee").asText())
        .isEqualTo("msit-officer2");
  }

  /** Starts a programme and takes it to the budget ministry's review of its exemption request. */
  private String toExemptionReview(String code, String region) {
    String instance = start(code, region);
    complete(region + "-director", admin.taskId(code, "Task_ApproveProposalInternally"),
        Map.of("internalApprovalDecision", "APPROVE"));
    complete("msit-officer", admin.taskId(code, "Task_ReviewProposal"), Map.of("proposalReviewDecision", "ADOPT"));
    complete("msit-officer", admin.taskId(code, "Task_PrepareExemptionRequest"), Map.of(
        "exemptionGround", "ART38_2_10", "exemptionJustification", "지역 균형발전 (Balanced regional development)"));
    return instance;
  }

  private void assertUnchanged(String instance, String taskId) {
    JsonNode variables = admin.getJson("/engine-rest/process-instance/" + instance + "/variables");
    assertThat(variables.path("totalCost").path("value").asLong()).isEqualTo(6000L);
    assertThat(variables.path("totalCost").path("type").asText()).isEqualTo("Long");
    assertThat(variables.path("region").path("value").asText()).isNotEqualTo("daegu");
    assertThat(variables.has("injected")).isFalse();
    assertThat(variables.has("exemptionReviewDecision")).isFalse();
    assertThat(admin.getJson("/engine-rest/task/" + taskId + "/localVariables").has("injected")).isFalse();
    assertThat(admin.get("/engine-rest/task/" + taskId).status()).isEqualTo(200);
  }

  private List<String> variableNames(String instance) {
    List<String> names = new ArrayList<>();
    admin.getJson("/engine-rest/process-instance/" + instance + "/variables").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private String start(String code, String region) {
    Response started = as(region + "-planner").post(START, variables(proposal(code, region)));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started.body().path("id").asText();
  }

  private void complete(String official, String taskId, Map<String, Object> variables) {
    Response completed = as(official).post("/engine-rest/task/" + taskId + "/complete", variables(variables));
    assertThat(completed.status()).as(completed.text()).isEqualTo(204);
  }

  private EngineRest as(String user) {
    return EngineRest.at(port).as(user, Officials.PASSWORD);
  }

  /** Gwangju's proposal: the shared start form with Gwangju's name and figures. */
  private static Map<String, Object> proposal(String code, String region) {
    Map<String, Object> proposal = Proposals.proposal(code, region);
    proposal.put("programmeName", "광주 AX 혁신 기술개발사업 (Gwangju AX innovation R&D programme)");
    proposal.put("totalCost", 6000L);
    proposal.put("nationalFunding", 4200L);
    proposal.put("localFunding", 1800L);
    proposal.put("standardModelCost", 1500L);
    proposal.put("solutionProductCost", 3900L);
    proposal.put("rndCentreCost", 600L);
    return proposal;
  }
}
