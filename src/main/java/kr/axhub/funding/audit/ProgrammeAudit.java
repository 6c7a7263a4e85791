package kr.axhub.funding.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.axhub.funding.pipeline.PipelineElements;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

/**
 * Who completed which task of a programme, when, and what they decided — the programme's own R&D task kickoffs
 * included — from Camunda's user operation log and variable history. Queries run as the calling official, so a
 * programme of a region they do not belong to is simply not found.
 */
@Service
public class ProgrammeAudit {

  /** One completed task: who, when, and the values the completion submitted. */
  public record Completion(String programme, String taskId, String taskKey, String taskName, String completedBy,
      Date completedAt, Map<String, Object> submitted) {}

  private final HistoryService historyService;

  public ProgrammeAudit(HistoryService historyService) {
    this.historyService = historyService;
  }

  public Optional<List<Completion>> completions(String programmeCode) {
    HistoricProcessInstance programme = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PipelineElements.PROCESS_KEY)
        .processInstanceBusinessKey(programmeCode)
        .singleResult();
    if (programme == null) {
      return Optional.empty();
    }
    List<HistoricProcessInstance> instances = new ArrayList<>(List.of(programme));
    instances.addAll(historyService.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(programme.getId()).list());
    List<Completion> completions = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      completions.addAll(completionsOf(instance));
    }
    completions.sort(Comparator.comparing(Completion::completedAt));
    return Optional.of(completions);
  }

  private List<Completion> completionsOf(HistoricProcessInstance instance) {
    Map<String, UserOperationLogEntry> byOperation = new LinkedHashMap<>();
    for (UserOperationLogEntry entry : historyService.createUserOperationLogQuery()
        .processInstanceId(instance.getId())
        .entityType(EntityTypes.TASK)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .list()) {
      byOperation.putIfAbsent(entry.getOperationId(), entry);
    }
    List<Completion> completions = new ArrayList<>();
    for (UserOperationLogEntry entry : byOperation.values()) {
      HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(entry.getTaskId())
          .singleResult();
      Map<String, Object> submitted = new LinkedHashMap<>();
      for (HistoricDetail detail : historyService.createHistoricDetailQuery()
          .processInstanceId(instance.getId())
          .userOperationId(entry.getOperationId())
          .variableUpdates()
          .list()) {
        HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
        submitted.put(update.getVariableName(), printable(update.getValue()));
      }
      completions.add(new Completion(instance.getBusinessKey(), entry.getTaskId(),
          task == null ? null : task.getTaskDefinitionKey(), task == null ? null : task.getName(),
          entry.getUserId(), entry.getTimestamp(), submitted));
    }
    return completions;
  }

  /** JSON values (lists from forms) are shown as their text. */
  private static Object printable(Object value) {
    return value == null || value instanceof Number || value instanceof Boolean || value instanceof String
        || value instanceof Date ? value : value.toString();
  }
}
