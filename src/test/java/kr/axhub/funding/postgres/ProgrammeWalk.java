package kr.axhub.funding.postgres;

import static kr.axhub.funding.support.EngineRest.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.JsonValue;
import kr.axhub.funding.support.EngineRest.Response;

/**
 * A regional programme walked from its proposal to "programme launched" through the REST API, step by step, with the
 * variables each form submits and the official of each task's candidate group: the sequence of
 * {@code DaeguProgrammeRestTest}, for any region. Steps can be taken one at a time (a crash test needs to know which
 * step was the last one confirmed) and through any node (a cluster test alternates them); the benchmark takes the same
 * steps through the Java API.
 */
public final class ProgrammeWalk {

  static final String PASSWORD = "official-password";
  public static final List<String> RND_TASKS = List.of("ROBOT-SM", "BIO-SOL");

  public enum Kind { START, COMPLETE, SUBMIT_FORM, JOB }

  /** One step: a start, a task completion (as the task's official) or a job (an asynchronous step or a timer). */
  public record Step(Kind kind, String businessKey, String elementId, String official, Map<String, Object> variables) {

    @Override
    public String toString() {
      return kind + " " + elementId + " of " + businessKey;
    }
  }

  /** How jobs are run: by hand through REST (job executor off), or by the nodes' job executors. */
  enum Jobs { BY_HAND, BY_EXECUTOR }

  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final String region;
  private final String code;
  private final List<Step> steps;

  ProgrammeWalk(String region) {
    this(region, "AX-" + region.toUpperCase() + "-2026");
  }

  public ProgrammeWalk(String region, String code) {
    this.region = region;
    this.code = code;
    this.steps = buildSteps();
  }

  public String code() {
    return code;
  }

  String region() {
    return region;
  }

  public List<Step> steps() {
    return steps;
  }

  /** The steps up to and including the given element of the main programme. */
  int indexOf(String elementId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).elementId().equals(elementId)) {
        return i;
      }
    }
    throw new IllegalArgumentException(elementId);
  }

  /** Takes every step from {@code from} (inclusive) to {@code to} (exclusive), step i through {@code nodes(i)}. */
  void walk(int from, int to, IntFunction<EngineRest> nodes, Jobs jobs) {
    for (int i = from; i < to; i++) {
      take(steps.get(i), nodes.apply(i), jobs);
    }
  }

  /**
   * Takes one step through the node whose base REST client is {@code node} (anonymous; the official's or the
   * administrator's credentials are added here).
   */
  void take(Step step, EngineRest node, Jobs jobs) {
    EngineRest admin = node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD);
    switch (step.kind()) {
      case START -> expect(node.as(step.official(), PASSWORD).post(
          "/engine-rest/process-definition/key/ax-funding-pipeline/start", variables(step.variables())), 200, step);
      case COMPLETE, SUBMIT_FORM -> {
        EngineRest official = node.as(step.official(), PASSWORD);
        String taskId = official.taskId(step.businessKey(), step.elementId());
        String action = step.kind() == Kind.COMPLETE ? "/complete" : "/submit-form";
        expect(official.post("/engine-rest/task/" + taskId + action, variables(step.variables())), 204, step);
      }
      case JOB -> runJob(admin, step, jobs);
    }
  }

  private void runJob(EngineRest admin, Step step, Jobs jobs) {
    String instanceId = processInstanceId(admin, step.businessKey());
    String path = "/engine-rest/job?processInstanceId=" + instanceId + "&activityId=" + step.elementId();
    if (jobs == Jobs.BY_HAND) {
      JsonNode found = admin.getJson(path);
      if (found.size() != 1) {
        throw new AssertionError("Expected one job for " + step + " but found " + found);
      }
      expect(admin.post("/engine-rest/job/" + found.get(0).path("id").asText() + "/execute", ""), 204, step);
      return;
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      JsonNode finished = admin.getJson("/engine-rest/history/activity-instance?processInstanceId=" + instanceId
          + "&activityId=" + step.elementId() + "&finished=true");
      if (!finished.isEmpty()) {
        return;
      }
      // A timer set for later (the objection window) is brought forward; the job executor still runs it.
      for (JsonNode job : admin.getJson(path)) {
        String due = job.path("dueDate").asText(null);
        if (due != null && OffsetDateTime.parse(due, DUE).toInstant().isAfter(Instant.now())) {
          admin.put("/engine-rest/job/" + job.path("id").asText() + "/duedate",
              Map.of("duedate", DUE.format(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))));
        }
      }
      sleep(300);
    }
    throw new AssertionError("No job executor ran " + step + " within 3 minutes");
  }

  static String processInstanceId(EngineRest admin, String businessKey) {
    JsonNode instances = admin.getJson("/engine-rest/process-instance?businessKey=" + EngineRest.encode(businessKey));
    if (instances.size() != 1) {
      throw new AssertionError("Expected one running instance " + businessKey + " but found " + instances);
    }
    return instances.get(0).path("id").asText();
  }

  private static void expect(Response response, int status, Step step) {
    if (response.status() != status) {
      throw new AssertionError(step + " answered " + response.status() + ": " + response.text());
    }
  }

  private List<Step> buildSteps() {
    List<Step> walk = new ArrayList<>();
    walk.add(new Step(Kind.START, code, "StartEvent", region + "-planner", proposal()));
    main(walk, Kind.COMPLETE, "Task_ApproveProposalInternally", region + "-director",
        vars("internalApprovalDecision", "APPROVE"));
    main(walk, Kind.COMPLETE, "Task_ReviewProposal", "msit-officer", vars("proposalReviewDecision", "ADOPT"));
    main(walk, Kind.COMPLETE, "Task_PrepareExemptionRequest", "msit-officer", vars(
        "exemptionGround", "ART38_2_10",
        "exemptionJustification", "지역 균형발전 (Balanced regional development)"));
    main(walk, Kind.SUBMIT_FORM, "Task_ReviewExemptionRequest", "moef-reviewer",
        vars("exemptionReviewDecision", "RECOMMEND"));
    main(walk, Kind.COMPLETE, "Task_TableCabinetAgenda", "msit-officer", vars(
        "agendaTitle", "지역거점 AX 혁신 기술개발사업 예타 면제 (Exemption of the regional AX programme)",
        "meetingDate", "2025-08-18"));
    main(walk, Kind.COMPLETE, "Task_RecordCabinetResolution", "cabinet-secretary",
        vars("cabinetResolution", "RESOLVED", "resolutionDate", "2025-08-18"));
    main(walk, Kind.COMPLETE, "Task_RecordCommitteeConfirmation", "msit-officer",
        vars("committeeDecision", "CONFIRMED", "committeeConfirmationDate", "2025-08-22"));
    main(walk, Kind.JOB, "ServiceTask_ReportExemptionToAssembly", null, Map.of());
    main(walk, Kind.COMPLETE, "Task_ReviewBusinessPlanAdequacy", "kistep-reviewer",
        vars("adequacyDecision", "CONFIRMED", "confirmedTotalCost", 5510L));
    main(walk, Kind.COMPLETE, "Task_RequestBudget", "msit-officer",
        vars("fiscalYear", 2026L, "requestedAppropriation", 229L));
    main(walk, Kind.COMPLETE, "Task_RecordAppropriation", "msit-officer",
        vars("appropriatedAmount", 229L, "appropriationDate", "2025-12-02"));
    main(walk, Kind.SUBMIT_FORM, "Task_PublishImplementationPlan", "msit-officer", vars(
        "planTitle", "2026년도 지역거점 AX 혁신 기술개발사업 시행계획 (Implementation plan 2026)",
        "rndTasks", new JsonValue("""
            [{"taskCode": "ROBOT-SM", "title": "완전자율 로봇 표준모델 (Autonomous robot standard model)",
              "track": "STANDARD_MODEL", "sector": "ROBOT", "budget": 80},
             {"taskCode": "BIO-SOL", "title": "치과 AX 솔루션 (Dental AX solution)",
              "track": "SOLUTION", "sector": "MEDICAL_BIO", "budget": 60}]""")));
    for (String task : RND_TASKS) {
      kickoff(walk, code + "/" + task);
    }
    return List.copyOf(walk);
  }

  private void main(List<Step> walk, Kind kind, String element, String official, Map<String, Object> variables) {
    walk.add(new Step(kind, code, element, official, variables));
  }

  private static void kickoff(List<Step> walk, String key) {
    walk.add(new Step(Kind.COMPLETE, key, "Task_AnnounceCallForProposals", "agency-officer", vars(
        "announcementNumber", "IITP-2026-001", "callOpensOn", "2026-01-05", "callClosesOn", "2026-02-13")));
    walk.add(new Step(Kind.JOB, key, "TimerEvent_CallClosed", null, Map.of()));
    walk.add(new Step(Kind.COMPLETE, key, "Task_RegisterApplications", "agency-officer",
        vars("applicationCount", 4L, "applicants", "4개 컨소시엄")));
    walk.add(new Step(Kind.COMPLETE, key, "Task_ScreenEligibility", "agency-officer",
        vars("eligibleCount", 3L, "screeningNotes", "1개 요건 미달")));
    walk.add(new Step(Kind.SUBMIT_FORM, key, "Task_CheckPanelConflictOfInterest", "agency-officer",
        vars("panelMembers", new JsonValue("""
            [{"name": "김평가", "affiliation": "KAIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
             {"name": "이평가", "affiliation": "POSTECH", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
             {"name": "박평가", "affiliation": "UNIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
             {"name": "최평가", "affiliation": "GIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
             {"name": "정평가", "affiliation": "DGIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
             {"name": "한평가", "affiliation": "KNU", "sanctionedWithinThreeYears": true, "conflictOfInterest": false}]"""))));
    walk.add(new Step(Kind.COMPLETE, key, "Task_EvaluateProposals", "evaluator", vars(
        "averageScore", 82.5, "selectedApplicant", "AX 컨소시엄", "evaluationSummary", "우수 (Excellent)")));
    walk.add(new Step(Kind.JOB, key, "TimerEvent_ObjectionWindowClosed", null, Map.of()));
    walk.add(new Step(Kind.COMPLETE, key, "Task_SignAgreement", "agency-officer", vars(
        "agreementNumber", "AG-" + key, "signedOn", "2026-03-20", "agreedBudget", 50L)));
    walk.add(new Step(Kind.COMPLETE, key, "Task_ConfirmTaskKickoff", "lead-institution", vars(
        "kickoffDate", "2026-04-01", "principalInvestigator", "홍길동")));
  }

  private Map<String, Object> proposal() {
    return vars(
        "programmeCode", code,
        "programmeName", "지역거점 AX 혁신 기술개발사업 (" + region + ")",
        "region", region,
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

  /** The officials a walk needs: {user, group, region or null for a national body}. */
  public static List<String[]> officials(List<String> regions) {
    List<String[]> officials = new ArrayList<>();
    for (String region : regions) {
      officials.add(new String[] {region + "-planner", "region-planners", region});
      officials.add(new String[] {region + "-director", "region-directors", region});
    }
    officials.add(new String[] {"msit-officer", "msit-officers", null});
    officials.add(new String[] {"moef-reviewer", "moef-reviewers", null});
    officials.add(new String[] {"cabinet-secretary", "cabinet-secretariat", null});
    officials.add(new String[] {"kistep-reviewer", "kistep-reviewers", null});
    officials.add(new String[] {"agency-officer", "agency-officers", null});
    officials.add(new String[] {"evaluator", "evaluation-panel", null});
    officials.add(new String[] {"lead-institution", "lead-institutions", null});
    return officials;
  }

  /**
   * Creates the officials through the REST API as the administrator, set up as real ones are (docs/security.md): a
   * national official only joins their group, a regional one also their region's tenant.
   */
  static void createOfficials(EngineRest admin, List<String> regions) {
    for (String[] official : officials(regions)) {
      String user = official[0];
      Response created = admin.post("/engine-rest/user/create", Map.of(
          "profile", Map.of("id", user, "firstName", user, "lastName", "Official", "email", user + "@axhub.example.kr"),
          "credentials", Map.of("password", PASSWORD)));
      if (created.status() != 204) {
        throw new AssertionError("creating " + user + ": " + created.status() + " " + created.text());
      }
      expectNoContent(admin.put("/engine-rest/group/" + official[1] + "/members/" + user, Map.of()), user);
      if (official[2] != null) {
        expectNoContent(admin.put("/engine-rest/tenant/" + official[2] + "/user-members/" + user, Map.of()), user);
      }
    }
  }

  private static void expectNoContent(Response response, String what) {
    if (response.status() != 204) {
      throw new AssertionError(what + ": " + response.status() + " " + response.text());
    }
  }

  static Map<String, Object> vars(Object... keysAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return variables;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
