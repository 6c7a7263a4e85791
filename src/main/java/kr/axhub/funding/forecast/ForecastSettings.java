package kr.axhub.funding.forecast;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import kr.axhub.funding.reporting.Stage;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the launch forecast ({@code axhub.forecast.*}): how much history a stage needs before its forecast
 * rests on it, and the standard durations used instead while it has less. Every stage must have its standard
 * durations (application.yaml holds the defaults), so a stage never seen before still gets a forecast.
 *
 * @param minVisits finished stays in a stage, in earlier programmes, from which on the stage is forecast from
 *     history; below it the standard durations apply
 * @param stages standard durations per stage
 */
@ConfigurationProperties("axhub.forecast")
public record ForecastSettings(Integer minVisits, Map<Stage, StandardDuration> stages) {

  public static final int DEFAULT_MIN_VISITS = 3;

  /**
   * How long a stage takes when history cannot tell: the shortest it can legally or practically take (the 30-day
   * call and the 7-day objection window of every R&amp;D task's kickoff), the typical time and a slow one. They
   * stand for the 10th percentile, the median and the 90th percentile of a stage forecast from history.
   */
  public record StandardDuration(Duration minimum, Duration typical, Duration slow) {

    public StandardDuration {
      if (minimum == null || typical == null || slow == null || minimum.isNegative()
          || typical.compareTo(minimum) < 0 || slow.compareTo(typical) < 0) {
        throw new IllegalArgumentException("axhub.forecast.stages.*: minimum <= typical <= slow, all non-negative"
            + " (최소 ≤ 보통 ≤ 지연 기간이어야 합니다)");
      }
    }
  }

  public ForecastSettings {
    minVisits = minVisits == null ? DEFAULT_MIN_VISITS : minVisits;
    if (minVisits < 1) {
      throw new IllegalArgumentException("axhub.forecast.min-visits must be at least 1 (1 이상이어야 합니다)");
    }
    Map<Stage, StandardDuration> all = new EnumMap<>(Stage.class);
    if (stages != null) {
      all.putAll(stages);
    }
    for (Stage stage : Stage.values()) {
      if (!all.containsKey(stage)) {
        throw new IllegalArgumentException("axhub.forecast.stages." + stage
            + " is missing: every stage needs its standard durations (단계별 표준 기간이 없습니다)");
      }
    }
    stages = Map.copyOf(all);
  }

  StandardDuration standard(Stage stage) {
    return stages.get(stage);
  }
}
