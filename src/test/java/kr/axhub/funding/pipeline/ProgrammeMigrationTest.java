package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.*;
import static kr.axhub.funding.pipeline.PipelineForms.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.kickoff.KickoffElements;
import kr.axhub.funding.pipeline.PipelineForms.RndTask;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReports;
import kr.axhub.funding.reporting.Stage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Programmes started on the model before its stages were sub-processes (a copy of that version is a test resource,
 * named so auto-deployment does not pick it up) move to the current model at start-up: one waits at every user
 * task, one at each timer, one at the asynchronous Assembly report and one in the kickoff of its R&amp;D tasks. After
 * the move each waits at the same element inside its stage, with its variables, tasks, due dates and deadline timers
 * as they were, its history reported under the right stages, and it goes on along the new model.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class ProgrammeMigrationTest {

  /** Where a programme can wait in the previous version, and the stage that holds it now. */
  private static final Map<String, Stage> WAIT_STATES = new LinkedHashMap<>();

  static {
    WAIT_STATES.put(TASK_APPROVE_PROPOSAL_INTERNALLY, Stage.PROPOSAL);
    WAIT_STATES.put(TASK_REVIEW_PROPOSAL, Stage.PROPOSAL);
    WAIT_STATES.put(TASK_REVISE_PROPOSAL, Stage.PROPOSAL);
    WAIT_STATES.put(TASK_PREPARE_EXEMPTION_REQUEST, Stage.EXEMPTION);
    WAIT_STATES.put(TASK_REVIEW_EXEMPTION_REQUEST, Stage.EXEMPTION);
    WAIT_STATES.put(TASK_SELECT_STUDY_TARGET, Stage.FULL_STUDY);
    WAIT_STATES.put(TASK_CONDUCT_FEASIBILITY_STUDY, Stage.FULL_STUDY);
    WAIT_STATES.put(TASK_TABLE_CABINET_AGENDA, Stage.CABINET);
    WAIT_STATES.put(TASK_RECORD_CABINET_RESOLUTION, Stage.CABINET);
    WAIT_STATES.put(TIMER_CABINET_ITEM_RETABLED, Stage.CABINET);
    WAIT_STATES.put(TASK_RECORD_COMMITTEE_CONFIRMATION, Stage.COMMITTEE);
    WAIT_STATES.put(SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY, Stage.COMMITTEE);
    WAIT_STATES.put(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, Stage.ADEQUACY_REVIEW);
    WAIT_STATES.put(TASK_RESTRUCTURE_BUSINESS_PLAN, Stage.ADEQUACY_REVIEW);
    WAIT_STATES.put(TASK_REQUEST_BUDGET, Stage.BUDGET);
    WAIT_STATES.put(TASK_RECORD_APPROPRIATION, Stage.BUDGET);
    WAIT_STATES.put(TIMER_NEXT_BUDGET_CYCLE, Stage.BUDGET);
    WAIT_STATES.put(TASK_PUBLISH_IMPLEMENTATION_PLAN, Stage.KICKOFF);
    WAIT_STATES.put(CALL_KICK_OFF_RND_TASKS, Stage.KICKOFF);
  }

  @Autowired
  private RepositoryService repositoryService;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private TaskService taskService;
  @Autowired
  private ManagementService managementService;
  @Autowired
  private IdentityService identityService;
  @Autowired
  private ProgrammeMigration migration;
  @Autowired
  private ProgrammeReports reports;

  /**
   * From both earlier versions: the flat model before the stages, and the staged one whose tasks still carried a
   * boundary timer each for their deadline.
   */
  @ParameterizedTest
  @CsvSource({"ax-funding-pipeline-before-stages.bpmn, 0", "ax-funding-pipeline-before-deadline-plugin.bpmn, 100"})
  void programmesOfThePreviousVersionWaitAtTheSameElementInsideTheirStage(String fixture, int codes)
      throws IOException {
    ProcessDefinition previous = deploy("ax-funding-pipeline.bpmn", getClass().getResourceAsStream("/models/" + fixture));

    Map<String, ProcessInstance> waiting = new LinkedHashMap<>();
    int n = codes;
    for (String element : WAIT_STATES.keySet()) {
      Map<String, Object> variables = new HashMap<>(proposal(code(++n)));
      variables.put(RETABLE_AFTER_DAYS, 30L);
      variables.put(RND_TASKS, org.camunda.spin.Spin.JSON(rndTasksJson(List.of(
          new RndTask("ROBOT-SM-01", "로봇 표준모델 (Robot standard model)", "STANDARD_MODEL", "ROBOT", 120),
          new RndTask("BIO-SOL-01", "치과 AX 솔루션 (Dental AX solution)", "SOLUTION", "MEDICAL_BIO", 80)))));
      waiting.put(element, runtimeService.createProcessInstanceById(previous.getId())
          .businessKey(code(n))
          .startBeforeActivity(element.equals(CALL_KICK_OFF_RND_TASKS) ? element + "#multiInstanceBody" : element)
          .setVariables(variables).execute());
    }
    String walkedCode = code(codes + 50);
    ProcessInstance walked = runtimeService.startProcessInstanceById(previous.getId(), walkedCode,
        proposal(walkedCode));
    // As the official, so the audit (and with it the report) records who decided what.
    identityService.setAuthentication("daegu-director", List.of("region-directors"), List.of("daegu"));
    try {
      complete(walked, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("APPROVE", null));
    } finally {
      identityService.clearAuthentication();
    }

    Map<String, Map<String, String>> variablesBefore = new HashMap<>();
    Map<String, List<String>> tasksBefore = new HashMap<>();
    Map<String, List<String>> jobsBefore = new HashMap<>();
    for (ProcessInstance instance : all(waiting, walked)) {
      variablesBefore.put(instance.getId(), variables(instance));
      tasksBefore.put(instance.getId(), tasks(instance));
      jobsBefore.put(instance.getId(), jobs(instance));
    }
    long kickoffsBefore = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(waiting.get(CALL_KICK_OFF_RND_TASKS).getId()).count();
    assertThat(kickoffsBefore).isEqualTo(2);

    ProcessDefinition current = deploy("ax-funding-pipeline.bpmn",
        new FileInputStream("processes/ax-funding-pipeline.bpmn"));
    migration.migrateRunningProgrammes();

    for (Map.Entry<String, ProcessInstance> entry : waiting.entrySet()) {
      String element = entry.getKey();
      ProcessInstance instance = entry.getValue();
      assertMovedInPlace(instance, element, current, subProcessOf(WAIT_STATES.get(element)),
          variablesBefore.get(instance.getId()), tasksBefore.get(instance.getId()));
      assertThat(jobs(instance)).as("jobs and due dates at %s", element).isEqualTo(jobsBefore.get(instance.getId()));
      ProgrammeReport report = reports.processInstance(instance.getId()).orElseThrow();
      assertThat(report.currentStage()).as("reported stage at %s", element).isEqualTo(WAIT_STATES.get(element));
    }
    assertThat(runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(waiting.get(CALL_KICK_OFF_RND_TASKS).getId()).count())
        .as("the R&D tasks' kickoffs still belong to their programme").isEqualTo(kickoffsBefore);

    ProgrammeReport history = reports.processInstance(walked.getId()).orElseThrow();
    assertThat(history.visits()).extracting(ProgrammeReport.Visit::stage).containsExactly(Stage.PROPOSAL);
    assertThat(history.visits().get(0).steps()).extracting(ProgrammeReport.Step::element, ProgrammeReport.Step::decision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(TASK_APPROVE_PROPOSAL_INTERNALLY, "APPROVE"));
    assertThat(history.visits().get(0).waitingAt()).isEqualTo("제안서 검토 (Review proposal)");

    // A moved programme goes on along the new model, and its deadline timer still fires.
    ProcessInstance budget = waiting.get(TASK_RECORD_APPROPRIATION);
    complete(budget, TASK_RECORD_APPROPRIATION, appropriation(229));
    assertThat(stageAround(budget, TASK_PUBLISH_IMPLEMENTATION_PLAN)).isEqualTo("SubProcess_Kickoff");
    ProcessInstance review = waiting.get(TASK_REVIEW_PROPOSAL);
    Task waitingReview = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    Job deadline = managementService.createJobQuery().processInstanceId(review.getId())
        .activityId(TASK_REVIEW_PROPOSAL).timers().singleResult();
    assertThat(deadline.getDuedate()).as("the deadline given before the move").isEqualTo(waitingReview.getDueDate());
    managementService.executeJob(deadline.getId());
    Task overdue = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    assertThat(taskService.getVariableLocal(overdue.getId(), "overdue")).isEqualTo(true);

    migration.migrateRunningProgrammes();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(previous.getId()).count())
        .as("nothing is left on the previous version, and a second run changes nothing").isZero();
  }

  /**
   * R&amp;D task kickoffs started on the flat model before its stages (call, selection, agreement) move too: one waits
   * at every user task, one at the call's closing timer and one in the objection window. Each waits at the same
   * element inside its stage, with its variables, task and due date, and its deadline keeps that due date.
   */
  @Test
  void kickoffsOfThePreviousVersionWaitAtTheSameElementInsideTheirStage() throws IOException {
    ProcessDefinition previous = deploy("rnd-task-kickoff.bpmn",
        getClass().getResourceAsStream("/models/rnd-task-kickoff-before-stages.bpmn"), "kickoff-");
    Map<String, String> stages = new LinkedHashMap<>();
    for (String task : List.of(KickoffElements.ANNOUNCE_CALL, KickoffElements.REGISTER_APPLICATIONS,
        KickoffElements.SCREEN_ELIGIBILITY, KickoffElements.CALL_CLOSED)) {
      stages.put(task, "SubProcess_Call");
    }
    for (String task : List.of(KickoffElements.CHECK_PANEL, KickoffElements.EVALUATE_PROPOSALS,
        KickoffElements.REVISE_PLAN, KickoffElements.OBJECTION_WINDOW, KickoffElements.REVIEW_OBJECTION)) {
      stages.put(task, "SubProcess_Selection");
    }
    stages.put(KickoffElements.SIGN_AGREEMENT, "SubProcess_Agreement");
    stages.put(KickoffElements.CONFIRM_KICKOFF, "SubProcess_Agreement");

    Map<String, ProcessInstance> waiting = new LinkedHashMap<>();
    Map<String, Map<String, String>> variablesBefore = new HashMap<>();
    Map<String, List<String>> tasksBefore = new HashMap<>();
    int n = 0;
    for (String element : stages.keySet()) {
      Map<String, Object> variables = new HashMap<>(kr.axhub.funding.kickoff.KickoffForms.inputs("T" + ++n));
      variables.put(KickoffElements.CALL_CLOSES_ON, "2027-01-29");
      ProcessInstance instance = runtimeService.createProcessInstanceById(previous.getId())
          .businessKey("AX-MIGRATE-2030/T" + n).startBeforeActivity(element).setVariables(variables).execute();
      waiting.put(element, instance);
      variablesBefore.put(instance.getId(), variables(instance));
      tasksBefore.put(instance.getId(), tasks(instance));
    }

    ProcessDefinition current = deploy("rnd-task-kickoff.bpmn", new FileInputStream("processes/rnd-task-kickoff.bpmn"),
        "kickoff-");
    migration.migrateRunningProgrammes();

    for (Map.Entry<String, ProcessInstance> entry : waiting.entrySet()) {
      String element = entry.getKey();
      ProcessInstance instance = entry.getValue();
      assertMovedInPlace(instance, element, current, stages.get(element), variablesBefore.get(instance.getId()),
          tasksBefore.get(instance.getId()));
    }
    assertThat(managementService.createJobQuery().processInstanceId(waiting.get(KickoffElements.CALL_CLOSED).getId())
        .activityId(KickoffElements.CALL_CLOSED).count()).as("the call still closes").isEqualTo(1);

    // The objection window still takes an objection, and the moved kickoff goes on inside its stage.
    ProcessInstance window = waiting.get(KickoffElements.OBJECTION_WINDOW);
    runtimeService.createMessageCorrelation(KickoffElements.MESSAGE_OBJECTION_FILED)
        .processInstanceBusinessKey(window.getBusinessKey()).correlate();
    assertThat(stageAround(window, KickoffElements.REVIEW_OBJECTION)).isEqualTo("SubProcess_Selection");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(previous.getId()).count()).isZero();
  }

  /**
   * The instance runs on the current version, waits at the same element inside the given stage, and kept its
   * variables, its tasks and, for each task, a deadline timer at the task's due date.
   */
  private void assertMovedInPlace(ProcessInstance instance, String element, ProcessDefinition current, String stage,
      Map<String, String> variablesBefore, List<String> tasksBefore) {
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId()).as("%s moved", element).isEqualTo(current.getId());
    assertThat(stageAround(instance, element)).as("stage around %s", element).isEqualTo(stage);
    assertThat(variables(instance)).as("variables at %s", element).isEqualTo(variablesBefore);
    assertThat(tasks(instance)).as("tasks at %s", element).isEqualTo(tasksBefore);
    for (Task task : taskService.createTaskQuery().processInstanceId(instance.getId()).list()) {
      assertThat(deadlineTimers(instance)).as("the deadline of %s keeps its due date", element)
          .containsExactly(task.getTaskDefinitionKey() + " due " + time(task.getDueDate()));
    }
  }

  private ProcessDefinition deploy(String name, InputStream model) throws IOException {
    return deploy(name, model, "pipeline-");
  }

  private ProcessDefinition deploy(String name, InputStream model, String formPrefix) throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment().name(name).addInputStream(name, model);
    // The decisions too: a kickoff started from this deployment decides its lead institution from its own.
    for (File decision : new File("processes").listFiles((dir, file) -> file.endsWith(".dmn"))) {
      deployment.addInputStream(decision.getName(), new FileInputStream(decision));
    }
    File[] forms = new File("processes/forms").listFiles((dir, file) -> file.startsWith(formPrefix));
    for (File form : forms) {
      deployment.addInputStream(form.getName(), new FileInputStream(form));
    }
    String id = deployment.deploy().getId();
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  private void complete(ProcessInstance instance, String taskKey, Map<String, Object> form) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey)
        .singleResult();
    taskService.complete(task.getId(), form);
  }

  /** As text: a JSON variable (the R&D tasks) has no equality of its own. */
  private Map<String, String> variables(ProcessInstance instance) {
    Map<String, String> text = new HashMap<>();
    runtimeService.getVariables(instance.getId()).forEach((name, value) -> text.put(name, String.valueOf(value)));
    return text;
  }

  private List<String> tasks(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).orderByTaskId().asc().list().stream()
        .map(t -> t.getId() + " " + t.getTaskDefinitionKey() + " " + t.getName() + " due " + time(t.getDueDate()))
        .toList();
  }

  /**
   * Every job but the deadline timers, which change kind: the older versions' boundary timer on each task is replaced
   * by the deadline every task now gets from the engine plugin.
   */
  private List<String> jobs(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).orderByJobId().asc().list().stream()
        .filter(j -> !isDeadline(j) && !definition(j).getActivityId().endsWith("Overdue"))
        .map(j -> j.getId() + " due " + time(j.getDuedate())).toList();
  }

  private List<String> deadlineTimers(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).list().stream()
        .filter(this::isDeadline).map(j -> definition(j).getActivityId() + " due " + time(j.getDuedate())).toList();
  }

  private boolean isDeadline(Job job) {
    return TimerTaskListenerJobHandler.TYPE.equals(definition(job).getJobType());
  }

  private JobDefinition definition(Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
  }

  /** Programme codes are AX-REGION-YEAR: the n-th waiting programme gets its own year. */
  private static String code(int n) {
    return "AX-MIGRATE-" + (2000 + n);
  }

  private static String time(Date date) {
    return date == null ? "-" : String.valueOf(date.getTime());
  }

  /** The id of the sub-process that holds the element's activity or transition instance. */
  private String stageAround(ProcessInstance instance, String element) {
    ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
    for (ActivityInstance stage : tree.getChildActivityInstances()) {
      if (contains(stage, element)) {
        return stage.getActivityId();
      }
    }
    return null;
  }

  private static boolean contains(ActivityInstance scope, String element) {
    if (scope.getActivityId().equals(element) || scope.getActivityId().equals(element + "#multiInstanceBody")) {
      return true;
    }
    for (var transition : scope.getChildTransitionInstances()) {
      if (transition.getActivityId().equals(element)) {
        return true;
      }
    }
    for (ActivityInstance child : scope.getChildActivityInstances()) {
      if (contains(child, element)) {
        return true;
      }
    }
    return false;
  }

  private static String subProcessOf(Stage stage) {
    return switch (stage) {
      case PROPOSAL -> "SubProcess_Proposal";
      case FEASIBILITY_REQUIREMENT -> "SubProcess_FeasibilityRequirement";
      case EXEMPTION -> "SubProcess_Exemption";
      case FULL_STUDY -> "SubProcess_FullStudy";
      case CABINET -> "SubProcess_Cabinet";
      case COMMITTEE -> "SubProcess_Committee";
      case ADEQUACY_REVIEW -> "SubProcess_AdequacyReview";
      case BUDGET -> "SubProcess_Budget";
      case KICKOFF -> "SubProcess_Kickoff";
    };
  }

  private static List<ProcessInstance> all(Map<String, ProcessInstance> waiting, ProcessInstance walked) {
    List<ProcessInstance> all = new ArrayList<>(waiting.values());
    all.add(walked);
    return all;
  }
}
