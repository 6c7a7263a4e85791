package kr.axhub.funding.pipeline;

/**
 * Names shared by the model {@code processes/ax-funding-pipeline.bpmn}, its forms and decisions, and the Java code:
 * the process key, the element ids Java refers to and the process variables. One instance runs per programme, with
 * the programme code as business key.
 */
public final class PipelineElements {

  public static final String PROCESS_KEY = "ax-funding-pipeline";
  public static final String KICKOFF_PROCESS_KEY = "rnd-task-kickoff";
  public static final String FEASIBILITY_DECISION_KEY = "feasibility-requirement";
  public static final String EXEMPTION_GROUND_DECISION_KEY = "exemption-ground";

  // Events
  public static final String START_PROPOSAL_SUBMITTED = "StartEvent_ProposalSubmitted";
  public static final String TIMER_CABINET_ITEM_RETABLED = "TimerEvent_CabinetItemRetabled";
  public static final String TIMER_NEXT_BUDGET_CYCLE = "TimerEvent_NextBudgetCycle";
  public static final String END_PROPOSAL_WITHDRAWN = "EndEvent_ProposalWithdrawn";
  public static final String END_PROPOSAL_REJECTED = "EndEvent_ProposalRejected";
  public static final String END_STUDY_TARGET_UNSUITABLE = "EndEvent_StudyTargetUnsuitable";
  public static final String END_FEASIBILITY_STUDY_FAILED = "EndEvent_FeasibilityStudyFailed";
  public static final String END_CABINET_REJECTED = "EndEvent_CabinetRejected";
  public static final String END_COMMITTEE_NOT_CONFIRMED = "EndEvent_CommitteeNotConfirmed";
  public static final String END_PROGRAMME_LAUNCHED = "EndEvent_ProgrammeLaunched";
  /** End event of the per-task kickoff process that marks a task as kicked off. */
  public static final String END_TASK_KICKED_OFF = "EndEvent_TaskKickedOff";

  // User tasks
  public static final String TASK_APPROVE_PROPOSAL_INTERNALLY = "Task_ApproveProposalInternally";
  public static final String TASK_REVIEW_PROPOSAL = "Task_ReviewProposal";
  public static final String TASK_REVISE_PROPOSAL = "Task_ReviseProposal";
  public static final String TASK_PREPARE_EXEMPTION_REQUEST = "Task_PrepareExemptionRequest";
  public static final String TASK_REVIEW_EXEMPTION_REQUEST = "Task_ReviewExemptionRequest";
  public static final String TASK_SELECT_STUDY_TARGET = "Task_SelectStudyTarget";
  public static final String TASK_CONDUCT_FEASIBILITY_STUDY = "Task_ConductFeasibilityStudy";
  public static final String TASK_TABLE_CABINET_AGENDA = "Task_TableCabinetAgenda";
  public static final String TASK_RECORD_CABINET_RESOLUTION = "Task_RecordCabinetResolution";
  public static final String TASK_RECORD_COMMITTEE_CONFIRMATION = "Task_RecordCommitteeConfirmation";
  public static final String TASK_REVIEW_BUSINESS_PLAN_ADEQUACY = "Task_ReviewBusinessPlanAdequacy";
  public static final String TASK_RESTRUCTURE_BUSINESS_PLAN = "Task_RestructureBusinessPlan";
  public static final String TASK_REQUEST_BUDGET = "Task_RequestBudget";
  public static final String TASK_RECORD_APPROPRIATION = "Task_RecordAppropriation";
  public static final String TASK_PUBLISH_IMPLEMENTATION_PLAN = "Task_PublishImplementationPlan";

  // Automated steps
  public static final String BUSINESS_RULE_DETERMINE_FEASIBILITY_REQUIREMENT =
      "BusinessRuleTask_DetermineFeasibilityRequirement";
  public static final String BUSINESS_RULE_DETERMINE_CABINET_RESOLUTION_REQUIREMENT =
      "BusinessRuleTask_DetermineCabinetResolutionRequirement";
  public static final String SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY = "ServiceTask_ReportExemptionToAssembly";
  public static final String CALL_KICK_OFF_RND_TASKS = "CallActivity_KickOffRndTasks";

  // Proposal (start form, revision, restructuring)
  public static final String PROGRAMME_CODE = "programmeCode";
  public static final String PROGRAMME_NAME = "programmeName";
  public static final String REGION = "region";
  public static final String PROPOSAL_DATE = "proposalDate";
  public static final String START_YEAR = "startYear";
  public static final String END_YEAR = "endYear";
  public static final String TOTAL_COST = "totalCost";
  public static final String NATIONAL_FUNDING = "nationalFunding";
  public static final String LOCAL_FUNDING = "localFunding";
  public static final String STANDARD_MODEL_COST = "standardModelCost";
  public static final String SOLUTION_PRODUCT_COST = "solutionProductCost";
  public static final String RND_CENTRE_COST = "rndCentreCost";
  public static final String MINISTRIES = "ministries";
  public static final String LEAD_MINISTRY = "leadMinistry";
  public static final String SUMMARY = "summary";

  // Proposal decisions
  public static final String INTERNAL_APPROVAL_DECISION = "internalApprovalDecision";
  public static final String INTERNAL_APPROVAL_COMMENT = "internalApprovalComment";
  public static final String PROPOSAL_REVIEW_DECISION = "proposalReviewDecision";
  public static final String PROPOSAL_REVIEW_REASON = "proposalReviewReason";
  public static final String REVISION_REQUESTED_BY = "revisionRequestedBy";
  public static final String REVISION_REASON = "revisionReason";

  // Feasibility requirement (decision outputs)
  public static final String FEASIBILITY_STUDY = "feasibilityStudy";
  public static final String FEASIBILITY_REGIME = "feasibilityRegime";
  public static final String PLANNING_CHECK_REQUIRED = "planningCheckRequired";

  // Exemption
  public static final String EXEMPTION_GROUND = "exemptionGround";
  public static final String EXEMPTION_JUSTIFICATION = "exemptionJustification";
  public static final String EXEMPTION_REVIEW_DECISION = "exemptionReviewDecision";
  public static final String EXEMPTION_REVIEW_COMMENT = "exemptionReviewComment";
  public static final String CABINET_RESOLUTION_REQUIRED = "cabinetResolutionRequired";
  public static final String EXEMPTION_GROUND_LABEL = "exemptionGroundLabel";

  // Full feasibility study
  public static final String STUDY_TARGET_DECISION = "studyTargetDecision";
  public static final String STUDY_TARGET_COMMENT = "studyTargetComment";
  public static final String FEASIBILITY_STUDY_RESULT = "feasibilityStudyResult";
  public static final String RECOMMENDED_TOTAL_COST = "recommendedTotalCost";
  public static final String STUDY_RESULT_SUMMARY = "studyResultSummary";

  // Cabinet and committee
  public static final String AGENDA_TITLE = "agendaTitle";
  public static final String MEETING_DATE = "meetingDate";
  public static final String CABINET_RESOLUTION = "cabinetResolution";
  public static final String RESOLUTION_DATE = "resolutionDate";
  public static final String RETABLE_AFTER_DAYS = "retableAfterDays";
  public static final String CABINET_RESOLUTION_NOTE = "cabinetResolutionNote";
  public static final String COMMITTEE_DECISION = "committeeDecision";
  public static final String COMMITTEE_CONFIRMATION_DATE = "committeeConfirmationDate";
  public static final String COMMITTEE_NOTE = "committeeNote";
  public static final String ASSEMBLY_REPORTED_AT = "assemblyReportedAt";
  public static final String ASSEMBLY_REPORT_RECIPIENT = "assemblyReportRecipient";

  // Adequacy review
  public static final String ADEQUACY_DECISION = "adequacyDecision";
  public static final String CONFIRMED_TOTAL_COST = "confirmedTotalCost";
  public static final String RESTRUCTURE_REASON = "restructureReason";

  // Budget
  public static final String FISCAL_YEAR = "fiscalYear";
  public static final String REQUESTED_APPROPRIATION = "requestedAppropriation";
  public static final String APPROPRIATED_AMOUNT = "appropriatedAmount";
  public static final String APPROPRIATION_DATE = "appropriationDate";

  // Implementation plan; the item fields of rndTasks and what each kickoff instance receives
  public static final String PLAN_TITLE = "planTitle";
  public static final String RND_TASKS = "rndTasks";
  public static final String RND_TASK_CODE = "taskCode";
  public static final String RND_TASK_TITLE = "title";
  public static final String RND_TASK_TRACK = "track";
  public static final String RND_TASK_SECTOR = "sector";
  public static final String RND_TASK_BUDGET = "budget";
  public static final String KICKOFF_TASK_CODE = "taskCode";
  public static final String KICKOFF_TASK_TITLE = "taskTitle";
  public static final String KICKOFF_TRACK = "track";
  public static final String KICKOFF_SECTOR = "sector";
  public static final String KICKOFF_TASK_BUDGET = "taskBudget";

  private PipelineElements() {}
}
