package kr.axhub.funding.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kr.axhub.funding.kickoff.KickoffElements;
import kr.axhub.funding.notification.OutcomeNotices;
import kr.axhub.funding.pipeline.PipelineElements;
import kr.axhub.funding.reporting.Stage;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/**
 * The names Java relies on exist in the models, so renaming an element, a form field or a variable without the code
 * fails the build; and the contract the models declare for the rest of the application is complete.
 */
class ModelContractTest {

  private static final Pattern ELEMENT_ID = Pattern.compile(
      "(Task|Gateway|EndEvent|StartEvent|TimerEvent|BusinessRuleTask|ServiceTask|CallActivity|MessageEvent"
          + "|SubProcess|BoundaryEvent)_\\w+");
  /** Written by the Assembly report's delegate, read by nobody in the models. */
  private static final Set<String> WRITTEN_BY_JAVA = Set.of(PipelineElements.ASSEMBLY_REPORTED_AT,
      PipelineElements.ASSEMBLY_REPORT_RECIPIENT);
  private static final BpmnModelInstance PIPELINE = model("ax-funding-pipeline.bpmn");
  private static final BpmnModelInstance KICKOFF = model("rnd-task-kickoff.bpmn");

  @Test
  void everyElementIdTheCodeNamesIsInItsModel() throws IllegalAccessException {
    Set<String> ids = new HashSet<>(ids(PIPELINE));
    ids.addAll(ids(KICKOFF));
    List<String> constants = new ArrayList<>(elementIds(PipelineElements.class));
    constants.addAll(elementIds(KickoffElements.class));
    assertThat(constants).hasSizeGreaterThan(40);
    assertThat(ids).containsAll(constants);
  }

  @Test
  void everyVariableNameTheCodeNamesIsUsedByItsModelsFormsOrDecisions() throws Exception {
    String pipeline = text("ax-funding-pipeline.bpmn", "pipeline-", "feasibility-requirement.dmn",
        "exemption-ground.dmn");
    String kickoff = text("rnd-task-kickoff.bpmn", "kickoff-", "lead-institution.dmn", "selection-decision.dmn");
    for (String name : names(PipelineElements.class)) {
      if (WRITTEN_BY_JAVA.contains(name)) {
        continue;
      }
      assertThat(pipeline + kickoff).as("PipelineElements name '%s'", name).containsPattern("\\b" + name + "\\b");
    }
    for (String name : names(KickoffElements.class)) {
      assertThat(kickoff).as("KickoffElements name '%s'", name).containsPattern("\\b" + name + "\\b");
    }
  }

  @Test
  void everyStageIsOneSubProcessAndEveryStepBelongsToAStage() {
    Map<String, String> stageOf = new java.util.HashMap<>();
    for (SubProcess subProcess : PIPELINE.getModelElementsByType(SubProcess.class)) {
      String stage = property(subProcess, "stage");
      assertThat(stage).as("stage of %s", subProcess.getId()).isNotNull();
      assertThat(Stage.valueOf(stage)).isNotNull();
      assertThat(stageOf.put(stage, subProcess.getId())).as("%s is one sub-process", stage).isNull();
      assertThat(subProcess.getName()).as("name of %s", subProcess.getId()).matches(".*\\p{IsHangul}.* \\(.+\\)");
    }
    assertThat(stageOf.keySet()).containsExactlyInAnyOrder(Stream.of(Stage.values()).map(Enum::name)
        .toArray(String[]::new));
    for (UserTask task : PIPELINE.getModelElementsByType(UserTask.class)) {
      assertThat(task.getParentElement()).as("stage of %s", task.getId()).isInstanceOf(SubProcess.class);
    }
  }

  @Test
  void everyStepOfAnRndTaskKickoffBelongsToOneOfItsThreeStages() {
    List<String> stages = new ArrayList<>();
    for (SubProcess subProcess : KICKOFF.getModelElementsByType(SubProcess.class)) {
      stages.add(property(subProcess, "stage"));
      assertThat(subProcess.getName()).as("name of %s", subProcess.getId()).matches(".*\\p{IsHangul}.* \\(.+\\)");
    }
    assertThat(stages).containsExactly("CALL", "SELECTION", "AGREEMENT");
    for (UserTask task : KICKOFF.getModelElementsByType(UserTask.class)) {
      assertThat(task.getParentElement()).as("stage of %s", task.getId()).isInstanceOf(SubProcess.class);
    }
  }

  /**
   * Outcome notices are declared on the elements ({@code outcomeNotice[:decision]}); every outcome the application
   * can word is declared somewhere, once per decision, and a decision names the variable it reads.
   */
  @Test
  void everyOutcomeNoticeIsDeclaredInTheProgrammeModel() {
    List<String> declared = new ArrayList<>();
    for (CamundaProperty property : PIPELINE.getModelElementsByType(CamundaProperty.class)) {
      String name = property.getCamundaName();
      if (name.equals("outcomeNotice") || name.startsWith("outcomeNotice:")) {
        declared.add(property.getCamundaValue());
        BaseElement element = (BaseElement) property.getParentElement().getParentElement().getParentElement();
        if (name.contains(":")) {
          assertThat(property(element, "outcomeVariable")).as("decision variable of %s", element.getId())
              .isNotNull();
        }
      }
    }
    assertThat(declared).containsExactlyInAnyOrder(Stream.of(OutcomeNotices.Outcome.values()).map(Enum::name)
        .toArray(String[]::new));
  }

  @Test
  void everyUserTaskTellsTheOfficialWhatToDecideInKoreanAndEnglish() {
    for (BpmnModelInstance model : List.of(PIPELINE, KICKOFF)) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String documentation = task.getDocumentations().stream().map(Documentation::getTextContent)
            .reduce("", String::concat);
        assertThat(documentation).as("documentation of %s", task.getId())
            .containsPattern("\\p{IsHangul}").containsPattern("[A-Za-z]{4,} [a-z]+").hasSizeGreaterThan(80);
      }
    }
  }

  private static BpmnModelInstance model(String file) {
    return Bpmn.readModelFromFile(new File("processes/" + file));
  }

  private static Set<String> ids(BpmnModelInstance model) {
    Set<String> ids = new HashSet<>();
    model.getModelElementsByType(FlowElement.class).forEach(e -> ids.add(e.getId()));
    return ids;
  }

  private static List<String> constants(Class<?> type) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }

  private static List<String> elementIds(Class<?> type) throws IllegalAccessException {
    return constants(type).stream().filter(v -> ELEMENT_ID.matcher(v).matches()).toList();
  }

  /** Variable and field names are lower camel case; process and decision keys and element ids are not. */
  private static List<String> names(Class<?> type) throws IllegalAccessException {
    return constants(type).stream().filter(v -> v.matches("[a-z][A-Za-z]*")).toList();
  }

  private static String text(String model, String formPrefix, String... decisions) throws IOException {
    StringBuilder text = new StringBuilder(Files.readString(Path.of("processes", model)));
    try (Stream<Path> forms = Files.list(Path.of("processes/forms"))) {
      for (Path form : forms.filter(f -> f.getFileName().toString().startsWith(formPrefix)).toList()) {
        text.append(Files.readString(form));
      }
    }
    for (String decision : decisions) {
      text.append(Files.readString(Path.of("processes", decision)));
    }
    return text.toString();
  }

  private static String property(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
  }
}
