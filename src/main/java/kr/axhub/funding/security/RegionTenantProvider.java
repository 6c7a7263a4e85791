package kr.axhub.funding.security;

import kr.axhub.funding.identity.Regions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A programme belongs to its region's tenant: the instance started with {@code region = daegu} is Daegu's, and so
 * are the R&D task kickoffs it calls, every task and all history. The models themselves stay shared by all regions.
 * An official may start a programme only for a region whose tenant they belong to.
 */
public class RegionTenantProvider implements TenantIdProvider {

  static final String REGION = "region";

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    if (context.getSuperExecution() != null) {
      return context.getSuperExecution().getTenantId();
    }
    Object region = context.getVariables() == null ? null : context.getVariables().get(REGION);
    if (!Regions.isRegion(region)) {
      return null;
    }
    requireMembership((String) region);
    return (String) region;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    return context.getExecution() != null ? context.getExecution().getTenantId() : null;
  }

  private static void requireMembership(String region) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null || !commandContext.getTenantManager().isTenantCheckEnabled()) {
      return;
    }
    Authentication authentication = commandContext.getAuthentication();
    if (commandContext.getAuthorizationManager().isCamundaAdmin(authentication)
        || authentication.getTenantIds() != null && authentication.getTenantIds().contains(region)) {
      return;
    }
    throw new AuthorizationException("'" + authentication.getUserId() + "'은(는) " + Regions.koreanName(region)
        + " 소속이 아니어서 이 지역의 사업을 시작할 수 없습니다 (is not an official of region '" + region
        + "' and cannot start its programmes)");
  }
}
