package kr.axhub.funding.forecast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReport.Step;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;
import kr.axhub.funding.reporting.Stage;

/**
 * What earlier programmes tell about each stage: how long a programme stayed in it altogether (all its visits of the
 * stage together, loops included — a supplement, a restructuring, a deferred cabinet item stay inside their stage),
 * counted once the programme is out of the stage, and how often a stay looped (a task of the stage done more than
 * once, or the stage entered again).
 */
final class StageHistory {

  /** One programme's finished stay in a stage. */
  record Stay(String processInstanceId, long millis, boolean looped) {}

  private final Map<Stage, List<Stay>> stays = new EnumMap<>(Stage.class);
  private final List<ProgrammeReport> programmes;

  private StageHistory(List<ProgrammeReport> programmes) {
    this.programmes = List.copyOf(programmes);
    for (ProgrammeReport programme : programmes) {
      Map<Stage, List<Visit>> byStage = new EnumMap<>(Stage.class);
      programme.visits().forEach(v -> byStage.computeIfAbsent(v.stage(), s -> new ArrayList<>()).add(v));
      byStage.forEach((stage, visits) -> {
        if (visits.stream().noneMatch(Visit::open)) {
          long millis = visits.stream().mapToLong(Visit::durationMillis).sum();
          stays.computeIfAbsent(stage, s -> new ArrayList<>())
              .add(new Stay(programme.processInstanceId(), millis, visits.size() > 1 || repeatsAStep(visits)));
        }
      });
    }
  }

  static StageHistory of(Collection<ProgrammeReport> programmes) {
    return new StageHistory(new ArrayList<>(programmes));
  }

  private static boolean repeatsAStep(List<Visit> visits) {
    Map<String, Integer> done = new HashMap<>();
    for (Visit visit : visits) {
      for (Step step : visit.steps()) {
        if (done.merge(step.element(), 1, Integer::sum) > 1) {
          return true;
        }
      }
    }
    return false;
  }

  /** Durations of the finished stays, shortest first. */
  List<Long> durations(Stage stage) {
    return stays.getOrDefault(stage, List.of()).stream().map(Stay::millis).sorted().toList();
  }

  int stays(Stage stage) {
    return stays.getOrDefault(stage, List.of()).size();
  }

  Set<String> programmesOf(Stage stage) {
    Set<String> ids = new HashSet<>();
    stays.getOrDefault(stage, List.of()).forEach(s -> ids.add(s.processInstanceId()));
    return ids;
  }

  /** Share of the finished stays that looped; null without any. */
  Double loopProbability(Stage stage) {
    List<Stay> of = stays.getOrDefault(stage, List.of());
    return of.isEmpty() ? null : (double) of.stream().filter(Stay::looped).count() / of.size();
  }

  List<ProgrammeReport> programmes() {
    return programmes;
  }
}
