package kr.axhub.funding.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import kr.axhub.funding.notification.NotificationDispatcher;
import kr.axhub.funding.notification.NotificationProperties;
import kr.axhub.funding.notification.NotificationRepository;
import kr.axhub.funding.notification.NotificationStatus;
import kr.axhub.funding.pipeline.PipelineElements;
import kr.axhub.funding.reporting.ProgrammeReports;
import kr.axhub.funding.reporting.PipelineStages;
import kr.axhub.funding.reporting.Stage;
import kr.axhub.funding.reporting.StageStatistics;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an operator watches, as gauges for Prometheus: open and overdue tasks per stage and candidate group, tasks
 * overdue beyond their escalation, incidents per type, failed and due jobs, the notification outbox and programmes
 * per stage. Counted in the database (the whole installation, the same on every node), refreshed on a schedule
 * rather than per scrape so a scrape never waits for a query: tasks, jobs and the outbox every 30 s, programmes per
 * stage — read from the stage reports over all history — every 5 minutes.
 */
@Component
class OperationsMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);
  /** One query whatever the number of tasks: a task with two candidate groups counts for each. */
  private static final String TASK_COUNTS = "SELECT t.TASK_DEF_KEY_, d.KEY_, l.GROUP_ID_, COUNT(*), "
      + "SUM(CASE WHEN t.DUE_DATE_ < ? THEN 1 ELSE 0 END), SUM(CASE WHEN t.DUE_DATE_ < ? THEN 1 ELSE 0 END), "
      + "t.PROC_DEF_ID_ "
      + "FROM ACT_RU_TASK t LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_ "
      + "LEFT JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL "
      + "GROUP BY t.TASK_DEF_KEY_, d.KEY_, l.GROUP_ID_, t.PROC_DEF_ID_";
  private static final String INCIDENT_COUNTS =
      "SELECT INCIDENT_TYPE_, COUNT(*) FROM ACT_RU_INCIDENT GROUP BY INCIDENT_TYPE_";
  private static final List<String> INCIDENT_TYPES = List.of("failedJob", NotificationDispatcher.INCIDENT_TYPE);

  private record TaskKey(String stage, String group) {}

  private record TaskCounts(long open, long overdue, long beyondEscalation) {}

  private final JdbcTemplate jdbc;
  private final ManagementService managementService;
  private final NotificationRepository notifications;
  private final NotificationProperties notificationProperties;
  private final ProgrammeReports reports;
  private final PipelineStages pipelineStages;
  private final MultiGauge openTasks;
  private final MultiGauge overdueTasks;
  private final MultiGauge tasksBeyondEscalation;
  private final MultiGauge incidents;
  private final MultiGauge programmes;
  private final Map<String, Double> figures = new ConcurrentHashMap<>();
  private final TaskScheduler scheduler;

  OperationsMetrics(DataSource dataSource, ManagementService managementService, NotificationRepository notifications,
      NotificationProperties notificationProperties, ProgrammeReports reports, PipelineStages pipelineStages,
      MeterRegistry registry, TaskScheduler scheduler) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.scheduler = scheduler;
    this.pipelineStages = pipelineStages;
    this.managementService = managementService;
    this.notifications = notifications;
    this.notificationProperties = notificationProperties;
    this.reports = reports;
    openTasks = MultiGauge.builder("axhub.tasks.open").description("Open tasks").register(registry);
    overdueTasks = MultiGauge.builder("axhub.tasks.overdue").description("Open tasks past their due date")
        .register(registry);
    tasksBeyondEscalation = MultiGauge.builder("axhub.tasks.overdue.beyond.escalation")
        .description("Open tasks overdue for longer than the escalation grace period").register(registry);
    incidents = MultiGauge.builder("axhub.incidents").description("Open incidents").register(registry);
    programmes = MultiGauge.builder("axhub.programmes").description("Running programmes standing in each stage")
        .register(registry);
    figure(registry, "axhub.jobs.failed", "Jobs out of retries (each has an incident)");
    figure(registry, "axhub.jobs.due", "Jobs due now that no job executor has taken yet");
    for (NotificationStatus status : NotificationStatus.values()) {
      Gauge.builder("axhub.notifications", figures, f -> f.getOrDefault("notifications." + status, 0.0))
          .tag("status", status.name()).description("Notifications in the outbox").register(registry);
    }
    Gauge.builder("axhub.notifications.oldest.pending.age", figures,
            f -> f.getOrDefault("notifications.oldestPendingAge", 0.0))
        .baseUnit("seconds").description("How long the oldest PENDING notification has waited").register(registry);
  }

  private void figure(MeterRegistry registry, String name, String description) {
    Gauge.builder(name, figures, f -> f.getOrDefault(name, 0.0)).description(description).register(registry);
  }

  /**
   * The first figures are counted as soon as the application is ready, on the scheduler's thread: the application
   * reports ready without waiting for them, and a scrape meanwhile gets zeros, as before a start-up ends.
   */
  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    scheduler.schedule(() -> {
      refreshEngineFigures();
      refreshProgrammes();
    }, Instant.now());
  }

  @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${axhub.metrics.refresh-interval:PT30S}")
  void refreshEngineFigures() {
    try {
      Instant now = ClockUtil.getCurrentTime().toInstant();
      refreshTasks(now);
      refreshIncidents();
      figures.put("axhub.jobs.failed", (double) managementService.createJobQuery().noRetriesLeft().count());
      figures.put("axhub.jobs.due", (double) managementService.createJobQuery().executable().count());
      for (NotificationStatus status : NotificationStatus.values()) {
        figures.put("notifications." + status, (double) notifications.countByStatus(status));
      }
      Timestamp oldest = jdbc.queryForObject("SELECT MIN(created_at) FROM axhub_notification WHERE status = 'PENDING'",
          Timestamp.class);
      figures.put("notifications.oldestPendingAge",
          oldest == null ? 0.0 : Math.max(0, now.getEpochSecond() - oldest.toInstant().getEpochSecond()));
    } catch (RuntimeException e) {
      LOG.warn("Operations figures not refreshed: {}", e.getMessage());
    }
  }

  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "${axhub.metrics.programme-refresh-interval:PT5M}")
  void refreshProgrammes() {
    try {
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (StageStatistics stage : reports.stages(ProgrammeReports.Filter.ALL)) {
        rows.add(MultiGauge.Row.of(Tags.of("stage", stage.stage().name()), stage.waitingNow()));
      }
      programmes.register(rows, true);
    } catch (RuntimeException e) {
      LOG.warn("Programmes per stage not refreshed: {}", e.getMessage());
    }
  }

  private void refreshTasks(Instant now) {
    Timestamp dueBefore = Timestamp.from(now);
    Timestamp escalationBefore = Timestamp.from(now.minus(notificationProperties.escalationGracePeriod()));
    Map<TaskKey, TaskCounts> counts = new HashMap<>();
    PipelineStages.Resolver stages = pipelineStages.resolver();
    jdbc.query(TASK_COUNTS, row -> {
      TaskKey key = new TaskKey(stageOf(stages, row.getString(7), row.getString(1), row.getString(2)),
          row.getString(3) == null ? "none" : row.getString(3));
      counts.merge(key, new TaskCounts(row.getLong(4), row.getLong(5), row.getLong(6)), (a, b) ->
          new TaskCounts(a.open() + b.open(), a.overdue() + b.overdue(), a.beyondEscalation() + b.beyondEscalation()));
    }, dueBefore, escalationBefore);
    List<MultiGauge.Row<?>> open = new ArrayList<>();
    List<MultiGauge.Row<?>> overdue = new ArrayList<>();
    List<MultiGauge.Row<?>> beyond = new ArrayList<>();
    counts.forEach((key, value) -> {
      Tags tags = Tags.of("stage", key.stage(), "group", key.group());
      open.add(MultiGauge.Row.of(tags, value.open()));
      overdue.add(MultiGauge.Row.of(tags, value.overdue()));
      beyond.add(MultiGauge.Row.of(tags, value.beyondEscalation()));
    });
    openTasks.register(open, true);
    overdueTasks.register(overdue, true);
    tasksBeyondEscalation.register(beyond, true);
  }

  private void refreshIncidents() {
    Map<String, Long> byType = new HashMap<>();
    INCIDENT_TYPES.forEach(type -> byType.put(type, 0L));
    jdbc.query(INCIDENT_COUNTS, row -> {
      byType.put(row.getString(1), row.getLong(2));
    });
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    byType.forEach((type, count) -> rows.add(MultiGauge.Row.of(Tags.of("type", type), count)));
    incidents.register(rows, true);
  }

  /** A programme task's stage as the stage reports name it; a task of another process by its process. */
  private static String stageOf(PipelineStages.Resolver stages, String definitionId, String taskKey,
      String processKey) {
    if (!PipelineElements.PROCESS_KEY.equals(processKey)) {
      return processKey;
    }
    return stages.stageOf(definitionId, taskKey).map(Stage::name).orElse(processKey);
  }
}
