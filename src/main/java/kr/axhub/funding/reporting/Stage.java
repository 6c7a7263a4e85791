package kr.axhub.funding.reporting;

/**
 * The stages of the pipeline in the order of the procedure (DOMAIN stages 1–8, the full study as 3b). Each is one
 * sub-process of {@code ax-funding-pipeline} whose extension property {@code stage} names the constant; which element
 * belongs to which stage, and how a stage is called, is read from the model ({@link PipelineStages}), never listed
 * here. A sub-process without a known stage fails the model test, so a stage cannot silently drop out of the reports.
 */
public enum Stage {
  PROPOSAL,
  FEASIBILITY_REQUIREMENT,
  EXEMPTION,
  FULL_STUDY,
  CABINET,
  COMMITTEE,
  ADEQUACY_REVIEW,
  BUDGET,
  KICKOFF
}
