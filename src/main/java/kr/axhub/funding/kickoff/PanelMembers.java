package kr.axhub.funding.kickoff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import kr.axhub.funding.validation.JsonValues;

/**
 * The evaluation panel as entered in the conflict-of-interest check (the form's dynamic list {@code panelMembers}).
 * Tasklist submits the list as a JSON variable; Java callers may pass a list of maps. Members sanctioned within the
 * last three years and members with a conflict of interest are excluded (제척·회피).
 */
public record PanelMembers(List<Member> members) {


  public record Member(String name, String affiliation, boolean sanctionedWithinThreeYears,
      boolean conflictOfInterest) {

    public boolean excluded() {
      return sanctionedWithinThreeYears || conflictOfInterest;
    }

    String describe() {
      List<String> reasons = new ArrayList<>();
      if (sanctionedWithinThreeYears) {
        reasons.add("3년 내 제재 (sanctioned within 3 years)");
      }
      if (conflictOfInterest) {
        reasons.add("이해충돌 (conflict of interest)");
      }
      String who = affiliation == null || affiliation.isBlank() ? name : name + " (" + affiliation + ")";
      return who + " — " + String.join(", ", reasons);
    }
  }

  public PanelMembers {
    members = List.copyOf(members);
  }

  /** Reads the variable as submitted; a missing or unreadable value is an empty panel. */
  public static PanelMembers from(Object value) {
    JsonNode list = JsonValues.of(value);
    List<Member> members = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        if (item.isObject()) {
          members.add(new Member(
              text(item, KickoffElements.PANEL_MEMBER_NAME),
              text(item, KickoffElements.PANEL_MEMBER_AFFILIATION),
              item.path(KickoffElements.PANEL_MEMBER_SANCTIONED).asBoolean(false),
              item.path(KickoffElements.PANEL_MEMBER_CONFLICT).asBoolean(false)));
        }
      }
    }
    return new PanelMembers(members);
  }

  public List<Member> eligible() {
    return members.stream().filter(member -> !member.excluded()).toList();
  }

  public List<Member> excluded() {
    return members.stream().filter(Member::excluded).toList();
  }

  /** One line per excluded member with the reason, as Cockpit shows it; "없음 (none)" when nobody is excluded. */
  public String describeExcluded() {
    List<Member> excluded = excluded();
    return excluded.isEmpty() ? "없음 (none)"
        : excluded.stream().map(Member::describe).collect(Collectors.joining("\n"));
  }

  private static String text(JsonNode item, String field) {
    JsonNode node = item.get(field);
    return node == null || node.isNull() ? "" : node.asText().strip();
  }
}
