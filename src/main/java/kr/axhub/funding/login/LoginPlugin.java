package kr.axhub.funding.login;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Puts {@link ThrottledIdentityProvider} in place of Camunda's user store, for the engine, its REST API and webapps. */
@Component
class LoginPlugin extends AbstractProcessEnginePlugin {

  private final LoginThrottle throttle;
  private final ObjectProvider<LoginAlerts> alerts;
  private final LoginProperties properties;
  private final VerifiedCredentials credentials;
  /** Looked up at the first command that needs it (the engine is built before it), then kept. */
  private volatile LoginAlerts resolvedAlerts;

  LoginPlugin(LoginThrottle throttle, ObjectProvider<LoginAlerts> alerts, LoginProperties properties,
      VerifiedCredentials credentials) {
    this.throttle = throttle;
    this.alerts = alerts;
    this.properties = properties;
    this.credentials = credentials;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return ThrottledIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new ThrottledIdentityProvider(throttle, alerts(), properties.accountAlertAfter(), credentials);
      }
    });
  }

  /** The alerts, looked up once: every command that reads users, groups or tenants opens an identity session. */
  private LoginAlerts alerts() {
    LoginAlerts found = resolvedAlerts;
    if (found == null) {
      found = alerts.getObject();
      resolvedAlerts = found;
    }
    return found;
  }
}
