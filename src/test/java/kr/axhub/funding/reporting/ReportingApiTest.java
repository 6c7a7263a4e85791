package kr.axhub.funding.reporting;

import static kr.axhub.funding.pipeline.PipelineElements.*;
import static kr.axhub.funding.reporting.ProgrammeDriver.DAY;
import static kr.axhub.funding.reporting.ProgrammeDriver.day;
import static kr.axhub.funding.reporting.ProgrammeDriver.mutable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.pipeline.PipelineForms;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.Officials;
import kr.axhub.funding.support.WebappSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The reporting API on history produced by driving three programmes through the pipeline on a clock moved by hand,
 * so every stage duration is known in advance:
 *
 * <ul>
 *   <li>AX-DAEGU-2026 — proposal sent back for a supplement and adopted on the second round (a loop inside a
 *       stage), exemption, cabinet, committee, adequacy review with a restructuring (another loop inside a stage),
 *       budget, implementation plan; then an administrator sends it back from the kickoff to the adequacy review, so
 *       the adequacy review, the budget and the kickoff are each visited twice; it now waits in the kickoff.
 *   <li>AX-GWANGJU-2026 — rejected at the proposal review (finished).
 *   <li>AX-DAEGU-2027 — adopted, now waiting for its exemption request.
 * </ul>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportingApiTest {

  private static final String DAEGU = "AX-DAEGU-2026";
  private static final String GWANGJU = "AX-GWANGJU-2026";
  private static final String DAEGU_LATER = "AX-DAEGU-2027";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  private String daegu;
  private String gwangju;
  private String daeguLater;
  private OffsetDateTime kickoffDue;

  @BeforeAll
  void driveProgrammes() {
    Officials.regional(identityService, "daegu-planner", "region-planners", "daegu");
    Officials.regional(identityService, "daegu-director", "region-directors", "daegu");
    Officials.regional(identityService, "gwangju-planner", "region-planners", "gwangju");
    Officials.regional(identityService, "gwangju-director", "region-directors", "gwangju");
    Officials.national(identityService, "msit-officer", "msit-officers");
    Officials.national(identityService, "moef-reviewer", "moef-reviewers");
    Officials.national(identityService, "cabinet-secretary", "cabinet-secretariat");
    Officials.national(identityService, "kistep-reviewer", "kistep-reviewers");
    Officials.national(identityService, "pipeline-manager", "pipeline-managers");

    ProgrammeDriver p = new ProgrammeDriver(identityService, runtimeService, taskService, managementService);
    daegu = p.on(0).start("daegu-planner", PipelineForms.proposal(DAEGU));
    p.on(2).complete(daegu, TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director", PipelineForms.internalApproval("APPROVE", ""));
    Map<String, Object> gwangjuProposal = mutable(PipelineForms.proposal(GWANGJU));
    gwangjuProposal.put(REGION, "gwangju");
    gwangju = p.on(3).start("gwangju-planner", gwangjuProposal);
    p.on(4).complete(gwangju, TASK_APPROVE_PROPOSAL_INTERNALLY, "gwangju-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.on(5).complete(daegu, TASK_REVIEW_PROPOSAL, "msit-officer",
        PipelineForms.proposalReview("SUPPLEMENT", "재원 분담 근거 보완 (Justify the funding split)"));
    daeguLater = p.on(6).start("daegu-planner", PipelineForms.proposal(DAEGU_LATER));
    p.on(7).complete(daeguLater, TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.on(8).complete(gwangju, TASK_REVIEW_PROPOSAL, "msit-officer",
        PipelineForms.proposalReview("REJECT", "국가 정책 방향과 불일치 (Not in line with national policy)"));
    p.on(9).complete(daegu, TASK_REVISE_PROPOSAL, "daegu-planner", PipelineForms.editableProposal(5510L, 1380L, 3580L, 550L));
    p.on(10).complete(daegu, TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.complete(daeguLater, TASK_REVIEW_PROPOSAL, "msit-officer", PipelineForms.proposalReview("ADOPT", ""));
    p.on(12).complete(daegu, TASK_REVIEW_PROPOSAL, "msit-officer", PipelineForms.proposalReview("ADOPT", ""));
    p.on(20).complete(daegu, TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", PipelineForms.exemptionRequest("ART38_2_10"));
    p.on(30).complete(daegu, TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer", PipelineForms.exemptionReview("RECOMMEND", ""));
    p.on(31).complete(daegu, TASK_TABLE_CABINET_AGENDA, "msit-officer", PipelineForms.cabinetAgenda());
    p.on(40).complete(daegu, TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary",
        PipelineForms.cabinetResolution("RESOLVED"));
    p.on(44).complete(daegu, TASK_RECORD_COMMITTEE_CONFIRMATION, "msit-officer", PipelineForms.committee("CONFIRMED"));
    p.on(45).executeJob(daegu, SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY);
    p.on(60).complete(daegu, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "kistep-reviewer",
        PipelineForms.adequacyRestructure("표준모델 비중 과다 (Too much on standard models)"));
    p.on(70).complete(daegu, TASK_RESTRUCTURE_BUSINESS_PLAN, "daegu-planner",
        PipelineForms.restructuredPlan(5200L, 1200L, 3500L, 500L));
    p.on(75).complete(daegu, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "kistep-reviewer",
        PipelineForms.adequacyConfirmed(5200L));
    p.on(80).complete(daegu, TASK_REQUEST_BUDGET, "msit-officer", PipelineForms.budgetRequest(2026L, 229L));
    p.on(100).complete(daegu, TASK_RECORD_APPROPRIATION, "msit-officer", PipelineForms.appropriation(229L));
    p.on(110).sendBack(daegu, TASK_PUBLISH_IMPLEMENTATION_PLAN, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY);
    p.on(115).complete(daegu, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "kistep-reviewer",
        PipelineForms.adequacyConfirmed(5200L));
    p.on(116).complete(daegu, TASK_REQUEST_BUDGET, "msit-officer", PipelineForms.budgetRequest(2026L, 229L));
    p.on(120).complete(daegu, TASK_RECORD_APPROPRIATION, "msit-officer", PipelineForms.appropriation(229L));
    kickoffDue = ProgrammeReports.time(p.openTask(daegu, TASK_PUBLISH_IMPLEMENTATION_PLAN).getDueDate());
    p.on(130);
  }

  @AfterAll
  void realClock() {
    ClockUtil.reset();
  }

  private EngineRest as(String official) {
    return EngineRest.at(port).as(official, Officials.PASSWORD);
  }

  @Test
  void aProgrammeShowsEveryStageVisitWithDurationOutcomeAndActorAcrossLoops() {
    JsonNode report = as("pipeline-manager").getJson("/api/reporting/programmes/" + DAEGU);
    assertThat(report.path("region").asText()).isEqualTo("daegu");
    assertThat(report.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(report.path("name").asText()).contains("AX");

    List<String> stages = new ArrayList<>();
    report.path("visits").forEach(v -> stages.add(v.path("stage").asText() + "#" + v.path("visit").asInt()));
    assertThat(stages).containsExactly("PROPOSAL#1", "FEASIBILITY_REQUIREMENT#1", "EXEMPTION#1", "CABINET#1",
        "COMMITTEE#1", "ADEQUACY_REVIEW#1", "BUDGET#1", "KICKOFF#1", "ADEQUACY_REVIEW#2", "BUDGET#2", "KICKOFF#2");

    JsonNode visits = report.path("visits");
    assertVisit(visits.get(0), 0, 12, "ADOPT", "msit-officer");
    assertVisit(visits.get(1), 12, 12, "REQUIRED", null);
    assertVisit(visits.get(2), 12, 30, "RECOMMEND", "moef-reviewer");
    assertVisit(visits.get(3), 30, 40, "RESOLVED", "cabinet-secretary");
    assertVisit(visits.get(4), 40, 45, "CONFIRMED", "msit-officer");
    assertVisit(visits.get(5), 45, 75, "CONFIRMED", "kistep-reviewer");
    assertVisit(visits.get(6), 75, 100, "229", "msit-officer");
    assertVisit(visits.get(7), 100, 110, "CANCELED", null);
    assertVisit(visits.get(8), 110, 115, "CONFIRMED", "kistep-reviewer");
    assertVisit(visits.get(9), 115, 120, "229", "msit-officer");

    JsonNode proposal = visits.get(0);
    assertThat(proposal.path("stageLabel").asText()).isEqualTo("사업 제안 (Proposal)");
    List<String> steps = new ArrayList<>();
    proposal.path("steps").forEach(s -> steps.add(s.path("element").asText() + " " + s.path("completedBy").asText()
        + " " + s.path("decision").asText(null)));
    assertThat(steps).containsExactly(
        "Task_ApproveProposalInternally daegu-director APPROVE",
        "Task_ReviewProposal msit-officer SUPPLEMENT",
        "Task_ReviseProposal daegu-planner null",
        "Task_ApproveProposalInternally daegu-director APPROVE",
        "Task_ReviewProposal msit-officer ADOPT");
    assertThat(visits.get(5).path("steps").findValuesAsText("decision"))
        .as("review, restructuring (no decision), review again").containsExactly("RESTRUCTURE", "null", "CONFIRMED");

    JsonNode kickoff = visits.get(10);
    assertThat(kickoff.path("open").asBoolean()).isTrue();
    assertThat(time(kickoff.path("entered"))).isEqualTo(day(120).getTime());
    assertThat(kickoff.path("left").isNull()).isTrue();
    assertThat(kickoff.path("durationMillis").asLong()).isEqualTo(10 * DAY);
    assertThat(kickoff.path("outcome").isNull()).isTrue();
    assertThat(kickoff.path("waitingAt").asText()).isEqualTo("시행계획 공고 (Publish implementation plan)");
    assertThat(report.path("currentStage").asText()).isEqualTo("KICKOFF");
    assertThat(report.path("waitingAt").asText()).isEqualTo("시행계획 공고 (Publish implementation plan)");
    assertThat(OffsetDateTime.parse(report.path("dueDate").asText())).isEqualTo(kickoffDue);
    assertThat(kickoffDue.toInstant().toEpochMilli()).isEqualTo(day(120 + 14).getTime());
  }

  @Test
  void aRejectedProgrammeEndsInItsProposalWithTheEndEventAndNoCurrentStage() {
    JsonNode report = as("pipeline-manager").getJson("/api/reporting/programmes/" + GWANGJU);
    assertThat(report.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(report.path("visits")).hasSize(1);
    assertVisit(report.path("visits").get(0), 3, 8, "REJECT", "msit-officer");
    assertThat(report.path("visits").get(0).path("endEvent").asText()).isEqualTo(END_PROPOSAL_REJECTED);
    assertThat(report.path("endEvent").asText()).isEqualTo(END_PROPOSAL_REJECTED);
    assertThat(report.path("currentStage").isNull()).isTrue();
    assertThat(time(report.path("ended"))).isEqualTo(day(8).getTime());
  }

  @Test
  void stageStatisticsGiveCountMedianP90AndMaxOverFinishedVisits() {
    Map<String, JsonNode> stages = byStage(as("pipeline-manager").getJson("/api/reporting/stages"));
    assertThat(stages.keySet()).containsExactly("PROPOSAL", "FEASIBILITY_REQUIREMENT", "EXEMPTION", "FULL_STUDY",
        "CABINET", "COMMITTEE", "ADEQUACY_REVIEW", "BUDGET", "KICKOFF");
    // Proposal: 12, 5 and 4 days; the median of an odd count is the middle value, p90 the nearest rank (3rd of 3).
    assertStatistics(stages.get("PROPOSAL"), 3, 3, 5 * DAY, 12 * DAY, 12 * DAY, 0);
    // Adequacy review: 30 and 5 days, both Daegu's; the median of an even count is the mean of the middle two.
    assertStatistics(stages.get("ADEQUACY_REVIEW"), 2, 1, 35 * DAY / 2, 30 * DAY, 30 * DAY, 0);
    assertThat(stages.get("ADEQUACY_REVIEW").path("medianDays").asDouble()).isEqualTo(17.5);
    assertStatistics(stages.get("BUDGET"), 2, 1, 15 * DAY, 25 * DAY, 25 * DAY, 0);
    assertStatistics(stages.get("EXEMPTION"), 1, 1, 18 * DAY, 18 * DAY, 18 * DAY, 1);
    assertStatistics(stages.get("KICKOFF"), 1, 1, 10 * DAY, 10 * DAY, 10 * DAY, 1);
    assertThat(stages.get("FULL_STUDY").path("count").asInt()).isZero();
    assertThat(stages.get("FULL_STUDY").path("medianMillis").isNull()).isTrue();
  }

  @Test
  void reportsAreFilteredByRegionAndByThePeriodInWhichProgrammesStarted() {
    EngineRest manager = as("pipeline-manager");
    assertThat(manager.getJson("/api/reporting/programmes").findValuesAsText("programme"))
        .containsExactly(DAEGU, GWANGJU, DAEGU_LATER);
    assertThat(manager.getJson("/api/reporting/programmes?region=daegu").findValuesAsText("programme"))
        .containsExactly(DAEGU, DAEGU_LATER);
    Map<String, JsonNode> gwangjuStages = byStage(manager.getJson("/api/reporting/stages?region=gwangju"));
    assertStatistics(gwangjuStages.get("PROPOSAL"), 1, 1, 5 * DAY, 5 * DAY, 5 * DAY, 0);
    assertThat(gwangjuStages.get("EXEMPTION").path("count").asInt()).isZero();

    // Day 3 is 9 January 2025 (Gwangju started), day 6 is 12 January (Daegu's second programme).
    assertThat(manager.getJson("/api/reporting/programmes?from=2025-01-08&to=2025-01-11")
        .findValuesAsText("programme")).containsExactly(GWANGJU);
    assertThat(manager.getJson("/api/reporting/programmes?from=2025-01-09&to=2025-01-12")
        .findValuesAsText("programme")).containsExactly(GWANGJU, DAEGU_LATER);
    Map<String, JsonNode> period = byStage(manager.getJson("/api/reporting/stages?region=daegu&from=2025-01-12"));
    assertStatistics(period.get("PROPOSAL"), 1, 1, 4 * DAY, 4 * DAY, 4 * DAY, 0);
    assertThat(period.get("EXEMPTION").path("waitingNow").asInt()).isEqualTo(1);

    assertThat(manager.get("/api/reporting/programmes?region=seoul").status()).isEqualTo(400);
  }

  @Test
  void programmesComeInPagesWithTheirTotal() throws Exception {
    HttpResponse<byte[]> second = raw("/api/reporting/programmes?firstResult=1&maxResults=1", "application/json");
    assertThat(second.headers().firstValue("X-Total-Count")).hasValue("3");
    assertThat(new ObjectMapper().readTree(second.body()).findValuesAsText("programme")).containsExactly(GWANGJU);
    HttpResponse<byte[]> daeguOnly = raw("/api/reporting/programmes?region=daegu&firstResult=0&maxResults=20",
        "application/json");
    assertThat(daeguOnly.headers().firstValue("X-Total-Count")).hasValue("2");
    assertThat(new ObjectMapper().readTree(daeguOnly.body()).findValuesAsText("programme"))
        .containsExactly(DAEGU, DAEGU_LATER);

    EngineRest manager = as("pipeline-manager");
    assertThat(manager.get("/api/reporting/programmes?firstResult=-1&maxResults=20").status()).isEqualTo(400);
    assertThat(manager.get("/api/reporting/programmes?firstResult=0&maxResults=0").status()).isEqualTo(400);
  }

  @Test
  void anOfficialSeesOnlyTheirOwnRegion() {
    EngineRest gwangjuPlanner = as("gwangju-planner");
    assertThat(gwangjuPlanner.getJson("/api/reporting/programmes").findValuesAsText("programme"))
        .containsExactly(GWANGJU);
    assertThat(gwangjuPlanner.get("/api/reporting/programmes/" + DAEGU).status()).isEqualTo(404);
    assertThat(gwangjuPlanner.getJson("/api/reporting/programmes?region=daegu")).isEmpty();
    Map<String, JsonNode> stages = byStage(gwangjuPlanner.getJson("/api/reporting/stages"));
    assertThat(stages.get("PROPOSAL").path("count").asInt()).isEqualTo(1);
    assertThat(stages.get("ADEQUACY_REVIEW").path("count").asInt()).isZero();
    assertThat(gwangjuPlanner.get("/api/reporting/programmes?format=csv").text()).doesNotContain("AX-DAEGU");

    assertThat(as("daegu-planner").getJson("/api/reporting/programmes").findValuesAsText("programme"))
        .containsExactly(DAEGU, DAEGU_LATER);
    assertThat(EngineRest.at(port).get("/api/reporting/programmes").status()).isEqualTo(401);
  }

  @Test
  void csvIsUtf8WithAByteOrderMarkForExcel() throws Exception {
    HttpResponse<byte[]> response = raw("/api/reporting/programmes?format=csv", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv")
        .containsIgnoringCase("charset=UTF-8");
    byte[] body = response.body();
    assertThat(new byte[] {body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).isEqualTo("programme,programmeName,region,state,stage,stageName,visit,entered,left,"
        + "durationDays,open,outcome,actor,decidedAt,waitingAt,dueDate");
    assertThat(lines).hasSize(1 + 11 + 1 + 3);
    assertThat(lines.get(1)).startsWith(DAEGU + ",").contains(",daegu,ACTIVE,PROPOSAL,사업 제안 (Proposal),1,"
        + "2025-01-06 09:00:00,2025-01-18 09:00:00,12.0,false,ADOPT,msit-officer,");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(GWANGJU + ",")
        .contains(",gwangju,COMPLETED,PROPOSAL,사업 제안 (Proposal),1,2025-01-09 09:00:00,2025-01-14 09:00:00,5.0,"
            + "false,REJECT,msit-officer,"));

    HttpResponse<byte[]> stages = raw("/api/reporting/stages?region=gwangju", "text/csv");
    assertThat(stages.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    String text = new String(stages.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFstage,stageName,count,programmes,medianDays,p90Days,maxDays,")
        .contains("\r\nPROPOSAL,사업 제안 (Proposal),1,1,5.0,5.0,5.0,432000000,432000000,432000000,0\r\n");
  }

  @Test
  void theCockpitPluginReadsTheSameReportThroughTheWebappSession() {
    WebappSession manager = WebappSession.login(port, "cockpit", "pipeline-manager", Officials.PASSWORD);
    assertThat(manager.loggedIn()).isTrue();
    WebappSession.Response timeline = manager.get("/camunda/api/axhub/reporting/process-instances/" + daegu);
    assertThat(timeline.status()).as(timeline.text()).isEqualTo(200);
    assertThat(timeline.text()).contains("\"programme\":\"" + DAEGU + "\"", "\"currentStage\":\"KICKOFF\"");
    assertThat(manager.get("/camunda/api/axhub/reporting/programmes").text()).contains(GWANGJU, DAEGU_LATER);

    // Not the manager with a wrong password: Camunda would then hold back the manager's next logins for seconds.
    WebappSession anonymous = WebappSession.login(port, "cockpit", "nobody", "wrong");
    assertThat(anonymous.loggedIn()).isFalse();
    WebappSession.Response refused = anonymous.get("/camunda/api/axhub/reporting/process-instances/" + daegu);
    assertThat(refused.status()).isIn(401, 403);
    assertThat(refused.text()).doesNotContain(DAEGU);
  }

  private HttpResponse<byte[]> raw(String path, String accept) throws Exception {
    String token = Base64.getEncoder().encodeToString(("pipeline-manager:" + Officials.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + token).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertVisit(JsonNode visit, double enteredDay, double leftDay, String outcome, String actor) {
    String stage = visit.path("stage").asText() + "#" + visit.path("visit").asInt();
    assertThat(time(visit.path("entered"))).as("%s entered", stage).isEqualTo(day(enteredDay).getTime());
    assertThat(time(visit.path("left"))).as("%s left", stage).isEqualTo(day(leftDay).getTime());
    assertThat(visit.path("durationMillis").asLong()).as("%s duration", stage)
        .isEqualTo(Math.round((leftDay - enteredDay) * DAY));
    assertThat(visit.path("open").asBoolean()).as("%s open", stage).isFalse();
    assertThat(visit.path("outcome").asText(null)).as("%s outcome", stage).isEqualTo(outcome);
    assertThat(visit.path("actor").asText(null)).as("%s actor", stage).isEqualTo(actor);
  }

  private static void assertStatistics(JsonNode stage, int count, int programmes, long median, long p90, long max,
      int waitingNow) {
    String name = stage.path("stage").asText();
    assertThat(stage.path("count").asInt()).as("%s count", name).isEqualTo(count);
    assertThat(stage.path("programmes").asInt()).as("%s programmes", name).isEqualTo(programmes);
    assertThat(stage.path("medianMillis").asLong()).as("%s median", name).isEqualTo(median);
    assertThat(stage.path("p90Millis").asLong()).as("%s p90", name).isEqualTo(p90);
    assertThat(stage.path("maxMillis").asLong()).as("%s max", name).isEqualTo(max);
    assertThat(stage.path("waitingNow").asInt()).as("%s waiting now", name).isEqualTo(waitingNow);
  }

  private static Map<String, JsonNode> byStage(JsonNode stages) {
    Map<String, JsonNode> byStage = new java.util.LinkedHashMap<>();
    stages.forEach(s -> byStage.put(s.path("stage").asText(), s));
    return byStage;
  }

  private static Long time(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null
        : OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
  }
}
