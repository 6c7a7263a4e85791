package kr.axhub.funding.security;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;
import static kr.axhub.funding.pipeline.PipelineForms.proposal;
import static kr.axhub.funding.pipeline.PipelineForms.proposalReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * An official's right to work on a task is queried once per completion, and that answer is good for that completion
 * only: on the same thread, right after a completion an official was allowed, a task the official has no right to
 * stays refused and open.
 */
@SpringBootTest
@ActiveProfiles("test")
class TaskWorkCheckedOnceTest {

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;

  @Test
  void anAllowedCompletionLeavesNoRightBehindForTheNextTask() {
    Officials.regional(identity, "daegu-planner", "region-planners", "daegu");
    Officials.regional(identity, "daegu-director", "region-directors", "daegu");
    as("daegu-planner", List.of("region-planners"), () -> engine.getRuntimeService()
        .startProcessInstanceByKey(PROCESS_KEY, "AX-DAEGU-2201", proposal("AX-DAEGU-2201")));
    Task approval = task("AX-DAEGU-2201");
    assertThat(approval.getTaskDefinitionKey()).isEqualTo("Task_ApproveProposalInternally");

    as("daegu-director", List.of("region-directors"), () -> engine.getTaskService().complete(approval.getId(),
        Map.of("internalApprovalDecision", "APPROVE")));
    Task review = task("AX-DAEGU-2201");
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewProposal");
    as("daegu-director", List.of("region-directors"), () -> assertThatThrownBy(() -> engine.getTaskService()
        .complete(review.getId(), proposalReview("ADOPT", null)))
        .isInstanceOf(AuthorizationException.class));

    Task stillOpen = task("AX-DAEGU-2201");
    assertThat(stillOpen.getTaskDefinitionKey()).isEqualTo("Task_ReviewProposal");
    assertThat(stillOpen.getAssignee()).isNull();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey("AX-DAEGU-2201")
        .taskDefinitionKey("Task_ApproveProposalInternally").singleResult().getAssignee()).isEqualTo("daegu-director");
  }

  /** The programme's open task, read by the application itself. */
  private Task task(String code) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(code).singleResult();
  }

  private void as(String official, List<String> groups, Runnable action) {
    identity.setAuthentication(official, groups, List.of("daegu"));
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }
}
