package kr.axhub.funding.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/** The shared Tasklist filters every official finds on the left of Tasklist. */
final class TasklistFilters {

  record SharedFilter(String name, String description, int priority, TaskQuery query) {

    Map<String, Object> properties() {
      return Map.of("description", description, "priority", priority, "refresh", true);
    }
  }

  private TasklistFilters() {}

  static List<SharedFilter> all(TaskService taskService) {
    return List.of(
        new SharedFilter("내 업무 (My tasks)", "나에게 배정된 업무 (Tasks assigned to me)", -10,
            taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc()),
        new SharedFilter("우리 그룹 업무 (My group's tasks)",
            "내 그룹이 처리할 업무, 배정된 업무 포함 (Tasks for my groups, also those already claimed)", -5,
            taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().orderByDueDate().asc()),
        new SharedFilter("기한 경과 (Overdue)", "처리 기한이 지난 업무 (Tasks past their due date)", 0,
            taskService.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc()));
  }
}
