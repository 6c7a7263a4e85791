package kr.axhub.funding.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import kr.axhub.funding.demo.DemoApplicationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A pipeline manager whose browser speaks Korean opens the launch forecast of the demo's Daegu programme in Cockpit —
 * the chart with its past stages at their real length, the stages ahead with their band, today and the planned start
 * year — and the programmes at risk on the pipeline's page, on 2 December 2026 (the engine's clock held there, so the
 * figures are those of ForecastApiTest). Screenshots cockpit-forecast and cockpit-at-risk, at 1280 and 1440 px.
 */
@DemoApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastBrowserTest {

  @LocalServerPort int port;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;

  private Browser browser;

  @BeforeAll
  void browserOnTheSecondOfDecember() {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 12, 2).atTime(10, 0).atZone(ZoneId.of("Asia/Seoul"))
        .toInstant()));
    browser = Browser.open(port, "ko-KR");
  }

  @AfterAll
  void close() {
    ClockUtil.reset();
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aManagerSeesWhenDaeguWillLaunchAndWhichProgrammesAreAtRisk() {
    try {
      readForecastAndRisks();
    } catch (RuntimeException | AssertionError failure) {
      browser.dump("forecast");
      throw failure;
    }
  }

  private void readForecastAndRisks() {
    browser.actAs("pipeline-manager", "demo", "cockpit");
    String daegu = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey("AX-DAEGU-2026")
        .singleResult().getId();
    String page = page("#/process-instance/" + daegu + "/runtime?tab=axhub.launchForecast",
        "svg[data-axhub='forecast-chart']", "예상 착수일");

    List<WebElement> bars = browser.driver.findElements(By.cssSelector("svg[data-axhub='forecast-chart'] "
        + "rect[data-axhub='bar']"));
    assertThat(bars.stream().map(b -> b.getDomAttribute("data-stage") + ":" + b.getDomAttribute("data-status"))
        .toList()).containsExactly("PROPOSAL:DONE", "FEASIBILITY_REQUIREMENT:DONE", "EXEMPTION:DONE", "CABINET:DONE",
        "COMMITTEE:DONE", "ADEQUACY_REVIEW:CURRENT", "BUDGET:EXPECTED", "KICKOFF:EXPECTED");
    // Past stages at their real length: the exemption's 953 days against the proposal's 141.
    double ratio = width(bars.get(2)) / width(bars.get(0));
    assertThat(ratio).isBetween(953.0 / 141 * 0.95, 953.0 / 141 * 1.05);
    assertThat(bars.get(5).getDomAttribute("stroke")).as("the current stay is past the 80th percentile")
        .isNotEqualTo("none");
    assertThat(browser.driver.findElements(By.cssSelector("svg [data-axhub='band']"))).hasSize(3);
    assertThat(browser.driver.findElements(By.cssSelector("svg line[data-axhub='today']"))).hasSize(1);
    assertThat(browser.driver.findElements(By.cssSelector("svg rect[data-axhub='planned-start']"))).hasSize(1);
    assertThat(browser.driver.findElement(By.cssSelector("[data-axhub='launch-expected']")).getText())
        .contains("2027. 11. 05.", "2027. 10. 31.", "2027. 11. 30.");
    assertThat(page).contains("계획 착수 연도 2026년보다 308일 늦을 것으로 예상됩니다", "이전 사업 5건의 단계 이력에 근거",
        "예타 면제 · 국무회의 의결", "오늘 2026. 12. 02.", "계획 착수 연도 2026")
        .doesNotContain("Launch forecast", "Expected launch", "Based on", "today");
    WebElement adequacy = browser.driver.findElement(By.cssSelector(
        "tr[data-axhub='forecast-stage'][data-stage='ADEQUACY_REVIEW']"));
    assertThat(adequacy.getText()).contains("진행 중", "이전 사업 80%보다 오래 머무는 중", "이력 4건", "25%", "KISTEP");
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-axhub='forecast-stage'][data-stage='BUDGET']"))
        .getText()).contains("예상", "2026. 12. 02.", "210일", "이력 5건");
    showTab(".axhub-forecast");
    browser.screenshots("cockpit-forecast");

    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("ax-funding-pipeline")
        .latestVersion().singleResult().getId();
    browser.get(CockpitPage.APP + "#/process-definition/" + definition + "/runtime");
    browser.waiting().until(ExpectedConditions.elementToBeClickable(By.linkText("착수 지연 위험"))).click();
    String risks = page(null, "table[data-axhub='at-risk']", "AX-GWANGJU-2026");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("table[data-axhub='at-risk'] tr[data-axhub='risk']"));
    assertThat(rows.get(0).getDomAttribute("data-programme")).isEqualTo("AX-JEONBUK-2026");
    WebElement gwangju = rows.stream().filter(r -> "AX-GWANGJU-2026".equals(r.getDomAttribute("data-programme"))
        && "STAGE_OVERRUN".equals(r.getDomAttribute("data-kind"))).findFirst().orElseThrow();
    assertThat(gwangju.getText()).contains("광주광역시", "단계 장기 체류", "예타 면제", "기획재정부", "561일", "561일 더 머무는 중");
    assertThat(risks).contains("착수 연도 초과", "이전 사업의 80%보다").doesNotContain("stage overrun", "Programmes at risk");
    showTab("table[data-axhub='at-risk']");
    browser.screenshots("cockpit-at-risk");
  }

  /** The page at this fragment (null: the page the browser is on) once it shows {@code expected}. */
  private String page(String fragment, String selector, String expected) {
    if (fragment != null) {
      browser.get(CockpitPage.APP + fragment);
    }
    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    return browser.waiting().until(driver -> {
      String text = driver.findElement(By.tagName("body")).getText();
      return text.contains(expected) && !text.contains("불러오는 중") ? text : null;
    });
  }

  private static double width(WebElement bar) {
    return Double.parseDouble(bar.getDomAttribute("width"));
  }

  /** Folds Cockpit's diagram away (its own control) and scrolls to the tab, so a picture shows the whole tab. */
  private void showTab(String selector) {
    browser.driver.executeScript("var fold = document.querySelector('a.hide-collapsable.vertical-collapse');"
        + " if (fold) { fold.click(); }");
    browser.driver.executeScript("var t = document.querySelector(arguments[0]); if (t) { t.scrollIntoView(); }",
        selector);
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
