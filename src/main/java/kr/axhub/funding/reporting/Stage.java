package kr.axhub.funding.reporting;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stages of the pipeline as managers name them (docs/architecture.md, DOMAIN stages 1–8 with the full study as
 * 3b), each the group of elements of {@code ax-funding-pipeline} that belong to it. This is the only place that
 * says which element belongs to which stage: reports, the Cockpit plugin and the CSV all follow it.
 *
 * <p>Loops inside a stage (a supplement requested and the proposal revised, a business plan restructured, a cabinet
 * item deferred, a budget held over) stay inside the stage on purpose: the stage's duration is then what the
 * programme really lost there. Deadline timers are not mapped: they fire beside an open task and say nothing about
 * where the programme is.
 */
public enum Stage {

  PROPOSAL("사업 제안", "Proposal", List.of(START_PROPOSAL_SUBMITTED, "Gateway_ProposalReadyForApproval",
      TASK_APPROVE_PROPOSAL_INTERNALLY, "Gateway_InternalApprovalOutcome", TASK_REVIEW_PROPOSAL,
      "Gateway_ProposalReviewOutcome", "Gateway_RevisionRequested", TASK_REVISE_PROPOSAL, END_PROPOSAL_WITHDRAWN,
      END_PROPOSAL_REJECTED)),
  FEASIBILITY_REQUIREMENT("예타 대상 판단", "Feasibility requirement", List.of(
      BUSINESS_RULE_DETERMINE_FEASIBILITY_REQUIREMENT, "Gateway_FeasibilityStudyRequired")),
  EXEMPTION("예타 면제", "Exemption", List.of("Gateway_ExemptionRequestDue", TASK_PREPARE_EXEMPTION_REQUEST,
      TASK_REVIEW_EXEMPTION_REQUEST, "Gateway_ExemptionReviewOutcome",
      BUSINESS_RULE_DETERMINE_CABINET_RESOLUTION_REQUIREMENT, "Gateway_CabinetResolutionRequired")),
  FULL_STUDY("예비타당성조사", "Full feasibility study", List.of(TASK_SELECT_STUDY_TARGET,
      "Gateway_StudyTargetSuitable", TASK_CONDUCT_FEASIBILITY_STUDY, "Gateway_FeasibilityStudyPassed",
      END_STUDY_TARGET_UNSUITABLE, END_FEASIBILITY_STUDY_FAILED)),
  CABINET("국무회의 의결", "Cabinet resolution", List.of("Gateway_CabinetAgendaDue", TASK_TABLE_CABINET_AGENDA,
      TASK_RECORD_CABINET_RESOLUTION, "Gateway_CabinetResolution", TIMER_CABINET_ITEM_RETABLED,
      END_CABINET_REJECTED)),
  COMMITTEE("총괄위원회 확정 · 국회 보고", "Committee confirmation and Assembly report", List.of(
      "Gateway_CommitteeConfirmationDue", TASK_RECORD_COMMITTEE_CONFIRMATION, "Gateway_CommitteeConfirmed",
      SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY, END_COMMITTEE_NOT_CONFIRMED)),
  ADEQUACY_REVIEW("사업계획 적정성 검토", "Business-plan adequacy review", List.of("Gateway_AdequacyReviewDue",
      TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "Gateway_BusinessPlanAdequate", TASK_RESTRUCTURE_BUSINESS_PLAN)),
  BUDGET("예산 반영", "Budget", List.of("Gateway_BudgetRequestDue", TASK_REQUEST_BUDGET, TASK_RECORD_APPROPRIATION,
      "Gateway_AppropriationGranted", TIMER_NEXT_BUDGET_CYCLE)),
  KICKOFF("과제 착수", "Task kickoff", List.of(TASK_PUBLISH_IMPLEMENTATION_PLAN, CALL_KICK_OFF_RND_TASKS,
      END_PROGRAMME_LAUNCHED));

  /**
   * The variable that carries what was decided at an element: a user task's decision (radio) or a decision table's
   * result. Elements without one (revisions, agenda, budget request) do not decide the stage's outcome.
   */
  static final Map<String, String> DECISION_VARIABLES = Map.ofEntries(
      Map.entry(TASK_APPROVE_PROPOSAL_INTERNALLY, INTERNAL_APPROVAL_DECISION),
      Map.entry(TASK_REVIEW_PROPOSAL, PROPOSAL_REVIEW_DECISION),
      Map.entry(BUSINESS_RULE_DETERMINE_FEASIBILITY_REQUIREMENT, FEASIBILITY_STUDY),
      Map.entry(TASK_REVIEW_EXEMPTION_REQUEST, EXEMPTION_REVIEW_DECISION),
      Map.entry(TASK_SELECT_STUDY_TARGET, STUDY_TARGET_DECISION),
      Map.entry(TASK_CONDUCT_FEASIBILITY_STUDY, FEASIBILITY_STUDY_RESULT),
      Map.entry(TASK_RECORD_CABINET_RESOLUTION, CABINET_RESOLUTION),
      Map.entry(TASK_RECORD_COMMITTEE_CONFIRMATION, COMMITTEE_DECISION),
      Map.entry(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, ADEQUACY_DECISION),
      Map.entry(TASK_RECORD_APPROPRIATION, APPROPRIATED_AMOUNT));

  private static final Map<String, Stage> BY_ELEMENT = new HashMap<>();

  static {
    for (Stage stage : values()) {
      for (String element : stage.elements) {
        if (BY_ELEMENT.put(element, stage) != null) {
          throw new IllegalStateException(element + " is mapped to two stages");
        }
      }
    }
  }

  private final String korean;
  private final String english;
  private final List<String> elements;

  Stage(String korean, String english, List<String> elements) {
    this.korean = korean;
    this.english = english;
    this.elements = elements;
  }

  public String korean() {
    return korean;
  }

  public String english() {
    return english;
  }

  /** "사업 제안 (Proposal)", the way every name in this application reads. */
  public String label() {
    return korean + " (" + english + ")";
  }

  public List<String> elements() {
    return elements;
  }

  public static Optional<Stage> ofElement(String elementId) {
    return Optional.ofNullable(BY_ELEMENT.get(elementId));
  }
}
