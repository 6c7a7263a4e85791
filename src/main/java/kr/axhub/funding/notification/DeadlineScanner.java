package kr.axhub.funding.notification;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds open tasks whose due date is near or past and records their reminders, overdue notices and escalations.
 * Runs on a timer (see {@link NotificationScheduling}) and can be run by hand; the time is the engine's clock.
 * Each task is handled in its own engine command and transaction, so one broken task does not stop the others.
 */
@Component
public class DeadlineScanner {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineScanner.class);
  private static final int PAGE = 500;

  private final TaskService taskService;
  private final ProcessEngineConfigurationImpl engine;
  private final TaskNotifications taskNotifications;
  private final NotificationProperties properties;

  public DeadlineScanner(TaskService taskService, ProcessEngineConfigurationImpl engine,
      TaskNotifications taskNotifications, NotificationProperties properties) {
    this.taskService = taskService;
    this.engine = engine;
    this.taskNotifications = taskNotifications;
    this.properties = properties;
  }

  /**
   * Checks every open, active task due within the reminder lead time from now (engine clock).
   *
   * @return how many tasks were checked
   */
  public int scan() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Date horizon = Date.from(now.plus(properties.reminderLeadTime()));
    int checked = 0;
    for (int first = 0; ; first += PAGE) {
      List<Task> tasks = taskService.createTaskQuery().active().dueBefore(horizon).orderByDueDate().asc()
          .orderByTaskId().asc().listPage(first, PAGE);
      for (Task task : tasks) {
        try {
          engine.getCommandExecutorTxRequired().execute(context -> {
            TaskEntity entity = context.getTaskManager().findTaskById(task.getId());
            if (entity != null) {
              taskNotifications.checkDeadline(entity, now);
            }
            return null;
          });
          checked++;
        } catch (RuntimeException e) {
          LOG.error("Deadline notifications of task {} could not be recorded", task.getId(), e);
        }
      }
      if (tasks.size() < PAGE) {
        return checked;
      }
    }
  }
}
