package kr.axhub.funding.reporting;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives programmes through the pipeline with the Java API as the officials themselves (so the operation log
 * records who completed what), on a clock moved by hand: {@code on(day)} puts the engine's clock at a known day
 * after {@link #DAY_ZERO}, so every stage has a duration known in advance.
 */
final class ProgrammeDriver {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** Monday 6 January 2025, 09:00 in Seoul. */
  static final ZonedDateTime DAY_ZERO = LocalDate.of(2025, 1, 6).atTime(9, 0).atZone(SEOUL);
  static final long DAY = Duration.ofDays(1).toMillis();

  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;

  ProgrammeDriver(IdentityService identity, RuntimeService runtime, TaskService tasks, ManagementService management) {
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
  }

  static Date day(double day) {
    return new Date(DAY_ZERO.toInstant().toEpochMilli() + Math.round(day * DAY));
  }

  /** Puts the clock at 10:00 Seoul time on a calendar date, for histories that follow real dates. */
  ProgrammeDriver on(LocalDate date) {
    ClockUtil.setCurrentTime(Date.from(date.atTime(10, 0).atZone(SEOUL).toInstant()));
    return this;
  }

  ProgrammeDriver on(double day) {
    ClockUtil.setCurrentTime(day(day));
    return this;
  }

  String start(String official, Map<String, Object> proposal) {
    return as(official, () -> runtime.startProcessInstanceByKey(PROCESS_KEY, proposal).getId());
  }

  void complete(String processInstanceId, String taskKey, String official, Map<String, Object> variables) {
    Task task = openTask(processInstanceId, taskKey);
    as(official, () -> {
      tasks.complete(task.getId(), variables);
      return null;
    });
  }

  Task openTask(String processInstanceId, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
    if (task == null) {
      throw new AssertionError("No open " + taskKey + " in " + processInstanceId);
    }
    return task;
  }

  void executeJob(String processInstanceId, String activityId) {
    Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
    management.executeJob(job.getId());
  }

  /** An administrator sends the programme back to an earlier task, as Cockpit's instance modification does. */
  void sendBack(String processInstanceId, String fromTask, String toTask) {
    runtime.createProcessInstanceModification(processInstanceId).cancelAllForActivity(fromTask)
        .startBeforeActivity(toTask).execute();
  }

  private <T> T as(String official, java.util.function.Supplier<T> action) {
    List<String> groups = identity.createGroupQuery().groupMember(official).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(official).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    identity.setAuthentication(official, groups, tenants);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A changeable copy of a form's valid submission, for a test that alters one value. */
  static Map<String, Object> mutable(Map<String, Object> submission) {
    return new LinkedHashMap<>(submission);
  }
}
