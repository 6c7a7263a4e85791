package kr.axhub.funding.reporting;

import static kr.axhub.funding.pipeline.PipelineElements.*;
import static kr.axhub.funding.reporting.ProgrammeDriver.mutable;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.pipeline.PipelineForms;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A pipeline manager in a real browser (Debian's Chromium, headless) whose language is Korean: logs in to Cockpit,
 * opens the Daegu programme and finds its stage timeline in the plugin's tab, with the stages the programme really
 * passed and Korean text in Cockpit itself; then the programmes × stages table on the process definition page.
 * Screenshots go to the directory named by the system property {@code axhub.screenshots} (default
 * target/screenshots) for the managers' guide.
 *
 * <p>The Daegu history follows the seed case's dates: proposed in August 2022, a supplement requested, an exemption
 * request sent back once, recommended in July 2025, resolved by the cabinet on 18 August 2025 and confirmed by the
 * committee on 22 August 2025; it now waits for the business-plan adequacy review.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CockpitPluginBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;

  private String daegu;
  private WebDriver browser;
  private Path profile;
  private Path screenshots;

  @BeforeAll
  void programmesAndBrowser() throws IOException {
    Officials.regional(identityService, "daegu-planner", "region-planners", "daegu");
    Officials.regional(identityService, "daegu-director", "region-directors", "daegu");
    Officials.regional(identityService, "gwangju-planner", "region-planners", "gwangju");
    Officials.regional(identityService, "gwangju-director", "region-directors", "gwangju");
    Officials.regional(identityService, "gyeongnam-planner", "region-planners", "gyeongnam");
    Officials.regional(identityService, "gyeongnam-director", "region-directors", "gyeongnam");
    Officials.national(identityService, "msit-officer", "msit-officers");
    Officials.national(identityService, "moef-reviewer", "moef-reviewers");
    Officials.national(identityService, "cabinet-secretary", "cabinet-secretariat");
    Officials.national(identityService, "pipeline-manager", "pipeline-managers");
    // Without an administrator the webapps send everyone to the first-user setup page.
    Officials.national(identityService, "operator", "camunda-admin");
    drivePrograms();

    screenshots = Path.of(System.getProperty("axhub.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);
    profile = Files.createTempDirectory("axhub-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1440,1100", "--lang=ko-KR", "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ko-KR,ko"));
    org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
    logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    browser = new ChromeDriver(service, options);
  }

  private void drivePrograms() {
    ProgrammeDriver p = new ProgrammeDriver(identityService, runtimeService, taskService, managementService);
    daegu = p.on(LocalDate.of(2022, 8, 1)).start("daegu-planner", PipelineForms.proposal("AX-DAEGU-2026"));
    p.on(LocalDate.of(2022, 8, 10)).complete(daegu, TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.on(LocalDate.of(2022, 10, 4)).complete(daegu, TASK_REVIEW_PROPOSAL, "msit-officer",
        PipelineForms.proposalReview("SUPPLEMENT", "재원 분담 근거 보완 (Justify the funding split)"));
    p.on(LocalDate.of(2022, 11, 15)).complete(daegu, TASK_REVISE_PROPOSAL, "daegu-planner",
        PipelineForms.editableProposal(5510L, 1380L, 3580L, 550L));
    p.on(LocalDate.of(2022, 11, 18)).complete(daegu, TASK_APPROVE_PROPOSAL_INTERNALLY, "daegu-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.on(LocalDate.of(2022, 12, 20)).complete(daegu, TASK_REVIEW_PROPOSAL, "msit-officer",
        PipelineForms.proposalReview("ADOPT", ""));
    p.on(LocalDate.of(2023, 3, 2)).complete(daegu, TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer",
        PipelineForms.exemptionRequest("ART38_2_10"));
    p.on(LocalDate.of(2023, 9, 14)).complete(daegu, TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer",
        PipelineForms.exemptionReview("SUPPLEMENT", "구체적 사업계획 보완 (A concrete business plan is needed)"));
    p.on(LocalDate.of(2024, 5, 20)).complete(daegu, TASK_PREPARE_EXEMPTION_REQUEST, "msit-officer",
        PipelineForms.exemptionRequest("ART38_2_10"));
    p.on(LocalDate.of(2025, 7, 30)).complete(daegu, TASK_REVIEW_EXEMPTION_REQUEST, "moef-reviewer",
        PipelineForms.exemptionReview("RECOMMEND", ""));
    p.on(LocalDate.of(2025, 8, 11)).complete(daegu, TASK_TABLE_CABINET_AGENDA, "msit-officer", PipelineForms.cabinetAgenda());
    p.on(LocalDate.of(2025, 8, 18)).complete(daegu, TASK_RECORD_CABINET_RESOLUTION, "cabinet-secretary",
        PipelineForms.cabinetResolution("RESOLVED"));
    p.on(LocalDate.of(2025, 8, 22)).complete(daegu, TASK_RECORD_COMMITTEE_CONFIRMATION, "msit-officer",
        PipelineForms.committee("CONFIRMED"));
    p.executeJob(daegu, SERVICE_REPORT_EXEMPTION_TO_ASSEMBLY);

    Map<String, Object> gwangjuProposal = mutable(PipelineForms.proposal("AX-GWANGJU-2026"));
    gwangjuProposal.put(REGION, "gwangju");
    String gwangju = p.on(LocalDate.of(2023, 2, 1)).start("gwangju-planner", gwangjuProposal);
    p.on(LocalDate.of(2023, 2, 10)).complete(gwangju, TASK_APPROVE_PROPOSAL_INTERNALLY, "gwangju-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.on(LocalDate.of(2023, 3, 15)).complete(gwangju, TASK_REVIEW_PROPOSAL, "msit-officer",
        PipelineForms.proposalReview("ADOPT", ""));

    Map<String, Object> gyeongnamProposal = mutable(PipelineForms.proposal("AX-GYEONGNAM-2026"));
    gyeongnamProposal.put(REGION, "gyeongnam");
    String gyeongnam = p.on(LocalDate.of(2023, 5, 2)).start("gyeongnam-planner", gyeongnamProposal);
    p.on(LocalDate.of(2023, 5, 9)).complete(gyeongnam, TASK_APPROVE_PROPOSAL_INTERNALLY, "gyeongnam-director",
        PipelineForms.internalApproval("APPROVE", ""));
    p.on(LocalDate.of(2023, 6, 30)).complete(gyeongnam, TASK_REVIEW_PROPOSAL, "msit-officer",
        PipelineForms.proposalReview("REJECT", "국가 정책 방향과 불일치 (Not in line with national policy)"));
    ClockUtil.reset();
  }

  @AfterAll
  void closeBrowser() throws IOException {
    ClockUtil.reset();
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void aManagerFindsTheProgrammeTimelineInKorean() throws IOException {
    try {
      managerFindsTheProgrammeTimelineInKorean();
    } catch (RuntimeException | AssertionError failure) {
      // What the browser showed, for whoever reads the failed build.
      screenshot("failure");
      Files.writeString(screenshots.resolve("failure.html"), browser.getPageSource());
      Files.writeString(screenshots.resolve("failure-console.txt"), String.join("\n",
          browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
              .map(Object::toString).toList()));
      throw failure;
    }
  }

  private void managerFindsTheProgrammeTimelineInKorean() {
    logInAsManager();
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".dashboard, [cam-widget-header]")));
    wait.until(d -> d.findElement(By.tagName("body")).getText().contains("프로세스"));
    String dashboard = browser.findElement(By.tagName("body")).getText();
    assertThat(dashboard).contains("프로세스", "과학기술정보통신부", "axhub-ops@msit.example.kr")
        .doesNotContain("It is time to migrate to Camunda 8");
    screenshot("cockpit-dashboard");

    browser.get(cockpit("#/process-instance/" + daegu + "/runtime"));
    WebElement tab = wait.until(ExpectedConditions.elementToBeClickable(By.linkText("단계별 진행 이력")));
    tab.click();
    List<WebElement> rows = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
        By.cssSelector("table[data-axhub='timeline'] tr[data-axhub='visit']"), 5));
    assertThat(rows.stream().map(r -> r.getAttribute("data-stage")).toList()).containsExactly("PROPOSAL",
        "FEASIBILITY_REQUIREMENT", "EXEMPTION", "CABINET", "COMMITTEE", "ADEQUACY_REVIEW");
    assertThat(rows.stream().map(r -> r.findElements(By.tagName("td")).get(0).getText()).toList()).containsExactly(
        "사업 제안", "예타 대상 판단", "예타 면제", "국무회의 의결", "총괄위원회 확정 · 국회 보고", "사업계획 적정성 검토");
    assertThat(rows.get(2).getText()).contains("면제 권고", "moef-reviewer", "보완 요청")
        .doesNotContain("RECOMMEND", "SUPPLEMENT");
    assertThat(rows.get(3).getText()).contains("의결", "cabinet-secretary", "2025. 08. 18.").doesNotContain("RESOLVED");
    assertThat(rows.get(5).getAttribute("class")).contains("axhub-open");
    assertThat(rows.get(5).getText()).contains("진행 중");
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).contains("현재 단계", "처리 기한", "사업계획 적정성 검토 (Review business-plan adequacy)",
        "AX-DAEGU-2026", "업무 키(사업 코드)");
    showTabsOnly();
    screenshot("cockpit-timeline");

    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .latestVersion().singleResult().getId();
    browser.get(cockpit("#/process-definition/" + definitionId + "/runtime"));
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("사업별 단계 현황"))).click();
    List<WebElement> programmes = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
        By.cssSelector("table[data-axhub='programmes'] tr[data-axhub='programme']"), 2));
    assertThat(programmes.stream().map(r -> r.getAttribute("data-programme")).toList())
        .containsExactly("AX-DAEGU-2026", "AX-GWANGJU-2026", "AX-GYEONGNAM-2026");
    assertThat(programmes.get(0).getText()).contains("사업계획 적정성 검토");
    assertThat(programmes.get(1).getText()).contains("예타 면제");
    assertThat(programmes.get(2).getText()).contains("종료됨", "불채택");
    assertThat(browser.findElement(By.cssSelector("table[data-axhub='statistics']")).getText())
        .contains("중앙값", "90백분위", "사업 제안");
    showTabsOnly();
    screenshot("cockpit-programmes-by-stage");
  }

  /** Folds the diagram away (Cockpit's own "show tabs" control) so a screenshot shows the whole tab. */
  private void showTabsOnly() {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "var fold = document.querySelector('a.hide-collapsable.vertical-collapse'); if (fold) { fold.click(); }");
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void logInAsManager() {
    browser.get(cockpit("#/login"));
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    wait.until(d -> d.findElement(By.tagName("body")).getText().contains("로그인"));
    screenshot("cockpit-login");
    user.sendKeys("pipeline-manager");
    browser.findElement(By.cssSelector("input[type='password']")).sendKeys(Officials.PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
  }

  private String cockpit(String fragment) {
    return "http://localhost:" + port + "/camunda/app/cockpit/default/" + fragment;
  }

  private void screenshot(String name) {
    try {
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
