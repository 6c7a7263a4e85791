package kr.axhub.funding.pipeline;

import static kr.axhub.funding.pipeline.PipelineElements.ADEQUACY_DECISION;
import static kr.axhub.funding.pipeline.PipelineElements.APPROPRIATED_AMOUNT;
import static kr.axhub.funding.pipeline.PipelineElements.CONFIRMED_TOTAL_COST;
import static kr.axhub.funding.pipeline.PipelineElements.END_YEAR;
import static kr.axhub.funding.pipeline.PipelineElements.FEASIBILITY_STUDY_RESULT;
import static kr.axhub.funding.pipeline.PipelineElements.LEAD_MINISTRY;
import static kr.axhub.funding.pipeline.PipelineElements.LOCAL_FUNDING;
import static kr.axhub.funding.pipeline.PipelineElements.MEETING_DATE;
import static kr.axhub.funding.pipeline.PipelineElements.MINISTRIES;
import static kr.axhub.funding.pipeline.PipelineElements.NATIONAL_FUNDING;
import static kr.axhub.funding.pipeline.PipelineElements.RECOMMENDED_TOTAL_COST;
import static kr.axhub.funding.pipeline.PipelineElements.RESOLUTION_DATE;
import static kr.axhub.funding.pipeline.PipelineElements.REQUESTED_APPROPRIATION;
import static kr.axhub.funding.pipeline.PipelineElements.RND_CENTRE_COST;
import static kr.axhub.funding.pipeline.PipelineElements.RND_TASKS;
import static kr.axhub.funding.pipeline.PipelineElements.RND_TASK_BUDGET;
import static kr.axhub.funding.pipeline.PipelineElements.RND_TASK_CODE;
import static kr.axhub.funding.pipeline.PipelineElements.SOLUTION_PRODUCT_COST;
import static kr.axhub.funding.pipeline.PipelineElements.STANDARD_MODEL_COST;
import static kr.axhub.funding.pipeline.PipelineElements.START_PROPOSAL_SUBMITTED;
import static kr.axhub.funding.pipeline.PipelineElements.START_YEAR;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_CONDUCT_FEASIBILITY_STUDY;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_PUBLISH_IMPLEMENTATION_PLAN;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_RECORD_CABINET_RESOLUTION;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_RECORD_APPROPRIATION;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_REQUEST_BUDGET;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_RESTRUCTURE_BUSINESS_PLAN;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_REVIEW_BUSINESS_PLAN_ADEQUACY;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_REVISE_PROPOSAL;
import static kr.axhub.funding.pipeline.PipelineElements.TOTAL_COST;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.axhub.funding.validation.DateValues;
import kr.axhub.funding.validation.DomainRule;
import kr.axhub.funding.validation.JsonValues;
import kr.axhub.funding.validation.Violation;
import org.springframework.stereotype.Component;

/**
 * The pipeline's rules that a form cannot express because they compare two values, one Spring bean per step. A
 * value the form itself requires but that is missing or malformed is left to the form's validation, so the official
 * is not told twice. Money is whole 억원, compared exactly as {@code long}.
 */
public abstract sealed class PipelineRules implements DomainRule {

  private final Set<String> elementIds;

  PipelineRules(String... elementIds) {
    this.elementIds = Set.of(elementIds);
  }

  @Override
  public boolean appliesTo(String elementId) {
    return elementIds.contains(elementId);
  }

  /**
   * The proposal as drafted and revised: national funding within the total, national and local funding together
   * within the total (the rest is private money), years in order, the lead ministry among the participating ones,
   * and a cost breakdown (standard models, solutions and products, AX R&amp;D centre) that adds up to the total
   * exactly: the breakdown is how the total was derived, so any gap is a typing mistake.
   */
  @Component
  public static final class Proposal extends PipelineRules {

    public Proposal() {
      super(START_PROPOSAL_SUBMITTED, TASK_REVISE_PROPOSAL);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      List<Violation> violations = costs(variables);
      Long startYear = whole(variables.get(START_YEAR));
      Long endYear = whole(variables.get(END_YEAR));
      if (startYear != null && endYear != null && startYear > endYear) {
        violations.add(new Violation(END_YEAR, "종료 연도 (End year)",
            "종료 연도는 시작 연도(" + startYear + ") 이후여야 합니다 (must not be before the start year "
                + startYear + ")"));
      }
      Object lead = variables.get(LEAD_MINISTRY);
      JsonNode ministries = JsonValues.of(variables.get(MINISTRIES));
      if (lead instanceof String leadMinistry && ministries != null && ministries.isArray()
          && !containsText(ministries, leadMinistry)) {
        violations.add(new Violation(LEAD_MINISTRY, "주관 부처 (Lead ministry)",
            "주관 부처는 참여 부처 중 하나여야 합니다 (must be one of the participating ministries)"));
      }
      return violations;
    }
  }

  /** A restructured plan obeys the same cost rules as the proposal it replaces. */
  @Component
  public static final class Restructuring extends PipelineRules {

    public Restructuring() {
      super(TASK_RESTRUCTURE_BUSINESS_PLAN);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      return costs(variables);
    }
  }

  /** A study that passes recommends at most the total cost the region asked for. */
  @Component
  public static final class FeasibilityStudy extends PipelineRules {

    public FeasibilityStudy() {
      super(TASK_CONDUCT_FEASIBILITY_STUDY);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      List<Violation> violations = new ArrayList<>();
      if ("PASS".equals(variables.get(FEASIBILITY_STUDY_RESULT))) {
        atMost(variables, RECOMMENDED_TOTAL_COST, "적정 총사업비 (Recommended total cost)",
            TOTAL_COST, "총사업비", "total cost", violations);
      }
      return violations;
    }
  }

  /** The adequacy review confirms at most the total cost the region asked for. */
  @Component
  public static final class Adequacy extends PipelineRules {

    public Adequacy() {
      super(TASK_REVIEW_BUSINESS_PLAN_ADEQUACY);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      List<Violation> violations = new ArrayList<>();
      if ("CONFIRMED".equals(variables.get(ADEQUACY_DECISION))) {
        atMost(variables, CONFIRMED_TOTAL_COST, "확정 총사업비 (Confirmed total cost)",
            TOTAL_COST, "총사업비", "total cost", violations);
      }
      return violations;
    }
  }

  /** A year's budget request stays within the confirmed total cost. */
  @Component
  public static final class BudgetRequest extends PipelineRules {

    public BudgetRequest() {
      super(TASK_REQUEST_BUDGET);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      List<Violation> violations = new ArrayList<>();
      atMost(variables, REQUESTED_APPROPRIATION, "요구액 (Requested appropriation)",
          CONFIRMED_TOTAL_COST, "확정 총사업비", "confirmed total cost", violations);
      return violations;
    }
  }

  /** The cabinet resolves an item at its meeting or later, never before the meeting it was tabled for. */
  @Component
  public static final class CabinetResolution extends PipelineRules {

    public CabinetResolution() {
      super(TASK_RECORD_CABINET_RESOLUTION);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      LocalDate meeting = DateValues.of(variables.get(MEETING_DATE));
      LocalDate resolved = DateValues.of(variables.get(RESOLUTION_DATE));
      if (meeting != null && resolved != null && resolved.isBefore(meeting)) {
        return List.of(new Violation(RESOLUTION_DATE, "의결일 (Resolution date)",
            "의결일은 국무회의 일자(" + meeting + ") 이후여야 합니다 (cannot be before the meeting on " + meeting + ")"));
      }
      return List.of();
    }
  }

  /** The Assembly may cut a request, not raise it. */
  @Component
  public static final class Appropriation extends PipelineRules {

    public Appropriation() {
      super(TASK_RECORD_APPROPRIATION);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      List<Violation> violations = new ArrayList<>();
      atMost(variables, APPROPRIATED_AMOUNT, "반영액 (Appropriated amount)",
          REQUESTED_APPROPRIATION, "요구액", "requested appropriation", violations);
      return violations;
    }
  }

  /**
   * The implementation plan lists at least one task, each task code once (it becomes part of the task's business
   * key), and budgets that add up to at most the confirmed total cost.
   */
  @Component
  public static final class ImplementationPlan extends PipelineRules {

    private static final String LABEL = "R&D 과제 (R&D tasks)";

    public ImplementationPlan() {
      super(TASK_PUBLISH_IMPLEMENTATION_PLAN);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      List<Violation> violations = new ArrayList<>();
      JsonNode tasks = JsonValues.of(variables.get(RND_TASKS));
      if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
        violations.add(new Violation(RND_TASKS, LABEL,
            "과제를 하나 이상 등록해야 합니다 (at least one task is required)"));
        return violations;
      }
      Set<String> codes = new HashSet<>();
      long total = 0;
      for (int i = 0; i < tasks.size(); i++) {
        JsonNode task = tasks.get(i);
        JsonNode code = task.get(RND_TASK_CODE);
        if (code != null && code.isTextual() && !codes.add(code.asText())) {
          violations.add(new Violation(RND_TASKS + "[" + i + "]." + RND_TASK_CODE, "과제 코드 (Task code)",
              "과제 코드 '" + code.asText() + "'가 중복됩니다 (task code '" + code.asText() + "' is used twice)"));
        }
        JsonNode budget = task.get(RND_TASK_BUDGET);
        if (budget != null && budget.canConvertToExactIntegral()) {
          total = Math.addExact(total, budget.longValue());
        }
      }
      Long confirmed = whole(variables.get(CONFIRMED_TOTAL_COST));
      if (confirmed != null && total > confirmed) {
        violations.add(new Violation(RND_TASKS, LABEL,
            "과제 예산 합계 " + total + "억원이 확정 총사업비 " + confirmed + "억원을 넘습니다 (task budgets add up to "
                + total + ", more than the confirmed total cost " + confirmed + ")"));
      }
      return violations;
    }
  }

  static List<Violation> costs(Map<String, Object> variables) {
    List<Violation> violations = new ArrayList<>();
    Long total = whole(variables.get(TOTAL_COST));
    Long national = whole(variables.get(NATIONAL_FUNDING));
    Long local = whole(variables.get(LOCAL_FUNDING));
    if (total == null) {
      return violations;
    }
    if (national != null && national > total) {
      violations.add(new Violation(NATIONAL_FUNDING, "국비 (National funding)",
          "국비 " + national + "억원이 총사업비 " + total + "억원을 넘습니다 (national funding " + national
              + " exceeds the total cost " + total + ")"));
    } else if (national != null && local != null && national + local > total) {
      violations.add(new Violation(LOCAL_FUNDING, "지방비 (Local funding)",
          "국비와 지방비의 합 " + (national + local) + "억원이 총사업비 " + total
              + "억원을 넘습니다 (national and local funding add up to " + (national + local)
              + ", more than the total cost " + total + ")"));
    }
    Long standardModels = whole(variables.get(STANDARD_MODEL_COST));
    Long solutionsAndProducts = whole(variables.get(SOLUTION_PRODUCT_COST));
    Long centre = whole(variables.get(RND_CENTRE_COST));
    if (standardModels != null && solutionsAndProducts != null && centre != null) {
      long breakdown = standardModels + solutionsAndProducts + centre;
      if (breakdown != total) {
        violations.add(new Violation(TOTAL_COST, "총사업비 (Total cost)",
            "사업비 내역의 합 " + breakdown + "억원이 총사업비 " + total + "억원과 다릅니다 (the cost breakdown adds up to "
                + breakdown + ", not the total cost " + total + ")"));
      }
    }
    return violations;
  }

  private static void atMost(Map<String, Object> variables, String field, String label, String limitField,
      String limitKorean, String limitEnglish, List<Violation> violations) {
    Long value = whole(variables.get(field));
    Long limit = whole(variables.get(limitField));
    if (value != null && limit != null && value > limit) {
      violations.add(new Violation(field, label,
          value + "억원은 " + limitKorean + " " + limit + "억원을 넘을 수 없습니다 (" + value + " must not exceed the "
              + limitEnglish + " " + limit + ")"));
    }
  }

  /** A whole number of 억원, or null when absent or not whole (the form's own validation reports that). */
  static Long whole(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number) {
      try {
        return new BigDecimal(number.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
    return null;
  }


  private static boolean containsText(JsonNode array, String text) {
    for (JsonNode item : array) {
      if (item.isTextual() && item.asText().equals(text)) {
        return true;
      }
    }
    return false;
  }
}
