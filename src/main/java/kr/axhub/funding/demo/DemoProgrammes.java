package kr.axhub.funding.demo;

import static kr.axhub.funding.pipeline.PipelineElements.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.demo.DemoProgramme.Step;
import org.camunda.spin.Spin;

/**
 * The four regions designated together, with the figures of the reference data (억원). National and local shares
 * are illustrative: the published figures give totals and the split by track only.
 */
final class DemoProgrammes {

  private DemoProgrammes() {}

  static List<DemoProgramme> all() {
    return List.of(daegu(), gwangju(), jeonbuk(), gyeongnam());
  }

  /** Exempted under item 10, resolved by the Cabinet on 2025-08-18, confirmed on 2025-08-22: now with KISTEP. */
  static DemoProgramme daegu() {
    Map<String, Object> proposal = proposal("AX-DAEGU-2026", "대구 지역거점 AX 혁신 기술개발사업", "daegu", "2022-08-01",
        5510, 3800, 1710, 1380, 3580, 550,
        "로봇·바이오 표준모델과 응용 솔루션·제품개발, AX R&D 센터 구축 (Standard models for robots and bio, solutions and "
            + "products, and an AX R&D centre)");
    return new DemoProgramme("AX-DAEGU-2026", proposal, List.of(
        new Step(TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director", Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE")),
        new Step(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "ADOPT")),
        new Step(TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", Map.of(
            EXEMPTION_GROUND, "ART38_2_10",
            EXEMPTION_JUSTIFICATION, "지역 균형발전을 위한 지역거점 AX 혁신 사업 (Balanced regional development)")),
        new Step(TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer", Map.of(EXEMPTION_REVIEW_DECISION, "RECOMMEND")),
        new Step(TASK_TABLE_CABINET_AGENDA, "msit-officer", Map.of(
            AGENDA_TITLE, "지역거점 AX 혁신 기술개발사업 예비타당성조사 면제 (Exemption of the regional AX programmes)",
            MEETING_DATE, "2025-08-18")),
        new Step(TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary", Map.of(
            CABINET_RESOLUTION, "RESOLVED", RESOLUTION_DATE, "2025-08-18")),
        new Step(TASK_RECORD_COMMITTEE_CONFIRMATION, "msit-officer", Map.of(
            COMMITTEE_DECISION, "CONFIRMED", COMMITTEE_CONFIRMATION_DATE, "2025-08-22"))));
  }

  /** Exemption requested under item 10: the budget ministry is reviewing it. */
  static DemoProgramme gwangju() {
    Map<String, Object> proposal = proposal("AX-GWANGJU-2026", "광주 지역거점 AX 혁신 기술개발사업", "gwangju", "2023-03-02",
        6000, 4200, 1800, 1500, 3900, 600, "모빌리티·에너지 AX 표준모델과 실증 (Mobility and energy AX models and pilots)");
    return new DemoProgramme("AX-GWANGJU-2026", proposal, List.of(
        new Step(TASK_APPROVE_PROPOSAL_INTERNALLY, "gwangju-director", Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE")),
        new Step(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(PROPOSAL_REVIEW_DECISION, "ADOPT")),
        new Step(TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer", Map.of(
            EXEMPTION_GROUND, "ART38_2_10",
            EXEMPTION_JUSTIFICATION, "지역 균형발전 및 국가 정책적 추진 필요 (Balanced regional development)"))));
  }

  /** Back from a supplement request and resubmitted: the ministry reviews the proposal again. */
  static DemoProgramme jeonbuk() {
    Map<String, Object> proposal = proposal("AX-JEONBUK-2026", "전북 지역거점 AX 혁신 기술개발사업", "jeonbuk", "2023-06-15",
        10000, 7000, 3000, 2500, 6500, 1000, "농생명·모빌리티 AX 표준모델 (AX models for agri-bio and mobility)");
    Map<String, Object> revised = new HashMap<>(proposal);
    revised.remove(PROGRAMME_CODE);
    revised.remove(REGION);
    revised.remove(PROPOSAL_DATE);
    revised.put(SUMMARY, proposal.get(SUMMARY) + " — 사업비 산출 근거 보완 (cost basis supplemented)");
    return new DemoProgramme("AX-JEONBUK-2026", proposal, List.of(
        new Step(TASK_APPROVE_PROPOSAL_INTERNALLY, "jeonbuk-director", Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE")),
        new Step(TASK_REVIEW_PROPOSAL, "msit-officer", Map.of(
            PROPOSAL_REVIEW_DECISION, "SUPPLEMENT",
            PROPOSAL_REVIEW_REASON, "사업비 산출 근거 보완 필요 (The cost basis needs supplementing)")),
        new Step(TASK_REVISE_PROPOSAL, "jeonbuk-planner", revised),
        new Step(TASK_APPROVE_PROPOSAL_INTERNALLY, "jeonbuk-director", Map.of(INTERNAL_APPROVAL_DECISION, "APPROVE"))));
  }

  /** Just drafted: the region's director has it for internal approval. */
  static DemoProgramme gyeongnam() {
    Map<String, Object> proposal = proposal("AX-GYEONGNAM-2026", "경남 지역거점 AX 혁신 기술개발사업", "gyeongnam", "2024-02-01",
        10000, 7000, 3000, 2500, 6500, 1000, "제조 로봇 AX 표준모델과 제품개발 (Manufacturing robot AX models and products)");
    return new DemoProgramme("AX-GYEONGNAM-2026", proposal, List.of());
  }

  private static Map<String, Object> proposal(String code, String name, String region, String proposalDate,
      long total, long national, long local, long standardModels, long solutionsAndProducts, long centre,
      String summary) {
    Map<String, Object> proposal = new HashMap<>();
    proposal.put(PROGRAMME_CODE, code);
    proposal.put(PROGRAMME_NAME, name);
    proposal.put(REGION, region);
    proposal.put(PROPOSAL_DATE, proposalDate);
    proposal.put(START_YEAR, 2026L);
    proposal.put(END_YEAR, 2030L);
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
