package kr.axhub.funding.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import kr.axhub.funding.identity.ExclusiveSetup;
import kr.axhub.funding.identity.IdentitySetup;
import kr.axhub.funding.pipeline.PipelineElements;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * demo officials, earlier finished programmes and the four regions' programmes, each replayed on its real days to
 * the stage it stands at. A programme that already exists is left alone, so restarts never duplicate anything.
 */
@Component
@Profile("default")
class DemoDataSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(DemoDataSeeder.class);
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private final ProcessEngine engine;
  private final PlatformTransactionManager transactions;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ManagementService managementService;

  DemoDataSeeder(ProcessEngine engine, PlatformTransactionManager transactions, IdentityService identityService,
      RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
      ManagementService managementService) {
    this.engine = engine;
    this.transactions = transactions;
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.managementService = managementService;
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

  /**
   * Replays the programme on its own days: the engine's clock stands at 10:00 Seoul time of each step's day while the
   * step is taken, so the history has the durations the programme really had, and is back at the real time
   * afterwards, however the replay ends. The deadlines of the tasks the programme now waits at then run from today
   * ({@link DemoDeadlines}): a demo created today has no task overdue for years.
   */
  private void replay(DemoProgramme programme) {
    String region = (String) programme.proposal().get(PipelineElements.REGION);
    Instant lastStep = at(programme.proposed());
    try {
      ClockUtil.setCurrentTime(Date.from(lastStep));
      actAs(region + "-planner");
      String instanceId = runtimeService
          .startProcessInstanceByKey(PipelineElements.PROCESS_KEY, programme.code(), programme.proposal())
          .getId();
      for (DemoProgramme.Step step : programme.steps()) {
        lastStep = at(step.on());
        ClockUtil.setCurrentTime(Date.from(lastStep));
        // Looked up as the system: the official of the step need not see the R&D task's kickoff before claiming.
        identityService.clearAuthentication();
        String processInstanceId = step.rndTask() == null ? instanceId : runtimeService.createProcessInstanceQuery()
            .processInstanceBusinessKey(programme.code() + "/" + step.rndTask()).singleResult().getId();
        if (step.isJob()) {
          Job job = managementService.createJobQuery().processInstanceId(processInstanceId)
              .activityId(step.activity()).singleResult();
          if (job == null) {
            throw new IllegalStateException("Demo programme " + programme.code() + " has no job at " + step.activity());
          }
          managementService.executeJob(job.getId());
          continue;
        }
        Task task = taskService.createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(step.activity())
            .singleResult();
        if (task == null) {
          throw new IllegalStateException("Demo programme " + programme.code() + " has no task " + step.activity()
              + " for " + step.official());
        }
        actAs(step.official());
        taskService.claim(task.getId(), step.official());
        taskService.complete(task.getId(), step.variables());
      }
    } finally {
      identityService.clearAuthentication();
      ClockUtil.reset();
    }
    DemoDeadlines.fromToday(engine, programme.code(), lastStep);
  }

  private static Instant at(LocalDate day) {
    return day.atTime(10, 0).atZone(SEOUL).toInstant();
  }
}
