package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.*;
import static kr.axhub.funding.pipeline.PipelineForms.implementationPlan;
import static kr.axhub.funding.pipeline.PipelineForms.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.pipeline.PipelineForms.RndTask;
import kr.axhub.funding.validation.Violation;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PipelineRulesTest {

  private static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
    Map<String, Object> variables = new HashMap<>(base);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      variables.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return variables;
  }

  private static List<String> fields(List<Violation> violations) {
    return violations.stream().map(Violation::field).toList();
  }

  @Nested
  class Proposal {

    private final PipelineRules rule = new PipelineRules.Proposal();

    @Test
    void appliesWhereTheProposalIsDraftedOrRevised() {
      assertThat(rule.appliesTo(START_PROPOSAL_SUBMITTED)).isTrue();
      assertThat(rule.appliesTo(TASK_REVISE_PROPOSAL)).isTrue();
      assertThat(rule.appliesTo(TASK_REVIEW_PROPOSAL)).isFalse();
    }

    @Test
    void acceptsTheDaeguProposal() {
      assertThat(rule.check(proposal("AX-DAEGU-2026"))).isEmpty();
    }

    @Test
    void refusesNationalFundingAboveTheTotal() {
      List<Violation> violations = rule.check(with(proposal("AX-DAEGU-2026"), NATIONAL_FUNDING, 5511L));
      assertThat(fields(violations)).containsExactly(NATIONAL_FUNDING);
      assertThat(violations.get(0).message()).contains("5511").contains("5510");
    }

    @Test
    void acceptsNationalFundingEqualToTheTotal() {
      assertThat(rule.check(with(proposal("AX-DAEGU-2026"), NATIONAL_FUNDING, 5510L, LOCAL_FUNDING, 0L))).isEmpty();
    }

    @Test
    void refusesNationalAndLocalFundingAboveTheTotal() {
      assertThat(fields(rule.check(with(proposal("AX-DAEGU-2026"), LOCAL_FUNDING, 2211L))))
          .containsExactly(LOCAL_FUNDING);
      assertThat(rule.check(with(proposal("AX-DAEGU-2026"), LOCAL_FUNDING, 2210L))).isEmpty();
    }

    @Test
    void refusesEndYearBeforeStartYear() {
      assertThat(fields(rule.check(with(proposal("AX-DAEGU-2026"), START_YEAR, 2031L)))).containsExactly(END_YEAR);
      assertThat(rule.check(with(proposal("AX-DAEGU-2026"), START_YEAR, 2030L))).isEmpty();
    }

    @Test
    void refusesABreakdownThatDoesNotAddUpToTheTotal() {
      assertThat(fields(rule.check(with(proposal("AX-DAEGU-2026"), RND_CENTRE_COST, 549L))))
          .containsExactly(TOTAL_COST);
      assertThat(fields(rule.check(with(proposal("AX-DAEGU-2026"), RND_CENTRE_COST, 551L))))
          .containsExactly(TOTAL_COST);
    }

    @Test
    void refusesALeadMinistryThatDoesNotTakePart() {
      Map<String, Object> variables = with(proposal("AX-DAEGU-2026"), MINISTRIES, Spin.JSON("[\"MOTIE\"]"));
      assertThat(fields(rule.check(variables))).containsExactly(LEAD_MINISTRY);
      assertThat(rule.check(with(variables, LEAD_MINISTRY, "MOTIE"))).isEmpty();
    }

    @Test
    void leavesMissingValuesToTheForm() {
      Map<String, Object> variables = with(proposal("AX-DAEGU-2026"), TOTAL_COST, null, END_YEAR, null);
      assertThat(rule.check(variables)).isEmpty();
    }
  }

  @Nested
  class Costs {

    @Test
    void restructuredPlanObeysTheProposalCostRules() {
      PipelineRules rule = new PipelineRules.Restructuring();
      assertThat(rule.appliesTo(TASK_RESTRUCTURE_BUSINESS_PLAN)).isTrue();
      Map<String, Object> plan = PipelineForms.restructuredPlan(5200, 1380, 3580, 240);
      assertThat(rule.check(plan)).isEmpty();
      assertThat(fields(rule.check(with(plan, TOTAL_COST, 5300L)))).containsExactly(TOTAL_COST);
    }

    @Test
    void passedStudyRecommendsAtMostTheTotal() {
      PipelineRules rule = new PipelineRules.FeasibilityStudy();
      Map<String, Object> variables = Map.of(TOTAL_COST, 5510L, FEASIBILITY_STUDY_RESULT, "PASS");
      assertThat(rule.check(with(variables, RECOMMENDED_TOTAL_COST, 5510L))).isEmpty();
      assertThat(fields(rule.check(with(variables, RECOMMENDED_TOTAL_COST, 5511L))))
          .containsExactly(RECOMMENDED_TOTAL_COST);
      assertThat(rule.check(with(variables, FEASIBILITY_STUDY_RESULT, "FAIL", RECOMMENDED_TOTAL_COST, 9999L)))
          .isEmpty();
    }

    @Test
    void confirmedCostIsAtMostTheTotal() {
      PipelineRules rule = new PipelineRules.Adequacy();
      Map<String, Object> variables = Map.of(TOTAL_COST, 5510L, ADEQUACY_DECISION, "CONFIRMED");
      assertThat(rule.check(with(variables, CONFIRMED_TOTAL_COST, 5000L))).isEmpty();
      assertThat(fields(rule.check(with(variables, CONFIRMED_TOTAL_COST, 6000L))))
          .containsExactly(CONFIRMED_TOTAL_COST);
      assertThat(rule.check(with(variables, ADEQUACY_DECISION, "RESTRUCTURE", CONFIRMED_TOTAL_COST, 6000L)))
          .isEmpty();
    }

    @Test
    void budgetRequestIsAtMostTheConfirmedCost() {
      PipelineRules rule = new PipelineRules.BudgetRequest();
      assertThat(rule.check(Map.of(CONFIRMED_TOTAL_COST, 5000L, REQUESTED_APPROPRIATION, 5000L))).isEmpty();
      assertThat(fields(rule.check(Map.of(CONFIRMED_TOTAL_COST, 5000L, REQUESTED_APPROPRIATION, 5001L))))
          .containsExactly(REQUESTED_APPROPRIATION);
    }

    @Test
    void cabinetResolvesOnOrAfterItsMeeting() {
      PipelineRules rule = new PipelineRules.CabinetResolution();
      assertThat(rule.check(Map.of(MEETING_DATE, "2025-08-18", RESOLUTION_DATE, "2025-08-18"))).isEmpty();
      assertThat(rule.check(Map.of(MEETING_DATE, "2025-08-18", RESOLUTION_DATE, "2025-08-19"))).isEmpty();
      assertThat(fields(rule.check(Map.of(MEETING_DATE, "2025-08-18", RESOLUTION_DATE, "2025-08-17"))))
          .containsExactly(RESOLUTION_DATE);
    }

    @Test
    void appropriationIsAtMostTheRequest() {
      PipelineRules rule = new PipelineRules.Appropriation();
      assertThat(rule.check(Map.of(REQUESTED_APPROPRIATION, 229L, APPROPRIATED_AMOUNT, 0L))).isEmpty();
      assertThat(rule.check(Map.of(REQUESTED_APPROPRIATION, 229L, APPROPRIATED_AMOUNT, 229L))).isEmpty();
      assertThat(fields(rule.check(Map.of(REQUESTED_APPROPRIATION, 229L, APPROPRIATED_AMOUNT, 230L))))
          .containsExactly(APPROPRIATED_AMOUNT);
    }
  }

  @Nested
  class ImplementationPlan {

    private final PipelineRules rule = new PipelineRules.ImplementationPlan();
    private final RndTask robot = new RndTask("ROBOT-01", "로봇 (Robot)", "STANDARD_MODEL", "ROBOT", 3000);
    private final RndTask bio = new RndTask("BIO-01", "바이오 (Bio)", "SOLUTION", "MEDICAL_BIO", 2510);

    private Map<String, Object> plan(RndTask... tasks) {
      return with(implementationPlan(tasks), CONFIRMED_TOTAL_COST, 5510L);
    }

    @Test
    void acceptsTasksWithinTheConfirmedCost() {
      assertThat(rule.appliesTo(TASK_PUBLISH_IMPLEMENTATION_PLAN)).isTrue();
      assertThat(rule.check(plan(robot, bio))).isEmpty();
    }

    @Test
    void refusesAPlanWithoutTasks() {
      assertThat(fields(rule.check(plan()))).containsExactly(RND_TASKS);
      assertThat(fields(rule.check(Map.of(CONFIRMED_TOTAL_COST, 5510L)))).containsExactly(RND_TASKS);
    }

    @Test
    void refusesATaskCodeUsedTwice() {
      RndTask again = new RndTask("ROBOT-01", "다른 과제 (Another)", "PRODUCT", "ROBOT", 10);
      assertThat(fields(rule.check(plan(robot, again)))).containsExactly(RND_TASKS + "[1]." + RND_TASK_CODE);
    }

    @Test
    void refusesBudgetsAboveTheConfirmedCost() {
      RndTask extra = new RndTask("EXTRA-01", "추가 (Extra)", "PRODUCT", "ENERGY", 1);
      List<Violation> violations = rule.check(plan(robot, bio, extra));
      assertThat(fields(violations)).containsExactly(RND_TASKS);
      assertThat(violations.get(0).message()).contains("5511").contains("5510");
    }

    @Test
    void readsTasksSubmittedAsJavaCollections() {
      Map<String, Object> variables = Map.of(CONFIRMED_TOTAL_COST, 100L, RND_TASKS, List.of(
          Map.of(RND_TASK_CODE, "A1", RND_TASK_BUDGET, 60), Map.of(RND_TASK_CODE, "A2", RND_TASK_BUDGET, 41)));
      assertThat(fields(rule.check(variables))).containsExactly(RND_TASKS);
    }
  }
}
