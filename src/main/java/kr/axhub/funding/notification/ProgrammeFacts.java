package kr.axhub.funding.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * What a notification says about the programme an execution belongs to. The programme is the root process instance:
 * an R&amp;D task's kickoff instance (business key {@code <programmeCode>/<taskCode>}) belongs to the programme whose
 * pipeline called it.
 *
 * @param programmeCode business key of the root instance, which a called kickoff also carries in its own key up to
 *     the last {@code /}; the own key as fallback
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

  /**
   * Facts of the execution's programme; all empty for a task outside any process (created in Tasklist). An R&amp;D
   * task's kickoff carries the programme's name and region among its own variables and its code in its business key,
   * so the programme's instance (a tree of executions of its own) is loaded only for what the kickoff lacks.
   */
  public static ProgrammeFacts of(DelegateExecution delegate) {
    if (delegate == null) {
      return new ProgrammeFacts(null, null, null, null, null, null);
    }
    ExecutionEntity execution = (ExecutionEntity) delegate;
    ExecutionEntity instance = execution.getProcessInstance();
    String businessKey = instance.getBusinessKey();
    boolean called = instance.getSuperExecutionId() != null;
    String code = called ? calledPrefix(businessKey) : businessKey;
    Object name = execution.getVariable(PROGRAMME_NAME);
    Object region = execution.getVariable(REGION);
    if (called && (code == null || name == null || region == null)) {
      ExecutionEntity root = instance;
      while (root.getSuperExecution() != null) {
        root = root.getSuperExecution().getProcessInstance();
      }
      code = root.getBusinessKey() != null ? root.getBusinessKey() : code;
      name = name != null ? name : root.getVariable(PROGRAMME_NAME);
      region = region != null ? region : root.getVariable(REGION);
    }
    if (code == null) {
      code = businessKey != null ? businessKey : text(execution.getVariable(PROGRAMME_CODE));
    }
    return new ProgrammeFacts(code, businessKey, text(name), text(region), execution.getTenantId(),
        instance.getId());
  }

  /** The programme's code in a called instance's key {@code <programmeCode>/<taskCode>}, or null without one. */
  private static String calledPrefix(String businessKey) {
    int slash = businessKey == null ? -1 : businessKey.lastIndexOf('/');
    return slash > 0 ? businessKey.substring(0, slash) : null;
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

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
