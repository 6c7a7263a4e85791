package kr.axhub.funding.browser;

import static kr.axhub.funding.browser.ValidInputs.kickoff;
import static kr.axhub.funding.browser.ValidInputs.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
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

  /**
   * A proposal reviewed again after its supplement: the planner's revision form quoted the ministry's reason, and the
   * reviewer's own decision and reason now start empty, with that earlier reason read-only above them; what the
   * engine stores is the new round's answer.
   */
  @Test
  void proposalReviewedAgainAfterItsSupplementStartsEmptyWithTheEarlierReasonInView() {
    String earlier = "성과지표 보완 (Add outcome indicators)";
    String programme = start("AX-DAEGU-2036", "2025-03-04");
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme, "Task_ReviewProposal", pipeline("proposalReview", "SUPPLEMENT", earlier));
    assertThat(runtimeService.getVariable(programme, "revisionReason")).as("the planner reads the reason")
        .isEqualTo(earlier);
    completeByApi(programme, "Task_ReviseProposal", pipeline("editableProposal", 5000L, 1300L, 3200L, 500L));
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));

    FormPage form = open("msit-officer", programme, "Task_ReviewProposal");
    String taskId = task(programme, "Task_ReviewProposal").getId();
    assertThat(form.present("earlierProposalReviewReason")).as("the earlier round's reason is in view").isTrue();
    assertThat(form.shown("earlierProposalReviewReason")).isEqualTo(earlier);
    assertThat(form.shownReadonly("earlierProposalReviewReason")).isTrue();
    for (int option = 0; option < 3; option++) {
      assertThat(form.checked("proposalReviewDecision", option)).as("no decision taken over").isFalse();
    }
    assertThat(form.shown("proposalReviewReason")).as("the reason starts empty").isEmpty();
    assertThat(browser.driver.findElement(org.openqa.selenium.By.cssSelector(".tenant-id")).getText())
        .as("the task's region").isEqualTo(korean() ? "대구광역시 (Daegu)" : "Daegu");
    assertRefused(form, taskId, "proposalReviewDecision");

    Map<String, Object> rejected = pipeline("proposalReview", "REJECT",
        "국비 비중이 여전히 높음 (The national share is still too high)");
    fill(form, rejected);
    complete(form, taskId, "pipeline-review-proposal-second-round");
    assertAssignee(taskId, "msit-officer");
    assertReceived(programme, form.model, rejected);
  }

  /**
   * Dates as officials type them: 2026-12-08, 2026.12.08 and 2026. 12. 8. are that day, the calendar's pick too;
   * other text is refused at the field, not turned into another day. A resolution dated before its meeting is
   * refused by the server, and its reason stands at the field with Complete still reachable.
   */
  @Test
  void resolutionDateIsStoredAsTypedOrPickedAndRefusedAtTheFieldOtherwise() {
    String programme = start("AX-DAEGU-2034", "2025-03-04");
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme, "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    completeByApi(programme, "Task_PrepareExemptionRequest", pipeline("exemptionRequest", "ART38_2_10"));
    completeByApi(programme, "Task_ReviewExemptionRequest", pipeline("exemptionReview", "RECOMMEND", null));
    completeByApi(programme, "Task_TableCabinetAgenda", pipeline("cabinetAgenda"));

    FormPage form = open("cabinet-clerk", programme, "Task_RecordCabinetResolution");
    String taskId = task(programme, "Task_RecordCabinetResolution").getId();
    form.radio("cabinetResolution", "RESOLVED");
    form.typeDate("resolutionDate", "2025.08.19", LocalDate.of(2025, 8, 19));
    form.typeDate("resolutionDate", "2025. 8. 20.", LocalDate.of(2025, 8, 20));
    for (String notADate : List.of("20250820", korean() ? "8/20/2025" : "20.08.2025", "2025-02-30")) {
      form.enterDate("resolutionDate", notADate);
      assertThat(form.errors("resolutionDate")).as("'%s' is refused at the field", notADate)
          .contains("2026-12-08");
      assertThat(form.dateInput("resolutionDate").getDomProperty("value")).as("the typed text stays")
          .isEqualTo(notADate);
      assertThat(tasklist.completeEnabled()).as("Complete while '%s' stands", notADate).isFalse();
    }

    form.typeDate("resolutionDate", "2025-08-17", LocalDate.of(2025, 8, 17));
    assertThat(tasklist.completeEnabled()).as("Complete once the date reads").isTrue();
    tasklist.clickComplete();
    browser.waiting().until(driver -> !form.errors("resolutionDate").isEmpty());
    assertThat(form.errors("resolutionDate")).as("the server's reason at the field")
        .contains("2025-08-18").containsPattern(korean() ? "\\p{IsHangul}" : "cannot be before");
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("refused task stays open").isEqualTo(1);
    assertThat(tasklist.uncovered(TasklistPage.COMPLETE)).as("no notice covers Complete").isTrue();
    screenshots("refusal-at-the-field");

    form.typeDate("resolutionDate", "2025-08-01", LocalDate.of(2025, 8, 1));
    form.pickDay("resolutionDate", 19);
    assertThat(form.errors("resolutionDate")).as("a new date clears the reason").isEmpty();
    complete(form, taskId);
    assertReceived(programme, form.model, Map.of("cabinetResolution", "RESOLVED", "resolutionDate", "2025-08-19"));
  }

  /** A proposal the server refuses: the reason stands at the field in the start dialog, only the latest one. */
  @Test
  void refusedProposalShowsTheServersReasonAtTheFieldOfTheStartDialog() {
    String code = "AX-DAEGU-2035";
    Map<String, Object> proposal = new java.util.LinkedHashMap<>(pipeline("proposal", code));
    browser.actAs("daegu-planner", kr.axhub.funding.support.Officials.PASSWORD);
    FormModel model = FormModel.load("pipeline-submit-proposal");
    FormPage form = tasklist.startForm("ax-funding-pipeline", model);
    proposal.put("nationalFunding", 9000L);
    fill(form, proposal);
    tasklist.clickStart();
    browser.waiting().until(driver -> !form.errors("nationalFunding").isEmpty());
    assertThat(form.errors("nationalFunding")).contains("9000");
    proposal.put("nationalFunding", 3000L);
    proposal.put("localFunding", 9000L);
    fill(form, Map.of("nationalFunding", 3000L, "localFunding", 9000L));
    tasklist.clickStart();
    browser.waiting().until(driver -> !form.errors("localFunding").isEmpty());
    assertThat(form.errors("nationalFunding")).as("the earlier reason is gone").isEmpty();
    assertThat(tasklist.uncovered(TasklistPage.START)).as("no notice covers Start").isTrue();
    screenshots("refusal-in-the-start-dialog");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).count()).isZero();
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
