package kr.axhub.funding.browser;

import java.time.LocalDate;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A Camunda Form (form-js) rendered in Tasklist, filled by variable key. form-js gives each input the id
 * {@code fjs-form-<instance>-<component id>}, options get {@code -<index>}; the component id comes from the form.
 * Typed text is committed on blur, so every entry ends by leaving the field.
 */
class FormPage {

  private static final long DEBOUNCE_MILLIS = 300;

  final Browser browser;
  final FormModel model;
  private final SearchContext scope;
  private final String prefix;
  private final String suffix;

  FormPage(Browser browser, FormModel model) {
    this(browser, model, null, "", "");
  }

  /** An item of a dynamic list: its fields' keys are relative to the list, their ids end in the item's index. */
  private FormPage(Browser browser, FormModel model, SearchContext scope, String prefix, String suffix) {
    this.browser = browser;
    this.model = model;
    this.scope = scope;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  String prefix() {
    return prefix;
  }

  private String domId(String key) {
    return model.componentId(prefix + key) + suffix;
  }

  /** The form, or the list item; one look for a form on the page, a wait only while Tasklist renders it. */
  private SearchContext scope() {
    if (scope != null) {
      return scope;
    }
    List<WebElement> shown = browser.driver.findElements(TasklistPage.FORM);
    return shown.size() == 1 ? shown.get(0)
        : browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(TasklistPage.FORM));
  }

  /** The input of a field (for a select, its hidden input; for options, the first option). */
  WebElement input(String key) {
    return scope().findElement(By.cssSelector("[id$='-" + domId(key) + "']"));
  }

  private WebElement option(String key, int index) {
    return scope().findElement(By.cssSelector("input[id$='-" + domId(key) + "-" + index + "']"));
  }

  /** The field's own wrapper (the innermost one: groups wrap their fields too): label, input, messages. */
  WebElement wrapper(String key) {
    String id = domId(key);
    List<WebElement> wrappers = scope().findElements(By.xpath(".//*[contains(@class,'fjs-form-field ')][.//*["
        + "substring(@id, string-length(@id) - " + id.length() + ")='-" + id + "' or "
        + "substring(@id, string-length(@id) - " + (id.length() + 2) + ")='-" + id + "-0' or "
        + "substring(@id, string-length(@id) - " + (id.length() + 5) + ")='-" + id + "-date']]"));
    if (wrappers.isEmpty()) {
      throw new AssertionError(model.id + " shows no field " + prefix + key);
    }
    return wrappers.get(wrappers.size() - 1);
  }

  private void click(WebElement element) {
    browser.click(element);
  }

  FormPage text(String key, String value) {
    WebElement input = input(key);
    if (value.equals(input.getDomProperty("value"))) {
      // Retyping the value a number field already holds loses its last digit in form-js ("1380" became 138);
      // an official leaves such a field alone too.
      return this;
    }
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(value);
    leave(input);
    return this;
  }

  /**
   * form-js commits typed text on a debounce or when the field loses focus. Blurring rather than tabbing keeps the
   * focus from landing on the next field: a date field would open its calendar over the buttons.
   */
  private void leave(WebElement input) {
    browser.driver.executeScript("arguments[0].blur();", input);
    settle();
  }

  /**
   * Lets form-js's input debounce (300 ms) run out: a change to another field before then re-renders the form from
   * its state and drops the last keystrokes (seen: "1380" arriving as 138).
   */
  static void settle() {
    try {
      Thread.sleep(DEBOUNCE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  FormPage number(String key, Number value) {
    return text(key, String.valueOf(value));
  }

  FormPage clear(String key) {
    WebElement input = input(key);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    leave(input);
    return this;
  }

  /** A date field, typed the way officials write dates: 2026-12-08. */
  FormPage date(String key, String isoDate) {
    return typeDate(key, isoDate, LocalDate.parse(isoDate));
  }

  WebElement dateInput(String key) {
    return scope().findElement(By.cssSelector("input[id$='-" + domId(key) + "-date']"));
  }

  /** Types {@code typed} into a date field, leaves it and waits until it shows {@code expected} as this browser does. */
  FormPage typeDate(String key, String typed, LocalDate expected) {
    WebElement input = enterDate(key, typed);
    String shown = browser.shownDate(expected);
    browser.waiting().until(driver -> shown.equals(input.getDomProperty("value")));
    return this;
  }

  /** Types text into a date field and leaves it, whatever the field makes of it. */
  WebElement enterDate(String key, String typed) {
    WebElement input = dateInput(key);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    // No Enter: it would submit Tasklist's surrounding form; the field reads typed dates when it is left.
    input.sendKeys(typed);
    settle();
    closeCalendar();
    return input;
  }

  /**
   * The calendar stays open after typing and would cover what comes next (even the Complete button); a click
   * elsewhere in the form closes it (Escape would close the start form's dialog instead).
   */
  void closeCalendar() {
    browser.driver.executeScript("document.activeElement.blur();");
    List<WebElement> headings = browser.driver.findElements(By.cssSelector(".fjs-form .fjs-form-field-text"));
    if (!headings.isEmpty()) {
      click(headings.get(0));
    }
    browser.waiting().until(driver -> driver.findElements(By.cssSelector(".flatpickr-calendar.open")).isEmpty());
  }

  /** Picks a day of the month the field's calendar shows, with the pointer. */
  FormPage pickDay(String key, int day) {
    click(dateInput(key));
    WebElement calendar = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".flatpickr-calendar.open")));
    WebElement cell = calendar.findElements(By.cssSelector(
            ".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)")).stream()
        .filter(candidate -> candidate.getText().trim().equals(String.valueOf(day))).findFirst().orElseThrow();
    click(cell);
    browser.waiting().until(driver -> driver.findElements(By.cssSelector(".flatpickr-calendar.open")).isEmpty());
    settle();
    return this;
  }

  /** The first field the form requires that is visible, editable and still empty, if any. */
  String firstEmptyRequiredField() {
    for (var entry : model.fields.entrySet()) {
      String key = entry.getKey();
      var field = entry.getValue();
      if (key.contains(".") || !field.path("validate").path("required").asBoolean(false) || model.readonly(key)
          || field.has("conditional") || !present(key)) {
        continue;
      }
      String type = model.type(key);
      boolean empty = switch (type) {
        case "textfield", "textarea", "number" -> input(key).getDomProperty("value").isEmpty();
        case "datetime" -> dateInput(key).getDomProperty("value").isEmpty();
        case "radio" -> !option(key, 0).isSelected() && model.field(key).path("values").size() > 0
            && scope().findElements(By.cssSelector("input[id*='-" + domId(key) + "-']:checked")).isEmpty();
        default -> false;
      };
      if (empty) {
        return key;
      }
    }
    return null;
  }

  FormPage radio(String key, String value) {
    click(option(key, model.optionIndex(prefix + key, value)));
    return this;
  }

  FormPage checklist(String key, List<String> values) {
    int count = model.field(prefix + key).path("values").size();
    for (int i = 0; i < count; i++) {
      WebElement box = option(key, i);
      String value = model.field(prefix + key).path("values").get(i).path("value").asText();
      if (box.isSelected() != values.contains(value)) {
        click(box);
      }
    }
    return this;
  }

  FormPage checkbox(String key, boolean checked) {
    WebElement box = input(key);
    if (box.isSelected() != checked) {
      click(box);
    }
    return this;
  }

  /** A form-js select is a custom dropdown: open it and pick the option by its label. */
  FormPage select(String key, String value) {
    String id = domId(key);
    String label = model.optionLabel(prefix + key, value);
    WebElement display = scope().findElement(By.cssSelector("[id$='-" + id + "-display']"));
    click(display);
    // The option list opens beside the input group, inside the field's wrapper.
    WebElement field = display.findElement(By.xpath("./ancestor::*[contains(@class,'fjs-form-field ')][1]"));
    try {
      browser.waiting().until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
              .filter(item -> item.getText().trim().equals(label)).findFirst().orElse(null));
      WebElement item = field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
          .filter(candidate -> candidate.getText().trim().equals(label)).findFirst().orElseThrow();
      try {
        click(item);
      } catch (ElementClickInterceptedException belowTheFold) {
        // A long option list can reach below the window, where no pointer can go; form-js picks on mousedown.
        browser.driver.executeScript(
            "arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true, cancelable: true}));", item);
      }
    } catch (RuntimeException e) {
      browser.dump("select-" + key);
      throw e;
    }
    browser.waiting().until(d -> display.getText().trim().equals(label));
    return this;
  }

  /** Items of a dynamic list, in order. */
  List<FormPage> items(String listKey) {
    WebElement list = wrapper(listKey);
    List<WebElement> rows = list.findElements(By.cssSelector(".fjs-repeat-row-container"));
    List<FormPage> items = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      items.add(new FormPage(browser, model, rows.get(i), prefix + listKey + ".", suffix + "_" + i));
    }
    return items;
  }

  /** Adds items to a dynamic list until it has {@code size} of them. */
  List<FormPage> resize(String listKey, int size) {
    while (items(listKey).size() < size) {
      int before = items(listKey).size();
      click(wrapper(listKey).findElement(By.cssSelector(".fjs-repeat-render-add")));
      browser.waiting().until(d -> items(listKey).size() > before);
    }
    while (items(listKey).size() > size) {
      int before = items(listKey).size();
      List<WebElement> removers = wrapper(listKey).findElements(By.cssSelector(".fjs-repeat-row-remove"));
      click(removers.get(removers.size() - 1));
      browser.waiting().until(d -> items(listKey).size() < before);
    }
    return items(listKey);
  }

  /** What the field shows: an input's value, a select's chosen label, a date as shown. */
  String shown(String key) {
    String type = model.type(prefix + key);
    String id = domId(key);
    return switch (type) {
      case "select" -> scope().findElement(By.cssSelector("[id$='-" + id + "-display']")).getText().trim();
      case "datetime" -> scope().findElement(By.cssSelector("input[id$='-" + id + "-date']")).getDomProperty("value");
      default -> input(key).getDomProperty("value");
    };
  }

  boolean shownReadonly(String key) {
    String type = model.type(prefix + key);
    String id = domId(key);
    WebElement element = switch (type) {
      case "select" -> scope().findElement(By.cssSelector("[id$='-" + id + "-display']"))
          .findElement(By.xpath("./ancestor::*[contains(@class,'fjs-input-group')][1]"));
      case "datetime" -> scope().findElement(By.cssSelector("input[id$='-" + id + "-date']"));
      case "checklist", "radio" -> option(key, 0);
      default -> input(key);
    };
    String readonly = element.getDomAttribute("readonly");
    String classes = element.getDomAttribute("class");
    return readonly != null || (classes != null && classes.contains("readonly")) || !element.isEnabled();
  }

  boolean checked(String key, int index) {
    return option(key, index).isSelected();
  }

  /** Validation messages form-js shows under the field. */
  String errors(String key) {
    return wrapper(key).findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .map(WebElement::getText).reduce("", (a, b) -> a + b).trim();
  }

  /** Every validation message on the form. */
  List<String> allErrors() {
    return scope().findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .map(WebElement::getText).filter(text -> !text.isBlank()).toList();
  }

  boolean present(String key) {
    return !scope().findElements(By.cssSelector("[id$='-" + domId(key) + "'],"
        + "[id$='-" + domId(key) + "-0'],[id$='-" + domId(key) + "-date']"))
        .isEmpty();
  }

  String renderedText() {
    return scope().findElement(By.xpath(".")).getText();
  }
}
