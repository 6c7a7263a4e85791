package kr.axhub.funding.operations;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import kr.axhub.funding.notification.NotificationRepository;
import kr.axhub.funding.notification.NotificationStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Whether the mail server answers, as health component {@code mailServer}. An unreachable server is reported as
 * {@value #UNREACHABLE_CODE}, never DOWN: the node still does its work and notices wait in the outbox, so a load
 * balancer must not take it out (the status order in application.yaml keeps the whole UP). Asked at most once a
 * minute, with short timeouts, so frequent health checks do not hammer the mail server.
 */
@Component
class MailServerHealthIndicator implements HealthIndicator {

  static final String UNREACHABLE_CODE = "UNREACHABLE";
  private static final Status UNREACHABLE = new Status(UNREACHABLE_CODE,
      "mail server not reachable: notifications wait in the outbox");
  private static final Duration CHECK_EVERY = Duration.ofMinutes(1);
  private static final String TIMEOUT_MILLIS = "3000";

  private final ObjectProvider<JavaMailSender> mailSender;
  private final NotificationRepository notifications;
  private volatile Health last;
  private volatile Instant checkedAt = Instant.MIN;

  MailServerHealthIndicator(ObjectProvider<JavaMailSender> mailSender, NotificationRepository notifications) {
    this.mailSender = mailSender;
    this.notifications = notifications;
  }

  @Override
  public Health health() {
    if (!(mailSender.getIfAvailable() instanceof JavaMailSenderImpl sender)) {
      return Health.unknown().withDetail("reason", "no mail server configured (spring.mail.host)")
          .withDetail("pending", notifications.countByStatus(NotificationStatus.PENDING)).build();
    }
    Instant now = Instant.now();
    if (last == null || checkedAt.plus(CHECK_EVERY).isBefore(now)) {
      last = check(sender);
      checkedAt = now;
    }
    return last;
  }

  private Health check(JavaMailSenderImpl sender) {
    Properties properties = new Properties();
    properties.putAll(sender.getJavaMailProperties());
    String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
    for (String timeout : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
      properties.put("mail." + protocol + "." + timeout, TIMEOUT_MILLIS);
    }
    Health.Builder health;
    try (Transport transport = Session.getInstance(properties).getTransport(protocol)) {
      transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
      health = Health.up();
    } catch (Exception e) {
      health = Health.status(UNREACHABLE).withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return health.withDetail("server", sender.getHost() + ":" + sender.getPort())
        .withDetail("pending", notifications.countByStatus(NotificationStatus.PENDING)).build();
  }
}
