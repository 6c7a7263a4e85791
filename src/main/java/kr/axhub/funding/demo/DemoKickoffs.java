package kr.axhub.funding.demo;

import static kr.axhub.funding.kickoff.KickoffElements.*;

import java.util.Map;
import org.camunda.spin.Spin;

/**
 * The kickoff of one demo R&amp;D task as the managing agency runs it: the call open for 30 days, applications,
 * screening, the panel's conflict-of-interest check, the evaluation, the 7-day objection window, the agreement and the
 * kickoff — about three months, the agency's own pace ({@code startsAfter}, {@code agreementAfter}) added.
 */
final class DemoKickoffs {

  private static final int CALL_DAYS = 30;
  private static final int OBJECTION_DAYS = 7;

  private DemoKickoffs() {}

  static DemoTimeline kickOff(DemoTimeline t, String rndTask, long budget, int startsAfter, int agreementAfter) {
    t.after(startsAfter).rndTask(rndTask, ANNOUNCE_CALL, "agency-officer", Map.of(
        ANNOUNCEMENT_NUMBER, t.day().getYear() + "-" + rndTask,
        CALL_OPENS_ON, t.day().toString(),
        CALL_CLOSES_ON, t.day().plusDays(CALL_DAYS).toString()));
    t.after(CALL_DAYS + 1).rndJob(rndTask, CALL_CLOSED);
    t.after(3).rndTask(rndTask, REGISTER_APPLICATIONS, "agency-officer", Map.of(
        APPLICATION_COUNT, 3L, APPLICANTS, "지역 연구기관 컨소시엄\n지역 대학 컨소시엄\n지역 기업 컨소시엄"));
    t.after(7).rndTask(rndTask, SCREEN_ELIGIBILITY, "agency-officer", Map.of(
        ELIGIBLE_COUNT, 3L, SCREENING_NOTES, "참여제한 여부, 중복성, 신청자격 확인 (restrictions, overlap and eligibility checked)"));
    t.after(5).rndTask(rndTask, CHECK_PANEL, "agency-officer", Map.of(PANEL_MEMBERS, Spin.JSON("""
        [{"name":"김민준","affiliation":"KAIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"이서연","affiliation":"POSTECH","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"박지호","affiliation":"UNIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"최유진","affiliation":"ETRI","sanctionedWithinThreeYears":false,"conflictOfInterest":false},
         {"name":"정하늘","affiliation":"KIST","sanctionedWithinThreeYears":false,"conflictOfInterest":false}]""")));
    t.after(10).rndTask(rndTask, EVALUATE_PROPOSALS, "evaluator", Map.of(
        AVERAGE_SCORE, 82.5, SELECTED_APPLICANT, "지역 연구기관 컨소시엄",
        EVALUATION_SUMMARY, "기술성·사업성 평가 결과 (technical and business merit)"));
    t.after(OBJECTION_DAYS + 1).rndJob(rndTask, OBJECTION_WINDOW_CLOSED);
    t.after(agreementAfter).rndTask(rndTask, SIGN_AGREEMENT, "agency-officer", Map.of(
        AGREEMENT_NUMBER, "AX-" + t.day().getYear() + "-" + rndTask, SIGNED_ON, t.day().toString(),
        AGREED_BUDGET, budget));
    return t.after(10).rndTask(rndTask, CONFIRM_KICKOFF, "lead-institution", Map.of(
        KICKOFF_DATE, t.day().toString(), PRINCIPAL_INVESTIGATOR, "홍길동 (주관기관)"));
  }
}
