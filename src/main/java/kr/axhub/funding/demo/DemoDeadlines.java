package kr.axhub.funding.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * A replayed demo programme waits at tasks created on their historical day, whose deadlines (due date and the
 * <em>Deadline missed</em> timer) passed long ago: left so, every demo task would be marked overdue and escalated by
 * mail the minute the demo starts. Their deadlines are moved by the time between the programme's last step and now,
 * so each waiting official has the period their task gives from today; the history keeps the real days.
 */
final class DemoDeadlines {

  private DemoDeadlines() {}

  static void fromToday(ProcessEngine engine, String programmeCode, Instant lastStep) {
    Duration shift = Duration.between(lastStep, ClockUtil.getCurrentTime().toInstant());
    if (shift.isNegative() || shift.isZero()) {
      return;
    }
    TaskService tasks = engine.getTaskService();
    ManagementService management = engine.getManagementService();
    List<Task> open = new ArrayList<>(tasks.createTaskQuery().processInstanceBusinessKey(programmeCode).list());
    open.addAll(tasks.createTaskQuery().processInstanceBusinessKeyLike(programmeCode + "/%").list());
    for (Task task : open) {
      if (task.getDueDate() != null) {
        task.setDueDate(Date.from(task.getDueDate().toInstant().plus(shift)));
        tasks.saveTask(task);
      }
    }
    List<ProcessInstance> instances = new ArrayList<>(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(programmeCode).list());
    instances.addAll(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKeyLike(programmeCode + "/%").list());
    List<Job> timers = new ArrayList<>();
    instances.forEach(i -> timers.addAll(management.createJobQuery().processInstanceId(i.getId()).timers().list()));
    for (Job timer : timers) {
      if (timer.getDuedate() != null) {
        management.setJobDuedate(timer.getId(), Date.from(timer.getDuedate().toInstant().plus(shift)));
      }
    }
  }
}
