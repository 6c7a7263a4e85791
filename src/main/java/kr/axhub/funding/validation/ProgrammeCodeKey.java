package kr.axhub.funding.validation;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * A programme's code is its business key, the handle officials and managers search by in Tasklist and Cockpit. A
 * process started from its start form with a {@code programmeCode} gets it as business key when none was given; a
 * different key, or a code some programme already uses (running or finished), is refused.
 */
class ProgrammeCodeKey implements ExecutionListener {

  static final String PROGRAMME_CODE = "programmeCode";

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable(PROGRAMME_CODE) instanceof String code) || !startsFromForm(execution)) {
      return;
    }
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.equals(code)) {
      throw refusal("업무 키 '" + businessKey + "'가 사업 코드와 다릅니다 (the business key '" + businessKey
          + "' differs from the programme code)", code);
    }
    if (isTaken(code, execution.getProcessDefinitionId())) {
      throw refusal("이미 등록된 사업 코드입니다 (this programme code is already in use)", code);
    }
    if (businessKey == null) {
      execution.setProcessBusinessKey(code);
    }
  }

  /**
   * Only a programme itself is started from a form with its code; processes started for one of its parts (an R&D
   * task's kickoff) carry the code as data and have keys of their own.
   */
  private static boolean startsFromForm(DelegateExecution execution) {
    return execution.getBpmnModelElementInstance() instanceof StartEvent start && start.getCamundaFormRef() != null;
  }

  private static boolean isTaken(String code, String processDefinitionId) {
    CommandContext context = Context.getCommandContext();
    String processKey = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId).getKey();
    // Uniqueness is global: the starting official may not be allowed to see other regions' programmes.
    return context.runWithoutAuthorization(() -> {
      boolean tenantCheck = context.getTenantManager().isTenantCheckEnabled();
      context.disableTenantCheck();
      try {
        return context.getProcessEngineConfiguration().getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(processKey)
            .processInstanceBusinessKey(code)
            .count() > 0;
      } finally {
        if (tenantCheck) {
          context.enableTenantCheck();
        }
      }
    });
  }

  private static InputRefusedException refusal(String message, String code) {
    return new InputRefusedException("process start",
        List.of(new Violation(PROGRAMME_CODE, "사업 코드 (Programme code) " + code, message)));
  }
}
