package kr.axhub.funding.deadline;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationType;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model its deadline, once for all: the task's due date and a timeout timer at that
 * moment, both from {@link Deadlines} (configuration {@code axhub.deadlines}). When the timer fires,
 * {@link RecordMissedDeadlineListener} marks the task overdue; the task stays with its official.
 *
 * <p>The models therefore carry no deadline of their own — no boundary timer or due-date expression pasted onto each
 * task — and a task added in the Modeler has its deadline without anyone remembering it. A task that declares its own
 * {@code camunda:dueDate} keeps its own deadline handling: model versions deployed before this plugin carry a due-date
 * expression and a boundary timer per task, and their running instances go on with those until they are migrated.
 * The timer is Camunda's timeout task listener
 * (job type {@value TimerTaskListenerJobHandler#TYPE}), declared here as the engine declares one parsed from XML;
 * process-instance migration creates it for a task that moves from a version without it.
 */
@Component
public class DeadlinePlugin extends AbstractProcessEnginePlugin {

  /** The timeout listener's id: part of each timer job's configuration, so it must stay stable across versions. */
  static final String LISTENER_ID = "deadline";
  static final String TIMER_CONFIGURATION_SUFFIX =
      TimerEventJobHandler.JOB_HANDLER_CONFIG_TASK_LISTENER_PREFIX + LISTENER_ID;
  static final String DUE_DATE = "${deadlines.dueDate(execution)}";
  static final String TIMER = "${deadlines.deadline(execution)}";

  private final RecordMissedDeadlineListener recordMissedDeadline;

  public DeadlinePlugin(RecordMissedDeadlineListener recordMissedDeadline) {
    this.recordMissedDeadline = recordMissedDeadline;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setBpmnParseFactory(parser -> new DeadlineParse(parser, recordMissedDeadline));
  }

  /** The engine's own parse, with the deadline added where the task listeners of a user task are parsed. */
  static final class DeadlineParse extends BpmnParse {

    private final RecordMissedDeadlineListener recordMissedDeadline;

    DeadlineParse(BpmnParser parser, RecordMissedDeadlineListener recordMissedDeadline) {
      super(parser);
      this.recordMissedDeadline = recordMissedDeadline;
    }

    @Override
    protected void parseTaskListeners(Element userTask, ActivityImpl activity, TaskDefinition task) {
      super.parseTaskListeners(userTask, activity, task);
      // The task definition's own due date is parsed after its listeners: read the attribute.
      if (userTask.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate") != null
          || task.getTimeoutTaskListener(LISTENER_ID) != null) {
        return;
      }
      task.setDueDateExpression(expressionManager.createExpression(DUE_DATE));
      // As for a timeout listener in XML: the task becomes its timer's scope.
      activity.setScope(true);
      activity.setEventScope(activity);
      Expression at = expressionManager.createExpression(TIMER);
      TimerDeclarationImpl timer = new TimerDeclarationImpl(at, TimerDeclarationType.DATE,
          TimerTaskListenerJobHandler.TYPE);
      timer.setRawJobHandlerConfiguration(activity.getId() + TimerEventJobHandler.JOB_HANDLER_CONFIG_PROPERTY_DELIMITER
          + TIMER_CONFIGURATION_SUFFIX);
      timer.setExclusive(true);
      timer.setActivity(activity);
      timer.setJobConfiguration(TimerDeclarationType.DATE + ": " + TIMER);
      addJobDeclarationToProcessDefinition(timer, (ProcessDefinitionEntity) activity.getProcessDefinition());
      addTimerListenerDeclaration(LISTENER_ID, activity, timer);
      task.addTimeoutTaskListener(LISTENER_ID, recordMissedDeadline);
    }
  }
}
