package kr.axhub.funding.reporting;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * The stage contract as the model declares it: an element belongs to the stage of the sub-process that encloses it
 * (extension property {@code stage}), and a deciding element names the variable that carries its decision
 * (property {@code outcomeVariable}). Read once per deployed version of {@code ax-funding-pipeline}.
 *
 * <p>Element ids are kept across versions, so an element of an older version that has no stage there (the flat
 * model before the stages were sub-processes) takes its stage from the newest version: the history of a programme
 * started before the restructuring still shows under the right stages.
 */
@Component
public class PipelineStages {

  static final String STAGE_PROPERTY = "stage";
  static final String OUTCOME_VARIABLE_PROPERTY = "outcomeVariable";
  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  /** What one version of the model declares. */
  record Contract(Map<String, Stage> stageOf, Map<String, String> outcomeVariableOf, Map<Stage, String> labels) {}

  private final RepositoryService repositoryService;
  private final ProcessEngineConfigurationImpl configuration;
  private final Map<String, Contract> byDefinition = new ConcurrentHashMap<>();

  public PipelineStages(RepositoryService repositoryService, ProcessEngineConfigurationImpl configuration) {
    this.repositoryService = repositoryService;
    this.configuration = configuration;
  }

  /** The stage contract for one report: the newest version is looked up once. */
  public Resolver resolver() {
    List<ProcessDefinition> newest = withoutAuthorization(() -> repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS_KEY).orderByProcessDefinitionVersion().desc().listPage(0, 1));
    return new Resolver(newest.isEmpty() ? new Contract(Map.of(), Map.of(), Map.of())
        : contract(newest.get(0).getId()));
  }

  /** Answers for one report. */
  public final class Resolver {

    private final Contract latest;

    private Resolver(Contract latest) {
      this.latest = latest;
    }

    public Optional<Stage> stageOf(String processDefinitionId, String activityId) {
      String id = elementId(activityId);
      Stage stage = contract(processDefinitionId).stageOf().get(id);
      return Optional.ofNullable(stage != null ? stage : latest.stageOf().get(id));
    }

    public Optional<String> outcomeVariableOf(String processDefinitionId, String activityId) {
      String id = elementId(activityId);
      String variable = contract(processDefinitionId).outcomeVariableOf().get(id);
      return Optional.ofNullable(variable != null ? variable : latest.outcomeVariableOf().get(id));
    }

    /** Every variable some element of these versions (or the newest) decides with. */
    public Set<String> outcomeVariables(Collection<String> processDefinitionIds) {
      Set<String> variables = new HashSet<>(latest.outcomeVariableOf().values());
      processDefinitionIds.forEach(id -> variables.addAll(contract(id).outcomeVariableOf().values()));
      return variables;
    }

    /** The stage's name as the newest model gives it, e.g. "사업 제안 (Proposal)". */
    public String label(Stage stage) {
      return latest.labels().getOrDefault(stage, stage.name());
    }
  }

  private static String elementId(String activityId) {
    return activityId.endsWith(MULTI_INSTANCE_BODY)
        ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length()) : activityId;
  }

  private Contract contract(String processDefinitionId) {
    return byDefinition.computeIfAbsent(processDefinitionId,
        id -> read(withoutAuthorization(() -> repositoryService.getBpmnModelInstance(id))));
  }

  /** Reports run as the official, who may see a programme without the right to read its model's XML. */
  private <T> T withoutAuthorization(Supplier<T> read) {
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      context.disableAuthorizationCheck();
      try {
        return read.get();
      } finally {
        context.enableAuthorizationCheck();
      }
    });
  }

  static Contract read(BpmnModelInstance model) {
    Map<String, Stage> stageOf = new HashMap<>();
    Map<String, String> outcomeVariableOf = new HashMap<>();
    Map<Stage, String> labels = new EnumMap<>(Stage.class);
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      property(node, OUTCOME_VARIABLE_PROPERTY).ifPresent(v -> outcomeVariableOf.put(node.getId(), v));
      Optional<SubProcess> stageProcess = enclosingStage(node);
      if (stageProcess.isPresent()) {
        Stage stage = Stage.valueOf(property(stageProcess.get(), STAGE_PROPERTY).orElseThrow());
        stageOf.put(node.getId(), stage);
        if (stageProcess.get() == node) {
          labels.put(stage, node.getName());
        }
      }
    }
    return new Contract(Map.copyOf(stageOf), Map.copyOf(outcomeVariableOf), labels);
  }

  /** The element itself when it is a stage, else the nearest stage around it. */
  private static Optional<SubProcess> enclosingStage(ModelElementInstance element) {
    for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
      if (at instanceof SubProcess subProcess && property(subProcess, STAGE_PROPERTY).isPresent()) {
        return Optional.of(subProcess);
      }
    }
    return Optional.empty();
  }

  static Optional<String> property(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return Optional.empty();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream())
        .filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst();
  }
}
