package kr.axhub.funding.validation;

import java.util.List;
import java.util.Map;

/**
 * A rule a form cannot express (national funding at most the total cost, a confirmed cost at most the requested
 * one, ...), checked on the server together with the form's own rules whenever a task is completed or a process
 * is started. Declare implementations as Spring beans; they are picked up by the validation of every model.
 */
public interface DomainRule {

  /**
   * Whether the rule applies to this element: a user task's id (completion) or a process's start event id
   * (process start).
   */
  boolean appliesTo(String elementId);

  /**
   * Checks the variables as they will be after the completion (the submitted ones over the existing ones) and
   * returns what is wrong; an empty list when the input is acceptable.
   */
  List<Violation> check(Map<String, Object> variables);
}
