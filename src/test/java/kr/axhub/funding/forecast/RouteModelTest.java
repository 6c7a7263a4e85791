package kr.axhub.funding.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.axhub.funding.pipeline.PipelineElements;
import kr.axhub.funding.reporting.Stage;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/**
 * The routes a forecast follows are the model's: every way along the top level of {@code ax-funding-pipeline} from
 * the proposal to <em>Programme launched</em>, read as the stages it passes, is one {@link Route}, and every route is
 * such a way. A new branch in the model fails this test until the forecast knows it.
 */
class RouteModelTest {

  @Test
  void theRoutesAreExactlyTheModelsWaysToTheLaunch() {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/ax-funding-pipeline.bpmn"));
    Process process = model.getModelElementById(PipelineElements.PROCESS_KEY);
    StartEvent start = process.getChildElementsByType(StartEvent.class).iterator().next();
    Set<List<Stage>> ways = new HashSet<>();
    walk(start, new ArrayList<>(), new HashSet<>(), ways);

    Set<List<Stage>> routes = new HashSet<>();
    for (Route route : Route.values()) {
      routes.add(route.stages());
    }
    assertThat(ways).isEqualTo(routes);
  }

  private static void walk(FlowNode node, List<Stage> stages, Set<String> seen, Set<List<Stage>> ways) {
    if (!seen.add(node.getId())) {
      return;
    }
    List<Stage> here = new ArrayList<>(stages);
    if (node instanceof SubProcess subProcess) {
      here.add(Stage.valueOf(stage(subProcess)));
    }
    if (PipelineElements.END_PROGRAMME_LAUNCHED.equals(node.getId())) {
      ways.add(here);
    }
    for (SequenceFlow flow : node.getOutgoing()) {
      walk(flow.getTarget(), here, new HashSet<>(seen), ways);
    }
  }

  private static String stage(SubProcess subProcess) {
    return subProcess.getExtensionElements().getElementsQuery().filterByType(
CamundaProperties.class).singleResult()
        .getCamundaProperties().stream().filter(p -> "stage".equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst().orElseThrow();
  }
}
