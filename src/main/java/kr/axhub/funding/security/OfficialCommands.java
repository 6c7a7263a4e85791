package kr.axhub.funding.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kr.axhub.funding.validation.InputValidation;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * What an official may do with the engine beyond what Camunda's authorizations allow: Camunda lets a task's
 * candidates update the task, which would let them write any variable of the programme, and lets any candidate
 * complete a task a colleague has claimed. For every call an official makes (REST, the webapps, or the application
 * acting as an official) this decides:
 *
 * <ul>
 *   <li>A completion or form submission sets only what the task's form lets the official set now, and only the
 *       task's assignee completes it; an unclaimed task becomes the official's as they complete it, so the task's
 *       history names who decided. A process start sets only what the start form lets them set.
 *   <li>Variables are never written outside a form: setting, changing or deleting variables of tasks, executions or
 *       process instances, modifying or restarting instances, correlating messages and sending signals are for the
 *       application and administrators.
 *   <li>A claimed task is unclaimed or handed over only by its assignee, and only to another candidate of the task
 *       (a member of its candidate group and its region); candidates, owners and delegation are not changed by
 *       officials.
 * </ul>
 *
 * <p>Administrators ({@code camunda-admin}) and the application's own code (no authenticated official, or a command
 * run inside another one, such as a listener's) are not restricted here.
 */
class OfficialCommands extends CommandInterceptor {

  private static final String FORMS_ONLY = "공무원은 업무 양식으로만 사업 정보를 바꿀 수 있습니다 (officials change a "
      + "programme's data only through their task's form): ";

  private final ProcessEngineConfigurationImpl configuration;
  private final InputValidation validation;

  OfficialCommands(ProcessEngineConfigurationImpl configuration, InputValidation validation) {
    this.configuration = configuration;
    this.validation = validation;
  }

  @Override
  public <T> T execute(Command<T> command) {
    Authentication official = official();
    if (official == null) {
      return next.execute(command);
    }
    String refused = refusedOutsideForms(command);
    if (refused != null) {
      throw new AuthorizationException(FORMS_ONLY + refused + " — 관리자만 할 수 있습니다 (administrators only)");
    }
    String userId = official.getUserId();
    if (command instanceof CompleteTaskCmd) {
      return next.execute(checked(command, context -> submitTask(command, "variables", userId, context)));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return next.execute(checked(command, context -> submitTask(command, "properties", userId, context)));
    }
    if (command instanceof StartProcessInstanceCmd) {
      return next.execute(checked(command, context -> start(
          (ProcessInstantiationBuilderImpl) CommandArguments.read(command, "instantiationBuilder"), context)));
    }
    if (command instanceof SubmitStartFormCmd) {
      return next.execute(checked(command, context -> submitStartForm(command, context)));
    }
    if (command instanceof ClaimTaskCmd) {
      String claimant = (String) CommandArguments.read(command, "userId");
      if (claimant != null && !claimant.equals(userId)) {
        throw new AuthorizationException("업무는 본인 앞으로만 맡을 수 있습니다 (officials claim tasks only for "
            + "themselves; hand a task you hold over by changing its assignee)");
      }
      if (claimant == null) {
        return next.execute(checked(command, context -> handOver(taskOf(command, context), null, userId, context)));
      }
    }
    if (command instanceof AssignTaskCmd) {
      String assignee = (String) CommandArguments.read(command, "userId");
      return next.execute(checked(command,
          context -> handOver(taskOf(command, context), assignee, userId, context)));
    }
    if (command instanceof SaveTaskCmd) {
      return next.execute(checked(command, context -> saveTask(command, userId, context)));
    }
    return next.execute(command);
  }

  /** The authenticated official of an outermost call, or null for administrators and the application itself. */
  private Authentication official() {
    if (Context.getCommandContext() != null) {
      return null;
    }
    Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return null;
    }
    boolean administrator = configuration.getAdminUsers() != null
        && configuration.getAdminUsers().contains(authentication.getUserId())
        || authentication.getGroupIds() != null && configuration.getAdminGroups() != null
        && authentication.getGroupIds().stream().anyMatch(configuration.getAdminGroups()::contains);
    return administrator ? null : authentication;
  }

  /** What this command would do that officials may not, in words; null when it is not such a command. */
  private static String refusedOutsideForms(Command<?> command) {
    if (command instanceof AbstractSetVariableCmd || command instanceof AbstractPatchVariablesCmd
        || command instanceof SetVariablesToProcessInstancesBatchCmd) {
      return "변수를 직접 쓸 수 없습니다 (variables cannot be set directly)";
    }
    if (command instanceof AbstractRemoveVariableCmd || command instanceof DeleteHistoricVariableInstanceCmd
        || command instanceof DeleteHistoricVariableInstancesByProcessInstanceIdCmd) {
      return "변수를 지울 수 없습니다 (variables cannot be deleted)";
    }
    if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd
        || command instanceof AbstractModificationCmd || command instanceof StartProcessInstanceAtActivitiesCmd
        || command instanceof AbstractRestartProcessInstanceCmd || command instanceof RestartProcessInstancesBatchCmd) {
      return "진행 위치를 바꾸거나 중간 단계에서 시작할 수 없습니다 (instances cannot be modified, restarted or "
          + "started at a later activity)";
    }
    if (command instanceof AbstractCorrelateMessageCmd || command instanceof MessageEventReceivedCmd
        || command instanceof SignalCmd || command instanceof SignalEventReceivedCmd) {
      return "메시지나 신호를 보낼 수 없습니다 (messages and signals cannot be sent)";
    }
    if (command instanceof ResolveTaskCmd || command instanceof DelegateTaskCmd) {
      return "업무를 위임할 수 없습니다 (tasks cannot be delegated)";
    }
    if (command instanceof AbstractAddIdentityLinkCmd && !(command instanceof AssignTaskCmd)
        || command instanceof DeleteIdentityLinkCmd) {
      return "업무의 후보자나 소유자를 바꿀 수 없습니다 (a task's candidates and owner cannot be changed)";
    }
    return null;
  }

  private Void submitTask(Command<?> command, String variablesField, String userId, CommandContext context) {
    TaskEntity task = taskOf(command, context);
    if (task == null) {
      return null;
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskWork(task);
    }
    TaskWorkCheckedOnce.checked(context, task);
    if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
      throw new TaskAlreadyClaimedException(task.getId(), task.getAssignee());
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> submitted = (Map<String, ?>) CommandArguments.read(command, variablesField);
    Set<String> unchanged = validation.checkOfficialInput(task, CommandArguments.values(submitted));
    CommandArguments.leaveOut(command, variablesField, unchanged);
    if (task.getAssignee() == null) {
      // The task becomes the official's as it ends: the completion's history then names them as its assignee.
      // A claim would also grant them the task, log the claim and record an identity link, all for a task
      // that is deleted in this same command.
      task.setAssigneeWithoutCascade(userId);
    }
    return null;
  }

  private Void start(ProcessInstantiationBuilderImpl builder, CommandContext context) {
    ProcessDefinitionEntity definition = definition(builder, context);
    if (definition == null) {
      return null;
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkCreateProcessInstance(definition);
    }
    Set<String> unchanged = validation.checkOfficialStart(definition, CommandArguments.values(builder.getVariables()));
    unchanged.forEach(builder.getVariables()::remove);
    return null;
  }

  private Void submitStartForm(Command<?> command, CommandContext context) {
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById((String) CommandArguments.read(command, "processDefinitionId"));
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkCreateProcessInstance(definition);
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> submitted = (Map<String, ?>) CommandArguments.read(command, "variables");
    CommandArguments.leaveOut(command, "variables",
        validation.checkOfficialStart(definition, CommandArguments.values(submitted)));
    return null;
  }

  /** The definition a start names; null when it names none, which the start itself then reports. */
  private static ProcessDefinitionEntity definition(ProcessInstantiationBuilderImpl builder, CommandContext context) {
    var cache = context.getProcessEngineConfiguration().getDeploymentCache();
    try {
      if (builder.getProcessDefinitionId() != null) {
        return cache.findDeployedProcessDefinitionById(builder.getProcessDefinitionId());
      }
      return builder.getProcessDefinitionTenantId() != null
          ? cache.findDeployedLatestProcessDefinitionByKeyAndTenantId(builder.getProcessDefinitionKey(),
              builder.getProcessDefinitionTenantId())
          : cache.findDeployedLatestProcessDefinitionByKey(builder.getProcessDefinitionKey());
    } catch (ProcessEngineException notFound) {
      return null;
    }
  }

  /** Unclaiming ({@code newAssignee} null) or handing a task over: only by its assignee, only to a candidate. */
  private static Void handOver(TaskEntity task, String newAssignee, String userId, CommandContext context) {
    if (task == null) {
      return null;
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskAssign(task);
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
      throw new TaskAlreadyClaimedException(task.getId(), task.getAssignee());
    }
    if (newAssignee != null && !newAssignee.equals(userId) && !isCandidate(task, newAssignee, context)) {
      throw new AuthorizationException("'" + newAssignee + "'은(는) 이 업무의 담당 그룹이나 지역 소속이 아니어서 넘겨받을 수 "
          + "없습니다 (is not an official of this task's candidate group and region, so cannot take it over)");
    }
    return null;
  }

  private Void saveTask(Command<?> command, String userId, CommandContext context) {
    TaskEntity changed = (TaskEntity) CommandArguments.read(command, "task");
    TaskEntity stored = changed.getId() == null ? null : context.getTaskManager().findTaskById(changed.getId());
    if (stored == null) {
      return null;
    }
    if (!Objects.equals(changed.getOwner(), stored.getOwner())) {
      throw new AuthorizationException(FORMS_ONLY
          + "업무의 소유자를 바꿀 수 없습니다 (a task's owner cannot be changed) — 관리자만 할 수 있습니다 (administrators only)");
    }
    if (!Objects.equals(changed.getAssignee(), stored.getAssignee())) {
      handOver(stored, changed.getAssignee(), userId, context);
    }
    return null;
  }

  private static TaskEntity taskOf(Command<?> command, CommandContext context) {
    return context.getTaskManager().findTaskById((String) CommandArguments.read(command, "taskId"));
  }

  private static boolean isCandidate(TaskEntity task, String userId, CommandContext context) {
    return context.runWithoutAuthorization(() -> {
      var identity = context.getReadOnlyIdentityProvider();
      List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
      boolean candidate = false;
      for (IdentityLink link : task.getCandidates()) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType())
            && (userId.equals(link.getUserId()) || link.getGroupId() != null && groups.contains(link.getGroupId()))) {
          candidate = true;
        }
      }
      return candidate && (task.getTenantId() == null || identity.createTenantQuery().userMember(userId)
          .includingGroupsOfUser(true).tenantId(task.getTenantId()).count() > 0);
    });
  }

  /** The command, preceded inside its own command context by the given check. */
  private static <T> Command<T> checked(Command<T> command, Command<Void> check) {
    return context -> {
      try {
        check.execute(context);
        return command.execute(context);
      } finally {
        TaskWorkCheckedOnce.forget();
      }
    };
  }
}
