package kr.axhub.funding.notification;

/** Life of an outbox row: PENDING → SENDING (claimed by one node) → SENT, or back to PENDING, or FAILED. */
public enum NotificationStatus {
  PENDING, SENDING, SENT, FAILED
}
