package kr.axhub.funding.demo;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;

/**
 * The four regions designated together, with the figures of the reference data (억원) and the days things happened
 * (Daegu's as published; the other regions' illustrative). National and local shares are illustrative: the
 * published figures give totals and the split by track only.
 */
final class DemoProgrammes {

  private DemoProgrammes() {}

  /** The finished earlier programmes first, so the running ones are replayed onto a history. */
  static List<DemoProgramme> all() {
    List<DemoProgramme> all = new ArrayList<>(DemoHistory.all());
    all.addAll(List.of(daegu(), gwangju(), jeonbuk(), gyeongnam()));
    return all;
  }

  /**
   * Proposed on 1 August 2022; the exemption request waited almost two and a half years with the budget ministry;
   * resolved by the Cabinet on 18 August 2025, confirmed on 22 August 2025: since then with KISTEP.
   */
  static DemoProgramme daegu() {
    Map<String, Object> proposal = proposal("AX-DAEGU-2026", "대구 지역거점 AX 혁신 기술개발사업", "daegu", "2022-08-01",
        2026L, 5510, 3800, 1710, 1380, 3580, 550,
        "로봇·바이오 표준모델과 응용 솔루션·제품개발, AX R&D 센터 구축 (Standard models for robots and bio, solutions and "
            + "products, and an AX R&D centre)");
    DemoTimeline t = new DemoTimeline(LocalDate.of(2022, 8, 1))
        .on(LocalDate.of(2022, 8, 12)).task(TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director",
            Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))
        .on(LocalDate.of(2022, 12, 20)).task(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "ADOPT"))
        .on(LocalDate.of(2023, 3, 2)).task(TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", Map.of(
            EXEMPTION_GROUND, "ART38_2_10",
            EXEMPTION_JUSTIFICATION, "지역 균형발전을 위한 지역거점 AX 혁신 사업 (Balanced regional development)"))
        .on(LocalDate.of(2025, 7, 30)).task(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer",
            Map.of(EXEMPTION_REVIEW_DECISION, "RECOMMEND"))
        .on(LocalDate.of(2025, 8, 11)).task(TASK_TABLE_CABINET_AGENDA, "msit-officer", Map.of(
            AGENDA_TITLE, "지역거점 AX 혁신 기술개발사업 예비타당성조사 면제 (Exemption of the regional AX programmes)",
            MEETING_DATE, "2025-08-18"))
        .on(LocalDate.of(2025, 8, 18)).task(TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary", Map.of(
            CABINET_RESOLUTION, "RESOLVED", RESOLUTION_DATE, "2025-08-18"))
        .on(LocalDate.of(2025, 8, 22)).task(TASK_RECORD_COMMITTEE_CONFIRMATION, "msit-officer", Map.of(
            COMMITTEE_DECISION, "CONFIRMED", COMMITTEE_CONFIRMATION_DATE, "2025-08-22"))
        .job(SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY);
    return new DemoProgramme("AX-DAEGU-2026", LocalDate.of(2022, 8, 1), proposal, t.steps());
  }

  /** Exemption requested under item 10 in October 2023: the budget ministry is reviewing it. */
  static DemoProgramme gwangju() {
    Map<String, Object> proposal = proposal("AX-GWANGJU-2026", "광주 지역거점 AX 혁신 기술개발사업", "gwangju", "2023-03-02",
        2026L, 6000, 4200, 1800, 1500, 3900, 600, "모빌리티·에너지 AX 표준모델과 실증 (Mobility and energy AX models and pilots)");
    DemoTimeline t = new DemoTimeline(LocalDate.of(2023, 3, 2))
        .on(LocalDate.of(2023, 3, 10)).task(TASK_APPROVE_PROPOSAL_INTERNALLY, "gwangju-director",
            Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))
        .on(LocalDate.of(2023, 6, 30)).task(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "ADOPT"))
        .on(LocalDate.of(2023, 10, 16)).task(TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", Map.of(
            EXEMPTION_GROUND, "ART38_2_10",
            EXEMPTION_JUSTIFICATION, "지역 균형발전 및 국가 정책적 추진 필요 (Balanced regional development)"));
    return new DemoProgramme("AX-GWANGJU-2026", LocalDate.of(2023, 3, 2), proposal, t.steps());
  }

  /** Back from a supplement request and resubmitted in November 2023: the ministry reviews the proposal again. */
  static DemoProgramme jeonbuk() {
    Map<String, Object> proposal = proposal("AX-JEONBUK-2026", "전북 지역거점 AX 혁신 기술개발사업", "jeonbuk", "2023-06-15",
        2026L, 10000, 7000, 3000, 2500, 6500, 1000, "농생명·모빌리티 AX 표준모델 (AX models for agri-bio and mobility)");
    Map<String, Object> revised = new HashMap<>(proposal);
    revised.remove(PROGRAMME_CODE);
    revised.remove(REGION);
    revised.remove(PROPOSAL_DATE);
    revised.put(SUMMARY, proposal.get(SUMMARY) + " — 사업비 산출 근거 보완 (cost basis supplemented)");
    DemoTimeline t = new DemoTimeline(LocalDate.of(2023, 6, 15))
        .on(LocalDate.of(2023, 6, 23)).task(TASK_APPROVE_PROPOSAL_INTERNALLY, "jeonbuk-director",
            Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))
        .on(LocalDate.of(2023, 9, 12)).task(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(
            PROPOSAL_REVIEW_DECISION, "SUPPLEMENT",
            PROPOSAL_REVIEW_REASON, "사업비 산출 근거 보완 필요 (The cost basis needs supplementing)"))
        .on(LocalDate.of(2023, 11, 20)).task(TASK_REVISE_PROPOSAL, "jeonbuk-planner", revised)
        .on(LocalDate.of(2023, 11, 27)).task(TASK_APPROVE_PROPOSAL_INTERNALLY, "jeonbuk-director",
            Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"));
    return new DemoProgramme("AX-JEONBUK-2026", LocalDate.of(2023, 6, 15), proposal, t.steps());
  }

  /** Drafted on 1 February 2024: the region's director has it for internal approval. */
  static DemoProgramme gyeongnam() {
    Map<String, Object> proposal = proposal("AX-GYEONGNAM-2026", "경남 지역거점 AX 혁신 기술개발사업", "gyeongnam", "2024-02-01",
        2026L, 10000, 7000, 3000, 2500, 6500, 1000, "제조 로봇 AX 표준모델과 제품개발 (Manufacturing robot AX models and products)");
    return new DemoProgramme("AX-GYEONGNAM-2026", LocalDate.of(2024, 2, 1), proposal, List.of());
  }

  static Map<String, Object> proposal(String code, String name, String region, String proposalDate, long startYear,
      long total, long national, long local, long standardModels, long solutionsAndProducts, long centre,
      String summary) {
    Map<String, Object> proposal = new HashMap<>();
    proposal.put(PROGRAMME_CODE, code);
    proposal.put(PROGRAMME_NAME, name);
    proposal.put(REGION, region);
    proposal.put(PROPOSAL_DATE, proposalDate);
    proposal.put(START_YEAR, startYear);
    proposal.put(END_YEAR, startYear + 4);
    proposal.put(MINISTRIES, Spin.JSON("[\"MSIT\", \"MOTIE\", \"MOHW\"]"));
    proposal.put(LEAD_MINISTRY, "MSIT");
    proposal.put(TOTAL_COST, total);
    proposal.put(NATIONAL_FUNDING, national);
    proposal.put(LOCAL_FUNDING, local);
    proposal.put(STANDARD_MODEL_COST, standardModels);
    proposal.put(SOLUTION_PRODUCT_COST, solutionsAndProducts);
    proposal.put(RND_CENTRE_COST, centre);
    proposal.put(SUMMARY, summary);
    return proposal;
  }
}
