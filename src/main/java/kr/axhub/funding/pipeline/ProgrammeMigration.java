package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.kickoff.KickoffElements;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves running programmes started on an older version of {@code ax-funding-pipeline}, and running R&amp;D task
 * kickoffs of an older {@code rnd-task-kickoff}, to the newest version at start-up, so every programme and every task
 * shows on today's map of stages. Element ids are kept across versions, so each place a programme
 * can wait (a user task with its deadline timer, a timer, the asynchronous Assembly report, the kickoff of the R&amp;D
 * tasks) is mapped to the element of the same id; Camunda creates the stage sub-process around it. Timers keep their
 * due dates (no {@code updateEventTrigger}): a deadline the official was given does not move because the map did.
 *
 * <p>Idempotent: a programme on the newest version is not touched, so a restart does nothing. Each programme moves
 * in its own transaction; one that the engine refuses to move stays on its version, logged, and finishes there —
 * every version stays deployed, and reports read its history through the element ids.
 */
@Component
class ProgrammeMigration {

  private static final Logger LOG = LoggerFactory.getLogger(ProgrammeMigration.class);
  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;

  ProgrammeMigration(RepositoryService repositoryService, RuntimeService runtimeService) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
  }

  /** Before the demo data, which only starts programmes that do not exist yet. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(-1)
  public void migrateRunningProgrammes() {
    for (String key : List.of(PROCESS_KEY, KickoffElements.PROCESS_KEY)) {
      migrateRunningInstances(key);
    }
  }

  private void migrateRunningInstances(String key) {
    List<ProcessDefinition> versions = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(key).orderByProcessDefinitionVersion().desc().list();
    if (versions.size() < 2) {
      return;
    }
    ProcessDefinition newest = versions.get(0);
    for (ProcessDefinition older : versions.subList(1, versions.size())) {
      List<String> running = runtimeService.createProcessInstanceQuery().processDefinitionId(older.getId()).list()
          .stream().map(ProcessInstance::getId).toList();
      if (!running.isEmpty()) {
        migrate(older, newest, running);
      }
    }
  }

  private void migrate(ProcessDefinition older, ProcessDefinition newest, List<String> running) {
    MigrationPlan plan;
    try {
      plan = plan(older, newest);
    } catch (ProcessEngineException e) {
      LOG.error("Programmes of {} version {} cannot move to version {} and finish on their version: {}",
          older.getKey(), older.getVersion(), newest.getVersion(), e.getMessage());
      return;
    }
    int moved = 0;
    for (String id : running) {
      try {
        runtimeService.newMigration(plan).processInstanceIds(id).skipCustomListeners().skipIoMappings().execute();
        moved++;
      } catch (ProcessEngineException e) {
        LOG.error("Instance {} stays on {} version {} and finishes there: {}", id, older.getKey(),
            older.getVersion(), e.getMessage());
      }
    }
    LOG.info("{} of {} running instances moved from {} version {} to version {}", moved, running.size(),
        older.getKey(), older.getVersion(), newest.getVersion());
  }

  /** Every wait state of the older version that the newest has under the same id and of the same kind. */
  MigrationPlan plan(ProcessDefinition older, ProcessDefinition newest) {
    Map<String, FlowNode> target = new HashMap<>();
    repositoryService.getBpmnModelInstance(newest.getId()).getModelElementsByType(FlowNode.class)
        .forEach(node -> target.put(node.getId(), node));
    MigrationPlanBuilder plan = runtimeService.createMigrationPlan(older.getId(), newest.getId());
    for (String id : waitStates(repositoryService.getBpmnModelInstance(older.getId()), target)) {
      plan.mapActivities(id, id);
    }
    return plan.build();
  }

  private static List<String> waitStates(BpmnModelInstance source, Map<String, FlowNode> target) {
    List<String> ids = new ArrayList<>();
    for (FlowNode node : source.getModelElementsByType(FlowNode.class)) {
      FlowNode counterpart = target.get(node.getId());
      if (!isWaitState(node) || counterpart == null
          || !counterpart.getElementType().equals(node.getElementType())) {
        continue;
      }
      if (node instanceof CallActivity call
          && call.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics) {
        ids.add(node.getId() + MULTI_INSTANCE_BODY);
      }
      ids.add(node.getId());
    }
    return ids;
  }

  private static boolean isWaitState(FlowNode node) {
    return node instanceof UserTask || node instanceof BoundaryEvent || node instanceof IntermediateCatchEvent
        || node instanceof EventBasedGateway || node instanceof CallActivity || node instanceof ServiceTask;
  }
}
