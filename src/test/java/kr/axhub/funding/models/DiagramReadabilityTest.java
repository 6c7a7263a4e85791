package kr.axhub.funding.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Every plane of both models reads in Cockpit without zooming below 0.5 ({@link DiagramReadability}). An
 * edit in the Modeler that crowds a stage, crosses lines or lets a name spill out of its box fails the build.
 */
class DiagramReadabilityTest {

  @Test
  void everyPlaneOfTheProgrammeReadsInCockpit() {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/ax-funding-pipeline.bpmn"));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane.class))
        .as("the top level and one plane per stage").hasSize(10);
    assertThat(DiagramReadability.problems(model)).isEmpty();
  }

  @Test
  void everyPlaneOfAnRndTaskKickoffReadsInCockpit() {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/rnd-task-kickoff.bpmn"));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane.class))
        .as("the top level and one plane per stage: call, selection, agreement").hasSize(4);
    assertThat(DiagramReadability.problems(model)).isEmpty();
  }

  @Test
  void anUnreadableDiagramIsRefusedWithEveryFaultNamed() {
    BpmnModelInstance model = Bpmn.readModelFromStream(
        DiagramReadabilityTest.class.getResourceAsStream("/models/unreadable.bpmn"));
    List<String> problems = DiagramReadability.problems(model);
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("unreadable: is ").contains("more than 2400 × 1200"))
        .contains("unreadable: shapes A and B overlap")
        .contains("unreadable: edge F2 runs through A")
        .contains("unreadable: the name of A has a word wider than its shape")
        .contains("unreadable: the name of Start does not fit its label box")
        .anySatisfy(p -> assertThat(p).matches("unreadable: \\d+ crossing edges, more than 3"));
  }

  @Test
  void textIsMeasuredLikeBpmnJsLaysItOut() {
    assertThat(DiagramReadability.width("예타 면제", 12)).isEqualTo(4 * 12 + 0.55 * 12);
    assertThat(DiagramReadability.wrap("예타 면제 (Feasibility-study exemption)", 100, 12))
        .containsExactly("예타 면제", "(Feasibility-", "study", "exemption)");
    assertThat(DiagramReadability.wrap("Supercalifragilistic", 50, 12)).isNull();
  }
}
