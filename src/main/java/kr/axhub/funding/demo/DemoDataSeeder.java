package kr.axhub.funding.demo;

import kr.axhub.funding.identity.ExclusiveSetup;
import kr.axhub.funding.identity.IdentitySetup;
import kr.axhub.funding.pipeline.PipelineElements;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Demo data of the embedded default (Spring's {@code default} profile only, i.e. when no profile is active): the
 * demo officials and the four regions' programmes, each replayed to the stage it stands at. A programme that
 * already exists is left alone, so restarts never duplicate anything.
 */
@Component
@Profile("default")
class DemoDataSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(DemoDataSeeder.class);

  private final ProcessEngine engine;
  private final PlatformTransactionManager transactions;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;

  DemoDataSeeder(ProcessEngine engine, PlatformTransactionManager transactions, IdentityService identityService,
      RuntimeService runtimeService, TaskService taskService, HistoryService historyService) {
    this.engine = engine;
    this.transactions = transactions;
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(IdentitySetup.ORDER + 1)
  public void seed() {
    ExclusiveSetup.run(engine, transactions, () -> {
      DemoOfficials.create(identityService);
      for (DemoProgramme programme : DemoProgrammes.all()) {
        if (!exists(programme.code())) {
          replay(programme);
          LOG.info("Demo programme {} created", programme.code());
        }
      }
    });
  }

  /** Each demo decision is taken as its official, with their groups and regions, so the audit names them. */
  private void actAs(String userId) {
    // Looked up as the system: the previous official may not read other users' groups.
    identityService.clearAuthentication();
    identityService.setAuthentication(userId,
        identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
        identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
            .map(Tenant::getId).toList());
  }

  private boolean exists(String code) {
    return historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PipelineElements.PROCESS_KEY)
        .processInstanceBusinessKey(code)
        .count() > 0;
  }

  private void replay(DemoProgramme programme) {
    String region = (String) programme.proposal().get(PipelineElements.REGION);
    try {
      actAs(region + "-planner");
      String instanceId = runtimeService
          .startProcessInstanceByKey(PipelineElements.PROCESS_KEY, programme.code(), programme.proposal())
          .getId();
      for (DemoProgramme.Step step : programme.steps()) {
        actAs(step.official());
        Task task = taskService.createTaskQuery()
            .processInstanceId(instanceId)
            .taskDefinitionKey(step.taskKey())
            .singleResult();
        if (task == null) {
          throw new IllegalStateException("Demo programme " + programme.code() + " has no task " + step.taskKey()
              + " for " + step.official());
        }
        taskService.claim(task.getId(), step.official());
        taskService.complete(task.getId(), step.variables());
      }
    } finally {
      identityService.clearAuthentication();
    }
  }
}
