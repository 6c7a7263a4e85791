package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.*;
import static kr.axhub.funding.pipeline.PipelineForms.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.springframework.test.context.TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.pipeline.PipelineForms.RndTask;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
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
 * One test per business path of the programme pipeline: where the programme waits, which end it reaches and what
 * it records. Timers and the asynchronous report are executed by hand; each R&amp;D task's own kickoff is finished
 * by moving it to its end, so these tests do not depend on the kickoff's inner steps. Every element and flow of the
 * pipeline must be covered by the class as a whole.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class, mergeMode = MERGE_WITH_DEFAULTS)
@Import({ProcessEngineCoverageConfiguration.class, PipelineProcessTest.CoverageProperties.class})
class PipelineProcessTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  /**
   * Primary, because the imported coverage configuration declares default properties too; with two candidates the
   * coverage listener silently falls back to its defaults, which assert nothing.
   */
  @TestConfiguration
  static class CoverageProperties {

    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder()
          .assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys(KICKOFF_PROCESS_KEY)
          .build();
    }
  }

  @Autowired
  private ProcessEngine processEngine;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private TaskService taskService;
  @Autowired
  private ManagementService managementService;
  @Autowired
  private RepositoryService repositoryService;

  @BeforeEach
  void setUp() {
    init(processEngine);
    deployKickoffStandInUnlessDeployed();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------- complete journeys

  @Test
  void exemptionConfirmedByTheCabinetLaunchesTheProgramme() {
    ProcessInstance programme = toCabinetAgenda("AX-DAEGU-2026");
    assertThat(runtimeService.getVariable(programme.getId(), EXEMPTION_GROUND_LABEL).toString()).startsWith("제10호");
    // The decisions' results stay inside their tasks: managers read words and numbers, never a Java map.
    assertThat(runtimeService.getVariables(programme.getId()))
        .doesNotContainKeys("feasibilityDecision", "exemptionGroundDecision")
        .allSatisfy((name, value) -> assertThat(value).as(name).isNotInstanceOf(java.util.Map.class));

    complete(programme, TASK_TABLE_CABINET_AGENDA, cabinetAgenda());
    complete(programme, TASK_RECORD_CABINET_RESOLUTION, cabinetResolution("RESOLVED"));
    complete(programme, TASK_RECORD_COMMITTEE_CONFIRMATION, committee("CONFIRMED"));
    reportToAssembly(programme);
    complete(programme, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, adequacyConfirmed(5510));
    complete(programme, TASK_REQUEST_BUDGET, budgetRequest(2026, 229));
    complete(programme, TASK_RECORD_APPROPRIATION, appropriation(229));

    launch(programme,
        new RndTask("ROBOT-SM-01", "완전자율 로봇 표준모델 (Autonomous robot standard model)", "STANDARD_MODEL", "ROBOT", 120),
        new RndTask("BIO-SOL-01", "치과 AX 솔루션 (Dental AX solution)", "SOLUTION", "MEDICAL_BIO", 80));

    assertThat(programme).hasPassedInOrder(TASK_TABLE_CABINET_AGENDA, TASK_RECORD_CABINET_RESOLUTION,
        TASK_RECORD_COMMITTEE_CONFIRMATION, SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY,
        TASK_REQUEST_BUDGET, TASK_RECORD_APPROPRIATION, TASK_PUBLISH_IMPLEMENTATION_PLAN, CALL_KICK_OFF_RND_TASKS);
    assertThat(programme).variables()
        .containsEntry(CONFIRMED_TOTAL_COST, 5510L)
        .containsEntry(APPROPRIATED_AMOUNT, 229L)
        .containsEntry(CABINET_RESOLUTION_REQUIRED, true);
  }

  @Test
  void feasibilityStudyPassedLaunchesTheProgrammeWithTheRecommendedCost() {
    ProcessInstance programme = toExemptionReview("AX-GWANGJU-2026", "ART38_2_10");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("REFUSE", "면제 요건 미충족 (Ground not met)"));
    complete(programme, TASK_SELECT_STUDY_TARGET, studyTarget("SUITABLE"));
    complete(programme, TASK_CONDUCT_FEASIBILITY_STUDY, studyPassed(4800));

    assertThat(programme).isWaitingAt(TASK_REQUEST_BUDGET).variables().containsEntry(CONFIRMED_TOTAL_COST, 4800L);
    assertThat(programme).hasNotPassed(TASK_TABLE_CABINET_AGENDA, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY);
    complete(programme, TASK_REQUEST_BUDGET, budgetRequest(2026, 300));
    complete(programme, TASK_RECORD_APPROPRIATION, appropriation(250));
    launch(programme, new RndTask("ABB-PRD-01", "AI 반도체 제품 (AI product)", "PRODUCT", "ABB", 4800));
  }

  @Test
  void exemptionOnAGroundWithoutCabinetGoesStraightToTheCommittee() {
    ProcessInstance programme = toExemptionReview("AX-JEONBUK-2026", "ART38_2_8");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("RECOMMEND", null));

    assertThat(programme).isWaitingAt(TASK_RECORD_COMMITTEE_CONFIRMATION)
        .hasNotPassed(TASK_TABLE_CABINET_AGENDA)
        .variables().containsEntry(CABINET_RESOLUTION_REQUIRED, false);
    complete(programme, TASK_RECORD_COMMITTEE_CONFIRMATION, committee("CONFIRMED"));
    reportToAssembly(programme);
    assertThat(programme).isWaitingAt(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY);
  }

  @Test
  void researchProposedAfterTheStudyWasAbolishedGoesStraightToTheAdequacyReview() {
    ProcessInstance programme = toProposalReview("AX-GYEONGNAM-2026", "2026-03-02");
    complete(programme, TASK_REVIEW_PROPOSAL, proposalReview("ADOPT", null));

    assertThat(programme).isWaitingAt(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY)
        .hasNotPassed(TASK_PREPARE_EXEMPTION_REQUEST)
        .variables()
        .containsEntry(FEASIBILITY_STUDY, "NOT_REQUIRED")
        .containsEntry(PLANNING_CHECK_REQUIRED, true);
  }

  // ---------------------------------------------------------------- loops

  @Test
  void returnedProposalIsRevisedAndApprovedAgain() {
    ProcessInstance programme = start("AX-RETURN-2026", "2025-03-04");
    complete(programme, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("RETURN", "국비 비중 조정 (Adjust the national share)"));

    assertThat(programme).isWaitingAt(TASK_REVISE_PROPOSAL).variables()
        .containsEntry(REVISION_REASON, "국비 비중 조정 (Adjust the national share)")
        .containsEntry(REVISION_REQUESTED_BY, "소속 기관장 (Region director)");
    missDeadline(programme, TASK_REVISE_PROPOSAL);
    complete(programme, TASK_REVISE_PROPOSAL, editableProposal(5000, 1300, 3200, 500));

    assertThat(programme).isWaitingAt(TASK_APPROVE_PROPOSAL_INTERNALLY).variables().containsEntry(TOTAL_COST, 5000L);
    complete(programme, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("APPROVE", null));
    assertThat(programme).isWaitingAt(TASK_REVIEW_PROPOSAL);
  }

  @Test
  void proposalSentBackForSupplementReturnsThroughInternalApproval() {
    ProcessInstance programme = toProposalReview("AX-SUPPLEMENT-2026", "2025-03-04");
    complete(programme, TASK_REVIEW_PROPOSAL, proposalReview("SUPPLEMENT", "성과지표 보완 (Add outcome indicators)"));

    assertThat(programme).isWaitingAt(TASK_REVISE_PROPOSAL).variables()
        .containsEntry(REVISION_REASON, "성과지표 보완 (Add outcome indicators)")
        .containsEntry(REVISION_REQUESTED_BY, "과학기술정보통신부 (MSIT)");
    complete(programme, TASK_REVISE_PROPOSAL, editableProposal(TOTAL, 1380, 3580, 550));
    complete(programme, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("APPROVE", null));
    assertThat(programme).isWaitingAt(TASK_REVIEW_PROPOSAL).variables()
        .doesNotContainKeys(PROPOSAL_REVIEW_DECISION, PROPOSAL_REVIEW_REASON)
        .containsEntry("earlierProposalReviewReason", "성과지표 보완 (Add outcome indicators)");
    complete(programme, TASK_REVIEW_PROPOSAL, proposalReview("ADOPT", null));
    assertThat(programme).isWaitingAt(TASK_PREPARE_EXEMPTION_REQUEST);
  }

  @Test
  void exemptionRequestSentBackForSupplementIsPreparedAgain() {
    ProcessInstance programme = toExemptionReview("AX-EXSUPP-2026", "ART38_2_9");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("SUPPLEMENT", "근거 보강 (Strengthen the ground)"));

    assertThat(programme).isWaitingAt(TASK_PREPARE_EXEMPTION_REQUEST);
    assertThat(programme).variables().containsEntry(EXEMPTION_REVIEW_COMMENT, "근거 보강 (Strengthen the ground)");
    complete(programme, TASK_PREPARE_EXEMPTION_REQUEST, exemptionRequest("ART38_2_10"));
    assertThat(programme).isWaitingAt(TASK_REVIEW_EXEMPTION_REQUEST).variables()
        .doesNotContainKeys(EXEMPTION_REVIEW_DECISION, EXEMPTION_REVIEW_COMMENT)
        .containsEntry("earlierExemptionReviewComment", "근거 보강 (Strengthen the ground)");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("RECOMMEND", null));
    assertThat(programme).isWaitingAt(TASK_TABLE_CABINET_AGENDA);
  }

  @Test
  void deferredCabinetItemIsTabledAgainWhenItsTimeComes() {
    ProcessInstance programme = toCabinetAgenda("AX-DEFER-2026");
    complete(programme, TASK_TABLE_CABINET_AGENDA, cabinetAgenda());
    complete(programme, TASK_RECORD_CABINET_RESOLUTION, cabinetDeferred(30));

    assertThat(programme).isWaitingAt(TIMER_CABINET_ITEM_RETABLED);
    Job retabling = timer(programme, TIMER_CABINET_ITEM_RETABLED);
    assertDueIn(retabling, Duration.ofDays(30));
    managementService.executeJob(retabling.getId());

    assertThat(programme).isWaitingAt(TASK_TABLE_CABINET_AGENDA);
    complete(programme, TASK_TABLE_CABINET_AGENDA, cabinetAgenda());
    complete(programme, TASK_RECORD_CABINET_RESOLUTION, cabinetResolution("RESOLVED"));
    assertThat(programme).isWaitingAt(TASK_RECORD_COMMITTEE_CONFIRMATION);
  }

  @Test
  void businessPlanSentForRestructuringIsReviewedAgain() {
    ProcessInstance programme = toAdequacyReview("AX-RESTRUCT-2026");
    complete(programme, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, adequacyRestructure("센터 규모 축소 (Reduce the centre)"));

    assertThat(programme).isWaitingAt(TASK_RESTRUCTURE_BUSINESS_PLAN).variables()
        .containsEntry(RESTRUCTURE_REASON, "센터 규모 축소 (Reduce the centre)");
    missDeadline(programme, TASK_RESTRUCTURE_BUSINESS_PLAN);
    complete(programme, TASK_RESTRUCTURE_BUSINESS_PLAN, restructuredPlan(5200, 1380, 3580, 240));

    assertThat(programme).isWaitingAt(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY).variables().containsEntry(TOTAL_COST, 5200L)
        .doesNotContainKeys(ADEQUACY_DECISION, RESTRUCTURE_REASON)
        .containsEntry("earlierRestructureReason", "센터 규모 축소 (Reduce the centre)");
    complete(programme, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, adequacyConfirmed(5100));
    assertThat(programme).isWaitingAt(TASK_REQUEST_BUDGET).variables().containsEntry(CONFIRMED_TOTAL_COST, 5100L);
  }

  @Test
  void programmeWithoutAppropriationWaitsForTheNextBudgetCycle() {
    ProcessInstance programme = toAdequacyReview("AX-HOLD-2026");
    complete(programme, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, adequacyConfirmed(5510));
    complete(programme, TASK_REQUEST_BUDGET, budgetRequest(2026, 229));
    complete(programme, TASK_RECORD_APPROPRIATION, appropriation(0));

    assertThat(programme).isWaitingAt(TIMER_NEXT_BUDGET_CYCLE);
    Job nextCycle = timer(programme, TIMER_NEXT_BUDGET_CYCLE);
    ZonedDateTime now = ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), SEOUL);
    assertDueIn(nextCycle, Duration.between(now, now.plusMonths(6)));
    managementService.executeJob(nextCycle.getId());

    assertThat(programme).isWaitingAt(TASK_REQUEST_BUDGET);
    complete(programme, TASK_REQUEST_BUDGET, budgetRequest(2027, 229));
    complete(programme, TASK_RECORD_APPROPRIATION, appropriation(229));
    assertThat(programme).isWaitingAt(TASK_PUBLISH_IMPLEMENTATION_PLAN);
  }

  // ---------------------------------------------------------------- every other end

  @Test
  void withdrawnProposalEnds() {
    ProcessInstance programme = start("AX-WITHDRAW-2026", "2025-03-04");
    complete(programme, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("WITHDRAW", "사업 재검토 (Rethinking)"));
    assertThat(programme).isEnded().hasPassed(END_PROPOSAL_WITHDRAWN);
  }

  @Test
  void rejectedProposalEnds() {
    ProcessInstance programme = toProposalReview("AX-REJECT-2026", "2025-03-04");
    complete(programme, TASK_REVIEW_PROPOSAL, proposalReview("REJECT", "정책 방향 불일치 (Off policy)"));
    assertThat(programme).isEnded().hasPassed(END_PROPOSAL_REJECTED)
        .hasNotPassed(BUSINESS_RULE_DETERMINE_FEASIBILITY_REQUIREMENT);
  }

  @Test
  void refusedExemptionAndUnsuitableStudyTargetEnds() {
    ProcessInstance programme = toExemptionReview("AX-UNSUIT-2026", "ART38_2_5");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("REFUSE", "면제 사유 아님 (Not a ground)"));

    assertThat(programme).isWaitingAt(TASK_SELECT_STUDY_TARGET);
    missDeadline(programme, TASK_SELECT_STUDY_TARGET);
    complete(programme, TASK_SELECT_STUDY_TARGET, studyTarget("UNSUITABLE"));
    assertThat(programme).isEnded().hasPassed(END_STUDY_TARGET_UNSUITABLE);
  }

  @Test
  void failedFeasibilityStudyEnds() {
    ProcessInstance programme = toExemptionReview("AX-FAILED-2026", "ART38_2_10");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("REFUSE", "면제 불가 (Refused)"));
    complete(programme, TASK_SELECT_STUDY_TARGET, studyTarget("SUITABLE"));

    missDeadline(programme, TASK_CONDUCT_FEASIBILITY_STUDY);
    complete(programme, TASK_CONDUCT_FEASIBILITY_STUDY, studyFailed());
    assertThat(programme).isEnded().hasPassed(END_FEASIBILITY_STUDY_FAILED);
    assertThat(programme).variables().doesNotContainKey(CONFIRMED_TOTAL_COST);
  }

  @Test
  void cabinetRejectionEnds() {
    ProcessInstance programme = toCabinetAgenda("AX-CABREJ-2026");
    complete(programme, TASK_TABLE_CABINET_AGENDA, cabinetAgenda());
    complete(programme, TASK_RECORD_CABINET_RESOLUTION, cabinetResolution("REJECTED"));
    assertThat(programme).isEnded().hasPassed(END_CABINET_REJECTED);
  }

  @Test
  void committeeNotConfirmingEndsWithoutReportingToTheAssembly() {
    ProcessInstance programme = toExemptionReview("AX-NOTCONF-2026", "ART38_2_6");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("RECOMMEND", null));
    complete(programme, TASK_RECORD_COMMITTEE_CONFIRMATION, committee("NOT_CONFIRMED"));
    assertThat(programme).isEnded().hasPassed(END_COMMITTEE_NOT_CONFIRMED)
        .hasNotPassed(SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY);
  }

  // ---------------------------------------------------------------- deadlines

  @Test
  void missedDeadlinesAreRecordedWhileEachTaskStaysWithItsOfficial() {
    ProcessInstance programme = start("AX-LATE-2026", "2025-03-04");
    missDeadlineAndComplete(programme, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("APPROVE", null));
    missDeadlineAndComplete(programme, TASK_REVIEW_PROPOSAL, proposalReview("ADOPT", null));
    missDeadlineAndComplete(programme, TASK_PREPARE_EXEMPTION_REQUEST, exemptionRequest("ART38_2_10"));
    missDeadlineAndComplete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("RECOMMEND", null));
    missDeadlineAndComplete(programme, TASK_TABLE_CABINET_AGENDA, cabinetAgenda());
    missDeadlineAndComplete(programme, TASK_RECORD_CABINET_RESOLUTION, cabinetResolution("RESOLVED"));
    missDeadlineAndComplete(programme, TASK_RECORD_COMMITTEE_CONFIRMATION, committee("CONFIRMED"));
    reportToAssembly(programme);
    missDeadlineAndComplete(programme, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, adequacyConfirmed(5510));
    missDeadlineAndComplete(programme, TASK_REQUEST_BUDGET, budgetRequest(2026, 229));
    missDeadlineAndComplete(programme, TASK_RECORD_APPROPRIATION, appropriation(229));
    missDeadline(programme, TASK_PUBLISH_IMPLEMENTATION_PLAN);

    assertThat(programme).isWaitingAt(TASK_PUBLISH_IMPLEMENTATION_PLAN).variables()
        .containsEntry("missedDeadlineCount", 11);
  }

  // ---------------------------------------------------------------- refused input

  @Test
  void proposalWhoseNationalFundingExceedsTheTotalIsRefused() {
    Map<String, Object> proposal = new java.util.HashMap<>(proposal("AX-REFUSED-2026"));
    proposal.put(NATIONAL_FUNDING, TOTAL + 1);

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, "AX-REFUSED-2026", proposal))
        .hasMessageContaining(NATIONAL_FUNDING);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("AX-REFUSED-2026").count())
        .isZero();
  }

  @Test
  void appropriationAboveTheRequestIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance programme = toAdequacyReview("AX-OVERPAID-2026");
    complete(programme, TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, adequacyConfirmed(5510));
    complete(programme, TASK_REQUEST_BUDGET, budgetRequest(2026, 229));

    assertThatThrownBy(() -> complete(programme, TASK_RECORD_APPROPRIATION, appropriation(230)))
        .hasMessageContaining(APPROPRIATED_AMOUNT);
    assertThat(programme).isWaitingAt(TASK_RECORD_APPROPRIATION);
  }

  /** Tasklist's Description tab and the task mails show what the model documents for the task. */
  @Test
  void aTaskDescribesTheDecisionItsRuleAndWhatFollows() {
    ProcessInstance programme = toProposalReview("AX-DOCS-2026", "2025-03-04");
    Task review = taskService.createTaskQuery().processInstanceId(programme.getId()).singleResult();
    assertThat(review.getDescription()).startsWith("과학기술정보통신부가 제안서를 검토합니다.")
        .contains("The ministry (MSIT) reviews the proposal.", "Reject: the programme ends (Proposal rejected).");
  }

  // ---------------------------------------------------------------- journeys up to a stage

  private ProcessInstance start(String programmeCode, String proposalDate) {
    ProcessInstance programme = runtimeService.startProcessInstanceByKey(PROCESS_KEY, programmeCode,
        proposal(programmeCode, proposalDate));
    assertThat(programme).isWaitingAt(TASK_APPROVE_PROPOSAL_INTERNALLY);
    assertThat(programme.getBusinessKey()).isEqualTo(programmeCode);
    return programme;
  }

  private ProcessInstance toProposalReview(String programmeCode, String proposalDate) {
    ProcessInstance programme = start(programmeCode, proposalDate);
    complete(programme, TASK_APPROVE_PROPOSAL_INTERNALLY, internalApproval("APPROVE", null));
    assertThat(programme).isWaitingAt(TASK_REVIEW_PROPOSAL);
    return programme;
  }

  /** Proposed in 2025 at 5,510억 with 3,300억 national funding: the study is required, so an exemption is asked. */
  private ProcessInstance toExemptionReview(String programmeCode, String ground) {
    ProcessInstance programme = toProposalReview(programmeCode, "2025-03-04");
    complete(programme, TASK_REVIEW_PROPOSAL, proposalReview("ADOPT", null));
    assertThat(programme).isWaitingAt(TASK_PREPARE_EXEMPTION_REQUEST).variables()
        .containsEntry(FEASIBILITY_STUDY, "REQUIRED")
        .containsEntry(PLANNING_CHECK_REQUIRED, false);
    complete(programme, TASK_PREPARE_EXEMPTION_REQUEST, exemptionRequest(ground));
    assertThat(programme).isWaitingAt(TASK_REVIEW_EXEMPTION_REQUEST);
    return programme;
  }

  /** Item 10 of Art. 38(2), balanced regional development: the cabinet must resolve. */
  private ProcessInstance toCabinetAgenda(String programmeCode) {
    ProcessInstance programme = toExemptionReview(programmeCode, "ART38_2_10");
    complete(programme, TASK_REVIEW_EXEMPTION_REQUEST, exemptionReview("RECOMMEND", null));
    assertThat(programme).isWaitingAt(TASK_TABLE_CABINET_AGENDA);
    return programme;
  }

  private ProcessInstance toAdequacyReview(String programmeCode) {
    ProcessInstance programme = toProposalReview(programmeCode, "2026-02-02");
    complete(programme, TASK_REVIEW_PROPOSAL, proposalReview("ADOPT", null));
    assertThat(programme).isWaitingAt(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY);
    return programme;
  }

  private void reportToAssembly(ProcessInstance programme) {
    assertThat(programme).isWaitingAt(SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY);
    Date before = ClockUtil.getCurrentTime();
    managementService.executeJob(asyncJob(programme, SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY).getId());
    assertThat(programme).variables()
        .containsEntry(ASSEMBLY_REPORT_RECIPIENT, "국회 과학기술정보방송통신위원회")
        .containsKey(ASSEMBLY_REPORTED_AT);
    assertThat((Date) runtimeService.getVariable(programme.getId(), ASSEMBLY_REPORTED_AT)).isAfterOrEqualTo(before);
  }

  /** Publishes the plan, checks that one kickoff per task starts with the task's data, and finishes them all. */
  private void launch(ProcessInstance programme, RndTask... tasks) {
    complete(programme, TASK_PUBLISH_IMPLEMENTATION_PLAN, implementationPlan(tasks));
    assertThat(programme).isWaitingAt(CALL_KICK_OFF_RND_TASKS);

    List<ProcessInstance> kickoffs = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(programme.getId()).list();
    assertThat(kickoffs).extracting(ProcessInstance::getBusinessKey).containsExactlyInAnyOrder(
        java.util.Arrays.stream(tasks).map(t -> programme.getBusinessKey() + "/" + t.code()).toArray(String[]::new));
    for (RndTask task : tasks) {
      ProcessInstance kickoff = kickoffs.stream()
          .filter(k -> k.getBusinessKey().endsWith("/" + task.code())).findFirst().orElseThrow();
      Map<String, Object> received = runtimeService.getVariables(kickoff.getId());
      assertThat(received)
          .containsEntry(PROGRAMME_CODE, programme.getBusinessKey())
          .containsEntry(REGION, "daegu")
          .containsEntry(KICKOFF_TASK_CODE, task.code())
          .containsEntry(KICKOFF_TASK_TITLE, task.title())
          .containsEntry(KICKOFF_TRACK, task.track())
          .containsEntry(KICKOFF_SECTOR, task.sector())
          .containsEntry(KICKOFF_TASK_BUDGET, task.budget());
    }

    for (int i = 0; i < kickoffs.size(); i++) {
      assertThat(programme).isNotEnded();
      finishKickoff(kickoffs.get(i));
    }
    assertThat(programme).isEnded().hasPassed(END_PROGRAMME_LAUNCHED);
  }

  /**
   * Moves a task's kickoff to its end, whatever it is waiting for. The cancellations come first: the engine keeps
   * the instance while a modification runs, and an instance whose last instruction reaches its end event ends
   * regularly, which completes the call activity; cancelling last would delete the instance instead.
   */
  private void finishKickoff(ProcessInstance kickoff) {
    ActivityInstance tree = runtimeService.getActivityInstance(kickoff.getId());
    ProcessInstanceModificationBuilder modification = runtimeService.createProcessInstanceModification(kickoff.getId());
    for (ActivityInstance active : tree.getChildActivityInstances()) {
      modification.cancelActivityInstance(active.getId());
    }
    for (TransitionInstance waiting : tree.getChildTransitionInstances()) {
      modification.cancelTransitionInstance(waiting.getId());
    }
    modification.startBeforeActivity(END_TASK_KICKED_OFF).execute();
    assertThat(kickoff).isEnded().hasPassed(END_TASK_KICKED_OFF);
  }

  // ---------------------------------------------------------------- steps

  private void complete(ProcessInstance programme, String taskId, Map<String, Object> form) {
    assertThat(programme).isWaitingAt(taskId);
    Task task = taskService.createTaskQuery().processInstanceId(programme.getId())
        .taskDefinitionKey(taskId).singleResult();
    taskService.complete(task.getId(), form);
  }

  private void missDeadlineAndComplete(ProcessInstance programme, String taskId, Map<String, Object> form) {
    missDeadline(programme, taskId);
    complete(programme, taskId, form);
  }

  /** Fires the task's deadline: the task is marked overdue and stays open with the same official. */
  private void missDeadline(ProcessInstance programme, String taskId) {
    Task task = taskService.createTaskQuery().processInstanceId(programme.getId())
        .taskDefinitionKey(taskId).singleResult();
    Job deadline = timer(programme, taskId);
    assertThat(deadline.getDuedate()).as("the deadline timer fires at the due date the official sees")
        .isEqualTo(task.getDueDate());
    managementService.executeJob(deadline.getId());

    assertThat(programme).isWaitingAt(taskId);
    Task overdue = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(overdue.getAssignee()).isEqualTo(task.getAssignee());
    assertThat(overdue.getPriority()).as("overdue tasks sort first in Tasklist").isEqualTo(80);
    assertThat(taskService.getVariableLocal(task.getId(), "overdue")).isEqualTo(true);
  }

  private Job timer(ProcessInstance programme, String activityId) {
    Job job = managementService.createJobQuery().processInstanceId(programme.getId())
        .activityId(activityId).timers().singleResult();
    assertThat(job).as("timer of %s", activityId).isNotNull();
    return job;
  }

  private Job asyncJob(ProcessInstance programme, String activityId) {
    Job job = managementService.createJobQuery().processInstanceId(programme.getId())
        .activityId(activityId).messages().singleResult();
    assertThat(job).as("asynchronous continuation of %s", activityId).isNotNull();
    return job;
  }

  private static void assertDueIn(Job job, Duration expected) {
    Duration actual = Duration.between(ClockUtil.getCurrentTime().toInstant(), job.getDuedate().toInstant());
    assertThat(actual.toMinutes()).isCloseTo(expected.toMinutes(), within(5L));
  }

  /**
   * The per-task kickoff is its own model; when it is not deployed in this build, a minimal stand-in with the same
   * key and final end event lets the call activity start and finish. It is deployed to the test engine only.
   */
  private void deployKickoffStandInUnlessDeployed() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(KICKOFF_PROCESS_KEY).count() > 0) {
      return;
    }
    repositoryService.createDeployment().name("kickoff stand-in")
        .addModelInstance(KICKOFF_PROCESS_KEY + "-stand-in.bpmn", Bpmn.createExecutableProcess(KICKOFF_PROCESS_KEY)
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_StandIn")
            .userTask("Task_StandIn")
            .endEvent(END_TASK_KICKED_OFF)
            .done())
        .deploy();
  }
}
