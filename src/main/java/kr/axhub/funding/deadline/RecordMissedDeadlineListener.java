package kr.axhub.funding.deadline;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when a task's deadline boundary timer fires: the task is marked overdue (task variable {@code overdue},
 * high priority, so Tasklist sorts it first) and the count of missed deadlines of the programme goes up, which
 * Cockpit shows among the instance's variables. The task itself stays open with the official.
 */
@Component("recordMissedDeadline")
public class RecordMissedDeadlineListener implements ExecutionListener {

  static final int OVERDUE_PRIORITY = 80;
  private static final Logger LOG = LoggerFactory.getLogger(RecordMissedDeadlineListener.class);

  private final TaskService taskService;

  public RecordMissedDeadlineListener(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    BoundaryEvent deadline = (BoundaryEvent) execution.getBpmnModelElementInstance();
    String taskKey = deadline.getAttachedTo().getId();
    for (Task task : taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskKey)
        .list()) {
      task.setPriority(Math.max(task.getPriority(), OVERDUE_PRIORITY));
      taskService.saveTask(task);
      taskService.setVariableLocal(task.getId(), "overdue", true);
      LOG.warn("Deadline missed: programme {} task '{}' due {} is overdue",
          execution.getProcessBusinessKey(), task.getName(), task.getDueDate());
    }
    Object count = execution.getVariable("missedDeadlineCount");
    execution.setVariable("missedDeadlineCount", count instanceof Number n ? n.intValue() + 1 : 1);
    execution.setVariable("lastMissedDeadlineAt", ClockUtil.getCurrentTime());
  }
}
