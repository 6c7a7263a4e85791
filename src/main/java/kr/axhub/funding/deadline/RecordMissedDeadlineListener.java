package kr.axhub.funding.deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when a task's deadline passes ({@link DeadlinePlugin}): the task is marked overdue (task variable
 * {@code overdue}, high priority, so Tasklist sorts it first) and the count of missed deadlines of the programme goes
 * up, which Cockpit shows among the instance's variables. The task itself stays open with the official.
 */
@Component("recordMissedDeadline")
public class RecordMissedDeadlineListener implements TaskListener {

  static final int OVERDUE_PRIORITY = 80;
  private static final Logger LOG = LoggerFactory.getLogger(RecordMissedDeadlineListener.class);

  @Override
  public void notify(DelegateTask task) {
    task.setPriority(Math.max(task.getPriority(), OVERDUE_PRIORITY));
    task.setVariableLocal("overdue", true);
    DelegateExecution execution = task.getExecution();
    // A variable not yet set anywhere is created on the process instance, where Cockpit shows it.
    Object count = execution.getVariable("missedDeadlineCount");
    execution.setVariable("missedDeadlineCount", count instanceof Number n ? n.intValue() + 1 : 1);
    execution.setVariable("lastMissedDeadlineAt", ClockUtil.getCurrentTime());
    LOG.warn("Deadline missed: programme {} task '{}' due {} is overdue", execution.getProcessBusinessKey(),
        task.getName(), task.getDueDate());
  }
}
