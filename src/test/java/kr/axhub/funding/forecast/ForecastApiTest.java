package kr.axhub.funding.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.demo.DemoApplicationTest;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.WebappSession;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The forecast API on the demo data as a first start creates it, read on 2 December 2026 at 10:00 Seoul time (the
 * engine's clock held there), so every figure follows from the demo's days:
 *
 * <ul>
 *   <li>Daegu waits for KISTEP's adequacy review since 22 August 2025: 467 days, longer than any earlier review
 *       (95, 100, 130 and 160 days — one with a restructuring), so it is expected to end now; then the budget
 *       (median of 205, 205, 210, 210, 215 days) and the kickoff (128, 128, 128, 145, 148): launch on 5 November 2027,
 *       308 days and 10 hours after the start year 2026.
 *   <li>Gwangju is with the budget ministry since 30 June 2023 (1,251 days); the 80th percentile of the earlier
 *       exemptions (265, 540, 630, 690, 953 days) is 690: 561 days beyond it.
 * </ul>
 */
@DemoApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastApiTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final String PASSWORD = "demo";

  @LocalServerPort int port;
  @Autowired HistoryService historyService;

  @BeforeAll
  void readOnTheSecondOfDecember() {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 12, 2).atTime(10, 0).atZone(SEOUL).toInstant()));
  }

  @AfterAll
  void realClock() {
    ClockUtil.reset();
  }

  private EngineRest as(String official) {
    return EngineRest.at(port).as(official, PASSWORD);
  }

  @Test
  void aProgrammesForecastFollowsItsRouteWithHistoryMediansBandAndLateLaunch() {
    JsonNode forecast = as("pipeline-manager").getJson("/api/forecast/programmes/AX-DAEGU-2026");
    assertThat(forecast.path("route").asText()).isEqualTo("EXEMPTION_WITH_CABINET");
    assertThat(forecast.path("routeBasis").asText()).isEqualTo("DECIDED");
    assertThat(forecast.path("plannedStartYear").asInt()).isEqualTo(2026);
    assertThat(time(forecast, "launchExpected")).isEqualTo(seoul(2027, 11, 5));
    assertThat(time(forecast, "launchEarly")).isEqualTo(seoul(2027, 10, 31));
    assertThat(time(forecast, "launchLate")).isEqualTo(seoul(2027, 11, 30));
    assertThat(forecast.path("late").asBoolean()).isTrue();
    assertThat(forecast.path("daysLate").asDouble()).isEqualTo(308.42);
    assertThat(forecast.path("basedOnProgrammes").asInt()).isEqualTo(5);
    assertThat(forecast.path("standardStages")).isEmpty();

    Map<String, JsonNode> stages = byStage(forecast);
    assertThat(stages.keySet()).containsExactly("PROPOSAL", "FEASIBILITY_REQUIREMENT", "EXEMPTION", "CABINET",
        "COMMITTEE", "ADEQUACY_REVIEW", "BUDGET", "KICKOFF");
    assertThat(stages.get("EXEMPTION").path("status").asText()).isEqualTo("DONE");
    assertThat(stages.get("EXEMPTION").path("actualDays").asDouble()).isEqualTo(953.0);
    JsonNode adequacy = stages.get("ADEQUACY_REVIEW");
    assertThat(adequacy.path("status").asText()).isEqualTo("CURRENT");
    assertThat(adequacy.path("elapsedDays").asDouble()).isEqualTo(467.0);
    assertThat(adequacy.path("p80Days").asDouble()).isEqualTo(160.0);
    assertThat(adequacy.path("overP80").asBoolean()).isTrue();
    assertThat(adequacy.path("loopProbability").asDouble()).as("one of four reviews restructured").isEqualTo(0.25);
    assertThat(adequacy.path("holders").get(0).asText()).isEqualTo("kistep-reviewers");
    JsonNode budget = stages.get("BUDGET");
    assertThat(budget.path("status").asText()).isEqualTo("EXPECTED");
    assertThat(budget.path("source").asText()).isEqualTo("HISTORY");
    assertThat(budget.path("medianDays").asDouble()).isEqualTo(210.0);
    assertThat(budget.path("visits").asInt()).isEqualTo(5);
    assertThat(time(budget, "expectedEntry")).isEqualTo(seoul(2026, 12, 2));
    assertThat(time(stages.get("KICKOFF"), "expectedEntry")).isEqualTo(seoul(2027, 6, 30));

    String processInstanceId = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey("AX-DAEGU-2026").singleResult().getId();
    JsonNode byInstance = as("pipeline-manager").getJson("/api/forecast/process-instances/" + processInstanceId);
    assertThat(byInstance.path("launchExpected").asText()).isEqualTo(forecast.path("launchExpected").asText());
  }

  @Test
  void theAtRiskListNamesStageHoldersAndDaysAtStakeMostFirst() {
    JsonNode atRisk = as("pipeline-manager").getJson("/api/forecast/at-risk");
    List<String> overruns = new ArrayList<>();
    atRisk.forEach(r -> {
      if (r.path("kind").asText().equals("STAGE_OVERRUN")) {
        overruns.add(r.path("programme").asText() + " " + r.path("stage").asText() + " "
            + r.path("holders").get(0).asText() + " " + r.path("daysAtStake").asDouble());
      }
    });
    // Jeonbuk and Gyeongnam wait in the proposal (1,266 and 1,035 days) against a p80 of 120 days.
    assertThat(overruns).containsExactly("AX-JEONBUK-2026 PROPOSAL msit-officers 1146.0",
        "AX-GYEONGNAM-2026 PROPOSAL region-directors 915.0", "AX-GWANGJU-2026 EXEMPTION moef-reviewers 561.0",
        "AX-DAEGU-2026 ADEQUACY_REVIEW kistep-reviewers 307.0");
    List<Double> days = new ArrayList<>();
    atRisk.forEach(r -> days.add(r.path("daysAtStake").asDouble()));
    assertThat(days).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(atRisk).anySatisfy(r -> {
      assertThat(r.path("programme").asText()).isEqualTo("AX-DAEGU-2026");
      assertThat(r.path("kind").asText()).isEqualTo("LATE_LAUNCH");
      assertThat(r.path("daysAtStake").asDouble()).isEqualTo(308.42);
      assertThat(r.path("reason").asText()).contains("2026년", "planned start year 2026");
    });
    assertThat(atRisk.findValuesAsText("programme")).noneMatch(code -> code.startsWith("AX-DEMO"));

    String csv = as("pipeline-manager").get("/api/forecast/at-risk?format=csv").text();
    assertThat(csv).startsWith("\uFEFFprogramme,programmeName,region,kind,stage,stageName,holders,daysAtStake,")
        .contains("AX-GWANGJU-2026,광주 지역거점 AX 혁신 기술개발사업,gwangju,STAGE_OVERRUN,EXEMPTION,");
    String stagesCsv = as("pipeline-manager").get("/api/forecast/programmes/AX-DAEGU-2026?format=csv").text();
    assertThat(stagesCsv.lines()).hasSize(1 + 8);
    assertThat(stagesCsv).contains(",BUDGET,", ",EXPECTED,", "2027-11-05 10:00:00");
  }

  @Test
  void anOfficialsForecastRestsOnTheProgrammesTheyMaySeeAndSaysWhereHistoryIsThin() {
    JsonNode forecast = as("daegu-planner").getJson("/api/forecast/programmes/AX-DAEGU-2026");
    // Daegu's own history: one adequacy review (AX-DEMODG-2024), so the stages ahead take their standard durations.
    List<String> standard = new ArrayList<>();
    forecast.path("standardStages").forEach(s -> standard.add(s.asText()));
    assertThat(standard).containsExactly("ADEQUACY_REVIEW", "BUDGET", "KICKOFF");
    assertThat(forecast.path("basedOnProgrammes").asInt()).isZero();
    assertThat(byStage(forecast).get("BUDGET").path("medianDays").asDouble()).as("standard: P150D").isEqualTo(150.0);

    assertThat(as("daegu-planner").get("/api/forecast/programmes/AX-GWANGJU-2026").status()).isEqualTo(404);
    assertThat(as("daegu-planner").getJson("/api/forecast/at-risk").findValuesAsText("region"))
        .isNotEmpty().allMatch("daegu"::equals);
    assertThat(as("pipeline-manager").get("/api/forecast/programmes/AX-SEOUL-2026").status()).isEqualTo(404);
    assertThat(EngineRest.at(port).get("/api/forecast/at-risk").status()).isEqualTo(401);
  }

  @Test
  void theBacktestForecastsEveryStageEntryOfTheLaunchedProgrammes() {
    JsonNode backtest = as("pipeline-manager").getJson("/api/forecast/backtest");
    // Three exempted programmes of 8 stages, one of 5 (no study required) and one of 6 (the full study).
    assertThat(backtest.path("programmes").asInt()).isEqualTo(5);
    assertThat(backtest.path("forecasts").asInt()).isEqualTo(8 * 3 + 5 + 6);
    assertThat(backtest.path("medianAbsoluteErrorDays").isNumber()).isTrue();
    assertThat(backtest.path("points").findValuesAsText("programme")).allMatch(code -> code.startsWith("AX-DEMO"));
  }

  @Test
  void cockpitReadsTheForecastThroughTheWebappSession() {
    WebappSession manager = WebappSession.login(port, "cockpit", "pipeline-manager", PASSWORD);
    assertThat(manager.loggedIn()).isTrue();
    WebappSession.Response atRisk = manager.get("/camunda/api/axhub/forecast/at-risk");
    assertThat(atRisk.status()).as(atRisk.text()).isEqualTo(200);
    assertThat(atRisk.text()).contains("AX-GWANGJU-2026", "STAGE_OVERRUN");
  }

  private static Map<String, JsonNode> byStage(JsonNode forecast) {
    Map<String, JsonNode> stages = new java.util.LinkedHashMap<>();
    forecast.path("stages").forEach(s -> stages.put(s.path("stage").asText(), s));
    return stages;
  }

  private static OffsetDateTime time(JsonNode node, String field) {
    return OffsetDateTime.parse(node.path(field).asText());
  }

  private static OffsetDateTime seoul(int year, int month, int day) {
    return LocalDate.of(year, month, day).atTime(10, 0).atZone(SEOUL).toOffsetDateTime();
  }
}
