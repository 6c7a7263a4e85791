package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.spin.Spin;

/**
 * What each form of the pipeline submits when an official fills it in correctly: money as whole 억원 ({@link Long}),
 * dates as {@code yyyy-MM-dd}, checklists and dynamic lists as JSON (as Tasklist sends them), and only the fields
 * the form shows for the chosen decision. The figures are the Daegu programme of the domain.
 */
public final class PipelineForms {

  public static final long TOTAL = 5510;
  public static final long NATIONAL = 3300;
  public static final long LOCAL = 1100;

  public record RndTask(String code, String title, String track, String sector, long budget) {}

  private PipelineForms() {}

  /** The proposal as drafted; proposed before 29 Jan 2026, so the National Finance Act thresholds apply. */
  public static Map<String, Object> proposal(String programmeCode) {
    return proposal(programmeCode, "2025-03-04");
  }

  public static Map<String, Object> proposal(String programmeCode, String proposalDate) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(PROGRAMME_CODE, programmeCode);
    form.put(REGION, "daegu");
    form.put(PROPOSAL_DATE, proposalDate);
    form.putAll(editableProposal(TOTAL, 1380, 3580, 550));
    return form;
  }

  /** The fields the planners may change when revising the proposal. */
  public static Map<String, Object> editableProposal(long total, long standardModels, long solutions, long centre) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(PROGRAMME_NAME, "지역거점 AX 혁신 기술개발사업 (Regional AX innovation R&D)");
    form.put(START_YEAR, 2026L);
    form.put(END_YEAR, 2030L);
    form.put(MINISTRIES, Spin.JSON("[\"MSIT\",\"MOTIE\",\"MOHW\"]"));
    form.put(LEAD_MINISTRY, "MSIT");
    form.put(SUMMARY, "로봇·의료 AX 표준모델, 응용 솔루션·제품개발, AX R&D 센터 (Robot and medical AX)");
    form.putAll(costs(total, standardModels, solutions, centre));
    return form;
  }

  public static Map<String, Object> costs(long total, long standardModels, long solutions, long centre) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(TOTAL_COST, total);
    form.put(NATIONAL_FUNDING, Math.min(NATIONAL, total));
    form.put(LOCAL_FUNDING, Math.max(0, Math.min(LOCAL, total - NATIONAL)));
    form.put(STANDARD_MODEL_COST, standardModels);
    form.put(SOLUTION_PRODUCT_COST, solutions);
    form.put(RND_CENTRE_COST, centre);
    return form;
  }

  public static Map<String, Object> restructuredPlan(long total, long standardModels, long solutions, long centre) {
    Map<String, Object> form = costs(total, standardModels, solutions, centre);
    form.put(SUMMARY, "재구조화된 사업계획 (Restructured plan)");
    return form;
  }

  public static Map<String, Object> internalApproval(String decision, String comment) {
    return decision("APPROVE".equals(decision), INTERNAL_APPROVAL_DECISION, decision,
        INTERNAL_APPROVAL_COMMENT, comment);
  }

  public static Map<String, Object> proposalReview(String decision, String reason) {
    return decision("ADOPT".equals(decision), PROPOSAL_REVIEW_DECISION, decision, PROPOSAL_REVIEW_REASON, reason);
  }

  public static Map<String, Object> exemptionRequest(String ground) {
    return Map.of(EXEMPTION_GROUND, ground,
        EXEMPTION_JUSTIFICATION, "지역 균형발전을 위한 국가 정책 사업 (National policy for balanced regional development)");
  }

  public static Map<String, Object> exemptionReview(String decision, String comment) {
    return decision("RECOMMEND".equals(decision), EXEMPTION_REVIEW_DECISION, decision,
        EXEMPTION_REVIEW_COMMENT, comment);
  }

  public static Map<String, Object> studyTarget(String decision) {
    return Map.of(STUDY_TARGET_DECISION, decision, STUDY_TARGET_COMMENT, "대상 선정 검토 의견 (Selection comment)");
  }

  public static Map<String, Object> studyPassed(long recommendedTotalCost) {
    return Map.of(FEASIBILITY_STUDY_RESULT, "PASS", RECOMMENDED_TOTAL_COST, recommendedTotalCost,
        STUDY_RESULT_SUMMARY, "경제성·정책성 양호 (Economically and politically sound)");
  }

  public static Map<String, Object> studyFailed() {
    return Map.of(FEASIBILITY_STUDY_RESULT, "FAIL", STUDY_RESULT_SUMMARY, "B/C 미달 (Benefit-cost ratio too low)");
  }

  public static Map<String, Object> cabinetAgenda() {
    return Map.of(AGENDA_TITLE, "지역거점 AX 혁신 기술개발사업 예타 면제 (Exemption of the regional AX programme)",
        MEETING_DATE, "2025-08-18");
  }

  public static Map<String, Object> cabinetResolution(String resolution) {
    return Map.of(CABINET_RESOLUTION, resolution, RESOLUTION_DATE, "2025-08-18");
  }

  public static Map<String, Object> cabinetDeferred(long retableAfterDays) {
    return Map.of(CABINET_RESOLUTION, "DEFERRED", RESOLUTION_DATE, "2025-08-18",
        RETABLE_AFTER_DAYS, retableAfterDays, CABINET_RESOLUTION_NOTE, "추가 검토 후 재상정 (Re-table after review)");
  }

  public static Map<String, Object> committee(String decision) {
    return Map.of(COMMITTEE_DECISION, decision, COMMITTEE_CONFIRMATION_DATE, "2025-08-22");
  }

  public static Map<String, Object> adequacyConfirmed(long confirmedTotalCost) {
    return Map.of(ADEQUACY_DECISION, "CONFIRMED", CONFIRMED_TOTAL_COST, confirmedTotalCost);
  }

  public static Map<String, Object> adequacyRestructure(String reason) {
    return Map.of(ADEQUACY_DECISION, "RESTRUCTURE", RESTRUCTURE_REASON, reason);
  }

  public static Map<String, Object> budgetRequest(long fiscalYear, long amount) {
    return Map.of(FISCAL_YEAR, fiscalYear, REQUESTED_APPROPRIATION, amount);
  }

  public static Map<String, Object> appropriation(long amount) {
    return Map.of(APPROPRIATED_AMOUNT, amount, APPROPRIATION_DATE, "2025-12-02");
  }

  public static Map<String, Object> implementationPlan(RndTask... tasks) {
    return Map.of(PLAN_TITLE, "2026년 지역거점 AX 혁신 기술개발사업 시행계획 (2026 implementation plan)",
        RND_TASKS, Spin.JSON(rndTasksJson(List.of(tasks))));
  }

  public static String rndTasksJson(List<RndTask> tasks) {
    return tasks.stream()
        .map(t -> String.format("{\"%s\":\"%s\",\"%s\":\"%s\",\"%s\":\"%s\",\"%s\":\"%s\",\"%s\":%d}",
            RND_TASK_CODE, t.code(), RND_TASK_TITLE, t.title(), RND_TASK_TRACK, t.track(),
            RND_TASK_SECTOR, t.sector(), RND_TASK_BUDGET, t.budget()))
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** A decision with its text field, which the form hides (and so does not submit) for the approving answer. */
  private static Map<String, Object> decision(boolean approving, String decisionKey, String decision,
      String textKey, String text) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(decisionKey, decision);
    if (!approving) {
      form.put(textKey, text);
    }
    return form;
  }
}
