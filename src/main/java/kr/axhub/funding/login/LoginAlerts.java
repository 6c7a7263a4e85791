package kr.axhub.funding.login;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.axhub.funding.identity.OfficialGroups;
import kr.axhub.funding.notification.NotificationKind;
import kr.axhub.funding.notification.NotificationService;
import kr.axhub.funding.notification.Recipients;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes password guessing visible: every refused login counts in {@value #REFUSED} (by reason), every lock in
 * {@value #LOCKS} (account or address), and each lock is mailed to the administrators through the outbox. Runs
 * inside the engine command that checks the password, so the mail commits with the lock.
 */
@Component
class LoginAlerts {

  static final String REFUSED = "axhub.login.refused";
  static final String LOCKS = "axhub.login.locks";
  private static final Logger LOG = LoggerFactory.getLogger(LoginAlerts.class);

  enum Reason { WRONG_PASSWORD, UNKNOWN_ACCOUNT, ACCOUNT_WAITING, ADDRESS_WAITING }

  private final MeterRegistry meters;
  private final NotificationService notifications;
  private final Recipients recipients;
  private final String adminLink;

  LoginAlerts(MeterRegistry meters, NotificationService notifications, Recipients recipients,
      @Value("${axhub.tasklist-base-url}") String tasklistBaseUrl) {
    this.meters = meters;
    this.notifications = notifications;
    this.recipients = recipients;
    this.adminLink = tasklistBaseUrl.replace("/app/tasklist/", "/app/admin/");
    for (Reason reason : Reason.values()) {
      meters.counter(REFUSED, "reason", tag(reason)).increment(0);
    }
    meters.counter(LOCKS, "scope", "account").increment(0);
    meters.counter(LOCKS, "scope", "address").increment(0);
  }

  void refused(Reason reason) {
    meters.counter(REFUSED, "reason", tag(reason)).increment();
  }

  void accountLocked(String userId, int attempts, Date until) {
    LOG.warn("Account '{}' locked until {} after {} wrong passwords in a row", userId, until, attempts);
    Map<String, Object> model = new HashMap<>();
    model.put("account", userId);
    model.put("attempts", attempts);
    model.put("until", NotificationService.formatTime(until));
    model.put("unlockLink", adminLink + "/#/users/" + userId + "?tab=account");
    tell("account", userId, model);
  }

  void addressThrottled(String address) {
    LOG.warn("Client address {} slowed down after repeated wrong passwords", address);
    Map<String, Object> model = new HashMap<>();
    model.put("address", address);
    tell("address", address, model);
  }

  private void tell(String scope, String subject, Map<String, Object> model) {
    meters.counter(LOCKS, "scope", scope).increment();
    long minute = TimeUnit.MILLISECONDS.toMinutes(ClockUtil.getCurrentTime().getTime());
    for (Recipients.Recipient admin : recipients.membersOf(OfficialGroups.ADMINS, null, null)) {
      Map<String, Object> personal = new HashMap<>(model);
      personal.put("recipientName", admin.name());
      notifications.record(NotificationKind.LOGIN_GUESSING,
          "login-guessing:" + scope + ":" + subject + ":" + minute + ":" + admin.userId(), admin.address(),
          admin.userId(), personal, null, null, null, null);
    }
  }

  private static String tag(Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
