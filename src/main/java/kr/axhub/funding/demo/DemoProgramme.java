package kr.axhub.funding.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A demo programme: what its region submitted and on which day, and what happened since, in order, each on its own
 * day and by the official who does it in real life. Replaying them on those days leaves the programme at the stage
 * its region stands at, with the stage durations it really had.
 */
record DemoProgramme(String code, LocalDate proposed, Map<String, Object> proposal, List<Step> steps) {

  /**
   * One completed task (its official and what the form submitted) or one job run by the engine (a timer come due,
   * an asynchronous step: {@code official} is null), in the programme itself or in the kickoff of one of its R&amp;D
   * tasks ({@code rndTask}, null for the programme).
   */
  record Step(LocalDate on, String rndTask, String activity, String official, Map<String, Object> variables) {

    boolean isJob() {
      return official == null;
    }
  }
}
