package kr.axhub.funding.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Attaches the notifications to every deployed model as built-in listeners: task notifications on every user task
 * ({@code create}, {@code assignment}) and outcome notices where the element declares them
 * ({@link OutcomeNotices#rulesDeclaredOn}). Registered as a
 * post-parse listener so it runs after the input validation: a refused completion records nothing.
 *
 * <p>A notification must never cost an official a completion: a failure to record one is logged and swallowed.
 * The record itself joins the engine's transaction, so it still rolls back with a failing command.
 */
@Component
public class NotificationPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationPlugin.class);

  private final TaskNotifications tasks;
  private final OutcomeNotices outcomes;

  public NotificationPlugin(TaskNotifications tasks, OutcomeNotices outcomes) {
    this.tasks = tasks;
    this.outcomes = outcomes;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(parseListener());
  }

  private BpmnParseListener parseListener() {
    TaskListener onCreate = task -> guarded("task created", task, () -> tasks.taskCreated(task));
    TaskListener onAssignment = task -> guarded("task assigned", task, () -> tasks.taskAssigned(task));
    return new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var taskDefinition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, onAssignment);
        attachOutcomes(element, activity, false);
      }

      @Override
      public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        attachOutcomes(element, activity, true);
      }

      @Override
      public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attachOutcomes(element, activity, false);
      }

      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attachOutcomes(element, activity, false);
      }
    };
  }

  private void attachOutcomes(Element element, ActivityImpl activity, boolean endEvent) {
    List<OutcomeNotices.Rule> declared = OutcomeNotices.rulesDeclaredOn(element, activity.getId(), endEvent);
    for (String event : List.of(ExecutionListener.EVENTNAME_START, ExecutionListener.EVENTNAME_END)) {
      List<OutcomeNotices.Rule> rules = declared.stream().filter(rule -> rule.event().equals(event)).toList();
      if (!rules.isEmpty()) {
        activity.addBuiltInListener(event, (ExecutionListener) execution ->
            guarded("outcome", execution, () -> outcomes.announce(execution, rules)));
      }
    }
  }

  private static void guarded(String what, Object source, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      String where = source instanceof DelegateTask task ? "task " + task.getId()
          : source instanceof DelegateExecution execution ? "execution " + execution.getId() : String.valueOf(source);
      LOG.error("Notification ({}) for {} could not be recorded; the official's action goes on", what, where, e);
    }
  }
}
