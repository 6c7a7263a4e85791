package kr.axhub.funding.kickoff;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Records, when the conflict-of-interest check is completed, how many panel members may evaluate and who was
 * excluded and why, so the evaluation task and Cockpit show the panel's composition without opening the list.
 */
@Component("recordPanelComposition")
public class RecordPanelCompositionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    PanelMembers panel = PanelMembers.from(task.getVariable(KickoffElements.PANEL_MEMBERS));
    task.getExecution().setVariable(KickoffElements.ELIGIBLE_PANEL_SIZE, (long) panel.eligible().size());
    task.getExecution().setVariable(KickoffElements.EXCLUDED_PANEL_MEMBERS, panel.describeExcluded());
  }
}
