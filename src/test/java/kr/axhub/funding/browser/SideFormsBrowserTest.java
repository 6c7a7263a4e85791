package kr.axhub.funding.browser;

import static kr.axhub.funding.browser.ValidInputs.kickoff;
import static kr.axhub.funding.browser.ValidInputs.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forms off the main path (revision, full feasibility study, restructuring, conditional selection, objection),
 * each reached through the Java API and then filled in Tasklist by an official of its group; and badly filled
 * forms that Tasklist must not complete.
 */
class SideFormsBrowserTest extends BrowserTestBase {

  @Test
  void returnedProposalIsRevisedByThePlannerAfterBadEntriesAreRefused() {
    String programme = start("AX-DAEGU-2031", "2025-03-04");
    completeByApi(programme, "Task_ApproveProposalInternally",
        pipeline("internalApproval", "RETURN", "국비 비중 조정 (Adjust the national share)"));

    FormPage form = open("daegu-planner", programme, "Task_ReviseProposal");
    String taskId = task(programme, "Task_ReviseProposal").getId();
    form.clear("programmeName");
    assertRefused(form, taskId, "programmeName");
    form.number("startYear", 2050L);
    assertRefused(form, taskId, "startYear");

    Map<String, Object> revised = pipeline("editableProposal", 5000L, 1300L, 3200L, 500L);
    fill(form, revised);
    complete(form, taskId);
    assertAssignee(taskId, "daegu-planner");
    assertReceived(programme, form.model, revised);
  }

  @Test
  void refusedExemptionGoesThroughTheFullStudyAtKistep() {
    String programme = start("AX-DAEGU-2032", "2025-03-04");
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme, "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    completeByApi(programme, "Task_PrepareExemptionRequest", pipeline("exemptionRequest", "ART38_2_10"));
    completeByApi(programme, "Task_ReviewExemptionRequest",
        pipeline("exemptionReview", "REFUSE", "면제 요건 미충족 (Ground not met)"));

    FormPage target = open("kistep-reviewer", programme, "Task_SelectStudyTarget");
    String taskId = task(programme, "Task_SelectStudyTarget").getId();
    target.text("studyTargetComment", "검토 (Reviewed)");
    assertRefused(target, taskId, "studyTargetDecision");
    Map<String, Object> suitable = pipeline("studyTarget", "SUITABLE");
    fill(target, suitable);
    complete(target, taskId);
    assertReceived(programme, target.model, suitable);

    work("kistep-reviewer", programme, "Task_ConductFeasibilityStudy", pipeline("studyPassed", 4800L));
  }

  @Test
  void planSentForRestructuringIsRestructuredByThePlanner() {
    String programme = start("AX-DAEGU-2033", "2026-02-02");
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme, "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    completeByApi(programme, "Task_ReviewBusinessPlanAdequacy",
        pipeline("adequacyRestructure", "센터 규모 축소 (Reduce the centre)"));

    work("daegu-planner", programme, "Task_RestructureBusinessPlan",
        pipeline("restructuredPlan", 5200L, 1380L, 3580L, 240L));
  }

  @Test
  void conditionallySelectedPlanIsRevisedAndAnObjectionIsReviewed() {
    String conditional = kickoffAtEvaluation("AX-DAEGU-2026/DG-COND");
    completeByApi(conditional, "Task_EvaluateProposals", kickoff("evaluation", 65.0));
    assertThat(runtimeService.getVariable(conditional, "selectionDecision")).isEqualTo("CONDITIONAL");
    work("lead-researcher", conditional, "Task_RevisePlanAndBudget", kickoff("revision", 100L));

    String objected = kickoffAtEvaluation("AX-DAEGU-2026/DG-OBJ");
    completeByApi(objected, "Task_EvaluateProposals", kickoff("evaluation", 82.5));
    runtimeService.createMessageCorrelation("ObjectionFiled").processInstanceBusinessKey("AX-DAEGU-2026/DG-OBJ")
        .setVariable("objectionBy", "경북대학교 컨소시엄")
        .setVariable("objectionReason", "평가 점수 산정 오류 (Scoring error)")
        .correlate();
    work("agency-officer", objected, "Task_ReviewObjection", kickoff("objectionReview", "DISMISSED"));
  }

  private String start(String code, String proposalDate) {
    return runtimeService.startProcessInstanceByKey("ax-funding-pipeline", pipeline("proposal", code, proposalDate))
        .getId();
  }

  private String kickoffAtEvaluation(String businessKey) {
    String taskCode = businessKey.substring(businessKey.indexOf('/') + 1);
    String kickoff = runtimeService.startProcessInstanceByKey("rnd-task-kickoff", businessKey,
        kickoff("inputs", taskCode)).getId();
    completeByApi(kickoff, "Task_AnnounceCallForProposals", kickoff("announcement"));
    fire(kickoff, "TimerEvent_CallClosed");
    completeByApi(kickoff, "Task_RegisterApplications", kickoff("applications", 2L));
    completeByApi(kickoff, "Task_ScreenEligibility", kickoff("screening", 2L));
    completeByApi(kickoff, "Task_CheckPanelConflictOfInterest", ValidInputs.kickoffTyped("panel"));
    return kickoff;
  }
}
