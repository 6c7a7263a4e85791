package kr.axhub.funding.kickoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadInstitutionDecisionTest {

  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream model = LeadInstitutionDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/lead-institution.dmn")) {
      decision = engine.parseDecision(KickoffElements.DECISION_LEAD_INSTITUTION, model);
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}, {3}, {4}")
  @CsvSource({
      // robots: DGIST for the standard model, DMI for companies' solutions and products
      "STANDARD_MODEL, ROBOT,       DGIST, IITP,  MSIT",
      "SOLUTION,       ROBOT,       DMI,   KEIT,  MOTIE",
      "PRODUCT,        ROBOT,       DMI,   KEIT,  MOTIE",
      // bio/healthcare: brain research, clinical (dental) solutions, healthcare products
      "STANDARD_MODEL, MEDICAL_BIO, KBRI,  IITP,  MSIT",
      "SOLUTION,       MEDICAL_BIO, KNU,   KHIDI, MOHW",
      "PRODUCT,        MEDICAL_BIO, DGMIF, KHIDI, MOHW",
      // mobility and energy: coordinated by DIP under the industry ministry
      "STANDARD_MODEL, MOBILITY,    DIP,   KEIT,  MOTIE",
      "PRODUCT,        ENERGY,      DIP,   KEIT,  MOTIE",
      // everything else: DIP coordinates under MSIT
      "STANDARD_MODEL, ABB,         DIP,   IITP,  MSIT",
      "SOLUTION,       ABB,         DIP,   IITP,  MSIT",
  })
  void assignsLeadInstitutionManagingAgencyAndMinistry(String track, String sector, String lead, String agency,
      String ministry) {
    assertThat(evaluate(track, sector)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "leadInstitution", lead, "managingAgency", agency, "ministry", ministry));
  }

  @Test
  void everyCombinationOfTrackAndSectorGetsAnAnswer() {
    for (String track : new String[] {"STANDARD_MODEL", "SOLUTION", "PRODUCT"}) {
      for (String sector : new String[] {"ROBOT", "MOBILITY", "MEDICAL_BIO", "ENERGY", "ABB"}) {
        assertThat(evaluate(track, sector).get("leadInstitution")).as(track + "/" + sector).isNotNull();
      }
    }
  }

  @Test
  void anUnforeseenSectorFallsBackToTheCoordinator() {
    assertThat(evaluate("SOLUTION", "SEMICONDUCTOR")).containsEntry("leadInstitution", "DIP")
        .containsEntry("managingAgency", "IITP").containsEntry("ministry", "MSIT");
  }

  private static DmnDecisionResultEntries evaluate(String track, String sector) {
    return engine.evaluateDecision(decision, Variables.createVariables()
        .putValue("track", track).putValue("sector", sector)).getSingleResult();
  }
}
