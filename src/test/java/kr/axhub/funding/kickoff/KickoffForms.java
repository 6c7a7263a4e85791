package kr.axhub.funding.kickoff;

import static kr.axhub.funding.kickoff.KickoffElements.*;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The complete, valid variables each kickoff form submits, as Tasklist sends them: whole numbers as {@code Long},
 * dates as {@code yyyy-MM-dd} text, the panel's dynamic list as a JSON variable.
 */
public final class KickoffForms {

  static final String PROGRAMME = "AX-DAEGU-2026";
  static final String PROGRAMME_TITLE = "대구 AX 혁신 기술개발사업 (Daegu AX innovation R&D programme)";
  static final long TASK_BUDGET_EOK = 120L;
  static final String CALL_OPENS = "2026-03-02";
  static final String CALL_CLOSES = "2026-04-01";
  static final String SIGNED = "2026-05-15";

  private KickoffForms() {}

  /** What the main pipeline passes for one task of the implementation plan. */
  public static VariableMap inputs(String taskCode) {
    return Variables.createVariables()
        .putValue(PROGRAMME_CODE, PROGRAMME)
        .putValue(PROGRAMME_NAME, PROGRAMME_TITLE)
        .putValue(REGION, "daegu")
        .putValue(TASK_CODE, taskCode)
        .putValue(TASK_TITLE, "완전자율 로봇 표준모델 개발 (Autonomous robot standard model)")
        .putValue(TRACK, "STANDARD_MODEL")
        .putValue(SECTOR, "ROBOT")
        .putValue(TASK_BUDGET, TASK_BUDGET_EOK);
  }

  static VariableMap announcement() {
    return announcement(CALL_OPENS, CALL_CLOSES);
  }

  static VariableMap announcement(String opensOn, String closesOn) {
    return Variables.createVariables()
        .putValue(ANNOUNCEMENT_NUMBER, "2026-AX-DAEGU-001")
        .putValue(CALL_OPENS_ON, opensOn)
        .putValue(CALL_CLOSES_ON, closesOn);
  }

  static VariableMap applications(long count) {
    return Variables.createVariables()
        .putValue(APPLICATION_COUNT, count)
        .putValue(APPLICANTS, count == 0 ? "" : "대구기계부품연구원 컨소시엄\n경북대학교 컨소시엄");
  }

  static VariableMap screening(long eligible) {
    return Variables.createVariables()
        .putValue(ELIGIBLE_COUNT, eligible)
        .putValue(SCREENING_NOTES, "참여제한 여부, 중복성, 신청자격 확인 (restrictions, overlap and eligibility checked)");
  }

  /** Six members, one sanctioned within three years: five remain, the minimum. */
  static VariableMap panel() {
    return panelOf("""
        [{"name":"김민준","affiliation":"KAIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"이서연","affiliation":"POSTECH","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"박지호","affiliation":"UNIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"최유진","affiliation":"ETRI","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"정하늘","affiliation":"KIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"강도윤","affiliation":"OO로보틱스","sanctionedWithinThreeYears":true,"conflictOfInterest":false}]
        """);
  }

  static VariableMap panelOf(String json) {
    return Variables.createVariables().putValueTyped(PANEL_MEMBERS, SpinValues.jsonValue(json).create());
  }

  static VariableMap evaluation(double averageScore) {
    return Variables.createVariables()
        .putValue(AVERAGE_SCORE, averageScore)
        .putValue(SELECTED_APPLICANT, "대구기계부품연구원 컨소시엄")
        .putValue(EVALUATION_SUMMARY, "기술성·사업성 평가 결과 (technical and business merit)");
  }

  static VariableMap revision(long revisedBudget) {
    return Variables.createVariables()
        .putValue(REVISED_BUDGET, revisedBudget)
        .putValue(REVISION_SUMMARY, "장비 구입비 조정, 연차별 목표 구체화 (equipment cut, yearly targets made concrete)");
  }

  static VariableMap objectionReview(String decision) {
    return Variables.createVariables()
        .putValue(OBJECTION_DECISION, decision)
        .putValue(OBJECTION_REVIEW_NOTES, "평가 절차 및 점수 산정 재확인 (procedure and scoring re-checked)");
  }

  static VariableMap agreement(long agreedBudget) {
    return Variables.createVariables()
        .putValue(AGREEMENT_NUMBER, "AX-2026-ROBOT-0001")
        .putValue(SIGNED_ON, SIGNED)
        .putValue(AGREED_BUDGET, agreedBudget);
  }

  static VariableMap kickoff() {
    return Variables.createVariables()
        .putValue(KICKOFF_DATE, "2026-06-01")
        .putValue(PRINCIPAL_INVESTIGATOR, "홍길동 (DGIST)");
  }
}
