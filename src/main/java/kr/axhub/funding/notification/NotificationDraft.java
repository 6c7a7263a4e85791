package kr.axhub.funding.notification;

/**
 * A notification about to be recorded. The dedupe key names the event and the recipient (e.g.
 * {@code task-created:<taskId>:<userId>}): recording the same key twice, from a retried command or from a second
 * node, keeps the first row only.
 */
public record NotificationDraft(
    NotificationKind kind,
    String dedupeKey,
    String recipientAddress,
    String recipientUserId,
    String subject,
    String body,
    String processInstanceId,
    String executionId,
    String taskId,
    String programmeCode) {
}
