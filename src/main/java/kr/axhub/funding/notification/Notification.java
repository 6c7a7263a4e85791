package kr.axhub.funding.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/**
 * One recorded notification as administrators see it. The subject and body are the text sent once the notification
 * is SENT; before that, what it will be sent as ({@link NotificationTemplates#shown}), rendered from the values it
 * was recorded with.
 */
public record Notification(
    String id,
    NotificationKind kind,
    String dedupeKey,
    String recipientAddress,
    String recipientUserId,
    String subject,
    String body,
    @JsonIgnore Map<String, String> values,
    String processInstanceId,
    String executionId,
    String taskId,
    String programmeCode,
    NotificationStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt,
    String claimedBy,
    Instant claimedAt,
    String incidentId) {

  /** Whether the text is still to be rendered from the recorded values (recorded as values, not sent yet). */
  public boolean unrendered() {
    return subject == null;
  }

  Notification withText(String newSubject, String newBody) {
    return new Notification(id, kind, dedupeKey, recipientAddress, recipientUserId, newSubject, newBody, values,
        processInstanceId, executionId, taskId, programmeCode, status, attempts, nextAttemptAt, lastError, createdAt,
        sentAt, claimedBy, claimedAt, incidentId);
  }
}
