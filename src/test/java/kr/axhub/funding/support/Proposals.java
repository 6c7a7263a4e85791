package kr.axhub.funding.support;

import java.util.HashMap;
import java.util.Map;
import kr.axhub.funding.support.EngineRest.JsonValue;

/** The start form of a programme as a region's planner submits it through REST, with Daegu's figures. */
public final class Proposals {

  private Proposals() {}

  public static Map<String, Object> proposal(String code, String region) {
    Map<String, Object> proposal = new HashMap<>();
    proposal.put("programmeCode", code);
    proposal.put("programmeName", "AX 혁신 기술개발사업 (AX innovation R&D programme)");
    proposal.put("region", region);
    proposal.put("proposalDate", "2025-03-01");
    proposal.put("startYear", 2026L);
    proposal.put("endYear", 2030L);
    proposal.put("ministries", new JsonValue("[\"MSIT\"]"));
    proposal.put("leadMinistry", "MSIT");
    proposal.put("totalCost", 5510L);
    proposal.put("nationalFunding", 3800L);
    proposal.put("localFunding", 1710L);
    proposal.put("standardModelCost", 1380L);
    proposal.put("solutionProductCost", 3580L);
    proposal.put("rndCentreCost", 550L);
    proposal.put("summary", "요약 (Summary)");
    return proposal;
  }
}
