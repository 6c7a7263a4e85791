package kr.axhub.funding.forecast;

import static kr.axhub.funding.pipeline.PipelineElements.CABINET_RESOLUTION_REQUIRED;
import static kr.axhub.funding.pipeline.PipelineElements.START_YEAR;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import kr.axhub.funding.forecast.ProgrammeForecast.Risk;
import kr.axhub.funding.reporting.PipelineStages;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.ProgrammeReports;
import kr.axhub.funding.reporting.ProgrammeReports.Filter;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Forecasts as the calling official sees the pipeline: the history a forecast rests on is the history the official
 * may read (a region's official forecasts from their region's programmes, a manager from all), and a programme the
 * official may not see has no forecast for them. Reads the programmes' reports once per answer.
 */
@Service
public class ProgrammeForecasts {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final int BATCH = 500;

  /** A programme at risk, one line per reason. */
  public record AtRisk(String programme, String name, String region, String processInstanceId, Risk.Kind kind,
      String stage, String stageLabel, List<String> holders, double daysAtStake, Integer plannedStartYear,
      OffsetDateTime launchExpected, String reason) {}

  private final ProgrammeReports reports;
  private final PipelineStages pipelineStages;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final ForecastSettings settings;

  public ProgrammeForecasts(ProgrammeReports reports, PipelineStages pipelineStages, HistoryService historyService,
      TaskService taskService, ForecastSettings settings) {
    this.reports = reports;
    this.pipelineStages = pipelineStages;
    this.historyService = historyService;
    this.taskService = taskService;
    this.settings = settings;
  }

  public Optional<ProgrammeForecast> programme(String code) {
    return one(p -> code.equals(p.programme()));
  }

  public Optional<ProgrammeForecast> processInstance(String processInstanceId) {
    return one(p -> processInstanceId.equals(p.processInstanceId()));
  }

  /** Every running programme's risks, the most days at stake first. */
  public List<AtRisk> atRisk() {
    List<ProgrammeReport> all = reports.programmes(Filter.ALL);
    Map<String, Map<String, Object>> variables = variables(all);
    Forecaster forecaster = forecaster();
    OffsetDateTime now = now();
    List<AtRisk> atRisk = new ArrayList<>();
    for (ProgrammeReport programme : all) {
      if (programme.ended() != null) {
        continue;
      }
      ProgrammeForecast forecast = forecast(forecaster, programme, all, variables, now);
      for (Risk risk : forecast.risks()) {
        atRisk.add(new AtRisk(forecast.programme(), forecast.name(), forecast.region(), forecast.processInstanceId(),
            risk.kind(), risk.stage().name(), risk.stageLabel(), risk.holders(), risk.daysAtStake(),
            forecast.plannedStartYear(), forecast.launchExpected(), risk.reason()));
      }
    }
    atRisk.sort((a, b) -> Double.compare(b.daysAtStake(), a.daysAtStake()));
    return atRisk;
  }

  /** The accuracy of the forecast over the launched programmes the official may see. */
  public Backtest.Result backtest() {
    List<ProgrammeReport> all = reports.programmes(Filter.ALL);
    Map<String, Map<String, Object>> variables = variables(all);
    return Backtest.run(all, forecaster(), p -> startYear(variables.get(p.processInstanceId())));
  }

  private Optional<ProgrammeForecast> one(Predicate<ProgrammeReport> which) {
    List<ProgrammeReport> all = reports.programmes(Filter.ALL);
    Optional<ProgrammeReport> programme = all.stream().filter(which).findFirst();
    if (programme.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(forecast(forecaster(), programme.get(), all, variables(all), now()));
  }

  private ProgrammeForecast forecast(Forecaster forecaster, ProgrammeReport programme, List<ProgrammeReport> all,
      Map<String, Map<String, Object>> variables, OffsetDateTime now) {
    Map<String, Object> own = variables.getOrDefault(programme.processInstanceId(), Map.of());
    Object cabinet = own.get(CABINET_RESOLUTION_REQUIRED);
    List<String> holders = programme.ended() == null ? holders(programme) : List.of();
    return forecaster.forecast(programme, new Forecaster.Inputs(cabinet instanceof Boolean b ? b : null,
        startYear(own), holders), StageHistory.of(all.stream().filter(p -> p != programme).toList()), now);
  }

  private Forecaster forecaster() {
    PipelineStages.Resolver stages = pipelineStages.resolver();
    return new Forecaster(settings, stages::label);
  }

  private static OffsetDateTime now() {
    return Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).atZone(SEOUL).toOffsetDateTime();
  }

  private static Integer startYear(Map<String, Object> variables) {
    Object year = variables == null ? null : variables.get(START_YEAR);
    return year instanceof Number n ? n.intValue() : null;
  }

  /** The candidate groups (or assignees) of the programme's open tasks, its R&amp;D tasks' kickoffs included. */
  private List<String> holders(ProgrammeReport programme) {
    List<Task> open = new ArrayList<>(taskService.createTaskQuery().processInstanceId(programme.processInstanceId())
        .list());
    if (programme.programme() != null) {
      open.addAll(taskService.createTaskQuery().processInstanceBusinessKeyLike(programme.programme() + "/%").list());
    }
    TreeSet<String> holders = new TreeSet<>();
    for (Task task : open) {
      for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
          holders.add(link.getGroupId());
        }
      }
    }
    return List.copyOf(holders);
  }

  private Map<String, Map<String, Object>> variables(List<ProgrammeReport> programmes) {
    Map<String, Map<String, Object>> byProgramme = new HashMap<>();
    List<String> ids = programmes.stream().map(ProgrammeReport::processInstanceId).toList();
    for (int i = 0; i < ids.size(); i += BATCH) {
      for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(ids.subList(i, Math.min(ids.size(), i + BATCH)).toArray(String[]::new))
          .variableNameIn(START_YEAR, CABINET_RESOLUTION_REQUIRED).disableBinaryFetching()
          .disableCustomObjectDeserialization().list()) {
        if (variable.getValue() != null) {
          byProgramme.computeIfAbsent(variable.getProcessInstanceId(), p -> new HashMap<>())
              .put(variable.getVariableName(), variable.getValue());
        }
      }
    }
    return byProgramme;
  }
}
