package kr.axhub.funding.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends recorded notifications, rendering each from the values it was recorded with and keeping the text sent on
 * its row. Each row is claimed with an atomic conditional update before it is sent, so with several nodes on one
 * database a row goes out once; a failure is retried with exponential back-off and, after {@code max-attempts}, the
 * row is FAILED and a {@value #INCIDENT_TYPE} incident appears in Cockpit on the process the notification belongs
 * to. Without a mail server ({@code spring.mail.host} unset) rows wait, PENDING.
 */
@Component
public class NotificationDispatcher {

  public static final String INCIDENT_TYPE = "notificationFailed";
  public static final String SEND_TIMER = "axhub.notifications.send";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
  /**
   * The system property that names Jakarta Mail's stream provider. Unset, {@code StreamProvider.provider()} looks the
   * provider up with a new {@link ServiceLoader} on every call (for every encoded word of a subject, every header
   * decoded and every part written), reading the service files of every jar on the class path: about four fifths of
   * the bytes a notice cost to send, 1 MiB each. Named here, it is loaded by its name instead.
   */
  static final String STREAM_PROVIDER_PROPERTY = StreamProvider.class.getName();

  private final NotificationRepository repository;
  private final NotificationTemplates templates;
  private final NotificationProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final RuntimeService runtimeService;
  private final String node;
  private final Timer sentTimer;
  private final Timer failedTimer;
  private final ExecutorService nudges = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "notification-dispatch");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean nudgeQueued = new AtomicBoolean();
  private final AtomicBoolean noMailServerLogged = new AtomicBoolean();

  @Autowired
  public NotificationDispatcher(NotificationRepository repository, NotificationTemplates templates,
      NotificationProperties properties, ObjectProvider<JavaMailSender> mailSender, RuntimeService runtimeService,
      MeterRegistry meters) {
    this(repository, templates, properties, mailSender, runtimeService, meters, nodeName());
  }

  NotificationDispatcher(NotificationRepository repository, NotificationTemplates templates,
      NotificationProperties properties, ObjectProvider<JavaMailSender> mailSender, RuntimeService runtimeService,
      MeterRegistry meters, String node) {
    this.repository = repository;
    this.templates = templates;
    this.properties = properties;
    this.mailSender = mailSender;
    this.runtimeService = runtimeService;
    this.node = node;
    this.sentTimer = sendTimer(meters, "sent");
    this.failedTimer = sendTimer(meters, "failed");
    nameStreamProvider();
  }

  /** Names the stream provider found on the class path, once; an operator's own {@code -D} setting is kept. */
  private static void nameStreamProvider() {
    if (System.getProperty(STREAM_PROVIDER_PROPERTY) != null) {
      return;
    }
    ServiceLoader.load(StreamProvider.class, NotificationDispatcher.class.getClassLoader()).findFirst()
        .ifPresent(provider -> System.setProperty(STREAM_PROVIDER_PROPERTY, provider.getClass().getName()));
  }

  /** How long the mail server takes to accept a message, by outcome ({@code axhub_notifications_send_seconds}). */
  private static Timer sendTimer(MeterRegistry meters, String outcome) {
    return Timer.builder(SEND_TIMER).tag("outcome", outcome)
        .description("Time the mail server took to accept (or refuse) one notification").register(meters);
  }

  /** Asks for a dispatch round soon, on the dispatcher's own thread; nudges that pile up make one round. */
  public void nudge() {
    if (nudgeQueued.compareAndSet(false, true)) {
      try {
        nudges.execute(() -> {
          nudgeQueued.set(false);
          try {
            dispatchDue();
          } catch (RuntimeException e) {
            LOG.warn("Notification dispatch failed; the poller tries again", e);
          }
        });
      } catch (RuntimeException e) {
        nudgeQueued.set(false);
      }
    }
  }

  /**
   * Waits until the rounds nudged so far have run. For whoever moves the engine clock while rounds may be running
   * (tests): a round started before the move would otherwise see its own claim as stale after it, and send again.
   */
  void awaitNudges() {
    try {
      nudges.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends every notification that is due now, batch after batch.
   *
   * @return how many were sent
   */
  public int dispatchDue() {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      if (noMailServerLogged.compareAndSet(false, true)) {
        LOG.warn("No mail server configured (spring.mail.host): notifications are recorded and stay PENDING "
            + "until one is configured; {} waiting", repository.countByStatus(NotificationStatus.PENDING));
      }
      return 0;
    }
    limitTimeouts(sender);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    int released = repository.releaseStaleClaims(now.minus(properties.staleClaimAfter()));
    if (released > 0) {
      LOG.warn("{} notification(s) claimed by a node that stopped sending are queued again", released);
    }
    int sent = 0;
    List<String> due;
    int rounds = 0;
    do {
      due = repository.findDue(now, properties.batchSize());
      List<String> claimed = new ArrayList<>(due.size());
      for (String id : due) {
        if (repository.claim(id, node, now)) {
          claimed.add(id);
        }
      }
      sent += send(sender, claimed);
    } while (due.size() == properties.batchSize() && ++rounds < 100);
    return sent;
  }

  /**
   * Puts a FAILED notification back in the queue (an administrator's retry), resolving its incident.
   *
   * @return the notification, or empty when there is no such FAILED or PENDING notification
   */
  public Optional<Notification> retry(String id) {
    Optional<Notification> current = repository.find(id);
    if (current.isEmpty() || !(current.get().status() == NotificationStatus.FAILED
        || current.get().status() == NotificationStatus.PENDING)) {
      return Optional.empty();
    }
    String incidentId = current.get().incidentId();
    if (!repository.requeue(id, ClockUtil.getCurrentTime().toInstant())) {
      return Optional.empty();
    }
    if (incidentId != null && runtimeService.createIncidentQuery().incidentId(incidentId).count() > 0) {
      try {
        runtimeService.resolveIncident(incidentId);
      } catch (RuntimeException e) {
        LOG.warn("Incident {} of notification {} could not be resolved: {}", incidentId, id, e.getMessage());
      }
    }
    LOG.info("Notification {} queued again by an administrator", id);
    Optional<Notification> queued = repository.find(id).map(templates::shown);
    nudge();
    return queued;
  }

  /**
   * Sends the claimed notifications over one connection to the mail server, then marks each accepted one SENT. A
   * connection per message cost about 45 ms each against a local server, against 1–2 ms over one connection.
   */
  private int send(JavaMailSender sender, List<String> claimed) {
    if (claimed.isEmpty()) {
      return 0;
    }
    // Jakarta Mail loads the named stream provider through the thread's context class loader first, and fails
    // rather than falling back when that loader cannot see it; the dispatcher's own loader always can.
    Thread thread = Thread.currentThread();
    ClassLoader callers = thread.getContextClassLoader();
    thread.setContextClassLoader(NotificationDispatcher.class.getClassLoader());
    try {
      return sendClaimed(sender, claimed);
    } finally {
      thread.setContextClassLoader(callers);
    }
  }

  private int sendClaimed(JavaMailSender sender, List<String> claimed) {
    List<Outgoing> batch = new ArrayList<>(claimed.size());
    for (Notification notification : repository.findClaimed(claimed, node)) {
      try {
        // Rendered here, from the values recorded with it: a template that fails is a failed attempt like any other.
        NotificationTemplates.Rendered text = templates.render(notification);
        batch.add(new Outgoing(notification, text, message(sender, notification, text)));
      } catch (Exception e) {
        failed(notification, e);
      }
    }
    if (batch.isEmpty()) {
      return 0;
    }
    Map<Object, Exception> refused;
    long start = System.nanoTime();
    try {
      sender.send(batch.stream().map(Outgoing::message).toArray(MimeMessage[]::new));
      refused = Map.of();
    } catch (MailSendException e) {
      // The messages the server refused or never got; none when only closing the connection failed after them.
      refused = e.getFailedMessages();
      if (refused.isEmpty()) {
        LOG.warn("The mail server accepted {} notification(s) but closing the connection failed: {}", batch.size(),
            describe(e));
      }
    } catch (RuntimeException e) {
      // Nothing was sent: the connection or its authentication failed before the first message.
      Map<Object, Exception> all = new IdentityHashMap<>();
      batch.forEach(outgoing -> all.put(outgoing.message(), e));
      refused = all;
    }
    long perMessage = (System.nanoTime() - start) / batch.size();
    Instant sentAt = ClockUtil.getCurrentTime().toInstant();
    int sent = 0;
    for (Outgoing outgoing : batch) {
      Notification notification = outgoing.notification();
      Exception error = refused.get(outgoing.message());
      if (error != null) {
        failedTimer.record(perMessage, TimeUnit.NANOSECONDS);
        failed(notification, error);
        continue;
      }
      sentTimer.record(perMessage, TimeUnit.NANOSECONDS);
      if (!repository.markSent(notification.id(), node, sentAt, outgoing.text().subject(), outgoing.text().body())) {
        LOG.warn("Notification {} was sent but its claim had been released meanwhile", notification.id());
      }
      LOG.info("Notification {} {} sent to {}", notification.id(), notification.kind(),
          notification.recipientAddress());
      sent++;
    }
    return sent;
  }

  private MimeMessage message(JavaMailSender sender, Notification notification, NotificationTemplates.Rendered text)
      throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(notification.recipientAddress());
    helper.setSubject(text.subject());
    helper.setText(text.body(), false);
    // A message sent again after a node died between the server's acceptance and the SENT mark is the same
    // message: same Message-ID and Date, so the reader's mail program shows it once (docs/operations.md §5).
    message.setSentDate(Date.from(notification.createdAt()));
    message.setHeader("Message-ID", messageId(notification.id()));
    message.setHeader("X-AXHub-Notification-Id", notification.id());
    message.setHeader("X-AXHub-Notification-Kind", notification.kind().name());
    return message;
  }

  private record Outgoing(Notification notification, NotificationTemplates.Rendered text, MimeMessage message) {}

  private void failed(Notification notification, Exception error) {
    String message = describe(error);
    int attempts = notification.attempts();
    if (attempts < properties.maxAttempts()) {
      Instant next = ClockUtil.getCurrentTime().toInstant().plus(properties.backoffAfter(attempts));
      repository.markRetry(notification.id(), node, next, message);
      LOG.warn("Notification {} to {} failed (attempt {} of {}), next attempt at {}: {}", notification.id(),
          notification.recipientAddress(), attempts, properties.maxAttempts(), next, message);
      return;
    }
    if (!repository.markFailed(notification.id(), node, message)) {
      return;
    }
    LOG.error("Notification {} {} to {} FAILED after {} attempts: {}", notification.id(), notification.kind(),
        notification.recipientAddress(), attempts, message);
    raiseIncident(notification, attempts, message);
  }

  /** On the notification's execution if it still runs, else on its process instance; none when both ended. */
  private void raiseIncident(Notification notification, int attempts, String error) {
    for (String executionId : new String[] {notification.executionId(), notification.processInstanceId()}) {
      if (executionId == null || runtimeService.createExecutionQuery().executionId(executionId).count() == 0) {
        continue;
      }
      try {
        Incident incident = runtimeService.createIncident(INCIDENT_TYPE, executionId, notification.id(),
            NotificationRepository.truncate("E-mail " + notification.kind() + " to "
                + notification.recipientAddress() + " failed after " + attempts + " attempts (retry: POST "
                + "/api/admin/notifications/" + notification.id() + "/retry): " + error, 3900));
        repository.setIncident(notification.id(), incident.getId());
        return;
      } catch (RuntimeException e) {
        LOG.warn("No incident for failed notification {} on execution {}: {}", notification.id(), executionId,
            e.getMessage());
      }
    }
  }

  /** One per outbox row, in the sender's domain (RFC 5322 §3.6.4); Spring's sender keeps a Message-ID set here. */
  private String messageId(String notificationId) {
    String from = properties.from();
    String address;
    try {
      address = new InternetAddress(from).getAddress();
    } catch (AddressException notAnAddress) {
      address = from;
    }
    int at = address.lastIndexOf('@');
    String domain = at < 0 || at == address.length() - 1 ? "axhub.invalid" : address.substring(at + 1);
    return "<" + notificationId + ".notification@" + domain + ">";
  }

  /** JavaMail waits forever by default; a hanging mail server must not hold the dispatcher. */
  private static void limitTimeouts(JavaMailSender sender) {
    if (sender instanceof JavaMailSenderImpl impl) {
      for (String key : new String[] {"mail.smtp.connectiontimeout", "mail.smtp.timeout",
          "mail.smtp.writetimeout"}) {
        impl.getJavaMailProperties().putIfAbsent(key, "30000");
      }
    }
  }

  private static String describe(Throwable error) {
    StringBuilder text = new StringBuilder(error.getClass().getSimpleName() + ": " + error.getMessage());
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      text.append(" / caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  private static String nodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    return NotificationRepository.truncate(host, 60) + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  @PreDestroy
  void stop() {
    nudges.shutdownNow();
  }
}
