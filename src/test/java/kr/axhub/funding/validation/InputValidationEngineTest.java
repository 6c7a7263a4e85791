package kr.axhub.funding.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The validation as officials meet it: inside the engine, on a small model with its own forms. */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class InputValidationEngineTest {

  private static final String START_FORM = """
      {"id": "sample-start", "type": "default", "schemaVersion": 16, "components": [
        {"type": "textfield", "key": "programmeCode", "label": "사업 코드 (Programme code)",
         "validate": {"required": true, "pattern": "AX-[A-Z]+-[0-9]{4}"}},
        {"type": "number", "key": "totalCost", "label": "총사업비 (Total cost, 억원)", "decimalDigits": 0,
         "validate": {"required": true, "min": 1}}
      ]}""";
  private static final String REVIEW_FORM = """
      {"id": "sample-review", "type": "default", "schemaVersion": 16, "components": [
        {"type": "number", "key": "totalCost", "label": "총사업비 (Total cost, 억원)", "readonly": true},
        {"type": "radio", "key": "reviewDecision", "label": "결정 (Decision)", "validate": {"required": true},
         "values": [{"label": "다시 (Again)", "value": "AGAIN"}, {"label": "확정 (Confirm)", "value": "CONFIRMED"}]},
        {"type": "number", "key": "confirmedCost", "label": "확정 사업비 (Confirmed cost, 억원)", "decimalDigits": 0,
         "validate": {"required": true, "min": 1}, "conditional": {"hide": "=reviewDecision != \\"CONFIRMED\\""}},
        {"type": "textarea", "key": "earlierReviewReason", "label": "지난 검토 의견 (Earlier review)", "readonly": true,
         "conditional": {"hide": "=earlierReviewReason = null"}, "properties": {"earlierRoundOf": "reviewReason"}},
        {"type": "textarea", "key": "reviewReason", "label": "사유 (Reason)"}
      ]}""";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  private String deploymentId;

  @BeforeEach
  void deploy() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("validation-sample")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Sample").camundaFormRef("sample-start").camundaFormRefBinding("deployment")
        .userTask("Task_Review").name("검토 (Review)")
        .camundaFormRef("sample-review").camundaFormRefBinding("deployment")
        .exclusiveGateway("Gateway_Again")
        .condition("again", "${reviewDecision == 'AGAIN'}").connectTo("Task_Review")
        .moveToNode("Gateway_Again")
        .condition("confirmed", "${reviewDecision == 'CONFIRMED'}").endEvent("EndEvent_Done")
        .done();
    deploymentId = repositoryService.createDeployment()
        .addModelInstance("validation-sample.bpmn", model)
        .addString("sample-start.form", START_FORM)
        .addString("sample-review.form", REVIEW_FORM)
        .deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void aStartWithBadInputIsRefusedAndNothingIsStarted() {
    assertThatThrownBy(() -> start(Map.of("programmeCode", "daegu", "totalCost", 0L)))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("'programmeCode'")
        .hasMessageContaining("'totalCost'");

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("validation-sample").count()).isZero();
  }

  @Test
  void theProgrammeCodeBecomesTheBusinessKeyAndCannotBeUsedTwice() {
    ProcessInstance instance = start(Map.of("programmeCode", "AX-DAEGU-2026", "totalCost", 5510));

    assertThat(instance.getBusinessKey()).isEqualTo("AX-DAEGU-2026");
    assertThat(runtimeService.getVariable(instance.getId(), "totalCost")).isEqualTo(5510L);
    assertThatThrownBy(() -> start(Map.of("programmeCode", "AX-DAEGU-2026", "totalCost", 10L)))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("already in use");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("validation-sample", "AX-GWANGJU-2026",
        Map.of("programmeCode", "AX-JEONBUK-2026", "totalCost", 10L)))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("differs from the programme code");
  }

  @Test
  void aRefusedCompletionLeavesTheTaskOpenWithItsData() {
    ProcessInstance instance = start(Map.of("programmeCode", "AX-GWANGJU-2026", "totalCost", 6000L));
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("reviewDecision", "MAYBE", "totalCost", 1L)))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("'reviewDecision'")
        .hasMessageContaining("MAYBE");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("reviewDecision", "CONFIRMED")))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("'confirmedCost'")
        .hasMessageContaining("is required");
    assertThatThrownBy(() -> taskService.complete(task.getId(),
        Map.of("reviewDecision", "CONFIRMED", "confirmedCost", "5000")))
        .hasMessageContaining("must be a number");

    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariables(instance.getId()))
        .containsEntry("totalCost", 6000L)
        .doesNotContainKeys("reviewDecision", "confirmedCost");
  }

  @Test
  void aDecisionIsMadeAfreshAtEveryVisitOfALoop() {
    ProcessInstance instance = start(Map.of("programmeCode", "AX-JEONBUK-2026", "totalCost", 10000L));
    assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKey("earlierReviewReason");
    taskService.complete(taskId(instance), Map.of("reviewDecision", "AGAIN", "reviewReason", "근거 보완 (More basis)"));

    String second = taskId(instance);
    assertThat(runtimeService.getVariables(instance.getId()))
        .doesNotContainKeys("reviewDecision", "reviewReason")
        .containsEntry("earlierReviewReason", "근거 보완 (More basis)")
        .containsEntry("totalCost", 10000L);
    assertThatThrownBy(() -> taskService.complete(second, Map.of()))
        .hasMessageContaining("'reviewDecision'");

    taskService.complete(second, new HashMap<>(Map.of("reviewDecision", "CONFIRMED", "confirmedCost", 9000.0)));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("confirmedCost").singleResult().getValue()).isEqualTo(9000L);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  /** The earlier round's reason is the round just before: a round that gave none leaves nothing to show. */
  @Test
  void theEarlierReasonIsTheOneOfTheRoundJustBefore() {
    ProcessInstance instance = start(Map.of("programmeCode", "AX-GYEONGNAM-2026", "totalCost", 10000L));
    taskService.complete(taskId(instance), Map.of("reviewDecision", "AGAIN", "reviewReason", "첫 의견 (First)"));
    taskService.complete(taskId(instance), Map.of("reviewDecision", "AGAIN", "reviewReason", "둘째 의견 (Second)"));
    assertThat(runtimeService.getVariable(instance.getId(), "earlierReviewReason")).isEqualTo("둘째 의견 (Second)");

    taskService.complete(taskId(instance), Map.of("reviewDecision", "AGAIN"));
    assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys("earlierReviewReason", "reviewReason");
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey("validation-sample", variables);
  }

  private String taskId(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
  }
}
