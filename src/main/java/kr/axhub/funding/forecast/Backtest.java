package kr.axhub.funding.forecast;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;
import kr.axhub.funding.reporting.Stage;

/**
 * How good the forecast is: for every launched programme, the forecast a manager would have seen on the day it
 * entered each stage — made from what was known then, its own past and the other programmes' history up to that day
 * — against the day it really launched. The median absolute error (in days) is the figure to quote.
 */
public final class Backtest {

  private static final String LAUNCHED = "EndEvent_ProgrammeLaunched";

  /** One forecast: made on entering {@code stage}, expecting the launch on {@code forecastLaunch}. */
  public record Point(String programme, Stage stage, OffsetDateTime madeAt, OffsetDateTime forecastLaunch,
      OffsetDateTime actualLaunch, double errorDays, int basedOnProgrammes, List<Stage> standardStages) {}

  /** Overall and per stage of entry (an empty stage had no forecast). */
  public record Result(int programmes, int forecasts, Double medianAbsoluteErrorDays,
      Map<Stage, Double> medianAbsoluteErrorDaysByStage, List<Point> points) {}

  private Backtest() {}

  static Result run(List<ProgrammeReport> programmes, Forecaster forecaster,
      Function<ProgrammeReport, Integer> startYear) {
    List<Point> points = new ArrayList<>();
    int launched = 0;
    for (ProgrammeReport programme : programmes) {
      if (!LAUNCHED.equals(programme.endEvent()) || programme.ended() == null) {
        continue;
      }
      launched++;
      for (Visit visit : programme.visits()) {
        if (visit.visit() != 1) {
          continue;
        }
        OffsetDateTime at = visit.entered();
        ProgrammeReport then = HistoryAt.of(programme, at).orElseThrow();
        List<ProgrammeReport> others = programmes.stream().filter(p -> p != programme)
            .map(p -> HistoryAt.of(p, at)).flatMap(Optional::stream).toList();
        ProgrammeForecast forecast = forecaster.forecast(then,
            new Forecaster.Inputs(null, startYear.apply(programme), List.of()), StageHistory.of(others), at);
        double error = Math.abs(Forecaster.days(forecast.launchExpected().toInstant().toEpochMilli()
            - programme.ended().toInstant().toEpochMilli()));
        points.add(new Point(programme.programme(), visit.stage(), at, forecast.launchExpected(), programme.ended(),
            error, forecast.basedOnProgrammes(), forecast.standardStages()));
      }
    }
    Map<Stage, Double> byStage = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      List<Point> of = points.stream().filter(p -> p.stage() == stage).toList();
      if (!of.isEmpty()) {
        byStage.put(stage, medianError(of));
      }
    }
    return new Result(launched, points.size(), points.isEmpty() ? null : medianError(points), byStage, points);
  }

  private static double medianError(List<Point> points) {
    List<Long> hundredths = points.stream().map(p -> Math.round(p.errorDays() * 100)).sorted().toList();
    return Quantiles.median(hundredths) / 100.0;
  }
}
