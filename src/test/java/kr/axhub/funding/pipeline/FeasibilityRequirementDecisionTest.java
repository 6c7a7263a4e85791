package kr.axhub.funding.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feasibility requirement: the National Finance Act thresholds before 29 Jan 2026 (study when the total is at
 * least 500억 and the national share at least 300억), and from that day no study for R&amp;D but a planning check at
 * 1,000억 or more. One case per rule plus the edges of every threshold.
 */
class FeasibilityRequirementDecisionTest {

  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream dmn = FeasibilityRequirementDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/feasibility-requirement.dmn")) {
      decision = engine.parseDecision(PipelineElements.FEASIBILITY_DECISION_KEY, dmn);
    }
  }

  @ParameterizedTest(name = "{0}: total {1}, national {2} -> {3}, planning check {4}")
  @CsvSource({
      "2025-03-04, 5510, 3300, REQUIRED,     false, 예타 대상",
      "2025-03-04,  500,  300, REQUIRED,     false, 예타 대상",
      "2026-01-28,  500,  300, REQUIRED,     false, 예타 대상",
      "2025-03-04,  499,  499, NOT_REQUIRED, false, 총사업비 500억원 미만",
      "2025-03-04,  499,    1, NOT_REQUIRED, false, 총사업비 500억원 미만",
      "2025-03-04, 5510,  299, NOT_REQUIRED, false, 국비 300억원 미만",
      "2026-01-29, 5510, 3300, NOT_REQUIRED, true,  사업기획점검 대상",
      "2026-01-29, 1000,  300, NOT_REQUIRED, true,  사업기획점검 대상",
      "2030-12-31, 1000,    1, NOT_REQUIRED, true,  사업기획점검 대상",
      "2026-01-29,  999,  999, NOT_REQUIRED, false, R&D 예타 폐지",
      "2026-06-01,    1,    1, NOT_REQUIRED, false, R&D 예타 폐지",
  })
  void decidesByDateAndThresholds(String proposalDate, long totalCost, long nationalFunding, String study,
      boolean planningCheck, String regime) {
    DmnDecisionResultEntries result = engine.evaluateDecision(decision, Map.of(
        "proposalDate", proposalDate, "totalCost", totalCost, "nationalFunding", nationalFunding))
        .getSingleResult();

    assertThat(result.<String>getEntry("feasibilityStudy")).isEqualTo(study);
    assertThat(result.<Boolean>getEntry("planningCheckRequired")).isEqualTo(planningCheck);
    assertThat(result.<String>getEntry("feasibilityRegime")).contains(regime);
  }

  /** Cockpit shows a decision instance's inputs as recorded: the date as the official entered it, not a Java object. */
  @Test
  void recordsTheProposalDateAsEntered() throws Exception {
    List<DmnEvaluatedInput> inputs = new ArrayList<>();
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(event -> inputs.addAll(event.getInputs())));
    DmnEngine recording = configuration.buildEngine();
    try (InputStream dmn = getClass().getClassLoader().getResourceAsStream("processes/feasibility-requirement.dmn")) {
      recording.evaluateDecision(recording.parseDecision(PipelineElements.FEASIBILITY_DECISION_KEY, dmn), Map.of(
          "proposalDate", "2022-08-01", "totalCost", 5510L, "nationalFunding", 3800L));
    }

    DmnEvaluatedInput date = inputs.stream().filter(i -> i.getId().equals("Input_ProposalDate")).findFirst()
        .orElseThrow();
    assertThat(date.getValue().getValue()).isEqualTo("2022-08-01");
  }
}
