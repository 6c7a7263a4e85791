package kr.axhub.funding.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

class FormInputValidatorTest {

  private static final String FORM = """
      {
        "id": "sample-review", "type": "default", "schemaVersion": 16,
        "components": [
          {"type": "text", "text": "# 검토 (Review)"},
          {"type": "number", "key": "totalCost", "label": "총사업비 (Total cost)", "readonly": true},
          {"type": "radio", "key": "decision", "label": "결정 (Decision)", "validate": {"required": true},
           "values": [{"label": "확정 (Confirm)", "value": "CONFIRMED"}, {"label": "재구성 (Restructure)", "value": "RESTRUCTURE"}]},
          {"type": "group", "label": "금액 (Amounts)", "components": [
            {"type": "number", "key": "confirmedCost", "label": "확정 사업비 (Confirmed cost)", "decimalDigits": 0,
             "validate": {"required": true, "min": 1, "max": 100000},
             "conditional": {"hide": "=decision != \\"CONFIRMED\\""}}
          ]},
          {"type": "textfield", "key": "code", "label": "코드 (Code)", "validate": {"pattern": "[A-Z]{2}-[0-9]{2}", "maxLength": 5}},
          {"type": "datetime", "key": "decidedOn", "subtype": "date", "label": "결정일 (Decided on)", "validate": {"required": true}},
          {"type": "checklist", "key": "ministries", "label": "부처 (Ministries)", "validate": {"required": true},
           "values": [{"label": "MSIT", "value": "MSIT"}, {"label": "MOTIE", "value": "MOTIE"}]},
          {"type": "dynamiclist", "path": "items", "label": "과제 (Tasks)", "isRepeating": true, "components": [
            {"type": "textfield", "key": "title", "label": "과제명 (Title)", "validate": {"required": true}},
            {"type": "number", "key": "budget", "label": "예산 (Budget)", "decimalDigits": 0, "validate": {"min": 1}}
          ]}
        ]
      }
      """;

  private final FormSchema schema = FormSchema.parse(new ByteArrayInputStream(FORM.getBytes(StandardCharsets.UTF_8)));

  @Test
  void readOnlyAndDisplayComponentsAreNotInputs() {
    assertThat(schema.fields()).extracting(FormField::key)
        .containsExactly("decision", "confirmedCost", "code", "decidedOn", "ministries", "items");
    assertThat(schema.decisions()).extracting(FormField::key).containsExactly("decision");
  }

  @Test
  void acceptsCompleteInputAndStoresWholeNumbersAsLong() {
    Map<String, Object> values = valid();
    values.put("confirmedCost", 5510.0);

    FormInputValidator.Outcome outcome = validate(values, "CONFIRMED");

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.normalised()).containsEntry("confirmedCost", 5510L);
  }

  @Test
  void namesEveryRefusedField() {
    Map<String, Object> values = new HashMap<>();
    values.put("decision", "MAYBE");
    values.put("code", "abc");
    values.put("decidedOn", "18.08.2025");
    values.put("ministries", List.of("MSIT", "MOF"));

    List<Violation> violations = validate(values, "MAYBE").violations();

    assertThat(violations).extracting(Violation::field)
        .containsExactlyInAnyOrder("decision", "code", "decidedOn", "ministries");
    assertThat(violations).filteredOn(v -> v.field().equals("decision")).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("MAYBE").contains("CONFIRMED"));
  }

  @Test
  void refusesWrongTypesFractionsAndOutOfRangeNumbers() {
    Map<String, Object> values = valid();
    values.put("confirmedCost", "5510");
    assertThat(validate(values, "CONFIRMED").violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("must be a number"));

    values.put("confirmedCost", 12.5);
    assertThat(validate(values, "CONFIRMED").violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("whole number"));

    values.put("confirmedCost", 0L);
    assertThat(validate(values, "CONFIRMED").violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("at least 1"));

    values.put("confirmedCost", 100001L);
    assertThat(validate(values, "CONFIRMED").violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("at most 100000"));
  }

  @Test
  void aFieldHiddenByItsConditionIsNotRequired() {
    Map<String, Object> values = valid();
    values.put("decision", "RESTRUCTURE");
    values.remove("confirmedCost");

    assertThat(validate(values, "RESTRUCTURE").violations()).isEmpty();
    assertThat(validate(values, "CONFIRMED").violations()).extracting(Violation::field).containsExactly("confirmedCost");
  }

  @Test
  void checksEveryItemOfADynamicList() {
    Map<String, Object> values = valid();
    values.put("items", Spin.JSON("[{\"title\": \"로봇 표준모델\", \"budget\": 100}, {\"title\": \"\", \"budget\": 0}]"));

    List<Violation> violations = validate(values, "CONFIRMED").violations();

    assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("items[1].title", "items[1].budget");
  }

  @Test
  void refusesAListThatIsNotAList() {
    Map<String, Object> values = valid();
    values.put("items", "[{\"title\": \"x\"}]");

    assertThat(validate(values, "CONFIRMED").violations()).extracting(Violation::field).containsExactly("items");
  }

  private Map<String, Object> valid() {
    Map<String, Object> values = new HashMap<>();
    values.put("decision", "CONFIRMED");
    values.put("confirmedCost", 5510L);
    values.put("code", "AB-12");
    values.put("decidedOn", "2025-08-18");
    values.put("ministries", Spin.JSON("[\"MSIT\"]"));
    values.put("items", List.of(Map.of("title", "로봇 표준모델", "budget", 1380)));
    return values;
  }

  /** Stands in for FEEL in this unit test: the only condition here hides the cost unless the decision confirms. */
  private FormInputValidator.Outcome validate(Map<String, Object> values, String decision) {
    return FormInputValidator.validate(schema.fields(), values, condition -> !"CONFIRMED".equals(decision));
  }
}
