package kr.axhub.funding.notification;

import java.util.Map;

/**
 * A notification about to be recorded: its kind, its recipient and the values its templates are rendered from when
 * it is sent. The dedupe key names the event and the recipient (e.g. {@code task-created:<taskId>:<userId>}):
 * recording the same key twice, from a retried command or from a second node, keeps the first row only.
 */
public record NotificationDraft(
    NotificationKind kind,
    String dedupeKey,
    String recipientAddress,
    String recipientUserId,
    Map<String, String> values,
    String processInstanceId,
    String executionId,
    String taskId,
    String programmeCode) {

  public NotificationDraft {
    values = Map.copyOf(values);
  }
}
