package kr.axhub.funding.identity;

import java.util.List;
import java.util.Map;
import kr.axhub.funding.tasklist.TaskListLabels;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * The shared Tasklist filters every official finds on the left of Tasklist. Each task in their lists shows the
 * programme's code and name, and the R&amp;D task's for a kickoff, so two tasks of the same name can be told apart.
 * The filters set no order: an order saved in a filter comes before the one the official picks in Tasklist, which
 * then does nothing (Tasklist's own default, due date first, is set in its page script).
 */
final class TasklistFilters {

  /** Variables Tasklist shows on each task of a list, with their labels. */
  static final List<Map<String, String>> SHOWN_VARIABLES = List.of(
      Map.of("name", TaskListLabels.PROGRAMME, "label", "사업 (Programme)"),
      Map.of("name", TaskListLabels.RND_TASK, "label", "R&D 과제 (R&D task)"));

  record SharedFilter(String name, String description, int priority, TaskQuery query) {

    Map<String, Object> properties() {
      return Map.of("description", description, "priority", priority, "refresh", true,
          "variables", SHOWN_VARIABLES, "showUndefinedVariable", false);
    }
  }

  private TasklistFilters() {}

  static List<SharedFilter> all(TaskService taskService) {
    return List.of(
        new SharedFilter("내 업무 (My tasks)", "나에게 배정된 업무 (Tasks assigned to me)", -10,
            taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
        new SharedFilter("우리 그룹 업무 (My group's tasks)",
            "내 그룹이 처리할 업무, 배정된 업무 포함 (Tasks for my groups, also those already claimed)", -5,
            taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks()),
        new SharedFilter("기한 경과 (Overdue)", "처리 기한이 지난 업무 (Tasks past their due date)", 0,
            taskService.createTaskQuery().dueBeforeExpression("${now()}")));
  }
}
