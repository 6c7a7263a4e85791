package kr.axhub.funding.deadline;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Due dates of approval tasks, used from the models: {@code camunda:dueDate="${deadlines.dueDate('Task_X')}"} on
 * the task and {@code timeDuration="${deadlines.period('Task_X')}"} on its deadline boundary timer, so the date an
 * official sees and the moment the deadline is recorded as missed come from the same setting.
 */
@Component("deadlines")
public class Deadlines {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private final DeadlineProperties properties;

  public Deadlines(DeadlineProperties properties) {
    this.properties = properties;
  }

  public Date dueDate(String taskDefinitionKey) {
    ZonedDateTime now = ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), SEOUL);
    return Date.from(now.plus(properties.periodFor(taskDefinitionKey)).toInstant());
  }

  public String period(String taskDefinitionKey) {
    return properties.periodFor(taskDefinitionKey).toString();
  }
}
