package kr.axhub.funding.forecast;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReport.Step;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;
import kr.axhub.funding.reporting.Stage;

/**
 * Programme reports made up with durations known in advance: a programme starts on a day (days after
 * {@link #DAY_ZERO}) and spends a given number of days in each stage, in order; a stage may loop (its deciding task
 * done twice) or be entered again.
 */
final class Histories {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final OffsetDateTime DAY_ZERO = LocalDate.of(2020, 1, 1).atTime(9, 0).atZone(SEOUL).toOffsetDateTime();
  static final ForecastSettings SETTINGS = settings(3);

  private final String code;
  private final OffsetDateTime started;
  private OffsetDateTime at;
  private final List<Visit> visits = new ArrayList<>();

  private Histories(String code, double startDay) {
    this.code = code;
    this.started = day(startDay);
    this.at = started;
  }

  static Histories programme(String code, double startDay) {
    return new Histories(code, startDay);
  }

  static OffsetDateTime day(double day) {
    return DAY_ZERO.plus(Duration.ofMillis(Math.round(day * 24 * 60 * 60 * 1000)));
  }

  /** Every stage's standard durations: minimum, typical and slow are 10, 20 and 40 days (the requirement: 0). */
  static ForecastSettings settings(int minVisits) {
    Map<Stage, ForecastSettings.StandardDuration> stages = new java.util.EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      stages.put(stage, stage == Stage.FEASIBILITY_REQUIREMENT
          ? new ForecastSettings.StandardDuration(Duration.ZERO, Duration.ZERO, Duration.ZERO)
          : new ForecastSettings.StandardDuration(Duration.ofDays(10), Duration.ofDays(20), Duration.ofDays(40)));
    }
    return new ForecastSettings(minVisits, stages);
  }

  Histories stay(Stage stage, double days, String outcome) {
    return visit(stage, days, outcome, List.of(new Step("Task_" + stage, stage.name(), "official", null, outcome)));
  }

  /** A stay whose deciding task was done twice (a supplement, a restructuring, a deferral). */
  Histories loop(Stage stage, double days, String outcome) {
    return visit(stage, days, outcome, List.of(new Step("Task_" + stage, stage.name(), "official", null, "AGAIN"),
        new Step("Task_" + stage, stage.name(), "official", null, outcome)));
  }

  private Histories visit(Stage stage, double days, String outcome, List<Step> steps) {
    OffsetDateTime left = at.plus(Duration.ofMillis(Math.round(days * 24 * 60 * 60 * 1000)));
    int number = 1 + (int) visits.stream().filter(v -> v.stage() == stage).count();
    List<Step> timed = steps.stream().map(s -> new Step(s.element(), s.name(), s.completedBy(), left, s.decision()))
        .toList();
    visits.add(new Visit(stage, stage.name(), number, at, left, left.toInstant().toEpochMilli()
        - at.toInstant().toEpochMilli(), days, false, outcome, "official", left, null, null, null, timed));
    at = left;
    return this;
  }

  /** The exemption route with the Cabinet, every stage taking the days given (in the order of the route). */
  Histories exemptionRoute(double proposal, double exemption, double cabinet, double committee, double adequacy,
      double budget, double kickoff) {
    return stay(Stage.PROPOSAL, proposal, "ADOPT").stay(Stage.FEASIBILITY_REQUIREMENT, 0, "REQUIRED")
        .stay(Stage.EXEMPTION, exemption, "RECOMMEND").stay(Stage.CABINET, cabinet, "RESOLVED")
        .stay(Stage.COMMITTEE, committee, "CONFIRMED").stay(Stage.ADEQUACY_REVIEW, adequacy, "CONFIRMED")
        .stay(Stage.BUDGET, budget, "229").stay(Stage.KICKOFF, kickoff, "COMPLETED");
  }

  ProgrammeReport launched() {
    List<Visit> closed = new ArrayList<>(visits);
    Visit last = closed.remove(closed.size() - 1);
    closed.add(new Visit(last.stage(), last.stageLabel(), last.visit(), last.entered(), last.left(),
        last.durationMillis(), last.durationDays(), false, "EndEvent_ProgrammeLaunched", null, null,
        "EndEvent_ProgrammeLaunched", null, null, last.steps()));
    return new ProgrammeReport(code, code, "daegu", "pi-" + code, "COMPLETED", started, at, null, null, null, null,
        "EndEvent_ProgrammeLaunched", closed);
  }

  /** Standing in {@code stage} since the end of the last stay, until {@code now}. */
  ProgrammeReport standingIn(Stage stage, OffsetDateTime now) {
    List<Visit> all = new ArrayList<>(visits);
    int number = 1 + (int) visits.stream().filter(v -> v.stage() == stage).count();
    long millis = now.toInstant().toEpochMilli() - at.toInstant().toEpochMilli();
    all.add(new Visit(stage, stage.name(), number, at, null, millis, millis / 86_400_000.0, true, null, null, null,
        null, "Task_" + stage, null, List.of()));
    return new ProgrammeReport(code, code, "daegu", "pi-" + code, "ACTIVE", started, null, stage, stage.name(),
        "Task_" + stage, null, null, all);
  }
}
