package kr.axhub.funding.security;

import java.time.Duration;
import kr.axhub.funding.login.VerifiedCredentials;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may call the APIs: {@code /engine-rest} and the application's {@code /api} require an authenticated official,
 * the actuator's figures a member of {@code monitoring} (or an administrator); health is open to load balancers.
 * The webapps (Cockpit, Tasklist, Admin and their {@code /camunda/api}) keep their own session login.
 */
@Configuration
public class ApiSecurityConfiguration {

  private static final String[] API = {"/engine-rest/*", "/api/*"};
  /** Every actuator endpoint but health, which the load balancer asks without credentials. */
  private static final String[] MONITORING = {"/actuator", "/actuator/info", "/actuator/metrics",
      "/actuator/metrics/*", "/actuator/prometheus"};

  @Bean
  FilterRegistrationBean<SecurityHeaders> apiSecurityHeaders(
      @Value("${axhub.security.hsts-max-age:0s}") Duration hstsMaxAge) {
    FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders(hstsMaxAge));
    registration.addUrlPatterns(API);
    registration.addUrlPatterns("/actuator/*");
    registration.setName("apiSecurityHeaders");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> apiAuthentication(IdentityService identityService,
      VerifiedCredentials credentials) {
    FilterRegistrationBean<BasicAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new BasicAuthenticationFilter(identityService, credentials));
    registration.addUrlPatterns(API);
    registration.addUrlPatterns(MONITORING);
    registration.setName("apiAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<MonitoringOnly> monitoringOnly(IdentityService identityService) {
    FilterRegistrationBean<MonitoringOnly> registration = new FilterRegistrationBean<>(new MonitoringOnly(identityService));
    registration.addUrlPatterns(MONITORING);
    registration.setName("monitoringOnly");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
