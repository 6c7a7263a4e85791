package kr.axhub.funding.notification;

/** What a notification is about; each kind has its own pair of templates under {@code notifications/}. */
public enum NotificationKind {
  TASK_CREATED("task-created"),
  TASK_ASSIGNED("task-assigned"),
  TASK_DUE_SOON("task-due-soon"),
  TASK_OVERDUE("task-overdue"),
  TASK_ESCALATED("task-escalated"),
  OUTCOME("outcome"),
  ASSEMBLY_REPORT("assembly-report"),
  LOGIN_GUESSING("login-guessing");

  private final String template;

  NotificationKind(String template) {
    this.template = template;
  }

  /** Base name of the templates: {@code notifications/<template>.subject.mustache} and {@code .body.mustache}. */
  public String template() {
    return template;
  }
}
