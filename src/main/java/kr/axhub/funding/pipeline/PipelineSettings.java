package kr.axhub.funding.pipeline;

import java.time.Period;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings the pipeline model reads through expressions, e.g. the hold before a programme with no appropriation
 * asks for a budget again: {@code ${pipelineSettings.nextBudgetCycle}}. The budget calendar is not in the law, so
 * it is configuration ({@code axhub.pipeline.next-budget-cycle}, ISO-8601 period, default six months).
 */
@Component("pipelineSettings")
public class PipelineSettings {

  private final Period nextBudgetCycle;

  public PipelineSettings(@Value("${axhub.pipeline.next-budget-cycle:P6M}") Period nextBudgetCycle) {
    if (nextBudgetCycle.isNegative() || nextBudgetCycle.isZero()) {
      throw new IllegalArgumentException("axhub.pipeline.next-budget-cycle must be a positive period, was "
          + nextBudgetCycle);
    }
    this.nextBudgetCycle = nextBudgetCycle;
  }

  /** The wait as the timer reads it, e.g. {@code P6M}. */
  public String getNextBudgetCycle() {
    return nextBudgetCycle.toString();
  }
}
