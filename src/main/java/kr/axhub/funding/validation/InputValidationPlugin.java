package kr.axhub.funding.validation;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link InputValidation} to every user task and every process-level start event of every deployed model,
 * as built-in listeners: no model can forget it and no API call can skip it.
 */
@Component
public class InputValidationPlugin extends AbstractProcessEnginePlugin {

  private final InputValidation validation;

  public InputValidationPlugin(InputValidation validation) {
    this.validation = validation;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(parseListener());
  }

  private BpmnParseListener parseListener() {
    TaskListener onCreate = validation::beginRound;
    ExecutionListener onComplete = validation::validateCompletion;
    ExecutionListener onStart = validation::validateStart;
    ExecutionListener programmeCodeKey = new ProgrammeCodeKey();
    return new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var taskDefinition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, onComplete);
      }

      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (scope instanceof ProcessDefinitionEntity) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, programmeCodeKey);
        }
      }
    };
  }
}
