package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kr.axhub.funding.pipeline.PipelineForms;
import kr.axhub.funding.pipeline.PipelineForms.RndTask;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Programmes of the growth benchmark driven through the engine with the Java API, as the officials themselves (so
 * the operation log records who decided what, as it does for Tasklist), on the engine clock set to given dates: a
 * programme's steps are taken one per {@code gap} from its start. Each programme follows one {@link Path}: the
 * proposal rejected, the cabinet's rejection, or launched with two R&D tasks kicked off; {@code depth} cuts a walk
 * short so a programme waits in a given stage.
 */
final class GrowthProgrammes {

  /** The ways a programme goes through the pipeline, each ending at one end event. */
  enum Path { PROPOSAL_REJECTED, CABINET_REJECTED, LAUNCHED }

  /** One step: a task completed by an official of its group, or a job (asynchronous step, timer) run. */
  record Step(String businessKeySuffix, String element, String official, Map<String, Object> variables) {

    boolean job() {
      return official == null;
    }
  }

  static final List<RndTask> KICKOFF_TASKS = List.of(
      new RndTask("ROBOT-SM", "완전자율 로봇 표준모델 (Autonomous robot standard model)", "STANDARD_MODEL", "ROBOT",
          80),
      new RndTask("BIO-SOL", "치과 AX 솔루션 (Dental AX solution)", "SOLUTION", "MEDICAL_BIO", 60));

  private static final String PANEL = """
      [{"name": "김평가", "affiliation": "KAIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
       {"name": "이평가", "affiliation": "POSTECH", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
       {"name": "박평가", "affiliation": "UNIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
       {"name": "최평가", "affiliation": "GIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
       {"name": "정평가", "affiliation": "DGIST", "sanctionedWithinThreeYears": false, "conflictOfInterest": false},
       {"name": "한평가", "affiliation": "KNU", "sanctionedWithinThreeYears": true, "conflictOfInterest": false}]""";

  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final Map<String, Authentication> authentications = new LinkedHashMap<>();

  private record Authentication(List<String> groups, List<String> tenants) {}

  GrowthProgrammes(ProcessEngine engine) {
    this.identity = engine.getIdentityService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
  }

  /** Starts a programme as its region's planner at {@code at}; it then waits for the director's approval. */
  String start(String code, String region, Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    Map<String, Object> proposal = new LinkedHashMap<>(PipelineForms.proposal(code));
    proposal.put(REGION, region);
    proposal.put(PROGRAMME_NAME, "지역거점 AX 혁신 기술개발사업 (" + region + " " + code + ")");
    return as(region + "-planner", () -> runtime.startProcessInstanceByKey(PROCESS_KEY, proposal).getId());
  }

  /** Starts a programme at {@code start} and takes the first {@code depth} steps of its path, one per gap. */
  String walk(String code, String region, Path path, int depth, Instant start, Duration gap) {
    String id = start(code, region, start);
    List<Step> steps = steps(region, path);
    for (int i = 0; i < Math.min(depth, steps.size()); i++) {
      ClockUtil.setCurrentTime(Date.from(start.plus(gap.multipliedBy(i + 1L))));
      take(code, steps.get(i));
    }
    return id;
  }

  static int length(Path path) {
    return steps("daegu", path).size();
  }

  private void take(String code, Step step) {
    String processInstanceId = processInstance(code + step.businessKeySuffix()).getId();
    if (step.job()) {
      Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(step.element())
          .singleResult();
      if (job == null) {
        throw new IllegalStateException("No job " + step.element() + " in " + code + step.businessKeySuffix());
      }
      management.executeJob(job.getId());
      return;
    }
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(step.element())
        .singleResult();
    if (task == null) {
      throw new IllegalStateException("No open " + step.element() + " in " + code + step.businessKeySuffix());
    }
    as(step.official(), () -> {
      tasks.complete(task.getId(), step.variables());
      return null;
    });
  }

  private ProcessInstance processInstance(String businessKey) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .singleResult();
    if (instance == null) {
      throw new IllegalStateException("No running process instance " + businessKey);
    }
    return instance;
  }

  /** The steps after the start, as {@code ProgrammeWalk} takes them through REST, for each path. */
  static List<Step> steps(String region, Path path) {
    List<Step> steps = new ArrayList<>();
    steps.add(main(TASK_APPROVE_PROPOSAL_INTERNALLY, region + "-director",
        PipelineForms.internalApproval("APPROVE", "")));
    if (path == Path.PROPOSAL_REJECTED) {
      steps.add(main(TASK_REVIEW_PROPOSAL, "msit-officer",
          PipelineForms.proposalReview("REJECT", "국가 정책 방향과 불일치 (Not in line with policy)")));
      return steps;
    }
    steps.add(main(TASK_REVIEW_PROPOSAL, "msit-officer", PipelineForms.proposalReview("ADOPT", "")));
    steps.add(main(TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", PipelineForms.exemptionRequest("ART38_2_10")));
    steps.add(main(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer", PipelineForms.exemptionReview("RECOMMEND", "")));
    steps.add(main(TASK_TABLE_CABINET_AGENDA, "msit-officer", PipelineForms.cabinetAgenda()));
    if (path == Path.CABINET_REJECTED) {
      steps.add(main(TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary", PipelineForms.cabinetResolution("REJECTED")));
      return steps;
    }
    steps.add(main(TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary", PipelineForms.cabinetResolution("RESOLVED")));
    steps.add(main(TASK_RECORD_COMMITTEE_CONFIRMATION, "msit-officer", PipelineForms.committee("CONFIRMED")));
    steps.add(main(SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY, null, Map.of()));
    steps.add(main(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "kistep-reviewer", PipelineForms.adequacyConfirmed(5510L)));
    steps.add(main(TASK_REQUEST_BUDGET, "msit-officer", PipelineForms.budgetRequest(2026L, 229L)));
    steps.add(main(TASK_RECORD_APPROPRIATION, "msit-officer", PipelineForms.appropriation(229L)));
    steps.add(main(TASK_PUBLISH_IMPLEMENTATION_PLAN, "msit-officer", Map.of(
        PLAN_TITLE, "지역거점 AX 혁신 기술개발사업 시행계획 (Implementation plan)",
        RND_TASKS, SpinValues.jsonValue(PipelineForms.rndTasksJson(KICKOFF_TASKS)).create())));
    for (RndTask task : KICKOFF_TASKS) {
      kickoff(steps, "/" + task.code());
    }
    return steps;
  }

  private static Step main(String element, String official, Map<String, Object> variables) {
    return new Step("", element, official, variables);
  }

  private static void kickoff(List<Step> steps, String key) {
    steps.add(new Step(key, "Task_AnnounceCallForProposals", "agency-officer", vars(
        "announcementNumber", "IITP-2026-001", "callOpensOn", "2026-01-05", "callClosesOn", "2026-02-13")));
    steps.add(new Step(key, "TimerEvent_CallClosed", null, Map.of()));
    steps.add(new Step(key, "Task_RegisterApplications", "agency-officer",
        vars("applicationCount", 4L, "applicants", "4개 컨소시엄")));
    steps.add(new Step(key, "Task_ScreenEligibility", "agency-officer",
        vars("eligibleCount", 3L, "screeningNotes", "1개 요건 미달")));
    steps.add(new Step(key, "Task_CheckPanelConflictOfInterest", "agency-officer",
        vars("panelMembers", SpinValues.jsonValue(PANEL).create())));
    steps.add(new Step(key, "Task_EvaluateProposals", "evaluator", vars(
        "averageScore", 82.5, "selectedApplicant", "AX 컨소시엄", "evaluationSummary", "우수 (Excellent)")));
    steps.add(new Step(key, "TimerEvent_ObjectionWindowClosed", null, Map.of()));
    steps.add(new Step(key, "Task_SignAgreement", "agency-officer", vars(
        "agreementNumber", "AG" + key.replace('/', '-'), "signedOn", "2026-03-20", "agreedBudget", 50L)));
    steps.add(new Step(key, "Task_ConfirmTaskKickoff", "lead-institution", vars(
        "kickoffDate", "2026-04-01", "principalInvestigator", "홍길동")));
  }

  private static Map<String, Object> vars(Object... keysAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return variables;
  }

  private <T> T as(String official, Supplier<T> action) {
    Authentication authentication = authentications.computeIfAbsent(official, o -> new Authentication(
        identity.createGroupQuery().groupMember(o).list().stream().map(Group::getId).toList(),
        identity.createTenantQuery().userMember(o).includingGroupsOfUser(true).list().stream().map(Tenant::getId)
            .toList()));
    identity.setAuthentication(official, authentication.groups(), authentication.tenants());
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
