package kr.axhub.funding.reporting;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;
import static kr.axhub.funding.pipeline.PipelineElements.PROGRAMME_NAME;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.axhub.funding.reporting.ProgrammeReport.Step;
import kr.axhub.funding.reporting.ProgrammeReport.Visit;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricActivityInstanceQuery;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * Stage visits and stage statistics of programmes, computed from Camunda's history (activity instances, the user
 * operation log, variable history and open tasks). Every query runs as the calling official, so authorizations and
 * region tenants decide what they see: a Daegu official's report holds Daegu only, a manager's all regions.
 *
 * <p>History is read in bulk for the whole selection — a handful of queries whatever the number of programmes — and
 * joined in memory, so a report over thousands of programmes does not issue a query per programme or activity. A bulk
 * read is bounded by the selection itself ({@link Span}): a programme's activities, task completions and tasks
 * happen between its start and its end and in its region's tenant, so a report on one period or region reads that
 * period's and region's history only, however much history lies before, after or beside it.
 */
@Service
public class ProgrammeReports {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  /** Beyond this many programmes, activities are read per model version instead of per programme. */
  private static final int PER_PROGRAMME_LIMIT = 20;
  /** IN lists stay below the limits of every supported database. */
  private static final int BATCH = 500;
  private static final long DAY = 24L * 60 * 60 * 1000;

  /** Which programmes: a region (tenant) and a period in which they were started; {@code null} means any. */
  public record Filter(String region, LocalDate from, LocalDate to) {
    public static final Filter ALL = new Filter(null, null, null);

    Date startedFrom() {
      return from == null ? null : Date.from(from.atStartOfDay(SEOUL).toInstant());
    }

    Date startedUntil() {
      return to == null ? null : Date.from(to.plusDays(1).atStartOfDay(SEOUL).toInstant().minusMillis(1));
    }
  }

  private final HistoryService historyService;
  private final PipelineStages pipelineStages;

  public ProgrammeReports(HistoryService historyService, PipelineStages pipelineStages) {
    this.historyService = historyService;
    this.pipelineStages = pipelineStages;
  }

  public List<ProgrammeReport> programmes(Filter filter) {
    return reports(query(filter).orderByProcessInstanceStartTime().asc().list());
  }

  /** One page of {@link #programmes(Filter)}: a report is computed only for the programmes on it. */
  public List<ProgrammeReport> programmes(Filter filter, int firstResult, int maxResults) {
    return reports(query(filter).orderByProcessInstanceStartTime().asc().listPage(firstResult, maxResults));
  }

  public long count(Filter filter) {
    return query(filter).count();
  }

  private HistoricProcessInstanceQuery query(Filter filter) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY);
    if (filter.region() != null) {
      query.tenantIdIn(filter.region());
    }
    if (filter.startedFrom() != null) {
      query.startedAfter(filter.startedFrom());
    }
    if (filter.startedUntil() != null) {
      query.startedBefore(filter.startedUntil());
    }
    return query;
  }

  public Optional<ProgrammeReport> programme(String programmeCode) {
    return single(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(programmeCode).list());
  }

  public Optional<ProgrammeReport> processInstance(String processInstanceId) {
    return single(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceId(processInstanceId).list());
  }

  public List<StageStatistics> stages(Filter filter) {
    return statistics(programmes(filter), pipelineStages.resolver());
  }

  static List<StageStatistics> statistics(List<ProgrammeReport> programmes, PipelineStages.Resolver stages) {
    Map<Stage, List<Long>> durations = new EnumMap<>(Stage.class);
    Map<Stage, Set<String>> programmesOf = new EnumMap<>(Stage.class);
    Map<Stage, Integer> waiting = new EnumMap<>(Stage.class);
    for (ProgrammeReport programme : programmes) {
      for (Visit visit : programme.visits()) {
        if (visit.open()) {
          waiting.merge(visit.stage(), 1, Integer::sum);
        } else {
          durations.computeIfAbsent(visit.stage(), s -> new ArrayList<>()).add(visit.durationMillis());
          programmesOf.computeIfAbsent(visit.stage(), s -> new HashSet<>()).add(programme.processInstanceId());
        }
      }
    }
    List<StageStatistics> statistics = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      List<Long> values = durations.getOrDefault(stage, List.of()).stream().sorted().toList();
      int n = values.size();
      Long median = n == 0 ? null : n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
      Long p90 = n == 0 ? null : values.get((int) Math.ceil(0.9 * n) - 1);
      Long max = n == 0 ? null : values.get(n - 1);
      statistics.add(new StageStatistics(stage, stages.label(stage), n, programmesOf.getOrDefault(stage, Set.of()).size(),
          median, p90, max, days(median), days(p90), days(max), waiting.getOrDefault(stage, 0)));
    }
    return statistics;
  }

  private Optional<ProgrammeReport> single(List<HistoricProcessInstance> found) {
    return found.isEmpty() ? Optional.empty() : Optional.of(reports(found).get(0));
  }

  private List<ProgrammeReport> reports(List<HistoricProcessInstance> programmes) {
    if (programmes.isEmpty()) {
      return List.of();
    }
    Map<String, HistoricProcessInstance> byId = new LinkedHashMap<>();
    programmes.forEach(p -> byId.put(p.getId(), p));
    PipelineStages.Resolver stages = pipelineStages.resolver();
    Span span = Span.of(programmes);
    Map<String, List<HistoricActivityInstance>> activities = activities(byId, span);
    Map<String, UserOperationLogEntry> completionOfTask = completions(byId, span);
    Set<String> operations = new HashSet<>();
    completionOfTask.values().forEach(e -> operations.add(e.getOperationId()));
    List<HistoricVariableUpdate> decisions = decisionUpdates(byId.keySet(), stages.outcomeVariables(
        programmes.stream().map(HistoricProcessInstance::getProcessDefinitionId).distinct().toList()));
    Map<String, Map<String, Object>> decidedInOperation = new HashMap<>();
    Map<String, List<HistoricVariableUpdate>> decisionsOfProgramme = new HashMap<>();
    for (HistoricVariableUpdate update : decisions) {
      if (update.getUserOperationId() != null && operations.contains(update.getUserOperationId())) {
        decidedInOperation.computeIfAbsent(update.getUserOperationId(), o -> new HashMap<>())
            .put(update.getVariableName(), update.getValue());
      }
      decisionsOfProgramme.computeIfAbsent(update.getProcessInstanceId(), p -> new ArrayList<>()).add(update);
    }
    Map<String, Date> dueDates = openTaskDueDates(byId, span);
    Map<String, String> names = names(byId.keySet());

    Date now = ClockUtil.getCurrentTime();
    List<ProgrammeReport> reports = new ArrayList<>();
    for (HistoricProcessInstance programme : byId.values()) {
      List<Visit> visits = new ArrayList<>();
      List<HistoricActivityInstance> history = activities.getOrDefault(programme.getId(), List.of());
      // The programme's end is an end event outside every stage; the ends inside a stage only close the stage.
      String endEvent = history.stream()
          .filter(a -> isEndEvent(a) && stages.stageOf(a.getProcessDefinitionId(), a.getActivityId()).isEmpty())
          .map(HistoricActivityInstance::getActivityId).reduce((a, b) -> b).orElse(null);
      List<List<HistoricActivityInstance>> runs = runs(history, stages);
      for (int i = 0; i < runs.size(); i++) {
        boolean last = i == runs.size() - 1;
        // A running programme stays in its last stage even between activities (waiting for an asynchronous step).
        boolean stillThere = last && programme.getEndTime() == null;
        Visit visit = visit(runs.get(i), stillThere, last ? endEvent : null, visits, stages, completionOfTask,
            decidedInOperation, decisionsOfProgramme.getOrDefault(programme.getId(), List.of()), dueDates, now);
        visits.add(visit);
      }
      Visit current = visits.isEmpty() || !visits.get(visits.size() - 1).open() ? null : visits.get(visits.size() - 1);
      reports.add(new ProgrammeReport(programme.getBusinessKey(), names.get(programme.getId()),
          programme.getTenantId(), programme.getId(), programme.getState(), time(programme.getStartTime()),
          time(programme.getEndTime()), current == null ? null : current.stage(),
          current == null ? null : current.stageLabel(), current == null ? null : current.waitingAt(),
          current == null ? null : current.dueDate(), endEvent, visits));
    }
    return reports;
  }

  /** Contiguous runs of activity instances of one stage, in the order they happened; unmapped ones are skipped. */
  private static List<List<HistoricActivityInstance>> runs(List<HistoricActivityInstance> activities,
      PipelineStages.Resolver stages) {
    List<List<HistoricActivityInstance>> runs = new ArrayList<>();
    Stage previous = null;
    for (HistoricActivityInstance activity : activities) {
      Optional<Stage> stage = stages.stageOf(activity.getProcessDefinitionId(), activity.getActivityId());
      if (stage.isEmpty()) {
        continue;
      }
      if (stage.get() != previous) {
        runs.add(new ArrayList<>());
        previous = stage.get();
      }
      runs.get(runs.size() - 1).add(activity);
    }
    return runs;
  }

  private static Visit visit(List<HistoricActivityInstance> run, boolean stillThere, String endEvent,
      List<Visit> earlier, PipelineStages.Resolver stages, Map<String, UserOperationLogEntry> completionOfTask,
      Map<String, Map<String, Object>> decidedInOperation, List<HistoricVariableUpdate> decisionsOfProgramme,
      Map<String, Date> dueDates, Date now) {
    HistoricActivityInstance first = run.get(0);
    Stage stage = stages.stageOf(first.getProcessDefinitionId(), first.getActivityId()).orElseThrow();
    int number = 1 + (int) earlier.stream().filter(v -> v.stage() == stage).count();
    Date entered = run.get(0).getStartTime();
    // Where it waits is the innermost open activity: a stage's sub-process is open around its task, and for a
    // programme moved into the stages from an older version the sub-process even started after the task.
    HistoricActivityInstance open = run.stream().filter(a -> a.getEndTime() == null)
        .sorted(Comparator.comparing((HistoricActivityInstance a) -> "subProcess".equals(a.getActivityType())).reversed())
        .reduce((a, b) -> b).orElse(null);
    boolean isOpen = open != null || stillThere;
    Date left = isOpen ? null : run.stream().map(HistoricActivityInstance::getEndTime)
        .max(Comparator.naturalOrder()).orElse(entered);
    long duration = (left == null ? now : left).getTime() - entered.getTime();

    List<Step> steps = new ArrayList<>();
    String outcome = null;
    String actor = null;
    Date decidedAt = null;
    for (HistoricActivityInstance activity : run) {
      String decisionVariable = stages.outcomeVariableOf(activity.getProcessDefinitionId(), activity.getActivityId())
          .orElse(null);
      if ("userTask".equals(activity.getActivityType()) && activity.getEndTime() != null) {
        UserOperationLogEntry completion = completionOfTask.get(activity.getTaskId());
        Object decision = decisionVariable == null || completion == null ? null
            : decidedInOperation.getOrDefault(completion.getOperationId(), Map.of()).get(decisionVariable);
        String completedBy = completion == null ? null : completion.getUserId();
        steps.add(new Step(activity.getActivityId(), activity.getActivityName(), completedBy,
            time(activity.getEndTime()), text(decision)));
        actor = completedBy;
        decidedAt = activity.getEndTime();
        if (decision != null) {
          outcome = text(decision);
        }
      } else if (decisionVariable != null && activity.getEndTime() != null) {
        // A decision table writes its result through output mappings while its activity runs.
        Object decision = decisionsOfProgramme.stream()
            .filter(u -> u.getVariableName().equals(decisionVariable))
            .filter(u -> !u.getTime().before(activity.getStartTime()) && !u.getTime().after(activity.getEndTime()))
            .reduce((a, b) -> b).map(HistoricVariableUpdate::getValue).orElse(null);
        steps.add(new Step(activity.getActivityId(), activity.getActivityName(), null, time(activity.getEndTime()),
            text(decision)));
        if (decision != null) {
          outcome = text(decision);
          decidedAt = activity.getEndTime();
        }
      }
    }
    if (outcome == null && !isOpen) {
      HistoricActivityInstance last = run.get(run.size() - 1);
      outcome = endEvent != null ? endEvent : last.isCanceled() ? "CANCELED" : "COMPLETED";
    }
    return new Visit(stage, stages.label(stage), number, time(entered), time(left), duration, days(duration),
        isOpen, outcome, actor, time(decidedAt), endEvent, open == null ? null : open.getActivityName(),
        open == null || open.getTaskId() == null ? null : time(dueDates.get(open.getTaskId())), steps);
  }

  /**
   * When and where the selected programmes ran: from the first start to the last end ({@code until} is null while
   * one of them runs), in these tenants (null when one of them has none).
   */
  private record Span(Date from, Date until, String[] tenants) {

    static Span of(Collection<HistoricProcessInstance> programmes) {
      Date from = null;
      Date until = null;
      boolean running = false;
      Set<String> tenants = new HashSet<>();
      for (HistoricProcessInstance programme : programmes) {
        if (from == null || programme.getStartTime().before(from)) {
          from = programme.getStartTime();
        }
        if (programme.getEndTime() == null) {
          running = true;
        } else if (until == null || programme.getEndTime().after(until)) {
          until = programme.getEndTime();
        }
        tenants.add(programme.getTenantId());
      }
      return new Span(from, running ? null : until,
          tenants.contains(null) ? null : tenants.toArray(String[]::new));
    }
  }

  private Map<String, List<HistoricActivityInstance>> activities(Map<String, HistoricProcessInstance> programmes,
      Span span) {
    List<HistoricActivityInstance> all = new ArrayList<>();
    if (programmes.size() <= PER_PROGRAMME_LIMIT) {
      for (String id : programmes.keySet()) {
        all.addAll(ordered(historyService.createHistoricActivityInstanceQuery().processInstanceId(id)));
      }
    } else {
      Set<String> definitions = new HashSet<>();
      programmes.values().forEach(p -> definitions.add(p.getProcessDefinitionId()));
      for (String definition : definitions) {
        // Both bounds are inclusive.
        HistoricActivityInstanceQuery query = historyService.createHistoricActivityInstanceQuery()
            .processDefinitionId(definition).startedAfter(span.from());
        if (span.until() != null) {
          query.startedBefore(span.until());
        }
        if (span.tenants() != null) {
          query.tenantIdIn(span.tenants());
        }
        all.addAll(ordered(query));
      }
    }
    Map<String, List<HistoricActivityInstance>> byProgramme = new HashMap<>();
    for (HistoricActivityInstance activity : all) {
      if (programmes.containsKey(activity.getProcessInstanceId())) {
        byProgramme.computeIfAbsent(activity.getProcessInstanceId(), p -> new ArrayList<>()).add(activity);
      }
    }
    return byProgramme;
  }

  /** Start time alone does not order steps taken within one millisecond; the occurrence counter does. */
  private static List<HistoricActivityInstance> ordered(HistoricActivityInstanceQuery query) {
    return query.orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
  }

  /** The completion of each task (by task id): who completed it and in which operation. */
  private Map<String, UserOperationLogEntry> completions(Map<String, HistoricProcessInstance> programmes,
      Span span) {
    List<UserOperationLogEntry> entries = new ArrayList<>();
    if (programmes.size() <= PER_PROGRAMME_LIMIT) {
      for (String id : programmes.keySet()) {
        entries.addAll(completionQuery().processInstanceId(id).list());
      }
    } else {
      // Both bounds are exclusive: a millisecond is added on either side.
      UserOperationLogQuery query = completionQuery().processDefinitionKey(PROCESS_KEY)
          .afterTimestamp(new Date(span.from().getTime() - 1));
      if (span.until() != null) {
        query.beforeTimestamp(new Date(span.until().getTime() + 1));
      }
      if (span.tenants() != null) {
        query.tenantIdIn(span.tenants());
      }
      entries.addAll(query.list());
    }
    Map<String, UserOperationLogEntry> byTask = new HashMap<>();
    for (UserOperationLogEntry entry : entries) {
      if (programmes.containsKey(entry.getProcessInstanceId()) && entry.getTaskId() != null) {
        byTask.putIfAbsent(entry.getTaskId(), entry);
      }
    }
    return byTask;
  }

  private UserOperationLogQuery completionQuery() {
    return historyService.createUserOperationLogQuery().entityType(EntityTypes.TASK)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE);
  }

  /** Every update of a decision variable of these programmes, oldest first. */
  private List<HistoricVariableUpdate> decisionUpdates(Collection<String> programmeIds,
      Set<String> decisionVariables) {
    List<HistoricVariableUpdate> updates = new ArrayList<>();
    for (List<String> batch : batches(programmeIds)) {
      for (HistoricDetail detail : historyService.createHistoricDetailQuery().variableUpdates()
          .processInstanceIdIn(batch.toArray(String[]::new)).disableBinaryFetching()
          .disableCustomObjectDeserialization().orderByTime().asc().orderPartiallyByOccurrence().asc().list()) {
        if (detail instanceof HistoricVariableUpdate update && decisionVariables.contains(update.getVariableName())) {
          updates.add(update);
        }
      }
    }
    return updates;
  }

  private Map<String, Date> openTaskDueDates(Map<String, HistoricProcessInstance> programmes, Span span) {
    List<HistoricTaskInstance> tasks = new ArrayList<>();
    if (programmes.size() <= PER_PROGRAMME_LIMIT) {
      for (String id : programmes.keySet()) {
        tasks.addAll(historyService.createHistoricTaskInstanceQuery().processInstanceId(id).unfinished().list());
      }
    } else if (span.until() == null) {
      // Finished programmes have no open tasks; running ones only tasks started since the first of them.
      HistoricTaskInstanceQuery query = historyService.createHistoricTaskInstanceQuery()
          .processDefinitionKey(PROCESS_KEY).unfinished().startedAfter(span.from());
      if (span.tenants() != null) {
        query.tenantIdIn(span.tenants());
      }
      tasks.addAll(query.list());
    }
    Map<String, Date> dueDates = new HashMap<>();
    for (HistoricTaskInstance task : tasks) {
      if (task.getDueDate() != null) {
        dueDates.put(task.getId(), task.getDueDate());
      }
    }
    return dueDates;
  }

  private Map<String, String> names(Collection<String> programmeIds) {
    Map<String, String> names = new HashMap<>();
    for (List<String> batch : batches(programmeIds)) {
      for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(batch.toArray(String[]::new)).variableName(PROGRAMME_NAME)
          .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        if (variable.getValue() != null) {
          names.put(variable.getProcessInstanceId(), variable.getValue().toString());
        }
      }
    }
    return names;
  }

  private static List<List<String>> batches(Collection<String> ids) {
    List<String> all = new ArrayList<>(ids);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      batches.add(all.subList(i, Math.min(all.size(), i + BATCH)));
    }
    return batches;
  }

  /** Camunda types end events by their kind: noneEndEvent, terminateEndEvent, errorEndEvent... */
  private static boolean isEndEvent(HistoricActivityInstance activity) {
    return activity.getActivityType() != null && activity.getActivityType().endsWith("EndEvent");
  }

  static OffsetDateTime time(Date date) {
    return date == null ? null : date.toInstant().atZone(SEOUL).toOffsetDateTime();
  }

  static Double days(Long millis) {
    return millis == null ? null : BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(DAY), 2, RoundingMode.HALF_UP)
        .doubleValue();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
