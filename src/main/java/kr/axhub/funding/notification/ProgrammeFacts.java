package kr.axhub.funding.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * What a notification says about the programme an execution belongs to. The programme is the root process instance:
 * an R&amp;D task's kickoff instance (business key {@code <programmeCode>/<taskCode>}) belongs to the programme whose
 * pipeline called it.
 *
 * @param programmeCode business key of the root instance (the part before {@code /} of the own key as fallback)
 * @param businessKey the instance's own business key, e.g. {@code AX-DAEGU-2026/T01}
 * @param programmeName variable {@code programmeName}, read up to the root instance
 * @param region variable {@code region}, read up to the root instance
 * @param tenantId tenant of the instance, if any
 */
public record ProgrammeFacts(String programmeCode, String businessKey, String programmeName, String region,
    String tenantId, String processInstanceId) {

  static final String PROGRAMME_NAME = "programmeName";
  static final String PROGRAMME_CODE = "programmeCode";
  static final String REGION = "region";

  /** Facts of the execution's programme; all empty for a task outside any process (created in Tasklist). */
  public static ProgrammeFacts of(DelegateExecution delegate) {
    if (delegate == null) {
      return new ProgrammeFacts(null, null, null, null, null, null);
    }
    ExecutionEntity execution = (ExecutionEntity) delegate;
    ExecutionEntity instance = execution.getProcessInstance();
    ExecutionEntity root = instance;
    while (root.getSuperExecution() != null) {
      root = root.getSuperExecution().getProcessInstance();
    }
    String businessKey = instance.getBusinessKey();
    String code = root.getBusinessKey();
    if (code == null && businessKey != null) {
      code = businessKey.split("/", 2)[0];
    }
    if (code == null) {
      code = text(lookup(execution, root, PROGRAMME_CODE));
    }
    return new ProgrammeFacts(code, businessKey, text(lookup(execution, root, PROGRAMME_NAME)),
        text(lookup(execution, root, REGION)), execution.getTenantId(), instance.getId());
  }

  /** "Name (CODE)", or whichever of the two is known. */
  public String label() {
    if (programmeName != null && programmeCode != null) {
      return programmeName + " (" + (businessKey != null ? businessKey : programmeCode) + ")";
    }
    return programmeName != null ? programmeName
        : businessKey != null ? businessKey : programmeCode != null ? programmeCode
        : processInstanceId != null ? processInstanceId : "-";
  }

  private static Object lookup(ExecutionEntity execution, ExecutionEntity root, String name) {
    Object value = execution.getVariable(name);
    return value != null ? value : root.getVariable(name);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
