package kr.axhub.funding.validation;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's REST resources, with this application's answers to refused input and to other regions' data. */
@Component
public class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(EngineRestErrors.WrappedErrors.class);
    register(EngineRestErrors.EngineErrors.class);
  }
}
