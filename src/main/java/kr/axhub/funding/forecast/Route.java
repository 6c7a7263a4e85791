package kr.axhub.funding.forecast;

import static kr.axhub.funding.reporting.Stage.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.axhub.funding.reporting.ProgrammeReport;
import kr.axhub.funding.reporting.Stage;

/**
 * The ways from a proposal to the launch, as the top level of {@code ax-funding-pipeline} branches: the feasibility
 * requirement (not required → straight to the adequacy review), the budget ministry's answer to the exemption request
 * (refused → the full study, then the budget), and whether the exemption's ground needs the Cabinet's resolution.
 * {@code RouteModelTest} walks the model's top level and checks these are exactly its ways to the launch.
 *
 * <p>A programme is forecast along the route it is on: one its visits and decisions so far leave open. When several
 * remain, the one most earlier programmes took from that point on; without such programmes, the first in this order
 * (the designated route of the AX hubs: exempted under item 10, resolved by the Cabinet).
 */
public enum Route {
  EXEMPTION_WITH_CABINET("예타 면제 · 국무회의 의결", "exemption resolved by the Cabinet",
      PROPOSAL, FEASIBILITY_REQUIREMENT, EXEMPTION, CABINET, COMMITTEE, ADEQUACY_REVIEW, BUDGET, KICKOFF),
  EXEMPTION_WITHOUT_CABINET("예타 면제 · 총괄위원회 확정", "exemption confirmed by the committee only",
      PROPOSAL, FEASIBILITY_REQUIREMENT, EXEMPTION, COMMITTEE, ADEQUACY_REVIEW, BUDGET, KICKOFF),
  FEASIBILITY_STUDY("예비타당성조사", "full feasibility study", PROPOSAL, FEASIBILITY_REQUIREMENT, EXEMPTION, FULL_STUDY,
      BUDGET, KICKOFF),
  NO_STUDY("예타 비대상", "no feasibility study required", PROPOSAL, FEASIBILITY_REQUIREMENT, ADEQUACY_REVIEW, BUDGET,
      KICKOFF);

  private final String korean;
  private final String english;
  private final List<Stage> stages;

  Route(String korean, String english, Stage... stages) {
    this.korean = korean;
    this.english = english;
    this.stages = List.of(stages);
  }

  public List<Stage> stages() {
    return stages;
  }

  public String label() {
    return korean + " (" + english + ")";
  }

  /** What is known of a programme's branches: the decisions taken (null while open). */
  record Facts(String feasibilityStudy, String exemptionReview, Boolean cabinetResolutionRequired) {

    /** The decisions as the stage visits recorded them. */
    static Facts of(ProgrammeReport programme, Boolean cabinetResolutionRequired) {
      String feasibility = null;
      String exemption = null;
      for (ProgrammeReport.Visit visit : programme.visits()) {
        if (visit.stage() == FEASIBILITY_REQUIREMENT && visit.outcome() != null) {
          feasibility = visit.outcome();
        }
        if (visit.stage() == EXEMPTION && ("RECOMMEND".equals(visit.outcome()) || "REFUSE".equals(visit.outcome()))) {
          exemption = visit.outcome();
        }
      }
      return new Facts(feasibility, exemption, cabinetResolutionRequired);
    }
  }

  boolean allows(Set<Stage> visited, Facts facts) {
    if (!stages.containsAll(visited)) {
      return false;
    }
    if ("NOT_REQUIRED".equals(facts.feasibilityStudy()) && this != NO_STUDY
        || "REQUIRED".equals(facts.feasibilityStudy()) && this == NO_STUDY) {
      return false;
    }
    if ("REFUSE".equals(facts.exemptionReview()) && this != FEASIBILITY_STUDY
        || "RECOMMEND".equals(facts.exemptionReview()) && (this == FEASIBILITY_STUDY || this == NO_STUDY)) {
      return false;
    }
    return !(Boolean.TRUE.equals(facts.cabinetResolutionRequired()) && this == EXEMPTION_WITHOUT_CABINET
        || Boolean.FALSE.equals(facts.cabinetResolutionRequired()) && this == EXEMPTION_WITH_CABINET);
  }

  /** The route chosen and why, in Korean with English. */
  record Choice(Route route, String basis, String reason) {}

  static Choice choose(ProgrammeReport programme, Facts facts, List<ProgrammeReport> earlier) {
    Set<Stage> visited = visited(programme);
    List<Route> open = new ArrayList<>();
    for (Route route : values()) {
      if (route.allows(visited, facts)) {
        open.add(route);
      }
    }
    if (open.size() == 1) {
      return new Choice(open.get(0), "DECIDED", "지금까지의 결정으로 정해짐 (decided by the decisions so far)");
    }
    if (open.isEmpty()) {
      return new Choice(EXEMPTION_WITH_CABINET, "DEFAULT",
          "진행 이력이 어느 경로와도 맞지 않아 기본 경로로 예측 (the history fits no route; the designated route is assumed)");
    }
    Map<Route, Integer> taken = new EnumMap<>(Route.class);
    int past = 0;
    for (ProgrammeReport other : earlier) {
      Facts theirs = Facts.of(other, null);
      List<Route> fitting = open.stream().filter(r -> r.allows(visited(other), theirs)).toList();
      if (fitting.size() == 1) {
        taken.merge(fitting.get(0), 1, Integer::sum);
        past++;
      }
    }
    if (past == 0) {
      return new Choice(open.get(0), "DEFAULT", "이 분기를 지난 이전 사업이 없어 기본 경로로 예측"
          + " (no earlier programme has passed this branch; the designated route is assumed)");
    }
    // Ties go to the earlier route in the order of this enum.
    Route most = open.get(0);
    for (Route route : open) {
      if (taken.getOrDefault(route, 0) > taken.getOrDefault(most, 0)) {
        most = route;
      }
    }
    int count = taken.getOrDefault(most, 0);
    return new Choice(most, "HISTORY", "이 분기를 지난 이전 사업 " + past + "건 중 " + count + "건이 택한 경로"
        + " (taken by " + count + " of " + past + " earlier programmes past this branch)");
  }

  static Set<Stage> visited(ProgrammeReport programme) {
    Set<Stage> visited = EnumSet.noneOf(Stage.class);
    programme.visits().forEach(v -> visited.add(v.stage()));
    return visited;
  }
}
