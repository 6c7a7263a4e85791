package kr.axhub.funding.reporting;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where one programme has been and where it stands: every stage visit in the order it happened. Times are in
 * Korean time; durations in milliseconds (exact) and days (for people).
 */
public record ProgrammeReport(String programme, String name, String region, String processInstanceId,
    String state, OffsetDateTime started, OffsetDateTime ended, Stage currentStage, String currentStageLabel,
    String waitingAt, OffsetDateTime dueDate, String endEvent, List<Visit> visits) {

  /**
   * One contiguous stay in a stage. A programme sent back to a stage it had left gets a second visit ({@code visit}
   * counts per stage). An open visit's duration is the time elapsed so far.
   */
  public record Visit(Stage stage, String stageLabel, int visit, OffsetDateTime entered, OffsetDateTime left,
      long durationMillis, double durationDays, boolean open, String outcome, String actor,
      OffsetDateTime decidedAt, String endEvent, String waitingAt, OffsetDateTime dueDate, List<Step> steps) {}

  /** A task completed (or a decision table evaluated) during a visit: who, when and what was decided. */
  public record Step(String element, String name, String completedBy, OffsetDateTime completedAt,
      String decision) {}
}
