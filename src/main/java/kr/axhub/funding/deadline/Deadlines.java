package kr.axhub.funding.deadline;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Due dates of approval tasks, given to every user task by {@link DeadlinePlugin}: the date an official sees and the
 * moment the deadline is recorded as missed come from the same setting ({@link DeadlineProperties}).
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

  /**
   * When the deadline timer of the task waiting in this execution fires: the task's due date once the task exists
   * (a task that moved from an older model version keeps the date it was given), otherwise the date it is about to be
   * given.
   *
   * <p>A timer is created for an existing task only by a migration, which has loaded the instance's tasks into the
   * command's cache before it creates the timers; a task that is about to start has no row yet. So the cache is
   * searched, not the database: a query here would run at every task start to find nothing.
   */
  public Date deadline(DelegateExecution execution) {
    String activity = execution.getCurrentActivityId();
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      // While an instance migrates its executions are rebuilt: find the task by instance and element.
      for (TaskEntity task : command.getDbEntityManager().getCachedEntitiesByType(TaskEntity.class)) {
        if (execution.getProcessInstanceId().equals(task.getProcessInstanceId())
            && activity.equals(task.getTaskDefinitionKey()) && task.getDueDate() != null) {
          return task.getDueDate();
        }
      }
    }
    return dueDate(activity);
  }

  /**
   * The due date a new task is given: the moment its deadline timer, created just before the task, fires — so the
   * date the official sees and the timer never differ.
   */
  public Date dueDate(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity) {
      for (JobEntity job : entity.getJobs()) {
        if (job instanceof TimerEntity timer && TimerTaskListenerJobHandler.TYPE.equals(timer.getJobHandlerType())
            && timer.getJobHandlerConfigurationRaw().endsWith(DeadlinePlugin.TIMER_CONFIGURATION_SUFFIX)) {
          return timer.getDuedate();
        }
      }
    }
    return dueDate(execution.getCurrentActivityId());
  }

  /** The deadline period of a task, as model versions deployed before {@link DeadlinePlugin} read it on their timers. */
  public String period(String taskDefinitionKey) {
    return properties.periodFor(taskDefinitionKey).toString();
  }
}
