package kr.axhub.funding.forecast;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;

/**
 * A programme's report as it stood at an earlier moment: what happened after it is forgotten, a visit left later is
 * still open then. The backtest forecasts with this what a manager would have seen at each stage entry, so its
 * error is the error of a real forecast and not of one that knew the future.
 */
final class HistoryAt {

  private static final long DAY = 24L * 60 * 60 * 1000;

  private HistoryAt() {}

  /** Empty when the programme had not started at that moment. */
  static Optional<ProgrammeReport> of(ProgrammeReport report, OffsetDateTime at) {
    if (report.started() == null || report.started().isAfter(at)) {
      return Optional.empty();
    }
    boolean ended = report.ended() != null && !report.ended().isAfter(at);
    if (ended) {
      return Optional.of(report);
    }
    List<Visit> visits = new ArrayList<>();
    for (Visit visit : report.visits()) {
      if (visit.entered().isAfter(at)) {
        continue;
      }
      boolean open = visit.open() || visit.left() == null || visit.left().isAfter(at);
      long duration = open ? at.toInstant().toEpochMilli() - visit.entered().toInstant().toEpochMilli()
          : visit.durationMillis();
      visits.add(new Visit(visit.stage(), visit.stageLabel(), visit.visit(), visit.entered(), open ? null : visit.left(),
          duration, Math.round(duration * 100.0 / DAY) / 100.0, open, open ? null : visit.outcome(),
          open ? null : visit.actor(), open ? null : visit.decidedAt(), open ? null : visit.endEvent(),
          open ? null : visit.waitingAt(), open ? null : visit.dueDate(),
          visit.steps().stream().filter(s -> s.completedAt() == null || !s.completedAt().isAfter(at)).toList()));
    }
    Visit current = visits.isEmpty() ? null : visits.get(visits.size() - 1);
    boolean standing = current != null && current.open();
    return Optional.of(new ProgrammeReport(report.programme(), report.name(), report.region(),
        report.processInstanceId(), "ACTIVE", report.started(), null, standing ? current.stage() : null,
        standing ? current.stageLabel() : null, null, null, null, visits));
  }
}
