package kr.axhub.funding.kickoff;

import java.util.List;

/**
 * Names shared by the R&amp;D task kickoff model ({@code processes/rnd-task-kickoff.bpmn}), its decisions, forms and
 * Java code. The main pipeline relies on {@link #PROCESS_KEY}, the input variables and {@link #END_TASK_KICKED_OFF}.
 */
public final class KickoffElements {

  public static final String PROCESS_KEY = "rnd-task-kickoff";
  public static final String DECISION_LEAD_INSTITUTION = "lead-institution";
  public static final String DECISION_SELECTION = "selection-decision";
  public static final String MESSAGE_OBJECTION_FILED = "ObjectionFiled";

  public static final String START = "StartEvent_TaskKickoffRequested";
  public static final String ASSIGN_LEAD_INSTITUTION = "BusinessRuleTask_AssignLeadInstitution";
  public static final String CALL_OPENED = "Gateway_CallOpened";
  public static final String ANNOUNCE_CALL = "Task_AnnounceCallForProposals";
  public static final String CALL_CLOSED = "TimerEvent_CallClosed";
  public static final String REGISTER_APPLICATIONS = "Task_RegisterApplications";
  public static final String ANY_APPLICATIONS = "Gateway_AnyApplications";
  public static final String SCREEN_ELIGIBILITY = "Task_ScreenEligibility";
  public static final String ANY_ELIGIBLE = "Gateway_AnyEligible";
  public static final String CHECK_PANEL = "Task_CheckPanelConflictOfInterest";
  public static final String EVALUATION_OPENED = "Gateway_EvaluationOpened";
  public static final String EVALUATE_PROPOSALS = "Task_EvaluateProposals";
  public static final String DECIDE_SELECTION = "BusinessRuleTask_DecideSelection";
  public static final String SELECTION_OUTCOME = "Gateway_SelectionOutcome";
  public static final String REVISE_PLAN = "Task_RevisePlanAndBudget";
  public static final String OBJECTION_WINDOW_OPENED = "Gateway_ObjectionWindowOpened";
  public static final String OBJECTION_WINDOW = "Gateway_ObjectionWindow";
  public static final String OBJECTION_WINDOW_CLOSED = "TimerEvent_ObjectionWindowClosed";
  public static final String OBJECTION_FILED = "MessageEvent_ObjectionFiled";
  public static final String REVIEW_OBJECTION = "Task_ReviewObjection";
  public static final String OBJECTION_UPHELD = "Gateway_ObjectionUpheld";
  public static final String AGREEMENT_OPENED = "Gateway_AgreementOpened";
  public static final String SIGN_AGREEMENT = "Task_SignAgreement";
  public static final String CONFIRM_KICKOFF = "Task_ConfirmTaskKickoff";
  public static final String END_TASK_KICKED_OFF = "EndEvent_TaskKickedOff";

  /** Every user task of the model, in the order of the happy path followed by the side paths. */
  public static final List<String> USER_TASKS = List.of(ANNOUNCE_CALL, REGISTER_APPLICATIONS,
      SCREEN_ELIGIBILITY, CHECK_PANEL, EVALUATE_PROPOSALS, REVISE_PLAN, REVIEW_OBJECTION, SIGN_AGREEMENT,
      CONFIRM_KICKOFF);

  /** Input variables, set by the main pipeline for each task of the implementation plan. */
  public static final String PROGRAMME_CODE = "programmeCode";
  public static final String PROGRAMME_NAME = "programmeName";
  public static final String REGION = "region";
  public static final String TASK_CODE = "taskCode";
  public static final String TASK_TITLE = "taskTitle";
  public static final String TRACK = "track";
  public static final String SECTOR = "sector";
  public static final String TASK_BUDGET = "taskBudget";

  /** Set by the lead-institution decision. */
  public static final String LEAD_INSTITUTION = "leadInstitution";
  public static final String MANAGING_AGENCY = "managingAgency";
  public static final String MINISTRY = "ministry";

  public static final String ANNOUNCEMENT_NUMBER = "announcementNumber";
  public static final String CALL_OPENS_ON = "callOpensOn";
  public static final String CALL_CLOSES_ON = "callClosesOn";
  public static final String APPLICATION_COUNT = "applicationCount";
  public static final String APPLICANTS = "applicants";
  public static final String ELIGIBLE_COUNT = "eligibleCount";
  public static final String SCREENING_NOTES = "screeningNotes";
  public static final String PANEL_MEMBERS = "panelMembers";
  public static final String PANEL_MEMBER_NAME = "name";
  public static final String PANEL_MEMBER_AFFILIATION = "affiliation";
  public static final String PANEL_MEMBER_SANCTIONED = "sanctionedWithinThreeYears";
  public static final String PANEL_MEMBER_CONFLICT = "conflictOfInterest";
  public static final String ELIGIBLE_PANEL_SIZE = "eligiblePanelSize";
  public static final String EXCLUDED_PANEL_MEMBERS = "excludedPanelMembers";
  public static final String AVERAGE_SCORE = "averageScore";
  public static final String SELECTED_APPLICANT = "selectedApplicant";
  public static final String EVALUATION_SUMMARY = "evaluationSummary";
  public static final String SELECTION_DECISION = "selectionDecision";
  public static final String REVISED_BUDGET = "revisedBudget";
  public static final String REVISION_SUMMARY = "revisionSummary";
  public static final String OBJECTION_BY = "objectionBy";
  public static final String OBJECTION_REASON = "objectionReason";
  public static final String OBJECTION_DECISION = "objectionDecision";
  public static final String OBJECTION_REVIEW_NOTES = "objectionReviewNotes";
  public static final String AGREEMENT_NUMBER = "agreementNumber";
  public static final String SIGNED_ON = "signedOn";
  public static final String AGREED_BUDGET = "agreedBudget";
  public static final String KICKOFF_DATE = "kickoffDate";
  public static final String PRINCIPAL_INVESTIGATOR = "principalInvestigator";

  public static final String SELECTED = "SELECTED";
  public static final String CONDITIONAL = "CONDITIONAL";
  public static final String REJECTED = "REJECTED";
  public static final String UPHELD = "UPHELD";
  public static final String DISMISSED = "DISMISSED";

  private KickoffElements() {}

  /** The business key of one task's kickoff, unique across programmes. */
  public static String businessKey(String programmeCode, String taskCode) {
    return programmeCode + "/" + taskCode;
  }
}
