package kr.axhub.funding.validation;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A deciding task — one whose form has a decision (a radio field) — starts every visit empty: a reviewer who sees a
 * proposal again after a supplement, an exemption request after its supplement or a business plan after its
 * restructuring decides afresh, and never finds the previous round's decision, reason, date or cost already filled
 * in. The official who revised in between has read that reason in their own task before this one is created.
 *
 * <p>What the previous round said stays in view where the form asks for it: a read-only field with the custom
 * property {@code earlierRoundOf} (the key of one of the form's inputs) receives that input's previous value, e.g.
 * {@code earlierProposalReviewReason} "지난 검토 의견 (Earlier review)". After a round without such a value it is
 * removed, so the field only ever shows the round just before.
 */
final class ReviewRound {

  private ReviewRound() {}

  /** Runs when the task is created, before the official opens it. */
  static void begin(FormSchema form, VariableScope scope) {
    if (form.decisions().isEmpty()) {
      return;
    }
    form.earlierRounds().forEach((earlierKey, inputKey) -> {
      Object previous = scope.getVariable(inputKey);
      if (previous == null || previous instanceof String text && text.isBlank()) {
        scope.removeVariable(earlierKey);
      } else {
        scope.setVariable(earlierKey, previous);
      }
    });
    for (FormField input : form.fields()) {
      scope.removeVariable(input.key());
    }
  }
}
