package kr.axhub.funding.forecast;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import kr.axhub.funding.forecast.ForecastSettings.StandardDuration;
import kr.axhub.funding.forecast.ProgrammeForecast.Risk;
import kr.axhub.funding.forecast.ProgrammeForecast.Source;
import kr.axhub.funding.forecast.ProgrammeForecast.StageForecast;
import kr.axhub.funding.forecast.ProgrammeForecast.Status;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;
import kr.axhub.funding.reporting.Stage;

/**
 * The forecast itself, from a programme's report and the history of earlier programmes, with no engine involved (so
 * it can be tested on histories made up with known durations, and backtested as of any moment).
 *
 * <p>Each stage ahead takes the median of earlier stays in the stage; the stage the programme stands in takes the
 * median of what earlier stays that had lasted at least as long still needed. The stages follow one another, so
 * the expected launch is the sum of the medians; the band adds the 10th and the 90th percentiles (a stage running
 * late tends to be followed by late stages, so the band is kept wide rather than narrowed as if they were
 * independent). A stage with fewer earlier stays than {@code axhub.forecast.min-visits} takes its standard
 * durations instead and is named in {@code standardStages}.
 */
final class Forecaster {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final long DAY = 24L * 60 * 60 * 1000;
  private static final String LAUNCHED = "EndEvent_ProgrammeLaunched";

  /** What a forecast needs beyond the report: decisions not in the visits, the start year, who holds it now. */
  record Inputs(Boolean cabinetResolutionRequired, Integer startYear, List<String> holders) {}

  private final ForecastSettings settings;
  private final Function<Stage, String> labels;

  Forecaster(ForecastSettings settings, Function<Stage, String> labels) {
    this.settings = settings;
    this.labels = labels;
  }

  /** A stage's expected remaining time in milliseconds: 10th percentile, median, 90th percentile. */
  private record Spread(long early, long median, long late, Source source, Long p80) {}

  ProgrammeForecast forecast(ProgrammeReport programme, Inputs inputs, StageHistory history, OffsetDateTime now) {
    Route.Choice choice = Route.choose(programme, Route.Facts.of(programme, inputs.cabinetResolutionRequired()),
        history.programmes());
    Map<Stage, List<Visit>> byStage = new LinkedHashMap<>();
    programme.visits().forEach(v -> byStage.computeIfAbsent(v.stage(), s -> new ArrayList<>()).add(v));
    boolean running = programme.ended() == null;
    Stage current = running ? programme.currentStage() : null;

    List<StageForecast> stages = new ArrayList<>();
    byStage.forEach((stage, visits) -> {
      if (stage != current) {
        stages.add(done(stage, visits, history));
      }
    });
    List<Risk> risks = new ArrayList<>();
    List<Stage> standard = new ArrayList<>();
    Set<String> basedOn = new HashSet<>();
    OffsetDateTime launch = null;
    OffsetDateTime launchEarly = null;
    OffsetDateTime launchLate = null;
    OffsetDateTime launched = !running && LAUNCHED.equals(programme.endEvent()) ? programme.ended() : null;
    if (launched != null) {
      launch = launchEarly = launchLate = launched;
    }
    if (running) {
      OffsetDateTime median = now;
      OffsetDateTime early = now;
      OffsetDateTime late = now;
      List<Stage> route = choice.route().stages();
      int from = 0;
      for (Stage stage : byStage.keySet()) {
        from = Math.max(from, route.indexOf(stage) + 1);
      }
      if (current != null) {
        List<Visit> visits = byStage.get(current);
        long elapsed = visits.stream().mapToLong(Visit::durationMillis).sum();
        Spread spread = remaining(current, elapsed, history);
        boolean overP80 = spread.p80() != null && elapsed > spread.p80();
        StageForecast stage = stage(current, Status.CURRENT, visits.get(0).entered(), null, null, null,
            now.plusNanos(spread.median() * 1_000_000), now.plusNanos(spread.early() * 1_000_000),
            now.plusNanos(spread.late() * 1_000_000), spread, history, days(elapsed), overP80, inputs.holders());
        stages.add(stage);
        median = stage.expectedExit();
        early = stage.exitEarly();
        late = stage.exitLate();
        account(current, spread, history, standard, basedOn);
        if (overP80) {
          double beyond = days(elapsed - spread.p80());
          risks.add(new Risk(Risk.Kind.STAGE_OVERRUN, current, labels.apply(current), inputs.holders(), beyond,
              "이전 사업의 80%보다 " + Math.round(beyond) + "일 더 머무는 중 (" + Math.round(beyond)
                  + " days longer than 80 % of earlier stays)"));
        }
        from = Math.max(from, route.indexOf(current) + 1);
      }
      for (Stage stage : route.subList(Math.min(from, route.size()), route.size())) {
        Spread spread = ahead(stage, history);
        OffsetDateTime exit = median.plusNanos(spread.median() * 1_000_000);
        stages.add(stage(stage, Status.EXPECTED, null, null, null, median, exit,
            early.plusNanos(spread.early() * 1_000_000), late.plusNanos(spread.late() * 1_000_000), spread, history,
            null, false, List.of()));
        median = exit;
        early = early.plusNanos(spread.early() * 1_000_000);
        late = late.plusNanos(spread.late() * 1_000_000);
        account(stage, spread, history, standard, basedOn);
      }
      launch = median;
      launchEarly = early;
      launchLate = late;
    }

    Double daysLate = null;
    boolean lateLaunch = false;
    if (inputs.startYear() != null && launch != null) {
      OffsetDateTime yearAfter = LocalDate.of(inputs.startYear() + 1, 1, 1).atStartOfDay(SEOUL).toOffsetDateTime();
      lateLaunch = !launch.isBefore(yearAfter);
      daysLate = lateLaunch ? days(launch.toInstant().toEpochMilli() - yearAfter.toInstant().toEpochMilli()) : 0.0;
      if (lateLaunch && running && current != null) {
        risks.add(0, new Risk(Risk.Kind.LATE_LAUNCH, current, labels.apply(current), inputs.holders(), daysLate,
            "예상 착수가 계획 착수 연도 " + inputs.startYear() + "년보다 " + Math.round(daysLate) + "일 늦음 (expected "
                + "launch " + Math.round(daysLate) + " days after the planned start year " + inputs.startYear() + ")"));
      }
    }
    return new ProgrammeForecast(programme.programme(), programme.name(), programme.region(),
        programme.processInstanceId(), programme.state(), now, choice.route(), choice.route().label(),
        choice.basis(), choice.reason(), inputs.startYear(), launch, launchEarly, launchLate, launched, lateLaunch,
        daysLate, basedOn.size(), standard, stages, risks);
  }

  private void account(Stage stage, Spread spread, StageHistory history, List<Stage> standard, Set<String> basedOn) {
    if (spread.source() == Source.STANDARD) {
      standard.add(stage);
    } else {
      basedOn.addAll(history.programmesOf(stage));
    }
  }

  private StageForecast done(Stage stage, List<Visit> visits, StageHistory history) {
    long millis = visits.stream().mapToLong(Visit::durationMillis).sum();
    return new StageForecast(stage, labels.apply(stage), Status.DONE, visits.get(0).entered(),
        visits.get(visits.size() - 1).left(), days(millis), null, null, null, null, null, null, null, null, null,
        history.stays(stage), history.programmesOf(stage).size(), history.loopProbability(stage), null, false,
        List.of());
  }

  private StageForecast stage(Stage stage, Status status, OffsetDateTime entered, OffsetDateTime left,
      Double actualDays, OffsetDateTime expectedEntry, OffsetDateTime expectedExit, OffsetDateTime exitEarly,
      OffsetDateTime exitLate, Spread spread, StageHistory history, Double elapsedDays, boolean overP80,
      List<String> holders) {
    Spread whole = ahead(stage, history);
    return new StageForecast(stage, labels.apply(stage), status, entered, left, actualDays, expectedEntry,
        expectedExit, exitEarly, exitLate, spread.source(), days(whole.median()), days(whole.early()),
        whole.p80() == null ? null : days(whole.p80()), days(whole.late()), history.stays(stage),
        history.programmesOf(stage).size(), history.loopProbability(stage), elapsedDays, overP80, holders);
  }

  /** A whole stay in the stage. */
  private Spread ahead(Stage stage, StageHistory history) {
    List<Long> durations = history.durations(stage);
    if (durations.size() < settings.minVisits()) {
      StandardDuration standard = settings.standard(stage);
      return new Spread(standard.minimum().toMillis(), standard.typical().toMillis(), standard.slow().toMillis(),
          Source.STANDARD, null);
    }
    return new Spread(Quantiles.percentile(durations, 0.1), Quantiles.median(durations),
        Quantiles.percentile(durations, 0.9), Source.HISTORY, Quantiles.percentile(durations, 0.8));
  }

  /**
   * The rest of a stay that has lasted {@code elapsed} so far: of the earlier stays that lasted longer, what they
   * still took. When none lasted this long, the stage is expected to end now (and the stay is past every earlier one).
   */
  private Spread remaining(Stage stage, long elapsed, StageHistory history) {
    Spread whole = ahead(stage, history);
    if (whole.source() == Source.STANDARD) {
      return new Spread(Math.max(0, whole.early() - elapsed), Math.max(0, whole.median() - elapsed),
          Math.max(0, whole.late() - elapsed), Source.STANDARD, null);
    }
    List<Long> rest = history.durations(stage).stream().filter(d -> d > elapsed).map(d -> d - elapsed).toList();
    if (rest.isEmpty()) {
      return new Spread(0, 0, 0, Source.HISTORY, whole.p80());
    }
    return new Spread(Quantiles.percentile(rest, 0.1), Quantiles.median(rest), Quantiles.percentile(rest, 0.9),
        Source.HISTORY, whole.p80());
  }

  static double days(long millis) {
    return Math.round(millis * 100.0 / DAY) / 100.0;
  }
}
