package kr.axhub.funding.forecast;

import java.time.OffsetDateTime;
import java.util.List;
import kr.axhub.funding.reporting.Stage;

/**
 * When a programme will launch (every R&amp;D task kicked off), stage by stage along the route it is on: the stages
 * behind it with their real dates, the one it stands in and those ahead with the expected entry and exit (median) and
 * the 80 % band around the exit (10th to 90th percentile). Times are in Korean time; {@code basedOnProgrammes} is how
 * many earlier programmes the forecast rests on, {@code standardStages} the stages forecast from standard durations
 * for lack of history.
 */
public record ProgrammeForecast(String programme, String name, String region, String processInstanceId,
    String state, OffsetDateTime asOf, Route route, String routeLabel, String routeBasis, String routeReason,
    Integer plannedStartYear, OffsetDateTime launchExpected, OffsetDateTime launchEarly, OffsetDateTime launchLate,
    OffsetDateTime launched, boolean late, Double daysLate, int basedOnProgrammes, List<Stage> standardStages,
    List<StageForecast> stages, List<Risk> risks) {

  /** DONE: behind the programme; CURRENT: where it stands; EXPECTED: ahead. */
  public enum Status { DONE, CURRENT, EXPECTED }

  /** HISTORY: from earlier programmes' stays in the stage; STANDARD: from the configured standard durations. */
  public enum Source { HISTORY, STANDARD }

  /**
   * One stage. Real dates ({@code entered}, {@code left}, {@code actualDays}) for what happened; the forecast
   * ({@code expectedExit} with its band, and {@code expectedEntry} for a stage ahead) for what has not. The duration
   * figures are those of the stage as a whole in the source ({@code p80Days} is what a current stay is held against);
   * {@code visits} and {@code programmes} count the earlier stays they come from.
   */
  public record StageForecast(Stage stage, String stageLabel, Status status, OffsetDateTime entered,
      OffsetDateTime left, Double actualDays, OffsetDateTime expectedEntry, OffsetDateTime expectedExit,
      OffsetDateTime exitEarly, OffsetDateTime exitLate, Source source, Double medianDays, Double p10Days,
      Double p80Days, Double p90Days, int visits, int programmes, Double loopProbability, Double elapsedDays,
      boolean overP80, List<String> holders) {}

  /**
   * Why the programme is at risk. LATE_LAUNCH: the expected launch falls after the planned start year
   * ({@code daysAtStake}: days past its last day). STAGE_OVERRUN: the current stay already runs past the 80th
   * percentile of earlier stays ({@code daysAtStake}: days beyond it). {@code holders} are the official groups the
   * programme waits for.
   */
  public record Risk(Kind kind, Stage stage, String stageLabel, List<String> holders, double daysAtStake,
      String reason) {

    public enum Kind { LATE_LAUNCH, STAGE_OVERRUN }
  }
}
