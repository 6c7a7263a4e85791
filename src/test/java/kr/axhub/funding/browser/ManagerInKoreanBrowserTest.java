package kr.axhub.funding.browser;

import static kr.axhub.funding.browser.ValidInputs.kickoff;
import static kr.axhub.funding.browser.ValidInputs.pipeline;
import static kr.axhub.funding.browser.ValidInputs.rndTask;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A pipeline manager whose browser speaks Korean walks Cockpit — dashboard, processes, the programme's definition
 * and instance, an R&D task's kickoff, the decisions and the tasks dashboard — and reads no English sentence outside
 * names, no code where a word exists, and no control that would only be refused on any of those pages; a refusal that
 * happens all the same is a Korean sentence. Screenshots go where
 * {@code axhub.screenshots} says (docs/screenshots for the guides).
 */
class ManagerInKoreanBrowserTest extends BrowserTestBase {

  private static final String PROGRAMME = "AX-DAEGU-2040";
  private static final String ROBOT = "DG-ROBOT-SM";
  private static final String DENTAL = "DG-BIO-SOL";

  /**
   * Two English words in a row make a sentence (or a phrase of one) a Korean reader should not meet; identifiers
   * (ids, user names, codes with hyphens, digits or dots) are not words.
   */
  private static final Pattern ENGLISH_PHRASE = Pattern.compile(
      "(?<![\\w.@/-])[A-Za-z]{2,}(?:[ ,:'’]+[A-Za-z]{2,})+(?![\\w.@/-])");
  /** Names as the models, forms and people wrote them: bilingual names carry their English in brackets. */
  private static final Pattern IN_BRACKETS = Pattern.compile("\\([^()]*(\\([^()]*\\)[^()]*)*\\)");
  /** Product names and the few words Korean officials write in Latin letters. */
  private static final Set<String> PROPER_NOUNS = Set.of("Camunda Platform", "Camunda Cockpit",
      "Camunda 7 Community Edition", "Camunda 7 CE", "Community Edition", "Camunda", "Cockpit", "Tasklist", "Admin");
  private static final Pattern CODE = Pattern.compile("\\b(ADOPT|APPROVE|RECOMMEND|RESOLVED|CONFIRMED|SELECTED"
      + "|STANDARD_MODEL|SOLUTION|ART38_2_\\d+|daegu|gwangju|jeonbuk|gyeongnam)\\b");

  @Autowired RepositoryService repositoryService;
  @Autowired FilterService filterService;

  @Test
  void aManagerReadsCockpitInKoreanAndIsOfferedNoControlTheyCannotUse() {
    String programme = programmeAtKickoff();
    String robot = kickoffOf(ROBOT);

    // The first page after a fresh login: relative dates are Korean at once, not after a reload.
    browser.actAs("agency-officer", Officials.PASSWORD);
    browser.get("/camunda/app/tasklist/default/#/?filter=" + firstFilter());
    String taskList = browser.waiting().until(driver -> {
      String text = driver.findElement(By.tagName("body")).getText();
      return text.contains("후") || text.contains(" in ") ? text : null;
    });
    assertThat(taskList).as("due dates right after login").contains("일 후").doesNotContain("in 14 days", "days");

    browser.actAs("pipeline-manager", Officials.PASSWORD, "cockpit");
    List<String> english = new ArrayList<>();

    String dashboard = page("#/", "[cam-widget-header]", "진행 중인 프로세스 인스턴스");
    assertThat(dashboard).contains("운영: 과학기술정보통신부", "문의: axhub-ops@msit.example.kr")
        .doesNotContain("docs/operations.md", "It is time to migrate");
    english.addAll(englishIn("dashboard", dashboard));
    assertNoControls("dashboard");
    browser.screenshot("cockpit-ko-dashboard");

    english.addAll(englishIn("processes", page("#/processes", ".processes-dashboard, table", "프로세스 정의")));
    assertThat(browser.driver.findElement(By.tagName("body")).getText()).doesNotContain("No건", "인스턴스 No");
    assertNoControls("processes");

    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("ax-funding-pipeline")
        .latestVersion().singleResult().getId();
    String definition = page("#/process-definition/" + definitionId + "/runtime?tab=axhub.programmesByStage",
        "table[data-axhub='programmes']", PROGRAMME);
    assertThat(definition).contains("최근 5년", "전체 지역", "총 1건 중 1–1");
    english.addAll(englishIn("definition", definition));
    assertNoControls("definition");
    showTab("table[data-axhub='programmes']");
    browser.screenshot("cockpit-ko-programmes-by-stage");

    String instance = page("#/process-instance/" + programme + "/runtime?tab=axhub.programmeTimeline",
        "table[data-axhub='kickoffs']", ROBOT);
    assertThat(instance).contains("대구광역시 (Daegu)", "과제별 착수 현황", "완전자율 로봇 표준모델", "치과 AX 솔루션",
        "표준모델 (Standard model)", "면제 사유", "제10호").doesNotContain("R&amp;D");
    WebElement robotRow = browser.driver.findElement(By.cssSelector("tr[data-axhub='kickoff'][data-task='" + ROBOT + "']"));
    assertThat(robotRow.getText()).contains("신청 접수 등록 (Register applications)", "전문기관 (Managing agency officers)");
    assertThat(robotRow.findElement(By.cssSelector("[data-axhub='kickoff-due']")).getText()).isNotBlank();
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-axhub='kickoff'][data-task='" + DENTAL + "']"))
        .getText()).contains("공고 (Announce call for proposals)");
    english.addAll(englishIn("instance", instance));
    assertThat(codesIn(browser.driver.findElement(By.cssSelector(".axhub-report")).getText())).isEmpty();
    assertNoControls("instance");
    showTab("table[data-axhub='kickoffs']");
    browser.screenshot("cockpit-ko-programme-kickoffs");

    String kickoffPage = page("#/process-instance/" + robot + "/runtime?tab=axhub.programmeTimeline",
        "table[data-axhub='kickoff-timeline']", "신청 접수");
    assertThat(kickoffPage).contains(ROBOT, PROGRAMME, "표준모델 (Standard model)", "처리 기한")
        .doesNotContain("아닙니다");
    assertThat(codesIn(browser.driver.findElement(By.cssSelector(".axhub-report")).getText())).isEmpty();
    english.addAll(englishIn("kickoff", kickoffPage));
    assertNoControls("kickoff");
    showTab("table[data-axhub='kickoff-timeline']");
    browser.screenshot("cockpit-ko-task-kickoff");

    english.addAll(englishIn("decisions", page("#/decisions", "table", "결정 정의")));
    assertNoControls("decisions");
    String decisionId = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("feasibility-requirement")
        .latestVersion().singleResult().getId();
    english.addAll(englishIn("decision", page("#/decision-definition/" + decisionId, "table", "결정 인스턴스")));
    assertNoControls("decision");
    String decisionInstanceId = historyService.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("feasibility-requirement").list().get(0).getId();
    String decisionInstance = page("#/decision-instance/" + decisionInstanceId, "table", "제안일");
    assertThat(decisionInstance).doesNotContain("java.time", "[Object]", "LocalDate");
    english.addAll(englishIn("decision instance", decisionInstance));
    assertNoControls("decision instance");
    browser.screenshot("cockpit-ko-decision-instance");

    String tasks = page("#/tasks", "table, .dashboard", "업무");
    assertThat(tasks).contains("그룹별 배정 현황", "유형별 배정 현황");
    String byGroup = browser.waiting().until(driver -> {
      String text = driver.findElement(By.tagName("body")).getText();
      return text.contains("전문기관 (Managing agency officers)") ? text : null;
    });
    assertThat(byGroup).as("groups by name").doesNotContain("agency-officers");
    english.addAll(englishIn("tasks dashboard", tasks));
    assertNoControls("tasks dashboard");
    browser.screenshot("cockpit-ko-tasks");

    String refusal = refusedSuspension(programme);
    assertThat(refusal).as("a refusal that still happens").contains("이 작업을 할 권한이 없습니다")
        .doesNotContain("The user with id", "permission");
    english.addAll(englishIn("refusal", refusal));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(programme).singleResult().isSuspended())
        .as("the refused suspension changed nothing").isFalse();
    browser.screenshot("cockpit-ko-refusal");

    assertThat(english).as("English outside names, by page").isEmpty();
  }

  private String programmeAtKickoff() {
    String programme = runtimeService.startProcessInstanceByKey("ax-funding-pipeline", PROGRAMME,
        pipeline("proposal", PROGRAMME)).getId();
    completeByApi(programme, "Task_ApproveProposalInternally", pipeline("internalApproval", "APPROVE", null));
    completeByApi(programme, "Task_ReviewProposal", pipeline("proposalReview", "ADOPT", null));
    completeByApi(programme, "Task_PrepareExemptionRequest", pipeline("exemptionRequest", "ART38_2_10"));
    completeByApi(programme, "Task_ReviewExemptionRequest", pipeline("exemptionReview", "RECOMMEND", null));
    completeByApi(programme, "Task_TableCabinetAgenda", pipeline("cabinetAgenda"));
    completeByApi(programme, "Task_RecordCabinetResolution", pipeline("cabinetResolution", "RESOLVED"));
    completeByApi(programme, "Task_RecordCommitteeConfirmation", pipeline("committee", "CONFIRMED"));
    fire(programme, "ServiceTask_ReportExemptionToAssembly");
    completeByApi(programme, "Task_ReviewBusinessPlanAdequacy", pipeline("adequacyConfirmed", 5510L));
    completeByApi(programme, "Task_RequestBudget", pipeline("budgetRequest", 2026L, 229L));
    completeByApi(programme, "Task_RecordAppropriation", pipeline("appropriation", 229L));
    completeByApi(programme, "Task_PublishImplementationPlan", pipeline("implementationPlan",
        rndTask(ROBOT, "완전자율 로봇 표준모델 (Autonomous robot standard model)", "STANDARD_MODEL", "ROBOT", 120L),
        rndTask(DENTAL, "치과 AX 솔루션 (Dental AX solution)", "SOLUTION", "MEDICAL_BIO", 80L)));
    String robot = kickoffOf(ROBOT);
    completeByApi(robot, "Task_AnnounceCallForProposals", kickoff("announcement"));
    fire(robot, "TimerEvent_CallClosed");
    return programme;
  }

  private String kickoffOf(String task) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("rnd-task-kickoff")
        .processInstanceBusinessKey(PROGRAMME + "/" + task).singleResult().getId();
  }

  private String firstFilter() {
    return filterService.createFilterQuery().filterName("우리 그룹 업무 (My group's tasks)").singleResult().getId();
  }

  /** Opens a Cockpit page and waits until it shows what it is about; returns its text. */
  private String page(String fragment, String selector, String expected) {
    browser.get(CockpitPage.APP + fragment);
    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    return browser.waiting().until(driver -> {
      String text = driver.findElement(By.tagName("body")).getText();
      return text.contains(expected) && !text.contains("불러오는 중") ? text : null;
    });
  }

  private static List<String> englishIn(String page, String text) {
    String outsideNames = IN_BRACKETS.matcher(text).replaceAll(" ");
    for (String noun : PROPER_NOUNS) {
      outsideNames = outsideNames.replace(noun, " ");
    }
    List<String> found = new ArrayList<>();
    Matcher phrase = ENGLISH_PHRASE.matcher(outsideNames);
    while (phrase.find()) {
      found.add(page + ": " + phrase.group());
    }
    return found;
  }

  private static List<String> codesIn(String text) {
    List<String> found = new ArrayList<>();
    Matcher code = CODE.matcher(IN_BRACKETS.matcher(text).replaceAll(" "));
    while (code.find()) {
      found.add(code.group());
    }
    return found;
  }

  /** Scrolls the tab's table into sight for the screenshot (the page has already been checked to show it). */
  private void showTab(String table) {
    browser.driver.executeScript("var t = document.querySelector(arguments[0]); if (t) { t.scrollIntoView(); }", table);
  }

  /**
   * A manager who reaches a change control all the same (here the suspend button, shown by taking the read-only mark
   * off the page) and confirms it: the engine refuses, and the dialog says so in a Korean sentence.
   */
  private String refusedSuspension(String programme) {
    page("#/process-instance/" + programme + "/runtime", ".ctn-toolbar", PROGRAMME);
    assertNoControls("instance, before the refusal");
    browser.driver.executeScript("document.documentElement.classList.remove('axhub-read-only');");
    browser.waiting().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".ctn-toolbar .btn-suspend-action"))).click();
    browser.waiting().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".modal-footer [ng-click='updateSuspensionState()']"))).click();
    return browser.waiting().until(driver -> {
      String text = driver.findElement(By.cssSelector(".modal-dialog")).getText();
      return text.contains("권한") ? text : null;
    });
  }

  /** Cockpit's own change controls stay out of a read-only manager's sight. */
  private void assertNoControls(String page) {
    browser.waiting().until(driver -> driver.findElement(By.tagName("html")).getDomAttribute("class")
        .contains("axhub-read-only"));
    List<WebElement> controls = new ArrayList<>(browser.driver.findElements(By.cssSelector(".ctn-toolbar a.btn")));
    controls.addAll(browser.driver.findElements(By.cssSelector("[ng-click^='enableEditMode'], "
        + "[ng-click^='deleteVariable']")));
    assertThat(controls.stream().filter(WebElement::isDisplayed).map(c -> c.getDomAttribute("uib-tooltip")).toList())
        .as("controls offered on the %s page", page).isEmpty();
  }
}
