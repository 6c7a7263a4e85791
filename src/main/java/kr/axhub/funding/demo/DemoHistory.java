package kr.axhub.funding.demo;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;

/**
 * Earlier programmes of the four regions that have launched, so that the stage timeline, the stage statistics and
 * the launch forecast have a history on the first start. They are demo data and say so: the code starts with
 * {@code AX-DEMO}, the name with "[데모]". Their durations are plausible, not published: exemptions of one to two
 * years, one with a supplement round, one refused and sent to the full study, one below the study threshold.
 */
final class DemoHistory {

  private DemoHistory() {}

  static List<DemoProgramme> all() {
    return List.of(daeguManufacturing(), gwangjuEnergy(), jeonbukAgriculture(), gyeongnamShipyards(), daeguMedical());
  }

  /** Exempted under item 10 after 16 months with the budget ministry. */
  static DemoProgramme daeguManufacturing() {
    LocalDate proposed = LocalDate.of(2021, 1, 11);
    DemoTimeline t = proposal(new DemoTimeline(proposed), "daegu", 7, 45);
    exemption(t, 60, 480);
    cabinetAndCommittee(t, 12);
    adequacy(t, 100, "AX-DEMODG-2024", 4800);
    budgetAndKickoff(t, 2024L, 180, 30, "DEMO-DG-MFG", 150, 10, 14);
    return new DemoProgramme("AX-DEMODG-2024", proposed, proposal("AX-DEMODG-2024", "대구 스마트 제조 AX 실증사업",
        "daegu", proposed, 2024L, 4800, 3200), t.steps());
  }

  /** A supplement at the proposal, another at the exemption and a restructured business plan: loops in three stages. */
  static DemoProgramme gwangjuEnergy() {
    LocalDate proposed = LocalDate.of(2021, 4, 5);
    Map<String, Object> proposal = proposal("AX-DEMOGJ-2024", "광주 에너지 AX 실증사업", "gwangju", proposed, 2024L,
        5000, 3400);
    Map<String, Object> revised = new HashMap<>(proposal);
    revised.remove(PROGRAMME_CODE);
    revised.remove(REGION);
    revised.remove(PROPOSAL_DATE);
    revised.put(SUMMARY, "에너지 AX 실증 — 지방비 분담 계획 보완 (Energy AX pilots, local funding plan supplemented)");
    DemoTimeline t = new DemoTimeline(proposed)
        .after(9).task(TASK_APPROVE_PROPOSAL_INTERNALLY, "gwangju-director", Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))
        .after(50).task(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "SUPPLEMENT",
            PROPOSAL_REVIEW_REASON, "지방비 분담 계획 보완 (The local funding plan needs supplementing)"))
        .after(30).task(TASK_REVISE_PROPOSAL, "gwangju-planner", revised)
        .after(5).task(TASK_APPROVE_PROPOSAL_INTERNALLY, "gwangju-director", Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))
        .after(25).task(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "ADOPT"));
    exemptionRequest(t, 70);
    t.after(300).task(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer", Map.of(EXEMPTION_REVIEW_DECISION, "SUPPLEMENT",
        EXEMPTION_REVIEW_COMMENT, "구체적 사업계획 보완 (A concrete business plan is needed)"));
    exemptionRequest(t, 60);
    t.after(200).task(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer", Map.of(EXEMPTION_REVIEW_DECISION, "RECOMMEND"));
    cabinetAndCommittee(t, 9);
    t.after(90).task(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "kistep-reviewer", Map.of(ADEQUACY_DECISION, "RESTRUCTURE",
        RESTRUCTURE_REASON, "실증 범위 축소 필요 (The pilots' scope must shrink)"));
    t.after(40).task(TASK_RESTRUCTURE_BUSINESS_PLAN, "gwangju-planner", Map.of(TOTAL_COST, 4600L,
        NATIONAL_FUNDING, 3100L, LOCAL_FUNDING, 1500L, STANDARD_MODEL_COST, 1000L, SOLUTION_PRODUCT_COST, 3200L,
        RND_CENTRE_COST, 400L, SUMMARY, "재구조화된 에너지 AX 실증 (Restructured energy AX pilots)"));
    adequacy(t, 30, "AX-DEMOGJ-2024", 4600);
    budgetAndKickoff(t, 2025L, 185, 40, "DEMO-GJ-ENE", 140, 20, 14);
    return new DemoProgramme("AX-DEMOGJ-2024", proposed, proposal, t.steps());
  }

  /** The longest exemption of the history: 20 months with the budget ministry. */
  static DemoProgramme jeonbukAgriculture() {
    LocalDate proposed = LocalDate.of(2021, 9, 6);
    DemoTimeline t = proposal(new DemoTimeline(proposed), "jeonbuk", 6, 70);
    exemption(t, 80, 610);
    cabinetAndCommittee(t, 14);
    adequacy(t, 130, "AX-DEMOJB-2025", 5200);
    budgetAndKickoff(t, 2025L, 190, 35, "DEMO-JB-AGR", 160, 15, 21);
    return new DemoProgramme("AX-DEMOJB-2025", proposed, proposal("AX-DEMOJB-2025", "전북 농생명 AX 실증사업",
        "jeonbuk", proposed, 2025L, 5200, 3600), t.steps());
  }

  /** Below the study threshold (national funding under 300억): straight from the proposal to the adequacy review. */
  static DemoProgramme gyeongnamShipyards() {
    LocalDate proposed = LocalDate.of(2023, 2, 6);
    DemoTimeline t = proposal(new DemoTimeline(proposed), "gyeongnam", 10, 40);
    adequacy(t, 95, "AX-DEMOGN-2024", 480);
    budgetAndKickoff(t, 2024L, 180, 30, "DEMO-GN-SHIP", 90, 10, 14);
    return new DemoProgramme("AX-DEMOGN-2024", proposed, proposal("AX-DEMOGN-2024", "경남 조선 AX 실증사업",
        "gyeongnam", proposed, 2024L, 480, 280), t.steps());
  }

  /** The exemption refused: KISTEP's full study, passed with a lower cost after 14 months. */
  static DemoProgramme daeguMedical() {
    LocalDate proposed = LocalDate.of(2020, 6, 1);
    DemoTimeline t = proposal(new DemoTimeline(proposed), "daegu", 8, 55);
    exemptionRequest(t, 65);
    t.after(200).task(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer", Map.of(EXEMPTION_REVIEW_DECISION, "REFUSE",
        EXEMPTION_REVIEW_COMMENT, "면제 요건 미충족, 예비타당성조사 필요 (No ground for exemption; a full study is needed)"));
    t.after(40).task(TASK_SELECT_STUDY_TARGET, "kistep-reviewer", Map.of(STUDY_TARGET_DECISION, "SUITABLE",
        STUDY_TARGET_COMMENT, "조사 대상 적합 (Suitable for the study)"));
    t.after(420).task(TASK_CONDUCT_FEASIBILITY_STUDY, "kistep-reviewer", Map.of(FEASIBILITY_STUDY_RESULT, "PASS",
        RECOMMENDED_TOTAL_COST, 3900L, STUDY_RESULT_SUMMARY, "경제성·정책성 양호 (Economically and politically sound)"));
    budgetAndKickoff(t, 2024L, 185, 30, "DEMO-DG-MED", 120, 10, 14);
    return new DemoProgramme("AX-DEMODG-2025", proposed, proposal("AX-DEMODG-2025", "대구 의료 AX 실증사업",
        "daegu", proposed, 2024L, 4200, 2900), t.steps());
  }

  private static DemoTimeline proposal(DemoTimeline t, String region, int approvalDays, int reviewDays) {
    return t.after(approvalDays).task(TASK_APPROVE_PROPOSAL_INTERNALLY, region + "-director",
            Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))
        .after(reviewDays).task(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "ADOPT"));
  }

  private static void exemptionRequest(DemoTimeline t, int days) {
    t.after(days).task(TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", Map.of(EXEMPTION_GROUND, "ART38_2_10",
        EXEMPTION_JUSTIFICATION, "지역 균형발전을 위한 국가 정책 사업 (National policy for balanced regional development)"));
  }

  private static void exemption(DemoTimeline t, int requestDays, int reviewDays) {
    exemptionRequest(t, requestDays);
    t.after(reviewDays).task(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer",
        Map.of(EXEMPTION_REVIEW_DECISION, "RECOMMEND"));
  }

  /** Tabled, resolved a week later at the meeting, confirmed by the committee four days after; the report sent. */
  private static void cabinetAndCommittee(DemoTimeline t, int tableDays) {
    t.after(tableDays).task(TASK_TABLE_CABINET_AGENDA, "msit-officer", d -> Map.of(
            AGENDA_TITLE, "지역 AX 실증사업 예비타당성조사 면제 (Exemption of a regional AX programme)",
            MEETING_DATE, d.plusDays(7).toString()))
        .after(7).task(TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary", d -> Map.of(
            CABINET_RESOLUTION, "RESOLVED", RESOLUTION_DATE, d.toString()))
        .after(4).task(TASK_RECORD_COMMITTEE_CONFIRMATION, "msit-officer", d -> Map.of(
            COMMITTEE_DECISION, "CONFIRMED", COMMITTEE_CONFIRMATION_DATE, d.toString()))
        .job(SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY);
  }

  private static void adequacy(DemoTimeline t, int days, String code, long confirmedCost) {
    t.after(days).task(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY, "kistep-reviewer", Map.of(ADEQUACY_DECISION, "CONFIRMED",
        CONFIRMED_TOTAL_COST, confirmedCost));
  }

  /** Requested for the fiscal year, appropriated in December, the plan published and the one R&amp;D task kicked off. */
  private static void budgetAndKickoff(DemoTimeline t, long fiscalYear, int appropriationDays, int planDays,
      String rndTask, long taskBudget, int callAfter, int agreementAfter) {
    t.after(25).task(TASK_REQUEST_BUDGET, "msit-officer", Map.of(FISCAL_YEAR, fiscalYear,
            REQUESTED_APPROPRIATION, taskBudget + 60))
        .after(appropriationDays).task(TASK_RECORD_APPROPRIATION, "msit-officer", d -> Map.of(
            APPROPRIATED_AMOUNT, taskBudget + 40, APPROPRIATION_DATE, d.toString()))
        .after(planDays).task(TASK_PUBLISH_IMPLEMENTATION_PLAN, "msit-officer", Map.of(
            PLAN_TITLE, fiscalYear + "년 시행계획 (" + fiscalYear + " implementation plan)",
            RND_TASKS, Spin.JSON("[{\"" + RND_TASK_CODE + "\":\"" + rndTask + "\",\"" + RND_TASK_TITLE
                + "\":\"AX 표준모델 실증 (AX standard model pilot)\",\"" + RND_TASK_TRACK + "\":\"STANDARD_MODEL\",\""
                + RND_TASK_SECTOR + "\":\"ROBOT\",\"" + RND_TASK_BUDGET + "\":" + taskBudget + "}]")));
    DemoKickoffs.kickOff(t, rndTask, taskBudget, callAfter, agreementAfter);
  }

  private static Map<String, Object> proposal(String code, String name, String region, LocalDate proposed,
      long startYear, long total, long national) {
    long local = total - national;
    long centre = total / 10;
    long standardModels = total / 4;
    return DemoProgrammes.proposal(code, "[데모] " + name, region, proposed.toString(), startYear, total, national,
        local, standardModels, total - standardModels - centre, centre,
        "완료된 이전 사업 (데모 데이터) — an earlier, finished programme (demo data)");
  }
}
