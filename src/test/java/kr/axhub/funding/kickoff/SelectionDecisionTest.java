package kr.axhub.funding.kickoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionDecisionTest {

  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream model = SelectionDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/selection-decision.dmn")) {
      decision = engine.parseDecision(KickoffElements.DECISION_SELECTION, model);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "100,  SELECTED",
      "85.5, SELECTED",
      "70,   SELECTED",
      "69.9, CONDITIONAL",
      "65,   CONDITIONAL",
      "60,   CONDITIONAL",
      "59.9, REJECTED",
      "30,   REJECTED",
      "0,    REJECTED",
  })
  void decidesByTheAverageScore(double averageScore, String expected) {
    assertThat(decide(averageScore)).isEqualTo(expected);
  }

  @Test
  void aWholeNumberScoreAsTasklistMaySubmitItIsDecidedTheSame() {
    assertThat(decide(70L)).isEqualTo("SELECTED");
    assertThat(decide(60L)).isEqualTo("CONDITIONAL");
  }

  private static String decide(Object averageScore) {
    return engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("averageScore", averageScore))
        .getSingleEntry();
  }
}
