package kr.axhub.funding.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Server-side validation of every user task completion and every process start, with the rules of the element's
 * own deployed Camunda Form plus the {@link DomainRule}s that apply to it. A refusal throws
 * {@link InputRefusedException} inside the engine's transaction: nothing is stored and the task stays open. It runs
 * as an execution listener, not a task listener, because the engine wraps task listener exceptions and the REST API
 * would then answer a plain input mistake with 500 instead of 400.
 *
 * <p>It also empties a deciding task's inputs when the task is created ({@link ReviewRound}), so that a task visited
 * again in a loop never completes with the decision or the reason of the previous visit.
 */
@Component
public class InputValidation {

  private static final Logger LOG = LoggerFactory.getLogger(InputValidation.class);

  private final List<DomainRule> rules;
  private final DeployedForms forms = new DeployedForms();
  private final FormConditions conditions = new FormConditions();

  public InputValidation(List<DomainRule> rules) {
    this.rules = List.copyOf(rules);
  }

  void beginRound(DelegateTask task) {
    FormSchema form = formOf(task);
    if (form != null) {
      ReviewRound.begin(form, task.getExecution());
    }
  }

  /**
   * Runs when a user task's activity ends: after the official's variables are set, before anything moves on. An
   * activity ended by cancellation (an interrupting event, a deleted instance) has nothing to validate.
   */
  void validateCompletion(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    UserTask userTask = (UserTask) execution.getBpmnModelElementInstance();
    FormSchema form = userTask.getCamundaFormRef() == null ? null
        : forms.find(deploymentOf(execution), userTask.getCamundaFormRef());
    Map<String, Object> variables = new ScopeVariables(execution);
    Map<String, Object> normalised = validate(userTask.getId(), form, variables,
        "'" + userTask.getName() + "' (" + userTask.getId() + ")");
    normalised.forEach(execution::setVariable);
  }

  void validateStart(DelegateExecution execution) {
    StartEvent start = (StartEvent) execution.getBpmnModelElementInstance();
    FormSchema form = start.getCamundaFormRef() == null ? null
        : forms.find(deploymentOf(execution), start.getCamundaFormRef());
    Map<String, Object> variables = new ScopeVariables(execution);
    Map<String, Object> normalised = validate(start.getId(), form, variables,
        "process start '" + start.getName() + "' (" + start.getId() + ")");
    normalised.forEach(execution::setVariable);
  }

  private Map<String, Object> validate(String elementId, FormSchema form, Map<String, Object> variables,
      String what) {
    List<Violation> violations = new ArrayList<>();
    Map<String, Object> normalised = Map.of();
    if (form != null) {
      FormInputValidator.Outcome outcome = FormInputValidator.validate(form.fields(), variables,
          expression -> conditions.hides(expression, variables));
      violations.addAll(outcome.violations());
      normalised = outcome.normalised();
      variables.putAll(normalised);
    }
    if (violations.isEmpty()) {
      for (DomainRule rule : rules) {
        if (rule.appliesTo(elementId)) {
          violations.addAll(rule.check(variables));
        }
      }
    }
    if (!violations.isEmpty()) {
      InputRefusedException refusal = new InputRefusedException(what, violations);
      LOG.info(refusal.getMessage());
      throw refusal;
    }
    return normalised;
  }

  /**
   * Before an official's completion or form submission of this task is applied: refuses every submitted variable
   * the task's form does not let them set now ({@link EditableInput}) and returns the unchanged ones, which the
   * caller leaves out so that the stored values keep their own type.
   */
  public Set<String> checkOfficialInput(TaskEntity task, Map<String, Object> submitted) {
    return checkOfficialInput(formOf(task), submitted, new ScopeVariables(task),
        "'" + task.getName() + "' (" + task.getTaskDefinitionKey() + ")");
  }

  /** The same for an official starting a process: a new instance has nothing stored yet. */
  public Set<String> checkOfficialStart(ProcessDefinitionEntity definition, Map<String, Object> submitted) {
    BpmnModelInstance model = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(definition);
    StartEvent start = model.getModelElementById(definition.getInitial().getId());
    FormSchema form = start.getCamundaFormRef() == null ? null
        : forms.find(definition.getDeploymentId(), start.getCamundaFormRef());
    return checkOfficialInput(form, submitted, Map.of(), "process start '" + start.getName() + "' ("
        + start.getId() + ")");
  }

  private Set<String> checkOfficialInput(FormSchema form, Map<String, Object> submitted, Map<String, Object> stored,
      String what) {
    EditableInput.Outcome outcome = EditableInput.check(form, submitted, stored, conditions::hides);
    if (!outcome.refused().isEmpty()) {
      InputRefusedException refusal = new InputRefusedException(what, outcome.refused());
      LOG.info(refusal.getMessage());
      throw refusal;
    }
    return outcome.unchanged();
  }

  private FormSchema formOf(DelegateTask task) {
    UserTask userTask = (UserTask) task.getBpmnModelElementInstance();
    if (userTask == null || userTask.getCamundaFormRef() == null || task.getExecution() == null) {
      return null;
    }
    return forms.find(deploymentOf(task.getExecution()), userTask.getCamundaFormRef());
  }

  private static String deploymentOf(DelegateExecution execution) {
    return ((ExecutionEntity) execution).getProcessDefinition().getDeploymentId();
  }
}
