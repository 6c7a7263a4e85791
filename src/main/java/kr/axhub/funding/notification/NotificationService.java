package kr.axhub.funding.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records notifications in the outbox, inside the caller's transaction, and wakes the dispatcher once that
 * transaction has committed. Nothing here talks to a mail server, so recording never blocks or fails an official's
 * command because mail is down.
 */
@Service
public class NotificationService {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(KST)'");
  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

  private final NotificationRepository repository;
  private final NotificationTemplates templates;
  private final NotificationProperties properties;
  private final ObjectProvider<NotificationDispatcher> dispatcher;
  /**
   * The dispatcher once found: the provider resolves the bean anew on every call (its candidates, qualifiers and
   * annotations), and every committed transaction that recorded a notice asks for it.
   */
  private volatile NotificationDispatcher found;

  public NotificationService(NotificationRepository repository, NotificationTemplates templates,
      NotificationProperties properties, ObjectProvider<NotificationDispatcher> dispatcher) {
    this.repository = repository;
    this.templates = templates;
    this.properties = properties;
    this.dispatcher = dispatcher;
  }

  /**
   * Records one notification with the values its templates need; it is rendered when it is sent, outside the
   * caller's transaction. A notification with the same dedupe key is recorded once only. Values are kept as text
   * (what a template prints); absent ones are left out, and a template prints nothing for them.
   *
   * @return the id of the new notification, or empty when it had been recorded before
   */
  public Optional<String> record(NotificationKind kind, String dedupeKey, String address, String userId,
      Map<String, Object> model, String processInstanceId, String executionId, String taskId, String programmeCode) {
    Map<String, String> values = new HashMap<>();
    model.forEach((name, value) -> {
      if (value != null) {
        values.put(name, value.toString());
      }
    });
    NotificationDraft draft = new NotificationDraft(kind, dedupeKey, address, userId, values, processInstanceId,
        executionId, taskId, programmeCode);
    Optional<String> id = repository.insertIfAbsent(draft, ClockUtil.getCurrentTime().toInstant());
    id.ifPresent(recorded -> afterCommit(recorded, draft));
    return id;
  }

  /**
   * Records the report of a programme's exemption from the preliminary feasibility study to the National Assembly
   * standing committee ({@code axhub.notifications.assembly-committee-address}). Called by the pipeline's service
   * task inside its transaction; one report per programme instance, however often the step is retried.
   *
   * @return the id of the recorded report, or empty when this instance's report was recorded before
   */
  public Optional<String> reportExemptionToAssembly(DelegateExecution execution) {
    ProgrammeFacts programme = ProgrammeFacts.of(execution);
    Map<String, Object> model = new HashMap<>();
    for (String name : List.of("programmeName", "programmeCode", "region", "totalCost", "nationalFunding",
        "startYear", "endYear", "exemptionGround", "exemptionGroundLabel", "exemptionJustification",
        "resolutionDate", "committeeConfirmationDate")) {
      Object value = execution.getVariable(name);
      if (value != null && !value.toString().isBlank()) {
        model.put(name, value.toString());
      }
    }
    model.putIfAbsent("programmeName", programme.label());
    model.putIfAbsent("programmeCode", programme.programmeCode());
    model.put("reportedAt", format(ClockUtil.getCurrentTime()));
    return record(NotificationKind.ASSEMBLY_REPORT, "assembly-report:" + execution.getProcessInstanceId(),
        properties.assemblyCommitteeAddress(), null, model, execution.getProcessInstanceId(), execution.getId(),
        null, programme.programmeCode());
  }

  /** Newest first, each with the text it was sent as or will be sent as. */
  public List<Notification> list(NotificationStatus status, String programmeCode, int limit) {
    return repository.list(status, programmeCode, limit).stream().map(templates::shown).toList();
  }

  public Optional<Notification> find(String id) {
    return repository.find(id).map(templates::shown);
  }

  public List<Notification> findByProcessInstance(String processInstanceId) {
    return repository.findByProcessInstance(processInstanceId).stream().map(templates::shown).toList();
  }

  static String format(Date date) {
    return date == null ? null : DATE_TIME.format(date.toInstant().atZone(SEOUL));
  }

  /** A moment as notifications show it: Seoul time. */
  public static String formatTime(Date date) {
    return format(date);
  }

  static String format(Instant instant) {
    return instant == null ? null : DATE_TIME.format(instant.atZone(SEOUL));
  }

  /**
   * The dispatcher is woken after the commit, never before: a notification of a command that rolls back must not
   * go out, and the official's request must not wait for the mail server.
   */
  private void afterCommit(String id, NotificationDraft draft) {
    String line = id + " " + draft.kind() + " to " + draft.recipientAddress() + " (" + draft.dedupeKey() + ")";
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      LOG.info("Notification recorded {}", line);
      nudge();
      return;
    }
    @SuppressWarnings("unchecked")
    List<String> recorded = (List<String>) TransactionSynchronizationManager.getResource(this);
    if (recorded == null) {
      List<String> lines = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(this, lines);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(NotificationService.this);
          if (status == STATUS_COMMITTED) {
            lines.forEach(recordedLine -> LOG.info("Notification recorded {}", recordedLine));
            nudge();
          }
        }
      });
      recorded = lines;
    }
    recorded.add(line);
  }

  private void nudge() {
    NotificationDispatcher current = found;
    if (current == null) {
      current = dispatcher.getIfAvailable();
      found = current;
    }
    if (current != null) {
      current.nudge();
    }
  }
}
