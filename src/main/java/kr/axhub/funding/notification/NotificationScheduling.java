package kr.axhub.funding.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The timers of the notifications: the dispatcher's poll (the safety net behind the after-commit nudge, and what
 * retries failed attempts after their back-off) and the deadline scan. Intervals come from
 * {@link NotificationProperties}; {@code axhub.notifications.scheduling-enabled=false} switches both off (tests drive
 * them by hand).
 */
@Configuration
@EnableScheduling
public class NotificationScheduling implements SchedulingConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationScheduling.class);

  private final NotificationProperties properties;
  private final NotificationDispatcher dispatcher;
  private final DeadlineScanner scanner;

  public NotificationScheduling(NotificationProperties properties, NotificationDispatcher dispatcher,
      DeadlineScanner scanner) {
    this.properties = properties;
    this.dispatcher = dispatcher;
    this.scanner = scanner;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!properties.schedulingEnabled()) {
      return;
    }
    registrar.addFixedDelayTask(new FixedDelayTask(() -> run("dispatch", dispatcher::dispatchDue),
        properties.pollInterval(), properties.pollInterval()));
    registrar.addFixedDelayTask(new FixedDelayTask(() -> run("deadline scan", scanner::scan),
        properties.scanInterval(), properties.scanInterval()));
  }

  private static void run(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.error("Notification {} failed; it runs again at its next interval", what, e);
    }
  }
}
