package kr.axhub.funding.notification;

import java.time.Instant;

/** One recorded notification as administrators see it. */
public record Notification(
    String id,
    NotificationKind kind,
    String dedupeKey,
    String recipientAddress,
    String recipientUserId,
    String subject,
    String body,
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
}
