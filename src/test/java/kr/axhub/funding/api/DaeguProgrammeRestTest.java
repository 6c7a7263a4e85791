package kr.axhub.funding.api;

import static kr.axhub.funding.support.EngineRest.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.JsonValue;
import kr.axhub.funding.support.EngineRest.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Daegu programme driven from its proposal to "programme launched" through the REST API only, each task
 * completed with the variables its form submits, on the real application (H2, all models deployed); plus the input
 * mistakes the server must refuse without changing anything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DaeguProgrammeRestTest {

  private static final String DAEGU = "AX-DAEGU-2026";
  private static final List<String> RND_TASKS = List.of("DG-ROBOT-SM", "DG-BIO-SOL");

  /** Who completes each task: the official of its candidate group, as in real life. */
  private static final Map<String, String> OFFICIAL_OF = Map.ofEntries(
      Map.entry("Task_ApproveProposalInternally", "daegu-director"),
      Map.entry("Task_ReviewProposal", "msit-officer"),
      Map.entry("Task_PrepareExemptionRequest", "msit-officer"),
      Map.entry("Task_ReviewExemptionRequest", "moef-reviewer"),
      Map.entry("Task_TableCabinetAgenda", "msit-officer"),
      Map.entry("Task_RecordCabinetResolution", "cabinet-secretary"),
      Map.entry("Task_RecordCommitteeConfirmation", "msit-officer"),
      Map.entry("Task_ReviewBusinessPlanAdequacy", "kistep-reviewer"),
      Map.entry("Task_RequestBudget", "msit-officer"),
      Map.entry("Task_RecordAppropriation", "msit-officer"),
      Map.entry("Task_PublishImplementationPlan", "msit-officer"),
      Map.entry("Task_AnnounceCallForProposals", "agency-officer"),
      Map.entry("Task_RegisterApplications", "agency-officer"),
      Map.entry("Task_ScreenEligibility", "agency-officer"),
      Map.entry("Task_CheckPanelConflictOfInterest", "agency-officer"),
      Map.entry("Task_EvaluateProposals", "evaluator"),
      Map.entry("Task_SignAgreement", "agency-officer"),
      Map.entry("Task_ConfirmTaskKickoff", "lead-institution"));

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  /** An administrator: runs jobs as the job executor would and reads what officials may not. */
  private EngineRest admin;
  private EngineRest planner;

  @BeforeEach
  void officials() {
    Officials.regional(identityService, "daegu-planner", "region-planners", "daegu");
    Officials.regional(identityService, "daegu-director", "region-directors", "daegu");
    Officials.national(identityService, "msit-officer", "msit-officers");
    Officials.national(identityService, "moef-reviewer", "moef-reviewers");
    Officials.national(identityService, "cabinet-secretary", "cabinet-secretariat");
    Officials.national(identityService, "kistep-reviewer", "kistep-reviewers");
    Officials.national(identityService, "agency-officer", "agency-officers");
    Officials.national(identityService, "evaluator", "evaluation-panel");
    Officials.national(identityService, "lead-institution", "lead-institutions");
    Officials.national(identityService, "operator", "camunda-admin");
    admin = EngineRest.at(port).as("operator", Officials.PASSWORD);
    planner = EngineRest.at(port).as("daegu-planner", Officials.PASSWORD);
  }

  private EngineRest officialFor(String taskKey) {
    return EngineRest.at(port).as(OFFICIAL_OF.get(taskKey), Officials.PASSWORD);
  }

  @Test
  void daeguGoesFromProposalToProgrammeLaunchedThroughRestOnly() {
    Response started = planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(daeguProposal()));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    String instanceId = started.body().path("id").asText();
    assertThat(started.body().path("businessKey").asText()).isEqualTo(DAEGU);

    complete("Task_ApproveProposalInternally", vars("internalApprovalDecision", "APPROVE"));
    complete("Task_ReviewProposal", vars("proposalReviewDecision", "ADOPT"));
    assertThat(variable(instanceId, "feasibilityStudy")).isEqualTo("REQUIRED");
    complete("Task_PrepareExemptionRequest", vars(
        "exemptionGround", "ART38_2_10",
        "exemptionJustification", "지역 균형발전 (Balanced regional development)"));
    submitForm("Task_ReviewExemptionRequest", vars("exemptionReviewDecision", "RECOMMEND"));
    complete("Task_TableCabinetAgenda", vars(
        "agendaTitle", "지역거점 AX 혁신 기술개발사업 예타 면제 (Exemption of the regional AX programme)",
        "meetingDate", "2025-08-18"));
    complete("Task_RecordCabinetResolution", vars("cabinetResolution", "RESOLVED", "resolutionDate", "2025-08-18"));
    complete("Task_RecordCommitteeConfirmation", vars(
        "committeeDecision", "CONFIRMED", "committeeConfirmationDate", "2025-08-22"));
    executeJob(instanceId, "ServiceTask_ReportExemptionToAssembly");
    assertThat(variable(instanceId, "assemblyReportedAt")).isNotNull();

    complete("Task_ReviewBusinessPlanAdequacy", vars("adequacyDecision", "CONFIRMED", "confirmedTotalCost", 5510L));
    complete("Task_RequestBudget", vars("fiscalYear", 2026L, "requestedAppropriation", 229L));
    complete("Task_RecordAppropriation", vars("appropriatedAmount", 229L, "appropriationDate", "2025-12-02"));
    submitForm("Task_PublishImplementationPlan", vars(
        "planTitle", "2026년도 지역거점 AX 혁신 기술개발사업 시행계획 (Implementation plan 2026)",
        "rndTasks", new JsonValue("""
            [{"taskCode": "DG-ROBOT-SM", "title": "완전자율 로봇 표준모델 (Autonomous robot standard model)",
              "track": "STANDARD_MODEL", "sector": "ROBOT", "budget": 80},
             {"taskCode": "DG-BIO-SOL", "title": "치과 AX 솔루션 (Dental AX solution)",
              "track": "SOLUTION", "sector": "MEDICAL_BIO", "budget": 60}]""")));

    JsonNode children = admin.getJson("/engine-rest/process-instance?superProcessInstance=" + instanceId);
    assertThat(children.findValuesAsText("businessKey"))
        .containsExactlyInAnyOrder(DAEGU + "/DG-ROBOT-SM", DAEGU + "/DG-BIO-SOL");
    for (String task : RND_TASKS) {
      kickOff(DAEGU + "/" + task);
    }

    JsonNode history = admin.getJson("/engine-rest/history/process-instance/" + instanceId);
    assertThat(history.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(admin.getJson("/engine-rest/history/activity-instance?processInstanceId=" + instanceId
        + "&activityId=EndEvent_ProgrammeLaunched")).hasSize(1);
  }

  @Test
  void aStartWithBadInputIsRefusedWithTheFieldNamedAndNothingStarts() {
    Map<String, Object> missingCost = daeguProposal("AX-DAEGU-2027");
    missingCost.remove("totalCost");
    assertRefused(planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start", variables(missingCost)),
        "totalCost");

    Map<String, Object> tooMuchNationalFunding = daeguProposal("AX-DAEGU-2027");
    tooMuchNationalFunding.put("nationalFunding", 6000L);
    assertRefused(planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(tooMuchNationalFunding)), "nationalFunding");

    assertThat(admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=AX-DAEGU-2027"))
        .isEmpty();
  }

  @Test
  void aCompletionWithBadInputIsRefusedAndTheTaskStaysOpenWithItsData() {
    String code = "AX-DAEGU-2028";
    assertThat(planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(daeguProposal(code))).status()).isEqualTo(200);
    String approval = officialFor("Task_ApproveProposalInternally").taskId(code, "Task_ApproveProposalInternally");
    complete(code, "Task_ApproveProposalInternally", vars("internalApprovalDecision", "APPROVE"));
    assertThat(admin.get("/engine-rest/task/" + approval).status()).isEqualTo(404);

    EngineRest reviewer = officialFor("Task_ReviewProposal");
    String review = reviewer.taskId(code, "Task_ReviewProposal");
    JsonNode before = admin.getJson("/engine-rest/task/" + review + "/variables");

    assertRefused(reviewer.post("/engine-rest/task/" + review + "/complete", variables(Map.of())),
        "proposalReviewDecision");
    assertRefused(reviewer.post("/engine-rest/task/" + review + "/complete",
        variables(vars("proposalReviewDecision", "MAYBE"))), "proposalReviewDecision");
    assertRefused(reviewer.post("/engine-rest/task/" + review + "/submit-form",
        variables(vars("proposalReviewDecision", "REJECT"))), "proposalReviewReason");

    String appropriationCode = "AX-DAEGU-2029";
    assertThat(planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start",
        variables(daeguProposal(appropriationCode))).status()).isEqualTo(200);
    complete(appropriationCode, "Task_ApproveProposalInternally", vars("internalApprovalDecision", "APPROVE"));
    String reviewOfOther = reviewer.taskId(appropriationCode, "Task_ReviewProposal");
    assertRefused(reviewer.post("/engine-rest/task/" + reviewOfOther + "/complete",
        variables(vars("proposalReviewDecision", 1L))), "proposalReviewDecision");

    assertThat(reviewer.taskId(code, "Task_ReviewProposal")).isEqualTo(review);
    assertThat(admin.getJson("/engine-rest/task/" + review + "/variables")).isEqualTo(before);
  }

  @Test
  void aNumberOfTheWrongTypeOrOutOfRangeIsRefused() {
    String code = "AX-DAEGU-2030";
    Map<String, Object> proposal = daeguProposal(code);
    proposal.put("totalCost", "5510");
    assertRefused(planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start", variables(proposal)),
        "totalCost");
    proposal = daeguProposal(code);
    proposal.put("startYear", 1999L);
    assertRefused(planner.post("/engine-rest/process-definition/key/ax-funding-pipeline/start", variables(proposal)),
        "startYear");
  }

  private void kickOff(String taskBusinessKey) {
    String childId = admin.getJson("/engine-rest/process-instance?businessKey=" + EngineRest.encode(taskBusinessKey))
        .get(0).path("id").asText();
    complete(taskBusinessKey, "Task_AnnounceCallForProposals", vars(
        "announcementNumber", "IITP-2026-001", "callOpensOn", "2026-01-05", "callClosesOn", "2026-02-13"));
    executeJob(childId, "TimerEvent_CallClosed");
    complete(taskBusinessKey, "Task_RegisterApplications", vars("applicationCount", 4L, "applicants", "4개 컨소시엄"));
    complete(taskBusinessKey, "Task_ScreenEligibility", vars("eligibleCount", 3L, "screeningNotes", "1개 요건 미달"));
    submitForm(taskBusinessKey, "Task_CheckPanelConflictOfInterest", vars("panelMembers", new JsonValue("""
        [{"name": "김평가", "affiliation": "KAIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
         {"name": "이평가", "affiliation": "POSTECH", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
         {"name": "박평가", "affiliation": "UNIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
         {"name": "최평가", "affiliation": "GIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
         {"name": "정평가", "affiliation": "DGIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
         {"name": "한평가", "affiliation": "KNU", "sanctionedWithinThreeYears": true, "conflictOfInterest": false}]""")));
    complete(taskBusinessKey, "Task_EvaluateProposals", vars(
        "averageScore", 82.5, "selectedApplicant", "대구 AX 컨소시엄", "evaluationSummary", "우수 (Excellent)"));
    assertThat(variable(childId, "selectionDecision")).isEqualTo("SELECTED");
    executeJob(childId, "TimerEvent_ObjectionWindowClosed");
    complete(taskBusinessKey, "Task_SignAgreement", vars(
        "agreementNumber", "AG-" + taskBusinessKey, "signedOn", "2026-03-20", "agreedBudget", 50L));
    complete(taskBusinessKey, "Task_ConfirmTaskKickoff", vars(
        "kickoffDate", "2026-04-01", "principalInvestigator", "홍길동"));
  }

  private void complete(String taskKey, Map<String, Object> variables) {
    complete(DAEGU, taskKey, variables);
  }

  private void complete(String businessKey, String taskKey, Map<String, Object> variables) {
    EngineRest official = officialFor(taskKey);
    Response response = official.post("/engine-rest/task/" + official.taskId(businessKey, taskKey) + "/complete",
        variables(variables));
    assertThat(response.status()).as("%s of %s: %s", taskKey, businessKey, response.text()).isEqualTo(204);
  }

  /** Completes a task the way Tasklist submits a Camunda Form. */
  private void submitForm(String taskKey, Map<String, Object> variables) {
    submitForm(DAEGU, taskKey, variables);
  }

  private void submitForm(String businessKey, String taskKey, Map<String, Object> variables) {
    EngineRest official = officialFor(taskKey);
    Response response = official.post("/engine-rest/task/" + official.taskId(businessKey, taskKey) + "/submit-form",
        variables(variables));
    assertThat(response.status()).as("%s of %s: %s", taskKey, businessKey, response.text()).isEqualTo(204);
  }

  /** Runs the one job waiting at this element (an asynchronous step or a timer) through REST. */
  private void executeJob(String processInstanceId, String activityId) {
    JsonNode jobs = admin.getJson("/engine-rest/job?processInstanceId=" + processInstanceId + "&activityId=" + activityId);
    assertThat(jobs).as("jobs at %s of %s", activityId, processInstanceId).hasSize(1);
    Response executed = admin.post("/engine-rest/job/" + jobs.get(0).path("id").asText() + "/execute", "");
    assertThat(executed.status()).as(executed.text()).isEqualTo(204);
  }

  private Object variable(String processInstanceId, String name) {
    JsonNode variable = admin.getJson("/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId
        + "&variableName=" + name);
    return variable.isEmpty() ? null : variable.get(0).path("value").asText(null);
  }

  private static void assertRefused(Response response, String field) {
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.body().path("message").asText()).contains("'" + field + "'");
  }

  private static Map<String, Object> daeguProposal() {
    return daeguProposal(DAEGU);
  }

  private static Map<String, Object> daeguProposal(String code) {
    return vars(
        "programmeCode", code,
        "programmeName", "대구 지역거점 AX 혁신 기술개발사업",
        "region", "daegu",
        "proposalDate", "2022-08-01",
        "startYear", 2026L,
        "endYear", 2030L,
        "ministries", new JsonValue("[\"MSIT\", \"MOTIE\", \"MOHW\"]"),
        "leadMinistry", "MSIT",
        "totalCost", 5510L,
        "nationalFunding", 3800L,
        "localFunding", 1710L,
        "standardModelCost", 1380L,
        "solutionProductCost", 3580L,
        "rndCentreCost", 550L,
        "summary", "로봇·바이오 표준모델 (Standard models for robots and bio)");
  }

  private static Map<String, Object> vars(Object... keysAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return variables;
  }
}
