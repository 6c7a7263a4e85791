package kr.axhub.funding.identity;

import java.util.List;

/** The candidate groups of the pipeline (DOMAIN.md), with the display names shown in Admin and Tasklist. */
public final class OfficialGroups {

  public static final String ADMINS = "camunda-admin";
  public static final String REGION_PLANNERS = "region-planners";
  public static final String REGION_DIRECTORS = "region-directors";
  public static final String MSIT_OFFICERS = "msit-officers";
  public static final String MOEF_REVIEWERS = "moef-reviewers";
  public static final String CABINET_SECRETARIAT = "cabinet-secretariat";
  public static final String KISTEP_REVIEWERS = "kistep-reviewers";
  public static final String AGENCY_OFFICERS = "agency-officers";
  public static final String EVALUATION_PANEL = "evaluation-panel";
  public static final String LEAD_INSTITUTIONS = "lead-institutions";
  public static final String PIPELINE_MANAGERS = "pipeline-managers";
  /** The monitoring system's account (Prometheus): reads the actuator's figures, nothing of the engine. */
  public static final String MONITORING = "monitoring";

  /** Groups whose members act in their own region only; every other group acts for all regions. */
  public static final List<String> REGIONAL = List.of(REGION_PLANNERS, REGION_DIRECTORS);

  /**
   * Groups that act for every region: each is a member of every region's tenant, so its members need no tenant of
   * their own. A regional official is made a member of their region's tenant instead.
   */
  public static final List<String> NATIONAL = List.of(MSIT_OFFICERS, MOEF_REVIEWERS, CABINET_SECRETARIAT,
      KISTEP_REVIEWERS, AGENCY_OFFICERS, EVALUATION_PANEL, LEAD_INSTITUTIONS, PIPELINE_MANAGERS);

  /** Groups of officials who complete tasks in Tasklist. */
  public static final List<String> TASK_WORKERS = List.of(REGION_PLANNERS, REGION_DIRECTORS, MSIT_OFFICERS,
      MOEF_REVIEWERS, CABINET_SECRETARIAT, KISTEP_REVIEWERS, AGENCY_OFFICERS, EVALUATION_PANEL, LEAD_INSTITUTIONS);

  public record Group(String id, String name) {}

  public static final List<Group> ALL = List.of(
      new Group(ADMINS, "관리자 (Administrators)"),
      new Group(REGION_PLANNERS, "지역 사업 기획 담당 (Region planners)"),
      new Group(REGION_DIRECTORS, "지역 국장 (Region directors)"),
      new Group(MSIT_OFFICERS, "과학기술정보통신부 (MSIT officers)"),
      new Group(MOEF_REVIEWERS, "기획재정부 (MOEF reviewers)"),
      new Group(CABINET_SECRETARIAT, "국무회의 사무국 (Cabinet secretariat)"),
      new Group(KISTEP_REVIEWERS, "한국과학기술기획평가원 (KISTEP reviewers)"),
      new Group(AGENCY_OFFICERS, "전문기관 (Managing agency officers)"),
      new Group(EVALUATION_PANEL, "평가위원단 (Evaluation panel)"),
      new Group(LEAD_INSTITUTIONS, "주관기관 (Lead institutions)"),
      new Group(PIPELINE_MANAGERS, "사업 관리자 (Pipeline managers)"),
      new Group(MONITORING, "운영 감시 (Monitoring)"));

  private OfficialGroups() {}

  public static boolean isRegional(String groupId) {
    return REGIONAL.contains(groupId);
  }
}
