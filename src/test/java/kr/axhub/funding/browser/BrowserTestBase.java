package kr.axhub.funding.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.axhub.funding.identity.Regions;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one context every browser test class runs on (the real application on a random port), one browser per class,
 * and the steps an official takes: open a task, check its form shows the labels and the context, fill it from the
 * variables the process tests use, complete it, and check what the engine received.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class BrowserTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Officials by user id, with the group they belong to; regional ones act for Daegu. */
  static final Map<String, String> OFFICIALS = Map.ofEntries(
      Map.entry("daegu-planner", "region-planners"),
      Map.entry("daegu-director", "region-directors"),
      Map.entry("msit-officer", "msit-officers"),
      Map.entry("moef-reviewer", "moef-reviewers"),
      Map.entry("cabinet-clerk", "cabinet-secretariat"),
      Map.entry("kistep-reviewer", "kistep-reviewers"),
      Map.entry("agency-officer", "agency-officers"),
      Map.entry("panel-member", "evaluation-panel"),
      Map.entry("lead-researcher", "lead-institutions"),
      Map.entry("pipeline-manager", "pipeline-managers"));

  static Browser browser;
  static TasklistPage tasklist;

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired FormService formService;

  @BeforeEach
  void officialsAndBrowser() {
    OFFICIALS.forEach((user, group) -> {
      if (group.startsWith("region-")) {
        Officials.regional(identityService, user, group, "daegu");
      } else {
        Officials.national(identityService, user, group);
      }
    });
    // Without any administrator the webapps send every visitor to the "create the first admin" page.
    Officials.national(identityService, "axhub-admin", "camunda-admin");
    if (browser == null) {
      browser = Browser.open(port, locale());
      tasklist = new TasklistPage(browser);
    }
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  /** The language of the officials' browser; the classes run in Korean, their English twins override this. */
  String locale() {
    return "ko-KR";
  }

  /**
   * Whether each step first clicks Complete on the empty form. The English walk of the main path leaves that to its
   * Korean twin and to the side forms' English run: it fills and completes each form once, which keeps the browser
   * suite's time in bounds.
   */
  boolean triesEmptyFormFirst() {
    return true;
  }

  boolean korean() {
    return locale().startsWith("ko");
  }

  /** Korean pictures at 1280 and 1440 px for the guides; English ones at 1280 px, marked as such. */
  void screenshots(String name) {
    if (korean()) {
      browser.screenshots(name);
    } else {
      browser.screenshot(name + "-en");
    }
  }

  // ------------------------------------------------------------------ positioning through the Java API

  Task task(String processInstanceId, String taskKey) {
    Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .initializeFormKeys().singleResult();
    assertThat(task).as("open task %s of %s", taskKey, processInstanceId).isNotNull();
    return task;
  }

  /** Completes with the variables as the process tests build them (JSON as typed JSON values). */
  void completeByApi(String processInstanceId, String taskKey, Map<String, Object> variables) {
    taskService.complete(task(processInstanceId, taskKey).getId(), variables);
  }

  void fire(String processInstanceId, String activityId) {
    var job = managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
        .singleResult();
    assertThat(job).as("job at %s", activityId).isNotNull();
    managementService.executeJob(job.getId());
  }

  // ------------------------------------------------------------------ an official's step in the browser

  /**
   * The official opens the task in Tasklist: the form is checked against its definition (every label shown,
   * bilingual, the read-only context showing the process's values) before the official claims it.
   */
  FormPage open(String official, String processInstanceId, String taskKey) {
    Task task = task(processInstanceId, taskKey);
    String group = OFFICIALS.get(official);
    assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .as("candidate groups of %s", taskKey).contains(group);
    FormModel model = FormModel.load(task.getCamundaFormRef().getKey());
    browser.actAs(official, Officials.PASSWORD);
    FormPage form = tasklist.openTask(task.getId(), model);
    assertThat(tasklist.claimable()).as("%s is offered to %s unclaimed", taskKey, official).isTrue();
    form = tasklist.claim(model);
    browser.waiting().withMessage("the task's region shows by its name, not its tenant id")
        .until(driver -> driver.findElements(By.cssSelector(".tenant-id")).stream()
            .noneMatch(tenant -> Regions.ALL.contains(tenant.getText().trim())));
    assertLabels(form);
    assertContext(form, runtimeService.getVariables(task.getExecutionId()));
    return form;
  }

  /**
   * Opens, checks, tries Complete before the form is filled (form-js names the empty required field, the task stays
   * open), fills it with these values, completes it with one click and checks the engine got exactly those values.
   */
  void work(String official, String processInstanceId, String taskKey, Map<String, ?> values) {
    FormPage form = open(official, processInstanceId, taskKey);
    String taskId = task(processInstanceId, taskKey).getId();
    String empty = form.firstEmptyRequiredField();
    if (empty != null && triesEmptyFormFirst()) {
      assertRefused(form, taskId, empty);
    }
    fill(form, values);
    FormPage.settle();
    assertThat(form.allErrors()).as("%s shows no error once filled", form.model.id).isEmpty();
    assertThat(tasklist.completeEnabled()).as("%s: Complete is enabled once the form is correct", form.model.id)
        .isTrue();
    complete(form, taskId);
    assertAssignee(taskId, official);
    assertReceived(processInstanceId, form.model, values);
  }

  void complete(FormPage form, String taskId) {
    complete(form, taskId, form.model.id);
  }

  /** Completes with the screenshot under its own name, for a form met again in another situation. */
  void complete(FormPage form, String taskId, String screenshot) {
    screenshots(screenshot);
    tasklist.clickComplete();
    try {
      new FluentWait<>(taskId).withTimeout(Browser.TIMEOUT).pollingEvery(Duration.ofMillis(200))
          .until(id -> taskService.createTaskQuery().taskId(id).count() == 0);
    } catch (RuntimeException stillOpen) {
      throw new AssertionError("Completing " + form.model.id + " in Tasklist did not end the task; form errors "
          + form.allErrors() + ", notifications " + tasklist.errorNotifications(), stillOpen);
    }
  }

  /**
   * A badly filled form cannot be completed: the official clicks Complete, the message stands at the field, Complete
   * is then disabled and the task stays open.
   */
  void assertRefused(FormPage form, String taskId, String key) {
    if (tasklist.completeEnabled()) {
      tasklist.clickComplete();
    }
    browser.waiting().until(driver -> !form.errors(key).isEmpty());
    FormPage.settle();
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("task %s still open", taskId).isEqualTo(1);
    assertThat(tasklist.completeEnabled()).as("%s: Complete is disabled while %s is refused", form.model.id, key)
        .isFalse();
    if (korean()) {
      assertThat(form.errors(key)).as("%s.%s: the message is Korean", form.model.id, key)
          .containsPattern("\\p{IsHangul}");
    }
  }

  void assertAssignee(String taskId, String official) {
    HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    assertThat(done.getAssignee()).as("completed by").isEqualTo(official);
    assertThat(done.getDeleteReason()).isEqualTo("completed");
  }

  // ------------------------------------------------------------------ filling

  /** Decisions first: the fields a decision shows only appear once it is made. */
  void fill(FormPage form, Map<String, ?> values) {
    values.forEach((key, value) -> {
      if ("radio".equals(form.model.type(qualified(form, key)))) {
        fillField(form, key, value);
      }
    });
    values.forEach((key, value) -> {
      if (!"radio".equals(form.model.type(qualified(form, key)))) {
        fillField(form, key, value);
      }
    });
  }

  private void fillField(FormPage form, String key, Object value) {
    String type = form.model.type(qualified(form, key));
    switch (type) {
      case "textfield", "textarea" -> form.text(key, String.valueOf(value));
      case "number" -> form.number(key, (Number) value);
      case "datetime" -> form.date(key, String.valueOf(value));
      case "radio" -> form.radio(key, String.valueOf(value));
      case "select" -> form.select(key, String.valueOf(value));
      case "checkbox" -> form.checkbox(key, (Boolean) value);
      case "checklist" -> {
        List<String> chosen = new ArrayList<>();
        json(value).forEach(item -> chosen.add(item.asText()));
        form.checklist(key, chosen);
      }
      case "dynamiclist" -> {
        JsonNode items = json(value);
        List<FormPage> rows = form.resize(key, items.size());
        for (int i = 0; i < items.size(); i++) {
          Map<String, Object> item = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = items.get(i).fields(); it.hasNext(); ) {
            var field = it.next();
            item.put(field.getKey(), plain(field.getValue()));
          }
          fill(rows.get(i), item);
        }
      }
      default -> throw new IllegalArgumentException("Cannot fill " + type + " " + key);
    }
  }

  private static String qualified(FormPage form, String key) {
    return form.prefix().isEmpty() ? key : form.prefix() + key;
  }

  private static Object plain(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  /** A checklist's or dynamic list's value as the process tests hold it (Spin JSON, a JSON variable, text). */
  static JsonNode json(Object value) {
    try {
      return JSON.readTree(String.valueOf(value));
    } catch (Exception e) {
      throw new IllegalArgumentException("Not JSON: " + value, e);
    }
  }

  // ------------------------------------------------------------------ checks

  /** Every label of the form is on screen and bilingual (Korean first, English in brackets). */
  void assertLabels(FormPage form) {
    String shown = form.renderedText();
    for (JsonNode component : form.model.labelled) {
      String label = component.path("label").asText();
      assertThat(label).as("label of %s in %s", component.path("id").asText(), form.model.id)
          .matches("(?s).*\\p{IsHangul}.*\\(.*[A-Za-z].*\\).*");
      if (!component.has("conditional") && !isInsideEmptyList(form, component)) {
        assertThat(shown).as("%s shows the label of %s", form.model.id, component.path("id").asText())
            .contains(label);
      }
    }
  }

  private static boolean isInsideEmptyList(FormPage form, JsonNode component) {
    return form.model.fields.entrySet().stream()
        .anyMatch(entry -> entry.getKey().contains(".") && entry.getValue() == component
            && form.items(entry.getKey().substring(0, entry.getKey().indexOf('.'))).isEmpty());
  }

  /** Each read-only field shows the process's value of its variable, as the official must see it to decide. */
  void assertContext(FormPage form, Map<String, Object> variables) {
    List<String> shownContext = new ArrayList<>();
    for (String key : form.model.readonlyKeys()) {
      if (!form.present(key)) {
        continue;
      }
      assertThat(form.shownReadonly(key)).as("%s.%s is read-only", form.model.id, key).isTrue();
      Object value = variables.get(key);
      if (value == null) {
        assertThat(form.model.field(key).path("properties").has("earlierRoundOf"))
            .as("%s.%s: an earlier round's field shows only when there was an earlier round", form.model.id, key)
            .isFalse();
        continue;
      }
      shownContext.add(key);
      String type = form.model.type(key);
      switch (type) {
        case "select" -> assertThat(form.shown(key)).as("%s.%s", form.model.id, key)
            .isEqualTo(form.model.optionLabel(key, String.valueOf(value)));
        case "datetime" -> assertThat(form.shown(key)).as("%s.%s", form.model.id, key)
            .isEqualTo(browser.shownDate(LocalDate.parse(String.valueOf(value))));
        case "checklist" -> {
          JsonNode chosen = json(value);
          JsonNode options = form.model.field(key).path("values");
          for (int i = 0; i < options.size(); i++) {
            boolean expected = false;
            for (JsonNode item : chosen) {
              expected |= item.asText().equals(options.get(i).path("value").asText());
            }
            assertThat(form.checked(key, i)).as("%s.%s option %d", form.model.id, key, i).isEqualTo(expected);
          }
        }
        case "checkbox" -> assertThat(form.input(key).isSelected()).as("%s.%s", form.model.id, key)
            .isEqualTo(value);
        case "number" -> {
          String shown = form.shown(key);
          assertThat(new java.math.BigDecimal(shown.replace(",", ""))).as("%s.%s", form.model.id, key)
              .isEqualByComparingTo(new java.math.BigDecimal(String.valueOf(value)));
          if (form.model.field(key).path("label").asText().contains("억원")
              && Math.abs(((Number) value).doubleValue()) >= 1000) {
            assertThat(shown).as("%s.%s: an amount reads with thousands separators", form.model.id, key)
                .contains(",");
          }
        }
        default -> assertThat(form.shown(key)).as("%s.%s", form.model.id, key).isEqualTo(String.valueOf(value));
      }
    }
    assertThat(shownContext).as("%s shows some context of the process", form.model.id).isNotEmpty();
  }

  /** The engine holds each filled value with the type the form's field stands for. */
  void assertReceived(String processInstanceId, FormModel model, Map<String, ?> values) {
    values.forEach((key, expected) -> {
      HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
          .processInstanceId(processInstanceId).variableName(key).singleResult();
      assertThat(variable).as("%s: variable %s", model.id, key).isNotNull();
      JsonNode field = model.field(key);
      String expectedType = switch (field.path("type").asText()) {
        case "number" -> field.path("decimalDigits").asInt(-1) == 0 ? "long"
            : expected instanceof Long ? variable.getTypeName() : "double";
        case "checkbox" -> "boolean";
        case "checklist", "dynamiclist" -> "json";
        default -> "string";
      };
      assertThat(variable.getTypeName()).as("%s: type of %s", model.id, key).isEqualTo(expectedType);
      if ("json".equals(expectedType)) {
        assertThat(json(variable.getValue())).as("%s: %s", model.id, key).isEqualTo(json(expected));
      } else if (expected instanceof Number number && "double".equals(expectedType)) {
        assertThat(((Number) variable.getValue()).doubleValue()).as("%s: %s", model.id, key)
            .isEqualTo(number.doubleValue());
      } else {
        assertThat(variable.getValue()).as("%s: %s", model.id, key).isEqualTo(expected);
      }
    });
  }
}
