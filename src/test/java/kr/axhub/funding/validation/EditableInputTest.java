package kr.axhub.funding.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

/** Which submitted variables a form lets an official set, decided from the form alone. */
class EditableInputTest {

  private static final String FORM = """
      {"id": "sample-review", "type": "default", "schemaVersion": 16, "components": [
        {"type": "number", "key": "totalCost", "label": "총사업비 (Total cost)", "readonly": true, "decimalDigits": 0},
        {"type": "checklist", "key": "ministries", "label": "부처 (Ministries)", "readonly": true,
         "values": [{"label": "MSIT", "value": "MSIT"}]},
        {"type": "radio", "key": "decision", "label": "결정 (Decision)",
         "values": [{"label": "확정 (Confirm)", "value": "CONFIRMED"}, {"label": "보류 (Defer)", "value": "DEFERRED"}]},
        {"type": "group", "label": "보류 (Deferral)", "conditional": {"hide": "=decision != \\"DEFERRED\\""},
         "components": [{"type": "number", "key": "retableAfterDays", "label": "재상정까지 일수 (Days)",
                         "decimalDigits": 0}]}
      ]}""";
  private static final FeelEngine FEEL = ((DefaultDmnEngineConfiguration) new DefaultDmnEngineConfiguration()
      .buildEngine().getConfiguration()).getFeelEngine();

  private final FormSchema form = FormSchema.parse(new ByteArrayInputStream(FORM.getBytes(StandardCharsets.UTF_8)));
  private final Map<String, Object> stored = new HashMap<>(Map.of("totalCost", 6000L,
      "ministries", Spin.JSON("[\"MSIT\"]"), "region", "gwangju"));

  @Test
  void refusesReadOnlyFieldsAndVariablesTheFormDoesNotHave() {
    EditableInput.Outcome outcome = check(Map.of("decision", "CONFIRMED", "totalCost", 1L, "injected", "x"));

    assertThat(outcome.refused()).extracting(Violation::field).containsExactlyInAnyOrder("totalCost", "injected");
    assertThat(outcome.refused()).filteredOn(v -> v.field().equals("totalCost")).singleElement()
        .satisfies(v -> assertThat(v.label()).isEqualTo("총사업비 (Total cost)"));
  }

  @Test
  void aFieldInAGroupTheDecisionHidesIsRefusedAndShownWhenTheDecisionShowsIt() {
    assertThat(check(Map.of("decision", "CONFIRMED", "retableAfterDays", 30)).refused())
        .extracting(Violation::field).containsExactly("retableAfterDays");
    assertThat(check(Map.of("decision", "DEFERRED", "retableAfterDays", 30)).refused()).isEmpty();
  }

  @Test
  void whatTasklistSendsBackUnchangedIsLeftOut() {
    Map<String, Object> submitted = new HashMap<>();
    submitted.put("decision", "CONFIRMED");
    submitted.put("totalCost", 6000);
    submitted.put("ministries", Spin.JSON("[ \"MSIT\" ]"));
    submitted.put("region", "gwangju");
    submitted.put("retableAfterDays", null);

    EditableInput.Outcome outcome = check(submitted);

    assertThat(outcome.refused()).isEmpty();
    assertThat(outcome.unchanged()).containsExactlyInAnyOrder("totalCost", "ministries", "region", "retableAfterDays");
  }

  @Test
  void comparesValuesAsTheyMeanNotAsTheyAreTyped() {
    assertThat(EditableInput.sameValue(6000, 6000L)).isTrue();
    assertThat(EditableInput.sameValue(6000.0, 6000L)).isTrue();
    assertThat(EditableInput.sameValue("2026", 2026L)).isTrue();
    assertThat(EditableInput.sameValue("", null)).isTrue();
    assertThat(EditableInput.sameValue(false, null)).isTrue();
    assertThat(EditableInput.sameValue(List.of(), null)).isTrue();
    assertThat(EditableInput.sameValue(Spin.JSON("[{\"budget\": 80}]"), Spin.JSON("[{\"budget\": 80.0}]"))).isTrue();

    assertThat(EditableInput.sameValue(6001, 6000L)).isFalse();
    assertThat(EditableInput.sameValue("0", null)).isFalse();
    assertThat(EditableInput.sameValue(true, null)).isFalse();
    assertThat(EditableInput.sameValue("daegu", "gwangju")).isFalse();
    assertThat(EditableInput.sameValue(Spin.JSON("[\"MOTIE\"]"), Spin.JSON("[\"MSIT\"]"))).isFalse();
  }

  /**
   * A condition the server cannot evaluate hides its field from officials; every condition of the models' forms
   * must therefore evaluate, whatever the decision and even before one is made.
   */
  @Test
  void everyConditionOfTheDeployedFormsEvaluates() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes/forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        FormSchema schema;
        try (InputStream in = Files.newInputStream(file)) {
          schema = FormSchema.parse(in);
        }
        for (FormField field : schema.fields()) {
          if (field.hideCondition() == null) {
            continue;
          }
          Map<String, Object> values = new HashMap<>();
          assertThat(evaluates(field.hideCondition(), values)).as(file + ": " + field.hideCondition()).isTrue();
          for (FormField decision : schema.decisions()) {
            for (String choice : decision.allowedValues()) {
              values.put(decision.key(), choice);
              assertThat(evaluates(field.hideCondition(), values)).as(file + ": " + field.hideCondition()).isTrue();
            }
          }
        }
      }
    }
  }

  private static boolean evaluates(String expression, Map<String, Object> values) {
    Object result = FEEL.evaluateSimpleExpression(expression, Variables.fromMap(values).asVariableContext());
    return result instanceof Boolean;
  }

  private EditableInput.Outcome check(Map<String, Object> submitted) {
    return EditableInput.check(form, submitted, stored, (expression, values) -> Boolean.TRUE.equals(
        FEEL.evaluateSimpleExpression(expression, Variables.fromMap(values).asVariableContext())));
  }
}
