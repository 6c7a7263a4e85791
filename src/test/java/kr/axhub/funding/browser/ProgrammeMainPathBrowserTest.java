package kr.axhub.funding.browser;

import static kr.axhub.funding.browser.ValidInputs.kickoff;
import static kr.axhub.funding.browser.ValidInputs.pipeline;
import static kr.axhub.funding.browser.ValidInputs.rndTask;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The Daegu programme walked along its main path entirely in Tasklist, from the planner's proposal to the lead
 * institution confirming an R&amp;D task's kickoff, each step by an official of the task's candidate group; and a
 * manager finding a programme in Cockpit by its code and seeing the stage it waits in.
 */
class ProgrammeMainPathBrowserTest extends BrowserTestBase {

  private static final String DAEGU = "AX-DAEGU-2026";
  private static final String ROBOT = "DG-ROBOT-SM";
  private static final String DENTAL = "DG-BIO-SOL";

  @Test
  void daeguProgrammeGoesFromProposalToTaskKickoffInTheBrowser() {
    String programme = proposeInTheBrowser(DAEGU);
    browser.actAs("daegu-director", Officials.PASSWORD);
    TasklistPage.TaskList groupTasks = tasklist.listedTasks(1);
    assertThat(groupTasks.entries()).as("the group's list tells the programme's task apart")
        .anyMatch(entry -> entry.contains(DAEGU) && entry.contains("지역거점 AX 혁신 기술개발사업"));
    assertThat(groupTasks.address()).as("the list is sorted by due date first").contains("dueDate");

    work("daegu-director", programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    work("msit-officer", programme, "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    assertThat(runtimeService.getVariable(programme, "feasibilityStudy")).isEqualTo("REQUIRED");
    work("msit-officer", programme, "Task_PrepareExemptionRequest", pipeline("exemptionRequest", "ART38_2_10"));
    work("moef-reviewer", programme, "Task_ReviewExemptionRequest", pipeline("exemptionReview", "RECOMMEND", null));
    work("msit-officer", programme, "Task_TableCabinetAgenda", pipeline("cabinetAgenda"));
    work("cabinet-clerk", programme, "Task_RecordCabinetResolution", pipeline("cabinetResolution", "RESOLVED"));
    work("msit-officer", programme, "Task_RecordCommitteeConfirmation", pipeline("committee", "CONFIRMED"));
    fire(programme, "ServiceTask_ReportExemptionToAssembly");
    work("kistep-reviewer", programme, "Task_ReviewBusinessPlanAdequacy", pipeline("adequacyConfirmed", 5510L));
    work("msit-officer", programme, "Task_RequestBudget", pipeline("budgetRequest", 2026L, 229L));
    work("msit-officer", programme, "Task_RecordAppropriation", pipeline("appropriation", 229L));
    work("msit-officer", programme, "Task_PublishImplementationPlan", pipeline("implementationPlan",
        rndTask(ROBOT, "완전자율 로봇 표준모델 (Autonomous robot standard model)", "STANDARD_MODEL", "ROBOT", 120L),
        rndTask(DENTAL, "치과 AX 솔루션 (Dental AX solution)", "SOLUTION", "MEDICAL_BIO", 80L)));

    String robot = kickoffOf(DAEGU + "/" + ROBOT);
    work("agency-officer", robot, "Task_AnnounceCallForProposals", kickoff("announcement"));
    fire(robot, "TimerEvent_CallClosed");
    work("agency-officer", robot, "Task_RegisterApplications", kickoff("applications", 2L));
    work("agency-officer", robot, "Task_ScreenEligibility", kickoff("screening", 2L));
    work("agency-officer", robot, "Task_CheckPanelConflictOfInterest", ValidInputs.kickoffTyped("panel"));
    assertThat(runtimeService.getVariable(robot, "eligiblePanelSize")).isEqualTo(5L);
    work("panel-member", robot, "Task_EvaluateProposals", kickoff("evaluation", 82.5));
    assertThat(runtimeService.getVariable(robot, "selectionDecision")).isEqualTo("SELECTED");
    fire(robot, "TimerEvent_ObjectionWindowClosed");
    work("agency-officer", robot, "Task_SignAgreement", kickoff("agreement", 120L));
    work("lead-researcher", robot, "Task_ConfirmTaskKickoff", kickoff("kickoff"));
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(robot)
        .activityId("EndEvent_TaskKickedOff").count()).as("robot task kicked off").isEqualTo(1);

    // The other task's kickoff is the same path; the Java API finishes it so the programme itself ends.
    String dental = kickoffOf(DAEGU + "/" + DENTAL);
    completeByApi(dental, "Task_AnnounceCallForProposals", kickoff("announcement"));
    fire(dental, "TimerEvent_CallClosed");
    completeByApi(dental, "Task_RegisterApplications", kickoff("applications", 2L));
    completeByApi(dental, "Task_ScreenEligibility", kickoff("screening", 2L));
    completeByApi(dental, "Task_CheckPanelConflictOfInterest", ValidInputs.kickoffTyped("panel"));
    completeByApi(dental, "Task_EvaluateProposals", kickoff("evaluation", 82.5));
    fire(dental, "TimerEvent_ObjectionWindowClosed");
    completeByApi(dental, "Task_SignAgreement", kickoff("agreement", 80L));
    completeByApi(dental, "Task_ConfirmTaskKickoff", kickoff("kickoff"));
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(programme)
        .activityId("EndEvent_ProgrammeLaunched").count()).as("programme launched").isEqualTo(1);
  }

  @Test
  void managerFindsTheProgrammeInCockpitByItsCodeAndSeesTheStageItWaitsIn() {
    String code = "AX-DAEGU-2027";
    Map<String, Object> proposal = pipeline("proposal", code);
    ProcessInstance programme = runtimeService.startProcessInstanceByKey("ax-funding-pipeline", proposal);
    completeByApi(programme.getId(), "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme.getId(), "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    completeByApi(programme.getId(), "Task_PrepareExemptionRequest", pipeline("exemptionRequest", "ART38_2_10"));
    assertThat(programme.getBusinessKey()).isEqualTo(code);

    browser.actAs("pipeline-manager", Officials.PASSWORD, "cockpit");
    CockpitPage cockpit = new CockpitPage(browser);
    String stage = cockpit.findByBusinessKey(programme.getProcessDefinitionId(), code);
    cockpit.openInstance(code);
    assertThat(cockpit.waitingActivities()).as("stage shown in Cockpit")
        .contains("예타 면제 요구 심사 (Review exemption request)");
    assertThat(stage).contains(programme.getId());
    screenshots("cockpit-programme-stage");
  }

  /** The region's planner drafts the proposal in Tasklist's start form; the programme code becomes the key. */
  private String proposeInTheBrowser(String code) {
    Map<String, Object> proposal = pipeline("proposal", code);
    browser.actAs("daegu-planner", Officials.PASSWORD);
    FormModel model = FormModel.load("pipeline-submit-proposal");
    FormPage form = tasklist.startForm("ax-funding-pipeline", model);
    assertLabels(form);
    String empty = form.firstEmptyRequiredField();
    assertThat(empty).as("the proposal form starts empty").isNotNull();
    tasklist.clickStart();
    browser.waiting().until(driver -> !form.errors(empty).isEmpty());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).count())
        .as("nothing started from an empty proposal").isZero();
    fill(form, proposal);
    screenshots(model.id);
    tasklist.clickStart();
    ProcessInstance started = new FluentWait<>(code).withTimeout(Browser.TIMEOUT)
        .pollingEvery(Duration.ofMillis(200))
        .until(key -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult());
    browser.waiting().until(driver -> driver.findElements(By.cssSelector(".axhub-started")).stream()
        .anyMatch(notice -> notice.getText().contains(code)));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(started.getId()).singleResult()
        .getStartUserId()).as("started by").isEqualTo("daegu-planner");
    assertReceived(started.getId(), model, proposal);
    return started.getId();
  }

  private String kickoffOf(String businessKey) {
    ProcessInstance kickoff = runtimeService.createProcessInstanceQuery().processDefinitionKey("rnd-task-kickoff")
        .processInstanceBusinessKey(businessKey).singleResult();
    assertThat(kickoff).as("kickoff %s", businessKey).isNotNull();
    return kickoff.getId();
  }
}
