package kr.axhub.funding.demo;

import java.util.List;
import java.util.Map;

/**
 * A demo programme: what its region submitted, and the decisions already taken, in order, each by the official
 * who takes it in real life. Replaying them leaves the programme at the stage its region really stands at.
 */
record DemoProgramme(String code, Map<String, Object> proposal, List<Step> steps) {

  /** One completed task: the task, the official who completed it and what the form submitted. */
  record Step(String taskKey, String official, Map<String, Object> variables) {}
}
