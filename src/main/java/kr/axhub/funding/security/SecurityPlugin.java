package kr.axhub.funding.security;

import java.util.ArrayList;
import java.util.List;
import kr.axhub.funding.validation.InputValidation;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.springframework.stereotype.Component;

/** Regions as tenants of every programme instance; what officials may do beyond Camunda's authorizations. */
@Component
public class SecurityPlugin extends AbstractProcessEnginePlugin {

  private final InputValidation validation;

  public SecurityPlugin(InputValidation validation) {
    this.validation = validation;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(new RegionTenantProvider());
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new OfficialCommands(configuration, validation));
    if (configuration.getCommandCheckers() == null) {
      // Camunda's own two checkers, the authorization one without the repeat OfficialCommands makes redundant.
      configuration.setCommandCheckers(new ArrayList<>(List.of(new TenantCommandChecker(), new TaskWorkCheckedOnce())));
    }
  }
}
