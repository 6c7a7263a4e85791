package kr.axhub.funding.validation;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The Camunda Forms of each deployment, parsed once. Models bind their forms with
 * {@code camunda:formRefBinding="deployment"}, so a task's form is the one deployed together with its process —
 * what Tasklist renders is exactly what the server checks.
 */
class DeployedForms {

  private final Map<String, Map<String, FormSchema>> formsByDeployment = new ConcurrentHashMap<>();

  /** Must run inside an engine command; reads the deployment without the current user's authorizations. */
  FormSchema find(String deploymentId, String formId) {
    return formsByDeployment.computeIfAbsent(deploymentId, DeployedForms::load).get(formId);
  }

  private static Map<String, FormSchema> load(String deploymentId) {
    Map<String, FormSchema> forms = new HashMap<>();
    for (ResourceEntity resource : Context.getCommandContext().getResourceManager()
        .findResourcesByDeploymentId(deploymentId)) {
      if (resource.getName().endsWith(".form")) {
        FormSchema schema = FormSchema.parse(new ByteArrayInputStream(resource.getBytes()));
        forms.put(schema.formId(), schema);
      }
    }
    return forms;
  }
}
