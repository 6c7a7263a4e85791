package kr.axhub.funding.browser;

import static kr.axhub.funding.browser.ValidInputs.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.axhub.funding.support.Officials;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A manager asks "where does this programme stand?" in Cockpit: the programme's diagram shows its stages, the
 * waiting programme's badge sits on its stage, and the stage's drill-down opens the stage's own diagram, drawn at a
 * size where names can be read, with the badge on the task that waits. Screenshots (1280 and 1440 px) go where
 * {@code axhub.screenshots} says.
 */
class StageMapBrowserTest extends BrowserTestBase {

  private static final String PROGRAMME = "AX-DAEGU-2042";

  @Test
  void theManagerSeesTheStageAndDrillsDownToTheWaitingTask() {
    String programme = runtimeService.startProcessInstanceByKey("ax-funding-pipeline", PROGRAMME,
        pipeline("proposal", PROGRAMME)).getId();
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme, "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    completeByApi(programme, "Task_PrepareExemptionRequest", pipeline("exemptionRequest", "ART38_2_10"));
    completeByApi(programme, "Task_ReviewExemptionRequest", pipeline("exemptionReview", "RECOMMEND", null));

    browser.actAs("pipeline-manager", Officials.PASSWORD, "cockpit");
    browser.get(CockpitPage.APP + "#/process-instance/" + programme + "/runtime");
    assertThat(badgeOn("SubProcess_Cabinet")).as("the programme's badge on its stage").isEqualTo("1");
    assertThat(shapeIds()).as("the top level shows stages, not their tasks")
        .contains("SubProcess_Proposal", "SubProcess_Exemption", "SubProcess_Cabinet", "EndEvent_ProgrammeLaunched")
        .doesNotContain("Task_TableCabinetAgenda");
    screenshots("cockpit-stages");

    drillDown("SubProcess_Cabinet");
    assertThat(badgeOn("Task_TableCabinetAgenda")).as("the badge on the waiting task inside the stage").isEqualTo("1");
    assertThat(shapeIds()).contains("Task_RecordCabinetResolution").doesNotContain("SubProcess_Proposal");
    assertThat(browser.driver.findElement(By.cssSelector(".bjs-breadcrumbs")).getText())
        .contains("국무회의 의결 (Cabinet resolution)");
    screenshots("cockpit-stage-drilled-down");
    assertThat(zoom()).as("the stage fits the canvas at a readable zoom").isGreaterThanOrEqualTo(0.5);
  }

  /** The number on the activity-instance badge Cockpit puts on an element, once the diagram has loaded. */
  private String badgeOn(String elementId) {
    return browser.waiting().until(driver -> {
      List<WebElement> badges = driver.findElements(By.cssSelector(
          ".djs-overlays[data-container-id='" + elementId + "'] .badge"));
      return badges.stream().filter(WebElement::isDisplayed).map(WebElement::getText).filter(t -> !t.isBlank())
          .findFirst().orElse(null);
    });
  }

  private void drillDown(String subProcessId) {
    WebElement arrow = browser.waiting().until(driver -> driver.findElements(By.cssSelector(
        ".djs-overlays[data-container-id='" + subProcessId + "'] .bjs-drilldown")).stream().findFirst()
        .orElse(null));
    browser.click(arrow);
    browser.waiting().until(driver -> !driver.findElements(By.cssSelector(
        ".djs-element[data-element-id='Task_TableCabinetAgenda']")).isEmpty());
  }

  /** The elements drawn on the plane now shown (bpmn-js keeps other planes' shapes hidden). */
  @SuppressWarnings("unchecked")
  private List<String> shapeIds() {
    return (List<String>) browser.driver.executeScript("return [...document.querySelectorAll("
        + "'.djs-element.djs-shape[data-element-id]')].filter(e => e.getBoundingClientRect().width > 0)"
        + ".map(e => e.getAttribute('data-element-id'));");
  }

  /** The diagram's scale: the width a 100-px-wide element of the plane takes on screen, over 100. */
  private double zoom() {
    Object scale = browser.driver.executeScript("var v = document.querySelector('.djs-container svg .viewport');"
        + " return v ? v.transform.baseVal.consolidate().matrix.a : 0;");
    return ((Number) scale).doubleValue();
  }
}
