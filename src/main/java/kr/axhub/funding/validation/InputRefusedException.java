package kr.axhub.funding.validation;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Refuses a task completion or a process start whose input breaks the form's or the domain's rules. It rolls the
 * whole command back, so the task stays open with its data as it was. The REST API answers it with 400 and the
 * message, which names every refused field.
 */
public class InputRefusedException extends FormFieldValidationException {

  private final transient List<Violation> violations;

  public InputRefusedException(String what, List<Violation> violations) {
    super(violations.isEmpty() ? null : violations.get(0).field(), message(what, violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> getViolations() {
    return violations;
  }

  private static String message(String what, List<Violation> violations) {
    return "입력이 거부되었습니다 (input refused) — " + what + ": "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
