package kr.axhub.funding.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kr.axhub.funding.demo.DemoProgramme.Step;

/**
 * Writes a demo programme's steps day by day: {@code on} a calendar date, or {@code after} some days, a task is
 * completed or a job runs. A form that records a date (a meeting, an appropriation, a signature) gets the day of its
 * step, so the history and the forms tell the same story.
 */
final class DemoTimeline {

  private LocalDate day;
  private final List<Step> steps = new ArrayList<>();

  DemoTimeline(LocalDate proposed) {
    this.day = proposed;
  }

  DemoTimeline on(LocalDate date) {
    if (date.isBefore(day)) {
      throw new IllegalArgumentException("Demo steps go forward in time: " + date + " is before " + day);
    }
    day = date;
    return this;
  }

  DemoTimeline after(int days) {
    return on(day.plusDays(days));
  }

  LocalDate day() {
    return day;
  }

  DemoTimeline task(String taskKey, String official, Map<String, Object> variables) {
    return task(taskKey, official, d -> variables);
  }

  DemoTimeline task(String taskKey, String official, Function<LocalDate, Map<String, Object>> variables) {
    steps.add(new Step(day, null, taskKey, official, variables.apply(day)));
    return this;
  }

  DemoTimeline job(String activityId) {
    steps.add(new Step(day, null, activityId, null, Map.of()));
    return this;
  }

  DemoTimeline rndTask(String rndTask, String taskKey, String official, Map<String, Object> variables) {
    steps.add(new Step(day, rndTask, taskKey, official, variables));
    return this;
  }

  DemoTimeline rndJob(String rndTask, String activityId) {
    steps.add(new Step(day, rndTask, activityId, null, Map.of()));
    return this;
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }
}
