package kr.axhub.funding.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only item 10 of National Finance Act Art. 38(2) needs the Cabinet Meeting; every item has its own label. */
class ExemptionGroundDecisionTest {

  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream dmn = ExemptionGroundDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/exemption-ground.dmn")) {
      decision = engine.parseDecision(PipelineElements.EXEMPTION_GROUND_DECISION_KEY, dmn);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
  void groundsOneToNineGoStraightToTheCommittee(int item) {
    DmnDecisionResult result = evaluate("ART38_2_" + item);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().<Boolean>getEntry("cabinetResolutionRequired")).isFalse();
    assertThat(result.getSingleResult().<String>getEntry("groundLabel")).startsWith("제" + item + "호:");
  }

  @Test
  void balancedRegionalDevelopmentNeedsTheCabinet() {
    DmnDecisionResult result = evaluate("ART38_2_10");

    assertThat(result.getSingleResult().<Boolean>getEntry("cabinetResolutionRequired")).isTrue();
    assertThat(result.getSingleResult().<String>getEntry("groundLabel"))
        .startsWith("제10호:").contains("지역 균형발전").contains("국무회의");
  }

  @Test
  void unknownGroundMatchesNoRule() {
    assertThat(evaluate("ART38_2_11")).isEmpty();
    assertThat(evaluate("ART38_2_1 ")).isEmpty();
  }

  private static DmnDecisionResult evaluate(String ground) {
    return engine.evaluateDecision(decision, Map.of("exemptionGround", ground));
  }
}
