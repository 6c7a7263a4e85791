package kr.axhub.funding.deadline;

import java.time.Period;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long each approval task may stay open before it is overdue. The periods are days, weeks or months
 * (ISO-8601, e.g. {@code P14D}); statutory periods differ per stage and change, so they live in configuration.
 */
@ConfigurationProperties("axhub.deadlines")
public record DeadlineProperties(Period defaultPeriod, Map<String, Period> tasks) {

  public DeadlineProperties {
    defaultPeriod = defaultPeriod == null ? Period.ofDays(14) : defaultPeriod;
    tasks = tasks == null ? Map.of() : Map.copyOf(tasks);
  }

  public Period periodFor(String taskDefinitionKey) {
    return tasks.getOrDefault(taskDefinitionKey, defaultPeriod);
  }
}
