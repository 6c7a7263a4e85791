package kr.axhub.funding.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the e-mail notifications ({@code axhub.notifications.*}). Every value has a default, so the
 * application runs without any of them; the mail server itself is Spring's {@code spring.mail.*}.
 *
 * @param from sender address of every notification
 * @param assemblyCommitteeAddress the National Assembly standing committee that receives exemption reports
 * @param reminderLeadTime how long before a task's due date its officials are reminded
 * @param escalationGracePeriod how long a task may stay overdue before it is escalated
 * @param escalationTargets candidate group of an overdue task → group its escalation goes to
 * @param escalationDefaultTarget escalation group for candidate groups not in {@code escalationTargets}
 * @param regionalGroups groups whose members act for one region only (see {@link Recipients})
 * @param outcomeRecipientGroups groups told when their region's programme passes or fails a stage
 * @param maxAttempts sending attempts before a notification is FAILED and an incident is raised
 * @param initialBackoff wait after the first failed attempt; doubled after each further failure
 * @param maxBackoff longest wait between two attempts
 * @param staleClaimAfter a notification claimed for sending longer ago than this (its node died) is sent again
 * @param batchSize notifications claimed per dispatch round
 * @param schedulingEnabled whether the dispatcher and the deadline scanner run on their own timers
 * @param pollInterval how often the dispatcher looks for due notifications (the safety net behind the
 *     after-commit nudge)
 * @param scanInterval how often open tasks are checked for reminders, overdue notices and escalations
 */
@ConfigurationProperties("axhub.notifications")
public record NotificationProperties(
    String from,
    String assemblyCommitteeAddress,
    Duration reminderLeadTime,
    Duration escalationGracePeriod,
    Map<String, String> escalationTargets,
    String escalationDefaultTarget,
    List<String> regionalGroups,
    List<String> outcomeRecipientGroups,
    Integer maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration staleClaimAfter,
    Integer batchSize,
    Boolean schedulingEnabled,
    Duration pollInterval,
    Duration scanInterval) {

  public static final String REGION_PLANNERS = "region-planners";
  public static final String REGION_DIRECTORS = "region-directors";

  public NotificationProperties {
    from = from == null ? "noreply@axhub.example.kr" : from;
    assemblyCommitteeAddress = assemblyCommitteeAddress == null
        ? "science-committee@assembly.example.kr" : assemblyCommitteeAddress;
    reminderLeadTime = reminderLeadTime == null ? Duration.ofDays(2) : reminderLeadTime;
    escalationGracePeriod = escalationGracePeriod == null ? Duration.ofDays(3) : escalationGracePeriod;
    escalationTargets = escalationTargets == null
        ? Map.of(REGION_PLANNERS, REGION_DIRECTORS, REGION_DIRECTORS, REGION_DIRECTORS)
        : Map.copyOf(escalationTargets);
    escalationDefaultTarget = escalationDefaultTarget == null ? "msit-officers" : escalationDefaultTarget;
    regionalGroups = regionalGroups == null ? List.of(REGION_PLANNERS, REGION_DIRECTORS) : List.copyOf(regionalGroups);
    outcomeRecipientGroups = outcomeRecipientGroups == null
        ? List.of(REGION_PLANNERS, REGION_DIRECTORS) : List.copyOf(outcomeRecipientGroups);
    maxAttempts = maxAttempts == null ? 5 : maxAttempts;
    initialBackoff = initialBackoff == null ? Duration.ofMinutes(1) : initialBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
    staleClaimAfter = staleClaimAfter == null ? Duration.ofMinutes(10) : staleClaimAfter;
    batchSize = batchSize == null ? 50 : batchSize;
    schedulingEnabled = schedulingEnabled == null ? Boolean.TRUE : schedulingEnabled;
    pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
    scanInterval = scanInterval == null ? Duration.ofMinutes(5) : scanInterval;
    if (maxAttempts < 1 || batchSize < 1) {
      throw new IllegalArgumentException("axhub.notifications.max-attempts and batch-size must be at least 1");
    }
  }

  /** The group an overdue task with this candidate group is escalated to. */
  public String escalationTargetOf(String candidateGroup) {
    return escalationTargets.getOrDefault(candidateGroup, escalationDefaultTarget);
  }

  /** Wait before the next attempt after {@code attempts} failed ones: exponential, capped. */
  public Duration backoffAfter(int attempts) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
