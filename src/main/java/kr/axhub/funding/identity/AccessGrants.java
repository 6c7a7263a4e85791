package kr.axhub.funding.identity;

import static kr.axhub.funding.identity.OfficialGroups.PIPELINE_MANAGERS;
import static kr.axhub.funding.identity.OfficialGroups.REGION_PLANNERS;
import static kr.axhub.funding.identity.OfficialGroups.TASK_WORKERS;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * The least each group needs, as Camunda authorizations. Which region's data a grant reaches is decided by tenant
 * membership, not here: a grant on every process definition lets a Daegu planner read only Daegu's history.
 *
 * <ul>
 *   <li>Officials: Tasklist, reading the models (forms, diagrams) and the history of the programmes of their
 *       regions. Reading and completing a task comes from being its candidate: the engine grants that per task.
 *   <li>Region planners also start programmes.
 *   <li>Managers: Cockpit, reading everything, changing nothing (no update, delete or suspend anywhere).
 *   <li>Administrators ({@code camunda-admin}) hold every permission on every resource (the engine itself only
 *       skips the tenant check for them).
 * </ul>
 */
final class AccessGrants {

  static final String PIPELINE_PROCESS = "ax-funding-pipeline";

  record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {}

  private AccessGrants() {}

  static List<Grant> all() {
    List<Grant> grants = new ArrayList<>();
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(OfficialGroups.ADMINS, resource, "*", List.of(Permissions.ALL)));
    }
    for (String group : TASK_WORKERS) {
      grants.add(new Grant(group, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, "*",
          List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY)));
    }
    grants.add(new Grant(REGION_PLANNERS, Resources.PROCESS_DEFINITION, PIPELINE_PROCESS,
        List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
            ProcessDefinitionPermissions.CREATE_INSTANCE)));
    grants.add(new Grant(REGION_PLANNERS, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)));

    grants.add(new Grant(PIPELINE_MANAGERS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.PROCESS_DEFINITION, "*", List.of(
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.PROCESS_INSTANCE, "*", List.of(ProcessInstancePermissions.READ)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.TASK, "*", List.of(TaskPermissions.READ)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.DECISION_DEFINITION, "*",
        List.of(Permissions.READ, Permissions.READ_HISTORY)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*",
        List.of(Permissions.READ)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.DEPLOYMENT, "*", List.of(Permissions.READ)));
    grants.add(new Grant(PIPELINE_MANAGERS, Resources.OPERATION_LOG_CATEGORY, "*",
        List.of(UserOperationLogCategoryPermissions.READ)));
    return grants;
  }
}
