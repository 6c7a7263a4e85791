package kr.axhub.funding.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Cockpit as a pipeline manager uses it: a process's instances searched by business key. */
final class CockpitPage {

  static final String APP = "/camunda/app/cockpit/default/";

  private final Browser browser;

  CockpitPage(Browser browser) {
    this.browser = browser;
  }

  /**
   * The process definition's running instances filtered by business key, as the search bar encodes it in the URL;
   * returns the text of the matching row.
   */
  String findByBusinessKey(String processDefinitionId, String businessKey) {
    String search = "[{\"type\":\"PIbusinessKey\",\"operator\":\"eq\",\"value\":\"" + businessKey + "\"}]";
    browser.get(APP + "#/process-definition/" + processDefinitionId + "/runtime?searchQuery="
        + URLEncoder.encode(search, StandardCharsets.UTF_8).replace("+", "%20"));
    WebElement row = browser.waiting().until(driver -> driver.findElements(By.cssSelector("table tbody tr")).stream()
        .filter(candidate -> candidate.getText().contains(businessKey)).findFirst().orElse(null));
    return row.getText() + " " + row.findElement(By.cssSelector("a[href*='process-instance']")).getDomAttribute("href");
  }

  void openInstance(String businessKey) {
    WebElement row = browser.waiting().until(driver -> driver.findElements(By.cssSelector("table tbody tr")).stream()
        .filter(candidate -> candidate.getText().contains(businessKey)).findFirst().orElse(null));
    row.findElement(By.cssSelector("a[href*='process-instance']")).click();
    browser.waiting().until(ExpectedConditions.urlContains("/process-instance/"));
  }

  /**
   * The sidebar's activity instance tree ("Filter" tab): the process and, under it, the activities the instance
   * currently waits in, by name.
   */
  String waitingActivities() {
    browser.waiting().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("a[ng-click=\"sidebarTab = 'filters'\"]"))).click();
    By sidebar = By.cssSelector("[ng-controller='ProcessInstanceFilterController']");
    browser.waiting().until(driver -> driver.findElement(sidebar).getText().contains("("));
    return browser.driver.findElement(sidebar).getText();
  }
}
