package kr.axhub.funding.kickoff;

import static kr.axhub.funding.kickoff.KickoffElements.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.axhub.funding.notification.Notification;
import kr.axhub.funding.notification.NotificationService;
import kr.axhub.funding.tasklist.TaskListLabels;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every business path of one R&amp;D task's kickoff, started directly as the main pipeline starts it. Timers are
 * fired by hand; each path asserts where the instance waits and where it ends.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@Import({ProcessEngineCoverageConfiguration.class, KickoffProcessTest.CoverageProperties.class})
class KickoffProcessTest {

  /** Stands in for the main pipeline's call activity; not part of the coverage of the kickoff. */
  private static final String CALLER_KEY = "kickoff-test-caller";
  private static final String CALLER_PREFIX = "input_";

  /**
   * Primary: the imported coverage configuration registers default properties as well, and the coverage listener,
   * finding two, silently falls back to defaults without any assertion.
   */
  @TestConfiguration
  static class CoverageProperties {
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder()
          .assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys("ax-funding-pipeline", CALLER_KEY)
          .build();
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired NotificationService notifications;
  @Autowired IdentityService identityService;

  private String businessKey;

  @BeforeEach
  void setUp() {
    init(processEngine);
    deployCaller();
    businessKey = KickoffElements.businessKey(KickoffForms.PROGRAMME, "ROBOT-SM-" + UUID.randomUUID());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void selectedWithoutObjectionKicksOff() {
    ProcessInstance instance = start();
    assertThat(instance).hasPassed(ASSIGN_LEAD_INSTITUTION)
        .variables()
        .containsEntry(LEAD_INSTITUTION, "DGIST")
        .containsEntry(MANAGING_AGENCY, "IITP")
        .containsEntry(MINISTRY, "MSIT")
        .doesNotContainKey("leadInstitutionAssignment");

    announceAndClose(instance);
    complete(instance, REGISTER_APPLICATIONS, KickoffForms.applications(2));
    complete(instance, SCREEN_ELIGIBILITY, KickoffForms.screening(2));
    complete(instance, CHECK_PANEL, KickoffForms.panel());
    assertThat(instance).variables()
        .containsEntry(ELIGIBLE_PANEL_SIZE, 5L)
        .hasEntrySatisfying(EXCLUDED_PANEL_MEMBERS, excluded -> Assertions.assertThat((String) excluded)
            .contains("강도윤").contains("sanctioned within 3 years").doesNotContain("김민준"));

    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(82.5));
    assertThat(instance).hasPassed(DECIDE_SELECTION).isWaitingAt(OBJECTION_WINDOW)
        .variables().containsEntry(SELECTION_DECISION, SELECTED);
    assertThat(instance).hasNotPassed(REVISE_PLAN);

    fire(instance, OBJECTION_WINDOW_CLOSED);
    assertThatThrownBy(() -> fileObjection("늦은 이의신청 (late objection)"))
        .as("an objection after the window has closed finds nothing to correlate with")
        .isInstanceOf(MismatchingMessageCorrelationException.class);

    complete(instance, SIGN_AGREEMENT, KickoffForms.agreement(KickoffForms.TASK_BUDGET_EOK));
    complete(instance, CONFIRM_KICKOFF, KickoffForms.kickoff());
    assertThat(instance).isEnded().hasPassed(END_TASK_KICKED_OFF).hasNotPassed(OBJECTION_FILED)
        .variables().containsEntry(AGREED_BUDGET, KickoffForms.TASK_BUDGET_EOK);
  }

  @Test
  void aKickoffsTasksNameTheirProgrammeAndKeepNoHistoryOfTheirLabels() {
    User official = identityService.newUser("kickoff-notice-" + UUID.randomUUID());
    official.setEmail(official.getId() + "@iitp.example.kr");
    identityService.saveUser(official);
    identityService.createMembership(official.getId(), "agency-officers");
    try {
      walkFirstTaskOfAKickoff(official.getId());
    } finally {
      identityService.deleteUser(official.getId());
    }
  }

  private void walkFirstTaskOfAKickoff(String official) {
    ProcessInstance instance = start();
    String taskCode = businessKey.substring(businessKey.indexOf('/') + 1);
    Task announce = task(ANNOUNCE_CALL, instance);
    Assertions.assertThat(taskService.getVariablesLocal(announce.getId()))
        .containsEntry(TaskListLabels.PROGRAMME, KickoffForms.PROGRAMME + " · " + KickoffForms.PROGRAMME_TITLE)
        .containsEntry(TaskListLabels.RND_TASK, taskCode + " · 완전자율 로봇 표준모델 개발 (Autonomous robot standard model)");

    // the notices of the kickoff's first task name the programme from the kickoff's own variables and key
    List<Notification> notices = notifications.findByProcessInstance(instance.getId()).stream()
        .filter(notice -> announce.getId().equals(notice.taskId())).toList();
    Assertions.assertThat(notices).extracting(Notification::recipientUserId).contains(official);
    Assertions.assertThat(notices).allSatisfy(notice -> {
      Assertions.assertThat(notice.programmeCode()).isEqualTo(KickoffForms.PROGRAMME);
      Assertions.assertThat(notice.subject() + notice.body()).contains(KickoffForms.PROGRAMME_TITLE)
          .contains(businessKey);
    });

    complete(instance, ANNOUNCE_CALL, KickoffForms.announcement());
    Assertions.assertThat(taskService.createTaskQuery().taskId(announce.getId()).count()).isZero();
    Assertions.assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
            .list())
        .extracting(HistoricVariableInstance::getName)
        .as("the labels are copies for Tasklist's list; the programme's own variables keep their history")
        .doesNotContain(TaskListLabels.PROGRAMME, TaskListLabels.RND_TASK)
        .contains(PROGRAMME_CODE, PROGRAMME_NAME, CALL_OPENS_ON);
  }

  @Test
  void conditionalSelectionRevisesPlanAndBudget() {
    ProcessInstance instance = start();
    throughPanel(instance);

    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(65.0));
    assertThat(instance).isWaitingAt(REVISE_PLAN).variables().containsEntry(SELECTION_DECISION, CONDITIONAL);
    assertThat(task(REVISE_PLAN, instance)).hasCandidateGroup("lead-institutions");

    complete(instance, REVISE_PLAN, KickoffForms.revision(100L));
    assertThat(instance).isWaitingAt(OBJECTION_WINDOW);
    fire(instance, OBJECTION_WINDOW_CLOSED);

    assertThatThrownBy(() -> complete(instance, SIGN_AGREEMENT, KickoffForms.agreement(110L)))
        .as("above the revised budget")
        .hasMessageContaining(AGREED_BUDGET);
    assertThat(instance).isWaitingAt(SIGN_AGREEMENT);

    complete(instance, SIGN_AGREEMENT, KickoffForms.agreement(100L));
    complete(instance, CONFIRM_KICKOFF, KickoffForms.kickoff());
    assertThat(instance).isEnded().hasPassed(REVISE_PLAN, END_TASK_KICKED_OFF)
        .variables().containsEntry(REVISED_BUDGET, 100L).containsEntry(AGREED_BUDGET, 100L);
  }

  @Test
  void rejectedProposalsAreAnnouncedAgain() {
    ProcessInstance instance = start();
    throughPanel(instance);

    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(55.0));
    assertThat(instance).isWaitingAt(ANNOUNCE_CALL).variables().containsEntry(SELECTION_DECISION, REJECTED);
    assertThat(instance).hasNotPassed(OBJECTION_WINDOW);

    throughPanel(instance);
    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(75.0));
    assertThat(instance).isWaitingAt(OBJECTION_WINDOW).variables().containsEntry(SELECTION_DECISION, SELECTED);
  }

  @Test
  void noApplicationsAnnouncesTheCallAgain() {
    ProcessInstance instance = start();
    announceAndClose(instance);

    complete(instance, REGISTER_APPLICATIONS, KickoffForms.applications(0));
    assertThat(instance).isWaitingAt(ANNOUNCE_CALL).hasNotPassed(SCREEN_ELIGIBILITY);

    announceAndClose(instance);
    assertThat(instance).isWaitingAt(REGISTER_APPLICATIONS);
  }

  @Test
  void noEligibleApplicationAnnouncesTheCallAgain() {
    ProcessInstance instance = start();
    announceAndClose(instance);
    complete(instance, REGISTER_APPLICATIONS, KickoffForms.applications(3));

    complete(instance, SCREEN_ELIGIBILITY, KickoffForms.screening(0));
    assertThat(instance).isWaitingAt(ANNOUNCE_CALL).hasNotPassed(CHECK_PANEL);
  }

  @Test
  void dismissedObjectionLeadsToTheAgreement() {
    ProcessInstance instance = start();
    throughPanel(instance);
    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(71.0));

    fileObjection("평가위원 이해충돌 의혹 (suspected conflict of interest)");
    assertThat(instance).isWaitingAt(REVIEW_OBJECTION)
        .variables().containsEntry(OBJECTION_BY, "경북대학교 컨소시엄");
    assertThat(task(REVIEW_OBJECTION, instance)).hasCandidateGroup("agency-officers");

    complete(instance, REVIEW_OBJECTION, KickoffForms.objectionReview(DISMISSED));
    assertThat(instance).isWaitingAt(SIGN_AGREEMENT).hasNotPassed(OBJECTION_WINDOW_CLOSED);
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(OBJECTION_WINDOW_CLOSED).count()).as("the window's timer is cancelled").isZero();

    complete(instance, SIGN_AGREEMENT, KickoffForms.agreement(KickoffForms.TASK_BUDGET_EOK));
    complete(instance, CONFIRM_KICKOFF, KickoffForms.kickoff());
    assertThat(instance).isEnded().hasPassed(OBJECTION_FILED, END_TASK_KICKED_OFF);
  }

  @Test
  void upheldObjectionEvaluatesAgain() {
    ProcessInstance instance = start();
    throughPanel(instance);
    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(71.0));
    fileObjection("점수 산정 오류 (scoring error)");

    complete(instance, REVIEW_OBJECTION, KickoffForms.objectionReview(UPHELD));
    assertThat(instance).isWaitingAt(EVALUATE_PROPOSALS);
    assertThat(task(EVALUATE_PROPOSALS, instance)).hasCandidateGroup("evaluation-panel");

    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(62.0));
    assertThat(instance).isWaitingAt(REVISE_PLAN).variables().containsEntry(SELECTION_DECISION, CONDITIONAL);
  }

  @Test
  void callClosesAtSixPmSeoulTimeOnTheClosingDate() {
    ProcessInstance instance = start();
    complete(instance, ANNOUNCE_CALL, KickoffForms.announcement("2026-03-02", "2026-04-01"));

    assertThat(instance).isWaitingAt(CALL_CLOSED);
    Job callClosed = jobAt(instance, CALL_CLOSED);
    Assertions.assertThat(callClosed.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-04-01T09:00:00Z"));

    managementService.executeJob(callClosed.getId());
    assertThat(instance).hasPassed(CALL_CLOSED).isWaitingAt(REGISTER_APPLICATIONS);
    assertThat(task(REGISTER_APPLICATIONS, instance)).hasCandidateGroup("agency-officers");
  }

  @Test
  void tooShortCallIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = start();

    assertThatThrownBy(() -> complete(instance, ANNOUNCE_CALL, KickoffForms.announcement("2026-03-02", "2026-03-20")))
        .hasMessageContaining(CALL_CLOSES_ON).hasMessageContaining("30");
    assertThat(instance).isWaitingAt(ANNOUNCE_CALL);
  }

  @Test
  void tooSmallPanelIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = start();
    announceAndClose(instance);
    complete(instance, REGISTER_APPLICATIONS, KickoffForms.applications(2));
    complete(instance, SCREEN_ELIGIBILITY, KickoffForms.screening(1));

    assertThatThrownBy(() -> complete(instance, CHECK_PANEL, KickoffForms.panelOf("""
        [{"name":"김민준","affiliation":"KAIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"이서연","affiliation":"POSTECH","sanctionedWithinThreeYears":false,"conflictOfInterest":true}]
        """)))
        .hasMessageContaining(PANEL_MEMBERS).hasMessageContaining("이서연");
    assertThat(instance).isWaitingAt(CHECK_PANEL);
    Assertions.assertThat(runtimeService.getVariable(instance.getId(), ELIGIBLE_PANEL_SIZE)).isNull();
  }

  @Test
  void everyMissedDeadlineIsRecordedAndTheTaskStaysOpen() {
    ProcessInstance instance = start();
    int missed = 0;

    missDeadline(instance, ANNOUNCE_CALL, ++missed);
    announceAndClose(instance);
    missDeadline(instance, REGISTER_APPLICATIONS, ++missed);
    complete(instance, REGISTER_APPLICATIONS, KickoffForms.applications(2));
    missDeadline(instance, SCREEN_ELIGIBILITY, ++missed);
    complete(instance, SCREEN_ELIGIBILITY, KickoffForms.screening(2));
    missDeadline(instance, CHECK_PANEL, ++missed);
    complete(instance, CHECK_PANEL, KickoffForms.panel());
    missDeadline(instance, EVALUATE_PROPOSALS, ++missed);
    complete(instance, EVALUATE_PROPOSALS, KickoffForms.evaluation(60.0));
    missDeadline(instance, REVISE_PLAN, ++missed);
    complete(instance, REVISE_PLAN, KickoffForms.revision(90L));
    fileObjection("예산 삭감 이의 (objection to the budget cut)");
    missDeadline(instance, REVIEW_OBJECTION, ++missed);
    complete(instance, REVIEW_OBJECTION, KickoffForms.objectionReview(DISMISSED));
    missDeadline(instance, SIGN_AGREEMENT, ++missed);
    complete(instance, SIGN_AGREEMENT, KickoffForms.agreement(90L));
    missDeadline(instance, CONFIRM_KICKOFF, ++missed);
    complete(instance, CONFIRM_KICKOFF, KickoffForms.kickoff());

    Assertions.assertThat(missed).isEqualTo(USER_TASKS.size());
    assertThat(instance).isEnded().hasPassed(END_TASK_KICKED_OFF);
  }

  /**
   * Starts one task's kickoff as the main pipeline does: from a call activity, with the business key
   * programmeCode/taskCode and the input variables, so the kickoff runs as a sub-process exactly as in production.
   */
  private ProcessInstance start() {
    String taskCode = businessKey.substring(businessKey.indexOf('/') + 1);
    VariableMap callerVariables = Variables.createVariables();
    KickoffForms.inputs(taskCode).forEach((name, value) -> callerVariables.putValue(CALLER_PREFIX + name, value));
    ProcessInstance caller = runtimeService.startProcessInstanceByKey(CALLER_KEY, callerVariables);
    ProcessInstance kickoff = runtimeService.createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .singleResult();
    Assertions.assertThat(kickoff.getProcessDefinitionId()).startsWith(PROCESS_KEY + ":");
    Assertions.assertThat(kickoff.getBusinessKey()).isEqualTo(businessKey);
    return kickoff;
  }

  private void deployCaller() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(CALLER_KEY).count() > 0) {
      return;
    }
    StringBuilder in = new StringBuilder();
    for (String name : KickoffForms.inputs("T").keySet()) {
      in.append("<camunda:in source=\"").append(CALLER_PREFIX).append(name).append("\" target=\"").append(name)
          .append("\" />");
    }
    String model = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Caller" targetNamespace="test">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Caller" />
            <bpmn:sequenceFlow id="Flow_ToKickoff" sourceRef="StartEvent_Caller" targetRef="CallActivity_Kickoff" />
            <bpmn:callActivity id="CallActivity_Kickoff" calledElement="%s">
              <bpmn:extensionElements>
                <camunda:in businessKey="${%sprogrammeCode}/${%staskCode}" />%s
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="CallActivity_Kickoff" targetRef="EndEvent_Caller" />
            <bpmn:endEvent id="EndEvent_Caller" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(CALLER_KEY, PROCESS_KEY, CALLER_PREFIX, CALLER_PREFIX, in);
    repositoryService.createDeployment().name(CALLER_KEY).addString(CALLER_KEY + ".bpmn", model).deploy();
  }

  private void announceAndClose(ProcessInstance instance) {
    complete(instance, ANNOUNCE_CALL, KickoffForms.announcement());
    assertThat(instance).isWaitingAt(CALL_CLOSED);
    fire(instance, CALL_CLOSED);
  }

  private void throughPanel(ProcessInstance instance) {
    announceAndClose(instance);
    complete(instance, REGISTER_APPLICATIONS, KickoffForms.applications(2));
    complete(instance, SCREEN_ELIGIBILITY, KickoffForms.screening(2));
    complete(instance, CHECK_PANEL, KickoffForms.panel());
    assertThat(instance).isWaitingAt(EVALUATE_PROPOSALS);
  }

  private void complete(ProcessInstance instance, String taskId, Map<String, Object> variables) {
    assertThat(instance).isWaitingAt(taskId);
    taskService.complete(task(taskId, instance).getId(), variables);
  }

  private void fileObjection(String reason) {
    runtimeService.createMessageCorrelation(MESSAGE_OBJECTION_FILED)
        .processInstanceBusinessKey(businessKey)
        .setVariable(OBJECTION_BY, "경북대학교 컨소시엄")
        .setVariable(OBJECTION_REASON, reason)
        .correlate();
  }

  private Job jobAt(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
  }

  private void fire(ProcessInstance instance, String activityId) {
    Job job = jobAt(instance, activityId);
    Assertions.assertThat(job).as("timer at " + activityId).isNotNull();
    managementService.executeJob(job.getId());
  }

  private void missDeadline(ProcessInstance instance, String taskId, int expectedCount) {
    Task open = task(taskId, instance);
    Assertions.assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), open.getDueDate().toInstant()))
        .as("due date of " + taskId).isPositive();
    Job deadline = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(taskId)
        .timers().singleResult();
    Assertions.assertThat(deadline.getDuedate()).as("deadline of " + taskId).isEqualTo(open.getDueDate());
    managementService.executeJob(deadline.getId());

    assertThat(instance).isWaitingAt(taskId)
        .variables().containsEntry("missedDeadlineCount", expectedCount);
    Assertions.assertThat(taskService.getVariableLocal(open.getId(), "overdue")).isEqualTo(true);
  }
}
