package kr.axhub.funding.kickoff;

import static kr.axhub.funding.kickoff.KickoffElements.AGREED_BUDGET;
import static kr.axhub.funding.kickoff.KickoffElements.APPLICATION_COUNT;
import static kr.axhub.funding.kickoff.KickoffElements.CALL_CLOSES_ON;
import static kr.axhub.funding.kickoff.KickoffElements.CALL_OPENS_ON;
import static kr.axhub.funding.kickoff.KickoffElements.CONDITIONAL;
import static kr.axhub.funding.kickoff.KickoffElements.ELIGIBLE_COUNT;
import static kr.axhub.funding.kickoff.KickoffElements.KICKOFF_DATE;
import static kr.axhub.funding.kickoff.KickoffElements.PANEL_MEMBERS;
import static kr.axhub.funding.kickoff.KickoffElements.REVISED_BUDGET;
import static kr.axhub.funding.kickoff.KickoffElements.SELECTION_DECISION;
import static kr.axhub.funding.kickoff.KickoffElements.SIGNED_ON;
import static kr.axhub.funding.kickoff.KickoffElements.TASK_BUDGET;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kr.axhub.funding.validation.DateValues;
import kr.axhub.funding.validation.DomainRule;
import kr.axhub.funding.validation.Violation;
import org.springframework.stereotype.Component;

/**
 * The kickoff's rules that a form cannot express, one Spring bean per task. A value the form itself requires but
 * that is missing or malformed is left to the form's validation, so the official is not told twice.
 */
public abstract sealed class KickoffRules implements DomainRule {


  private final String taskId;

  KickoffRules(String taskId) {
    this.taskId = taskId;
  }

  @Override
  public final boolean appliesTo(String elementId) {
    return taskId.equals(elementId);
  }

  /** The call must stay open long enough for institutions to prepare a proposal (공고 기간). */
  @Component
  public static final class CallPeriod extends KickoffRules {

    private final KickoffProperties properties;

    public CallPeriod(KickoffProperties properties) {
      super(KickoffElements.ANNOUNCE_CALL);
      this.properties = properties;
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      LocalDate opens = DateValues.of(variables.get(CALL_OPENS_ON));
      LocalDate closes = DateValues.of(variables.get(CALL_CLOSES_ON));
      if (opens == null || closes == null) {
        return List.of();
      }
      String label = "접수 마감일 (Call closes on)";
      if (!closes.isAfter(opens)) {
        return List.of(new Violation(CALL_CLOSES_ON, label,
            "마감일은 공고 시작일(" + opens + ") 이후여야 합니다 (must be after the opening date " + opens + ")"));
      }
      long days = ChronoUnit.DAYS.between(opens, closes);
      int minimum = properties.minimumCallDays();
      if (days < minimum) {
        return List.of(new Violation(CALL_CLOSES_ON, label,
            "공고 기간은 최소 " + minimum + "일이어야 합니다: 현재 " + days + "일 (the call must stay open at least "
                + minimum + " days; it is " + days + ")"));
      }
      return List.of();
    }
  }

  /** Only registered applications can pass the eligibility screening (요건검토). */
  @Component
  public static final class EligibleCount extends KickoffRules {

    public EligibleCount() {
      super(KickoffElements.SCREEN_ELIGIBILITY);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      Long eligible = whole(variables.get(ELIGIBLE_COUNT));
      Long applications = whole(variables.get(APPLICATION_COUNT));
      if (eligible != null && applications != null && eligible > applications) {
        return List.of(new Violation(ELIGIBLE_COUNT, "요건 충족 건수 (Eligible applications)",
            "접수 건수(" + applications + ")를 넘을 수 없습니다 (cannot exceed the " + applications
                + " applications registered)"));
      }
      return List.of();
    }
  }

  /** After excluding sanctioned and conflicted members (제척·회피) the panel must still be large enough. */
  @Component
  public static final class PanelSize extends KickoffRules {

    private final KickoffProperties properties;

    public PanelSize(KickoffProperties properties) {
      super(KickoffElements.CHECK_PANEL);
      this.properties = properties;
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      PanelMembers panel = PanelMembers.from(variables.get(PANEL_MEMBERS));
      int remaining = panel.eligible().size();
      int minimum = properties.minimumPanelSize();
      if (remaining >= minimum) {
        return List.of();
      }
      String excluded = panel.excluded().isEmpty() ? ""
          : " 제외: " + panel.excluded().stream().map(PanelMembers.Member::name)
              .collect(Collectors.joining(", ")) + " (excluded)";
      return List.of(new Violation(PANEL_MEMBERS, "평가위원 (Panel members)",
          "제척·회피 후 평가위원이 최소 " + minimum + "명 남아야 합니다: 현재 " + remaining + "명" + excluded
              + " (at least " + minimum + " members must remain after excluding those sanctioned within three years"
              + " or with a conflict of interest; " + remaining + " remain)"));
    }
  }

  /** A conditional selection revises the plan within the task's budget, never above it. */
  @Component
  public static final class RevisedBudget extends KickoffRules {

    public RevisedBudget() {
      super(KickoffElements.REVISE_PLAN);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      return atMost(variables, REVISED_BUDGET, "보완 예산 (Revised budget)", TASK_BUDGET, "과제 예산", "task budget");
    }
  }

  /** The agreement funds at most the task's budget, or the revised budget after a conditional selection. */
  @Component
  public static final class AgreedBudget extends KickoffRules {

    public AgreedBudget() {
      super(KickoffElements.SIGN_AGREEMENT);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      if (CONDITIONAL.equals(variables.get(SELECTION_DECISION)) && variables.get(REVISED_BUDGET) != null) {
        return atMost(variables, AGREED_BUDGET, "협약 예산 (Agreed budget)", REVISED_BUDGET,
            "보완 예산", "revised budget");
      }
      return atMost(variables, AGREED_BUDGET, "협약 예산 (Agreed budget)", TASK_BUDGET, "과제 예산", "task budget");
    }
  }

  /** Work starts under a signed agreement, so the kickoff cannot precede the signature. */
  @Component
  public static final class KickoffDate extends KickoffRules {

    public KickoffDate() {
      super(KickoffElements.CONFIRM_KICKOFF);
    }

    @Override
    public List<Violation> check(Map<String, Object> variables) {
      LocalDate signed = DateValues.of(variables.get(SIGNED_ON));
      LocalDate kickoff = DateValues.of(variables.get(KICKOFF_DATE));
      if (signed != null && kickoff != null && kickoff.isBefore(signed)) {
        return List.of(new Violation(KICKOFF_DATE, "착수일 (Kickoff date)",
            "협약 체결일(" + signed + ") 이후여야 합니다 (cannot be before the agreement was signed on " + signed + ")"));
      }
      return List.of();
    }
  }

  private static List<Violation> atMost(Map<String, Object> variables, String field, String label, String limitField,
      String limitKorean, String limitEnglish) {
    Long value = whole(variables.get(field));
    Long limit = whole(variables.get(limitField));
    if (value != null && limit != null && value > limit) {
      return List.of(new Violation(field, label, limitKorean + " " + limit + "억원 이하여야 합니다 (must be at most the "
          + limitEnglish + " of " + limit + " 억원)"));
    }
    return List.of();
  }

  private static Long whole(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.longValue();
    }
    return null;
  }

}
