package kr.axhub.funding.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.axhub.funding.notification.Recipients.Recipient;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Notifications about user tasks: a new task to its candidate officials, an assignment to the new assignee, and —
 * driven by {@link DeadlineScanner} — reminders before the due date, overdue notices and escalations. Every
 * notification carries a direct Tasklist link to the task.
 */
@Component
public class TaskNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(TaskNotifications.class);

  private final NotificationService notifications;
  private final Recipients recipients;
  private final NotificationProperties properties;
  private final String tasklistBaseUrl;

  public TaskNotifications(NotificationService notifications, Recipients recipients,
      NotificationProperties properties,
      @Value("${axhub.tasklist-base-url:http://localhost:8080/camunda/app/tasklist/default}") String tasklistBaseUrl) {
    this.notifications = notifications;
    this.recipients = recipients;
    this.properties = properties;
    this.tasklistBaseUrl = tasklistBaseUrl.endsWith("/")
        ? tasklistBaseUrl.substring(0, tasklistBaseUrl.length() - 1) : tasklistBaseUrl;
  }

  public String tasklistLink(String taskId) {
    return tasklistBaseUrl + "/#/?task=" + taskId;
  }

  /** Task created: every candidate official; the assignee, if any, hears through the assignment event. */
  void taskCreated(DelegateTask task) {
    ProgrammeFacts programme = ProgrammeFacts.of(task.getExecution());
    Map<String, Recipient> to = candidates(task, programme);
    if (task.getAssignee() != null) {
      to.remove(task.getAssignee());
    }
    for (Recipient recipient : to.values()) {
      record(NotificationKind.TASK_CREATED, "task-created:" + task.getId() + ":" + recipient.userId(), task,
          programme, recipient, Map.of());
    }
  }

  /**
   * Task assigned. An official who claims a task for themselves already knows; only an assignment made by someone
   * else (a director delegating, an administrator) or by the model is mailed.
   */
  void taskAssigned(DelegateTask task) {
    String assignee = task.getAssignee();
    CommandContext context = Context.getCommandContext();
    if (assignee == null || (context != null && assignee.equals(context.getAuthenticatedUserId()))) {
      return;
    }
    ProgrammeFacts programme = ProgrammeFacts.of(task.getExecution());
    for (Recipient recipient : recipients.users(List.of(assignee))) {
      record(NotificationKind.TASK_ASSIGNED, "task-assigned:" + task.getId() + ":" + assignee, task, programme,
          recipient, Map.of());
    }
  }

  /**
   * Reminder, overdue notice and escalation of one open task at {@code now}. Each is recorded once per task, due
   * date and recipient, so the scanner may run as often as it likes, on as many nodes as there are.
   */
  void checkDeadline(DelegateTask task, Instant now) {
    Date dueDate = task.getDueDate();
    if (dueDate == null) {
      return;
    }
    Instant due = dueDate.toInstant();
    long dueKey = due.toEpochMilli();
    ProgrammeFacts programme = ProgrammeFacts.of(task.getExecution());
    List<Recipient> people = task.getAssignee() != null
        ? recipients.users(List.of(task.getAssignee())) : List.copyOf(candidates(task, programme).values());
    if (now.isBefore(due)) {
      if (!now.isBefore(due.minus(properties.reminderLeadTime()))) {
        for (Recipient recipient : people) {
          record(NotificationKind.TASK_DUE_SOON, "task-due-soon:" + task.getId() + ":" + dueKey + ":"
              + recipient.userId(), task, programme, recipient, Map.of());
        }
      }
      return;
    }
    for (Recipient recipient : people) {
      record(NotificationKind.TASK_OVERDUE, "task-overdue:" + task.getId() + ":" + dueKey + ":"
          + recipient.userId(), task, programme, recipient, Map.of());
    }
    if (!now.isBefore(due.plus(properties.escalationGracePeriod()))) {
      String tenantId = task.getTenantId() != null ? task.getTenantId() : programme.tenantId();
      Map<String, Recipient> escalateTo = new LinkedHashMap<>();
      for (String target : escalationTargets(task)) {
        for (Recipient recipient : recipients.membersOf(target, tenantId, programme.region())) {
          escalateTo.putIfAbsent(recipient.userId(), recipient);
        }
      }
      for (Recipient recipient : escalateTo.values()) {
        record(NotificationKind.TASK_ESCALATED, "task-escalated:" + task.getId() + ":" + dueKey + ":"
            + recipient.userId(), task, programme, recipient, grace(properties.escalationGracePeriod()));
      }
    }
  }

  private Set<String> escalationTargets(DelegateTask task) {
    Set<String> targets = new LinkedHashSet<>();
    for (String group : candidateGroups(task)) {
      targets.add(properties.escalationTargetOf(group));
    }
    if (targets.isEmpty()) {
      targets.add(properties.escalationDefaultTarget());
    }
    return targets;
  }

  private Map<String, Recipient> candidates(DelegateTask task, ProgrammeFacts programme) {
    String tenantId = task.getTenantId() != null ? task.getTenantId() : programme.tenantId();
    Map<String, Recipient> result = new LinkedHashMap<>();
    List<String> users = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        for (Recipient recipient : recipients.membersOf(link.getGroupId(), tenantId, programme.region())) {
          result.putIfAbsent(recipient.userId(), recipient);
        }
      } else if (link.getUserId() != null) {
        users.add(link.getUserId());
      }
    }
    for (Recipient recipient : recipients.users(users)) {
      result.putIfAbsent(recipient.userId(), recipient);
    }
    return result;
  }

  private static List<String> candidateGroups(DelegateTask task) {
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }

  private void record(NotificationKind kind, String dedupeKey, DelegateTask task, ProgrammeFacts programme,
      Recipient recipient, Map<String, Object> extra) {
    Map<String, Object> model = new HashMap<>(extra);
    model.put("recipientName", recipient.name());
    model.put("programmeLabel", programme.label());
    model.put("programmeCode", programme.programmeCode());
    model.put("programmeName", programme.programmeName());
    model.put("taskName", task.getName() != null ? task.getName() : task.getTaskDefinitionKey());
    if (task.getDescription() != null && !task.getDescription().isBlank()) {
      model.put("decision", task.getDescription().strip());
    }
    model.put("dueDate", task.getDueDate() == null ? "-" : NotificationService.format(task.getDueDate()));
    model.put("tasklistLink", tasklistLink(task.getId()));
    model.put("candidateGroups", String.join(", ", candidateGroups(task)));
    if (task.getAssignee() != null) {
      model.put("assignee", task.getAssignee());
    }
    notifications.record(kind, dedupeKey, recipient.address(), recipient.userId(), model,
        task.getProcessInstanceId(), task.getExecutionId(), task.getId(), programme.programmeCode());
    LOG.debug("{} for task {} to {}", kind, task.getId(), recipient.userId());
  }

  private static Map<String, Object> grace(Duration duration) {
    if (duration.toHours() % 24 == 0) {
      return Map.of("gracePeriodKo", duration.toDays() + "일", "gracePeriodEn", duration.toDays() + " days");
    }
    return Map.of("gracePeriodKo", duration.toHours() + "시간", "gracePeriodEn", duration.toHours() + " hours");
  }
}
