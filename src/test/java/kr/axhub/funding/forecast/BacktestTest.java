package kr.axhub.funding.forecast;

import static kr.axhub.funding.forecast.Histories.programme;
import static kr.axhub.funding.reporting.Stage.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.Stage;
import org.junit.jupiter.api.Test;

/**
 * The backtest on generated histories: four programmes, one after the other, each 634 days from proposal to launch
 * (proposal 100, exemption 300, cabinet 10, committee 4, adequacy review 60, budget 120, kickoff 40), and one that
 * went through a stage no earlier programme knew.
 */
class BacktestTest {

  private static final List<ProgrammeReport> SAME = List.of(
      programme("P1", 0).exemptionRoute(100, 300, 10, 4, 60, 120, 40).launched(),
      programme("P2", 1000).exemptionRoute(100, 300, 10, 4, 60, 120, 40).launched(),
      programme("P3", 2000).exemptionRoute(100, 300, 10, 4, 60, 120, 40).launched(),
      programme("P4", 3000).exemptionRoute(100, 300, 10, 4, 60, 120, 40).launched());

  @Test
  void withEnoughIdenticalHistoryEveryForecastIsExactAndWithoutItTheStandardDurationsShowTheirError() {
    Backtest.Result result = Backtest.run(SAME, new Forecaster(Histories.SETTINGS, Stage::name), p -> null);

    assertThat(result.programmes()).isEqualTo(4);
    assertThat(result.forecasts()).as("one forecast per stage entry").isEqualTo(4 * 8);
    assertThat(result.points()).filteredOn(p -> p.programme().equals("P4"))
        .hasSize(8).allSatisfy(p -> {
          assertThat(p.errorDays()).as("P4 on entering %s", p.stage()).isZero();
          assertThat(p.basedOnProgrammes()).isEqualTo(3);
        });
    // P1 on its first day knows nothing: 20 standard days for the proposal and each of the six stages after the
    // requirement (which takes none) make 140 days against the 634 it took.
    Backtest.Point first = result.points().get(0);
    assertThat(first.programme()).isEqualTo("P1");
    assertThat(first.stage()).isEqualTo(PROPOSAL);
    assertThat(first.errorDays()).isEqualTo(494.0);
    assertThat(first.standardStages()).contains(PROPOSAL, KICKOFF);
    // A forecast on entering the kickoff errs by what the kickoff itself takes beyond its standard 20 days.
    assertThat(result.points()).filteredOn(p -> p.programme().equals("P2") && p.stage() == KICKOFF)
        .singleElement().satisfies(p -> assertThat(p.errorDays()).isEqualTo(20.0));
  }

  @Test
  void oneEarlierProgrammeSufficesWhenTheSettingsSaySoAndTheMedianErrorIsThenZero() {
    Backtest.Result result = Backtest.run(SAME, new Forecaster(Histories.settings(1), Stage::name), p -> null);
    assertThat(result.points()).filteredOn(p -> !p.programme().equals("P1"))
        .allSatisfy(p -> assertThat(p.errorDays()).isZero());
    assertThat(result.medianAbsoluteErrorDays()).isZero();
    assertThat(result.medianAbsoluteErrorDaysByStage()).containsEntry(CABINET, 0.0);
  }

  @Test
  void aForecastOnlyKnowsWhatHadHappenedByTheDayItWasMade() {
    // P5 starts on day 3600, while P4 (days 3000–3634) is still kicking off: on entering its proposal, P4's kickoff
    // is not history yet, so with four stays required the kickoff has only three and takes its standard durations.
    List<ProgrammeReport> overlapping = List.of(SAME.get(0), SAME.get(1), SAME.get(2), SAME.get(3),
        programme("P5", 3600).loop(PROPOSAL, 150, "ADOPT").stay(FEASIBILITY_REQUIREMENT, 0, "REQUIRED")
            .stay(EXEMPTION, 300, "REFUSE").stay(FULL_STUDY, 400, "PASS").stay(BUDGET, 120, "229")
            .stay(KICKOFF, 40, "COMPLETED").launched());
    Backtest.Result result = Backtest.run(overlapping, new Forecaster(Histories.settings(4), Stage::name), p -> null);
    Backtest.Point atProposal = result.points().stream()
        .filter(p -> p.programme().equals("P5") && p.stage() == PROPOSAL).findFirst().orElseThrow();
    assertThat(atProposal.standardStages()).containsExactly(KICKOFF);
    Backtest.Point atStudy = result.points().stream()
        .filter(p -> p.programme().equals("P5") && p.stage() == FULL_STUDY).findFirst().orElseThrow();
    // On day 4050 P4 has launched. The study was never seen before: 20 standard days, then 120 and 40 from the
    // history of four programmes, against the 400 + 120 + 40 it took.
    assertThat(atStudy.standardStages()).containsExactly(FULL_STUDY);
    assertThat(atStudy.errorDays()).isEqualTo(380.0);
  }
}
