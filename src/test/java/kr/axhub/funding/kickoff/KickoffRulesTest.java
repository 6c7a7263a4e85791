package kr.axhub.funding.kickoff;

import static kr.axhub.funding.kickoff.KickoffElements.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.validation.DomainRule;
import kr.axhub.funding.validation.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KickoffRulesTest {

  private static final KickoffProperties DEFAULTS = KickoffProperties.defaults();

  @Nested
  class CallPeriod {
    private final DomainRule rule = new KickoffRules.CallPeriod(DEFAULTS);

    @Test
    void appliesToTheAnnouncementOnly() {
      assertThat(rule.appliesTo(ANNOUNCE_CALL)).isTrue();
      assertThat(rule.appliesTo(REGISTER_APPLICATIONS)).isFalse();
    }

    @Test
    void acceptsThirtyDays() {
      assertThat(rule.check(vars(KickoffForms.announcement("2026-03-02", "2026-04-01")))).isEmpty();
    }

    @Test
    void refusesTwentyNineDays() {
      assertThat(rule.check(vars(KickoffForms.announcement("2026-03-02", "2026-03-31"))))
          .singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(CALL_CLOSES_ON);
            assertThat(v.message()).contains("30").contains("29");
          });
    }

    @Test
    void refusesAClosingDateNotAfterTheOpening() {
      assertThat(rule.check(vars(KickoffForms.announcement("2026-04-01", "2026-04-01"))))
          .singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(CALL_CLOSES_ON);
            assertThat(v.message()).contains("must be after the opening date");
          });
      assertThat(rule.check(vars(KickoffForms.announcement("2026-04-01", "2026-03-01")))).hasSize(1);
    }

    @Test
    void followsTheConfiguredMinimum() {
      DomainRule fortyFive = new KickoffRules.CallPeriod(new KickoffProperties(45, null));
      assertThat(fortyFive.check(vars(KickoffForms.announcement("2026-03-02", "2026-04-01")))).hasSize(1);
      assertThat(fortyFive.check(vars(KickoffForms.announcement("2026-03-02", "2026-04-16")))).isEmpty();
    }

    @Test
    void leavesMissingDatesToTheForm() {
      assertThat(rule.check(Map.of(CALL_OPENS_ON, "2026-03-02"))).isEmpty();
    }
  }

  @Nested
  class EligibleCount {
    private final DomainRule rule = new KickoffRules.EligibleCount();

    @Test
    void acceptsUpToTheApplicationsRegistered() {
      assertThat(rule.appliesTo(SCREEN_ELIGIBILITY)).isTrue();
      assertThat(rule.check(Map.of(APPLICATION_COUNT, 3L, ELIGIBLE_COUNT, 3L))).isEmpty();
      assertThat(rule.check(Map.of(APPLICATION_COUNT, 3L, ELIGIBLE_COUNT, 0L))).isEmpty();
    }

    @Test
    void refusesMoreEligibleThanRegistered() {
      assertThat(rule.check(Map.of(APPLICATION_COUNT, 3L, ELIGIBLE_COUNT, 4L)))
          .singleElement().extracting(Violation::field).isEqualTo(ELIGIBLE_COUNT);
    }
  }

  @Nested
  class PanelSize {
    private final DomainRule rule = new KickoffRules.PanelSize(DEFAULTS);

    @Test
    void acceptsFiveRemainingAfterExclusions() {
      assertThat(rule.appliesTo(CHECK_PANEL)).isTrue();
      assertThat(rule.check(vars(KickoffForms.panel()))).isEmpty();
    }

    @Test
    void refusesWhenExclusionsLeaveTooFew() {
      List<Violation> violations = rule.check(vars(KickoffForms.panelOf(members(6, 1, 1))));
      assertThat(violations).singleElement().satisfies(v -> {
        assertThat(v.field()).isEqualTo(PANEL_MEMBERS);
        assertThat(v.message()).contains("at least 5").contains("4 remain").contains("member5, member6");
      });
    }

    @Test
    void countsAMemberBothSanctionedAndConflictedOnce() {
      assertThat(rule.check(vars(KickoffForms.panelOf(members(5, 0, 0)
          .replace("\"name\":\"member5\",\"affiliation\":\"X\",\"sanctionedWithinThreeYears\":false,"
              + "\"conflictOfInterest\":false", "\"name\":\"member5\",\"affiliation\":\"X\","
              + "\"sanctionedWithinThreeYears\":true,\"conflictOfInterest\":true")))))
          .singleElement().satisfies(v -> assertThat(v.message()).contains("4 remain"));
    }

    @Test
    void refusesAnEmptyOrMissingPanel() {
      assertThat(rule.check(vars(KickoffForms.panelOf("[]")))).hasSize(1);
      assertThat(rule.check(Map.of())).singleElement().extracting(Violation::field).isEqualTo(PANEL_MEMBERS);
    }

    @Test
    void readsAPanelPassedAsJavaListsToo() {
      List<Map<String, Object>> members = new java.util.ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        members.add(Map.of(PANEL_MEMBER_NAME, "m" + i, PANEL_MEMBER_AFFILIATION, "A",
            PANEL_MEMBER_SANCTIONED, false, PANEL_MEMBER_CONFLICT, false));
      }
      assertThat(rule.check(Map.of(PANEL_MEMBERS, members))).isEmpty();
    }

    @Test
    void followsTheConfiguredMinimum() {
      DomainRule three = new KickoffRules.PanelSize(new KickoffProperties(null, 3));
      assertThat(three.check(vars(KickoffForms.panelOf(members(3, 0, 0))))).isEmpty();
    }
  }

  @Nested
  class Budgets {
    private final DomainRule revised = new KickoffRules.RevisedBudget();
    private final DomainRule agreed = new KickoffRules.AgreedBudget();

    @Test
    void revisedBudgetAtMostTheTaskBudget() {
      assertThat(revised.appliesTo(REVISE_PLAN)).isTrue();
      assertThat(revised.check(Map.of(TASK_BUDGET, 120L, REVISED_BUDGET, 120L))).isEmpty();
      assertThat(revised.check(Map.of(TASK_BUDGET, 120L, REVISED_BUDGET, 121L)))
          .singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(REVISED_BUDGET);
            assertThat(v.message()).contains("120");
          });
    }

    @Test
    void agreedBudgetAtMostTheTaskBudgetWhenSelected() {
      assertThat(agreed.appliesTo(SIGN_AGREEMENT)).isTrue();
      Map<String, Object> selected = Map.of(TASK_BUDGET, 120L, SELECTION_DECISION, SELECTED, REVISED_BUDGET, 80L,
          AGREED_BUDGET, 120L);
      assertThat(agreed.check(selected)).as("a revision of an earlier round does not bind").isEmpty();
      assertThat(agreed.check(Map.of(TASK_BUDGET, 120L, SELECTION_DECISION, SELECTED, AGREED_BUDGET, 121L)))
          .singleElement().extracting(Violation::field).isEqualTo(AGREED_BUDGET);
    }

    @Test
    void agreedBudgetAtMostTheRevisedBudgetWhenConditional() {
      Map<String, Object> conditional = new HashMap<>(Map.of(TASK_BUDGET, 120L, SELECTION_DECISION, CONDITIONAL,
          REVISED_BUDGET, 80L));
      conditional.put(AGREED_BUDGET, 80L);
      assertThat(agreed.check(conditional)).isEmpty();
      conditional.put(AGREED_BUDGET, 81L);
      assertThat(agreed.check(conditional)).singleElement().satisfies(v -> {
        assertThat(v.field()).isEqualTo(AGREED_BUDGET);
        assertThat(v.message()).contains("revised budget").contains("80");
      });
    }
  }

  @Nested
  class KickoffDate {
    private final DomainRule rule = new KickoffRules.KickoffDate();

    @Test
    void acceptsTheSigningDayOrLater() {
      assertThat(rule.appliesTo(CONFIRM_KICKOFF)).isTrue();
      assertThat(rule.check(Map.of(SIGNED_ON, "2026-05-15", KICKOFF_DATE, "2026-05-15"))).isEmpty();
      assertThat(rule.check(Map.of(SIGNED_ON, "2026-05-15", KICKOFF_DATE, "2026-06-01"))).isEmpty();
    }

    @Test
    void refusesAKickoffBeforeTheAgreement() {
      assertThat(rule.check(Map.of(SIGNED_ON, "2026-05-15", KICKOFF_DATE, "2026-05-14")))
          .singleElement().extracting(Violation::field).isEqualTo(KICKOFF_DATE);
    }
  }

  private static Map<String, Object> vars(Map<String, Object> submitted) {
    return new HashMap<>(submitted);
  }

  /** A JSON panel of {@code size} members; the last ones sanctioned, then conflicted, as counted. */
  private static String members(int size, int sanctioned, int conflicted) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 1; i <= size; i++) {
      boolean isSanctioned = i > size - sanctioned;
      boolean isConflicted = !isSanctioned && i > size - sanctioned - conflicted;
      json.append(i > 1 ? "," : "").append("{\"name\":\"member").append(i).append("\",\"affiliation\":\"X\",")
          .append("\"sanctionedWithinThreeYears\":").append(isSanctioned).append(',')
          .append("\"conflictOfInterest\":").append(isConflicted).append('}');
    }
    return json.append(']').toString();
  }
}
