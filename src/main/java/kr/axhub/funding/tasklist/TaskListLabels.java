package kr.axhub.funding.tasklist;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives every user task the words Tasklist shows under it in an official's list (the shared filters name these
 * variables): the programme's code and name, and the R&amp;D task's code and title for a kickoff, so two tasks of
 * the same name in different programmes can be told apart. They are the task's own variables because Tasklist may
 * show an official the variables of a task the official may work on, not those of the whole programme.
 *
 * <p>The labels are copies of the programme's variables made for display and go with their task, so they leave no
 * history: the audit and full history levels are Camunda's own, less the variable history of a task's labels
 * (which would otherwise be a historic variable row and a detail row per label and task).
 */
@Component
public class TaskListLabels extends AbstractProcessEnginePlugin {

  /** Task variable with "AX-DAEGU-2026 · 지역거점 AX 혁신 기술개발사업 (…)". */
  public static final String PROGRAMME = "listProgramme";
  /** Task variable with "DG-ROBOT-SM · 완전자율 로봇 표준모델 (…)" on the tasks of an R&amp;D task's kickoff. */
  public static final String RND_TASK = "listRndTask";

  private static final Set<String> LABELS = Set.of(PROGRAMME, RND_TASK);

  /** A task's variable store, which the engine keeps to itself; null where it cannot be reached. */
  private static final VarHandle VARIABLE_STORE = variableStore();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // The engine takes the last level of the configured name, and custom levels come after its own.
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new WithoutLabels(HistoryLevel.HISTORY_LEVEL_AUDIT));
    levels.add(new WithoutLabels(HistoryLevel.HISTORY_LEVEL_FULL));
    configuration.setCustomHistoryLevels(levels);
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskListener label = TaskListLabels::label;
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, label);
      }
    });
  }

  static void label(DelegateTask task) {
    startsWithoutVariables(task);
    String programme = joined(task.getVariable("programmeCode"), task.getVariable("programmeName"));
    String rndTask = joined(task.getVariable("taskCode"), task.getVariable("taskTitle"));
    if (programme != null) {
      task.setVariableLocal(PROGRAMME, programme);
    }
    if (rndTask != null) {
      task.setVariableLocal(RND_TASK, rndTask);
    }
  }

  /**
   * A task being created has no variables stored yet. The engine knows that of an execution it creates, but asks the
   * database for a new task's variables the first time one is set on it; telling the task's variable store saves
   * that select at every task. Where the store cannot be reached, the select stays.
   */
  @SuppressWarnings("unchecked")
  private static void startsWithoutVariables(DelegateTask task) {
    if (VARIABLE_STORE != null && task instanceof TaskEntity entity
        && TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      VariableStore<VariableInstanceEntity> store = (VariableStore<VariableInstanceEntity>) VARIABLE_STORE.get(entity);
      if (store != null && !store.isInitialized()) {
        store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
      }
    }
  }

  private static VarHandle variableStore() {
    try {
      return MethodHandles.privateLookupIn(TaskEntity.class, MethodHandles.lookup())
          .findVarHandle(TaskEntity.class, "variableStore", VariableStore.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LoggerFactory.getLogger(TaskListLabels.class).warn("A new task's labels will look up its variables first: {}",
          e.toString());
      return null;
    }
  }

  private static String joined(Object code, Object name) {
    if (!(code instanceof String text) || text.isBlank()) {
      return null;
    }
    return name instanceof String title && !title.isBlank() ? text + " · " + title : text;
  }

  /** A task's label variable, of which no history is kept. */
  static boolean isLabel(Object entity) {
    return entity instanceof VariableInstanceEntity variable && variable.getTaskId() != null
        && LABELS.contains(variable.getName());
  }

  /**
   * One of Camunda's history levels without the labels' history. It keeps the level's id and name, so a database set
   * up at that level opens unchanged, and it is equal to Camunda's own level, which the engine compares against.
   */
  static final class WithoutLabels extends AbstractHistoryLevel {
    private final HistoryLevel level;

    WithoutLabels(HistoryLevel level) {
      this.level = level;
    }

    @Override
    public int getId() {
      return level.getId();
    }

    @Override
    public String getName() {
      return level.getName();
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      return !isLabel(entity) && level.isHistoryEventProduced(eventType, entity);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof HistoryLevel same && same.getId() == getId();
    }

    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }
}
