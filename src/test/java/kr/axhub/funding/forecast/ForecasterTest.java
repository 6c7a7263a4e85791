package kr.axhub.funding.forecast;

import static kr.axhub.funding.forecast.Histories.day;
import static kr.axhub.funding.forecast.Histories.programme;
import static kr.axhub.funding.reporting.Stage.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.axhub.funding.forecast.ProgrammeForecast.Risk;
import kr.axhub.funding.forecast.ProgrammeForecast.Source;
import kr.axhub.funding.forecast.ProgrammeForecast.StageForecast;
import kr.axhub.funding.forecast.ProgrammeForecast.Status;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.Stage;
import org.junit.jupiter.api.Test;

/**
 * The forecast on made-up histories whose every duration is known, so each expected date can be worked out by hand:
 * three launched programmes took 100/120/140 days for the proposal, 300/500/700 for the exemption, 10/20/30 in the
 * Cabinet, 4/6/8 with the committee, 60/90/120 in the adequacy review, 120/150/180 for the budget and 40/50/60 to
 * kick off their tasks.
 */
class ForecasterTest {

  private static final Forecaster FORECASTER = new Forecaster(Histories.SETTINGS, Stage::name);

  private static final List<ProgrammeReport> EARLIER = List.of(
      programme("A", 0).exemptionRoute(100, 300, 10, 4, 60, 120, 40).launched(),
      programme("B", 100).exemptionRoute(120, 500, 20, 6, 90, 150, 50).launched(),
      programme("C", 200).stay(PROPOSAL, 140, "ADOPT").stay(FEASIBILITY_REQUIREMENT, 0, "REQUIRED")
          .stay(EXEMPTION, 700, "RECOMMEND").stay(CABINET, 30, "RESOLVED").stay(COMMITTEE, 8, "CONFIRMED")
          .loop(ADEQUACY_REVIEW, 120, "CONFIRMED").stay(BUDGET, 180, "229").stay(KICKOFF, 40 + 20, "COMPLETED")
          .launched());

  /** Proposed on day 2000, adopted after 110 days, with the budget ministry for {@code days} days. */
  private static ProgrammeReport inExemption(double days) {
    return programme("T", 2000).stay(PROPOSAL, 110, "ADOPT").stay(FEASIBILITY_REQUIREMENT, 0, "REQUIRED")
        .standingIn(EXEMPTION, day(2110 + days));
  }

  private static ProgrammeForecast forecast(ProgrammeReport programme, Integer startYear, double now,
      List<ProgrammeReport> earlier) {
    return FORECASTER.forecast(programme, new Forecaster.Inputs(null, startYear, List.of("moef-reviewers")),
        StageHistory.of(earlier), day(now));
  }

  @Test
  void stagesAheadTakeTheMedianOfEarlierStaysAndTheCurrentOneWhatLongerStaysStillNeeded() {
    ProgrammeForecast forecast = forecast(inExemption(400), null, 2510, EARLIER);

    Map<Stage, StageForecast> stages = byStage(forecast);
    assertThat(forecast.stages()).extracting(StageForecast::stage).containsExactly(PROPOSAL, FEASIBILITY_REQUIREMENT,
        EXEMPTION, CABINET, COMMITTEE, ADEQUACY_REVIEW, BUDGET, KICKOFF);
    assertThat(stages.get(PROPOSAL).status()).isEqualTo(Status.DONE);
    assertThat(stages.get(PROPOSAL).actualDays()).isEqualTo(110.0);
    // 400 days into the exemption: of the stays of 300, 500 and 700 days, those longer needed 100 and 300 more.
    StageForecast exemption = stages.get(EXEMPTION);
    assertThat(exemption.status()).isEqualTo(Status.CURRENT);
    assertThat(exemption.elapsedDays()).isEqualTo(400.0);
    assertThat(exemption.expectedExit()).isEqualTo(day(2710));
    assertThat(exemption.exitEarly()).isEqualTo(day(2610));
    assertThat(exemption.exitLate()).isEqualTo(day(2810));
    assertThat(exemption.p80Days()).isEqualTo(700.0);
    assertThat(exemption.overP80()).isFalse();
    assertThat(exemption.holders()).containsExactly("moef-reviewers");

    assertThat(stages.get(CABINET).expectedEntry()).isEqualTo(day(2710));
    assertThat(stages.get(CABINET).expectedExit()).isEqualTo(day(2730));
    assertThat(stages.get(CABINET).medianDays()).isEqualTo(20.0);
    assertThat(stages.get(CABINET).source()).isEqualTo(Source.HISTORY);
    assertThat(stages.get(CABINET).visits()).isEqualTo(3);
    // 2710 + 20 + 6 + 90 + 150 + 50; the band adds the 10th (100 + 10 + 4 + 60 + 120 + 40) and 90th percentiles.
    assertThat(forecast.launchExpected()).isEqualTo(day(3026));
    assertThat(forecast.launchEarly()).isEqualTo(day(2844));
    assertThat(forecast.launchLate()).isEqualTo(day(3208));
    assertThat(forecast.basedOnProgrammes()).isEqualTo(3);
    assertThat(forecast.standardStages()).isEmpty();
    assertThat(forecast.route()).isEqualTo(Route.EXEMPTION_WITH_CABINET);
    assertThat(forecast.routeBasis()).isEqualTo("HISTORY");
    assertThat(forecast.routeReason()).contains("3건 중 3건", "3 of 3");
    assertThat(forecast.risks()).isEmpty();
  }

  @Test
  void aLoopingStageShowsHowOftenItLoopedAndItsLoopsCountInItsDurations() {
    ProgrammeForecast forecast = forecast(inExemption(400), null, 2510, EARLIER);
    StageForecast adequacy = byStage(forecast).get(ADEQUACY_REVIEW);
    assertThat(adequacy.loopProbability()).isEqualTo(1.0 / 3);
    assertThat(adequacy.p90Days()).as("the looping stay took 120 days").isEqualTo(120.0);
    assertThat(byStage(forecast).get(BUDGET).loopProbability()).isZero();

    // A stage entered a second time loops too: the stay is both visits together.
    ProgrammeReport again = programme("D", 300).exemptionRoute(100, 300, 10, 4, 30, 60, 10)
        .stay(ADEQUACY_REVIEW, 20, "CONFIRMED").stay(BUDGET, 30, "229").stay(KICKOFF, 50, "COMPLETED").launched();
    StageHistory history = StageHistory.of(List.of(again));
    assertThat(history.durations(ADEQUACY_REVIEW)).containsExactly(50L * 86_400_000);
    assertThat(history.loopProbability(KICKOFF)).isEqualTo(1.0);
  }

  @Test
  void aStayPastTheEightiethPercentileIsAtRiskWithTheDaysBeyondItAndIsExpectedToEndNow() {
    ProgrammeForecast forecast = forecast(inExemption(800), null, 2910, EARLIER);
    StageForecast exemption = byStage(forecast).get(EXEMPTION);
    assertThat(exemption.overP80()).isTrue();
    assertThat(exemption.expectedExit()).isEqualTo(day(2910));
    assertThat(forecast.risks()).singleElement().satisfies(risk -> {
      assertThat(risk.kind()).isEqualTo(Risk.Kind.STAGE_OVERRUN);
      assertThat(risk.stage()).isEqualTo(EXEMPTION);
      assertThat(risk.holders()).containsExactly("moef-reviewers");
      assertThat(risk.daysAtStake()).isEqualTo(100.0);
    });
  }

  @Test
  void aLaunchExpectedAfterThePlannedStartYearIsAtRiskByTheDaysPastItsLastDay() {
    // Day 3026 (09:00) is 469 days and 9 hours after 1 January 2027, the day after the start year 2026.
    ProgrammeForecast late = forecast(inExemption(400), 2026, 2510, EARLIER);
    assertThat(late.late()).isTrue();
    assertThat(late.daysLate()).isEqualTo(469.38);
    assertThat(late.risks()).extracting(Risk::kind).containsExactly(Risk.Kind.LATE_LAUNCH);
    assertThat(late.risks().get(0).stage()).isEqualTo(EXEMPTION);

    ProgrammeForecast inTime = forecast(inExemption(400), 2028, 2510, EARLIER);
    assertThat(inTime.late()).isFalse();
    assertThat(inTime.risks()).isEmpty();
  }

  @Test
  void aStageNeverSeenBeforeTakesItsStandardDurationsAndTheForecastSaysSo() {
    // The exemption refused: the full study, which no earlier programme went through, then budget and kickoff.
    ProgrammeReport refused = programme("S", 2000).stay(PROPOSAL, 110, "ADOPT")
        .stay(FEASIBILITY_REQUIREMENT, 0, "REQUIRED").stay(EXEMPTION, 200, "REFUSE")
        .standingIn(FULL_STUDY, day(2315));
    ProgrammeForecast forecast = forecast(refused, null, 2315, EARLIER);

    assertThat(forecast.route()).isEqualTo(Route.FEASIBILITY_STUDY);
    assertThat(forecast.routeBasis()).isEqualTo("DECIDED");
    assertThat(forecast.stages()).extracting(StageForecast::stage).containsExactly(PROPOSAL, FEASIBILITY_REQUIREMENT,
        EXEMPTION, FULL_STUDY, BUDGET, KICKOFF);
    StageForecast study = byStage(forecast).get(FULL_STUDY);
    assertThat(study.source()).isEqualTo(Source.STANDARD);
    assertThat(study.visits()).isZero();
    assertThat(study.overP80()).as("no history to be late against").isFalse();
    // 5 of the standard 20 days are gone: 15 remain (5 to 35 in the band); then budget 150 and kickoff 50.
    assertThat(study.expectedExit()).isEqualTo(day(2330));
    assertThat(study.exitEarly()).isEqualTo(day(2320));
    assertThat(study.exitLate()).isEqualTo(day(2350));
    assertThat(forecast.launchExpected()).isEqualTo(day(2530));
    assertThat(forecast.standardStages()).containsExactly(FULL_STUDY);
    assertThat(forecast.basedOnProgrammes()).isEqualTo(3);
  }

  @Test
  void thinHistoryFallsBackToStandardDurationsForEveryStage() {
    ProgrammeForecast forecast = forecast(inExemption(5), null, 2115, EARLIER.subList(0, 2));
    assertThat(forecast.standardStages()).containsExactly(EXEMPTION, CABINET, COMMITTEE, ADEQUACY_REVIEW, BUDGET,
        KICKOFF);
    assertThat(forecast.basedOnProgrammes()).isZero();
    // 15 days left of the exemption's standard 20, then five stages of 20.
    assertThat(forecast.launchExpected()).isEqualTo(day(2115 + 15 + 100));
  }

  @Test
  void theRouteFollowsTheDecisionsTaken() {
    ProgrammeReport notRequired = programme("N", 2000).stay(PROPOSAL, 110, "ADOPT")
        .stay(FEASIBILITY_REQUIREMENT, 0, "NOT_REQUIRED").standingIn(ADEQUACY_REVIEW, day(2120));
    ProgrammeForecast forecast = forecast(notRequired, null, 2120, EARLIER);
    assertThat(forecast.route()).isEqualTo(Route.NO_STUDY);
    assertThat(forecast.stages()).extracting(StageForecast::stage).containsExactly(PROPOSAL, FEASIBILITY_REQUIREMENT,
        ADEQUACY_REVIEW, BUDGET, KICKOFF);

    ProgrammeReport proposed = programme("P", 2000).standingIn(PROPOSAL, day(2010));
    ProgrammeForecast without = FORECASTER.forecast(proposed, new Forecaster.Inputs(false, null, List.of()),
        StageHistory.of(EARLIER), day(2010));
    assertThat(without.route()).as("the ground needs no cabinet resolution").isEqualTo(Route.EXEMPTION_WITHOUT_CABINET);
    assertThat(forecast(proposed, null, 2010, List.of()).routeBasis()).isEqualTo("DEFAULT");
  }

  @Test
  void aLaunchedProgrammeIsForecastAsItHappened() {
    ProgrammeForecast forecast = forecast(EARLIER.get(0), 2021, 5000, EARLIER.subList(1, 3));
    assertThat(forecast.launched()).isEqualTo(day(634));
    assertThat(forecast.launchExpected()).isEqualTo(day(634));
    assertThat(forecast.stages()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.DONE));
    assertThat(forecast.risks()).isEmpty();
  }

  private static Map<Stage, StageForecast> byStage(ProgrammeForecast forecast) {
    return forecast.stages().stream().collect(Collectors.toMap(StageForecast::stage, Function.identity()));
  }
}
