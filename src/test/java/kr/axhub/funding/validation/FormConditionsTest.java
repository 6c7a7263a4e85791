package kr.axhub.funding.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The forms' hide conditions, parsed once and evaluated as Camunda's own FEEL engine evaluates them. */
class FormConditionsTest {

  private static final FeelEngine CAMUNDA_FEEL = ((DefaultDmnEngineConfiguration) new DefaultDmnEngineConfiguration()
      .buildEngine().getConfiguration()).getFeelEngine();

  private static final Pattern NAME = Pattern.compile("(?<![\"\\w])[A-Za-z]\\w*");

  private static final Object ABSENT = new Object();

  /** Values besides a form's choices: texts, nothing, and values of other types, which FEEL compares its own way. */
  private static final List<Object> OTHER_VALUES = Arrays.asList("이전 의견 (an earlier remark)", "", "A",
      "B", null, 5L, true);

  private final FormConditions conditions = new FormConditions();

  /** Camunda's answer, read as the server reads it: hidden when true, and when the expression cannot be evaluated. */
  private static boolean camundaHides(String expression, Map<String, Object> values) {
    try {
      return Boolean.TRUE.equals(CAMUNDA_FEEL.evaluateSimpleExpression(expression,
          Variables.fromMap(values).asVariableContext()));
    } catch (RuntimeException unreadable) {
      return true;
    }
  }

  @Test
  void everyConditionOfTheDeployedFormsDecidesAsCamundasFeelDoesForEveryDecision() throws IOException {
    int compared = 0;
    for (FormSchema schema : deployedForms()) {
      for (FormField field : schema.fields()) {
        if (field.hideCondition() == null) {
          continue;
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(Map.of());
        for (FormField decision : schema.decisions()) {
          for (String choice : decision.allowedValues()) {
            cases.add(Map.of(decision.key(), choice));
          }
        }
        Matcher names = NAME.matcher(field.hideCondition());
        while (names.find()) {
          if (!List.of("null", "or", "and", "not").contains(names.group())) {
            for (Object value : OTHER_VALUES) {
              Map<String, Object> one = new HashMap<>();
              one.put(names.group(), value);
              cases.add(one);
            }
          }
        }
        Set<Boolean> outcomes = new HashSet<>();
        for (Map<String, Object> values : cases) {
          boolean hides = conditions.hides(field.hideCondition(), values);
          assertThat(hides).as(field.hideCondition() + " with " + values).isEqualTo(camundaHides(field.hideCondition(),
              values));
          outcomes.add(hides);
        }
        assertThat(outcomes).as("the values tried make " + field.hideCondition() + " both hide and show")
            .containsExactlyInAnyOrder(true, false);
        compared++;
      }
    }
    assertThat(compared).as("input fields with a condition").isPositive();
  }

  @Test
  void conditionsOfOtherShapesAndValuesOfOtherTypesAreDecidedAsCamundasFeelDoes() {
    List<String> expressions = List.of("x = \"A\"", "x != \"A\"", "x = null", "x != null",
        "x = null or x = \"\"", "(x = \"A\") or (y != \"B\")", "x = \"A\" or y = \"B\" or x = null",
        "x = \"A\" and y = \"B\"", "not(x = \"A\")", "x in [\"A\", \"B\"]", "x = \"A\\\"B\"",
        "x_1 = \"A\" or x = null", "x = y", "x = \"A\" or", "(x = \"A\"", "x < \"B\"");
    List<Object> values = new ArrayList<>(OTHER_VALUES);
    values.add(ABSENT);
    for (String expression : expressions) {
      for (Object x : values) {
        for (Object y : values) {
          Map<String, Object> given = new HashMap<>();
          if (x != ABSENT) {
            given.put("x", x);
            given.put("x_1", x);
          }
          if (y != ABSENT) {
            given.put("y", y);
          }
          assertThat(conditions.hides(expression, given)).as(expression + " with " + given)
              .isEqualTo(camundaHides(expression, given));
        }
      }
    }
  }

  @Test
  void theSameConditionFollowsTheValuesOfEachEvaluation() {
    String condition = "decision != \"DEFERRED\"";

    assertThat(conditions.hides(condition, Map.of("decision", "CONFIRMED"))).isTrue();
    assertThat(conditions.hides(condition, Map.of("decision", "DEFERRED"))).isFalse();
    assertThat(conditions.hides(condition, Map.of("decision", "CONFIRMED"))).isTrue();
  }

  @Test
  void onlyTheNamesAConditionUsesAreRead() {
    Map<String, Object> values = new HashMap<>(Map.of("decision", "DEFERRED", "report", "긴 보고서 (a long report)"));
    List<Object> read = new ArrayList<>();
    Map<String, Object> recording = new HashMap<>(values) {
      @Override
      public Object get(Object key) {
        read.add(key);
        return super.get(key);
      }
    };

    assertThat(conditions.hides("decision = \"DEFERRED\"", recording)).isTrue();
    assertThat(read).containsOnly("decision");
  }

  @Test
  void aConditionThatCannotBeParsedHidesItsFieldWhateverTheValues() {
    assertThat(conditions.hides("decision = = \"DEFERRED\"", Map.of("decision", "DEFERRED"))).isTrue();
    assertThat(conditions.hides("decision = = \"DEFERRED\"", Map.of("decision", "CONFIRMED"))).isTrue();
  }

  private static List<FormSchema> deployedForms() throws IOException {
    List<FormSchema> schemas = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes/forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          schemas.add(FormSchema.parse(in));
        }
      }
    }
    return schemas;
  }
}
