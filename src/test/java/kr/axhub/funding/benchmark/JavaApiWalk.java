package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import kr.axhub.funding.postgres.ProgrammeWalk;
import kr.axhub.funding.postgres.ProgrammeWalk.Step;
import kr.axhub.funding.support.EngineRest.JsonValue;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Takes the steps of a {@link ProgrammeWalk} through the engine's Java API: a start, each task completed (or its
 * form submitted) with the variables its form submits, and each job (the asynchronous Assembly report, the call and
 * objection timers) executed by hand. With {@code asOfficials} every call runs as the task's official, with their
 * groups and region tenants, so authorization and tenant checks apply as in Tasklist; on the bare engine nobody is
 * authenticated. Thread-safe: each thread walks its own programmes.
 */
final class JavaApiWalk {

  private record Authentication(List<String> groups, List<String> tenants) {}

  private final ProcessEngine engine;
  private final boolean asOfficials;
  private final Map<String, Authentication> authentications = new ConcurrentHashMap<>();
  /** Statements per step ("COMPLETE elementId"), summed over the programmes walked while {@link #recording}. */
  private final Map<String, LongAdder> stepStatements = new ConcurrentHashMap<>();
  private volatile boolean recording;
  private volatile long paceMillis;

  JavaApiWalk(ProcessEngine engine, boolean asOfficials) {
    this.engine = engine;
    this.asOfficials = asOfficials;
  }

  /** Waits this long before each step, as an official reading a form does; 0 (the default) for none. */
  void pace(long millis) {
    paceMillis = millis;
  }

  /** Walks the programme from its proposal to "programme launched". */
  void walk(ProgrammeWalk programme) {
    walk(programme, () -> {});
  }

  /** The same, telling {@code afterStep} of each step taken. */
  void walk(ProgrammeWalk programme, Runnable afterStep) {
    Map<String, String> instances = new HashMap<>();
    for (Step step : programme.steps()) {
      pause();
      if (!recording) {
        take(step, instances);
        afterStep.run();
        continue;
      }
      String label = step.kind() + " " + step.elementId();
      StatementCounter.label(label);
      long before = StatementCounter.count();
      try {
        take(step, instances);
      } finally {
        StatementCounter.label(null);
      }
      stepStatements.computeIfAbsent(label, key -> new LongAdder()).add(StatementCounter.count() - before);
      afterStep.run();
    }
  }

  private void pause() {
    if (paceMillis <= 0) {
      return;
    }
    try {
      Thread.sleep(paceMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while pacing a programme", e);
    }
  }

  /**
   * Starts (or stops) collecting statements per step and by statement text; the counts start from zero. Only
   * meaningful when the engine's database is {@linkplain Databases.Database#counted() counted}.
   */
  void record(boolean on) {
    stepStatements.clear();
    StatementCounter.clearTexts();
    recording = on;
  }

  /** Statements per step, summed over the programmes walked while recording. */
  Map<String, Long> stepStatements() {
    Map<String, Long> sums = new LinkedHashMap<>();
    stepStatements.forEach((step, sum) -> sums.put(step, sum.sum()));
    return sums;
  }

  private void take(Step step, Map<String, String> instances) {
    switch (step.kind()) {
      case START -> as(step.official(), () -> {
        ProcessInstance started = engine.getRuntimeService()
            .startProcessInstanceByKey(PROCESS_KEY, step.businessKey(), variables(step.variables()));
        instances.put(step.businessKey(), started.getId());
      });
      case COMPLETE, SUBMIT_FORM -> {
        String instance = instance(step.businessKey(), instances);
        as(step.official(), () -> completeTask(step, instance));
      }
      case JOB -> {
        Job job = engine.getManagementService().createJobQuery()
            .processInstanceId(instance(step.businessKey(), instances)).activityId(step.elementId()).singleResult();
        if (job == null) {
          throw new IllegalStateException("No job for " + step);
        }
        engine.getManagementService().executeJob(job.getId());
      }
    }
  }

  /** The official finds the task in their list, as in Tasklist, and completes it. */
  private void completeTask(Step step, String instance) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(step.elementId()).singleResult();
    if (task == null) {
      throw new IllegalStateException("No open task for " + step);
    }
    if (step.kind() == ProgrammeWalk.Kind.COMPLETE) {
      engine.getTaskService().complete(task.getId(), variables(step.variables()));
    } else {
      engine.getFormService().submitTaskForm(task.getId(), variables(step.variables()));
    }
  }

  /**
   * A kickoff's instance is found once by its business key ({@code <programme code>/<R&D task code>}), outside any
   * official's authentication: who may read which process instance is not what is measured.
   */
  private String instance(String businessKey, Map<String, String> instances) {
    return instances.computeIfAbsent(businessKey, key -> {
      ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(key).singleResult();
      if (instance == null) {
        throw new IllegalStateException("No running process with business key " + key);
      }
      return instance.getId();
    });
  }

  private void as(String official, Runnable action) {
    if (!asOfficials) {
      action.run();
      return;
    }
    IdentityService identity = engine.getIdentityService();
    Authentication authentication = authentications.computeIfAbsent(official, user -> new Authentication(
        identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList(),
        identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
            .map(Tenant::getId).toList()));
    identity.setAuthentication(official, authentication.groups(), authentication.tenants());
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Form-submitted JSON (lists) arrive as Spin JSON values, as Tasklist's submissions do. */
  static Map<String, Object> variables(Map<String, Object> submitted) {
    Map<String, Object> variables = new LinkedHashMap<>();
    submitted.forEach((name, value) -> variables.put(name,
        value instanceof JsonValue json ? SpinValues.jsonValue(json.json()).create() : value));
    return variables;
  }
}
