package kr.axhub.funding.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may call the APIs: {@code /engine-rest} and the application's {@code /api} require an authenticated official.
 * The webapps (Cockpit, Tasklist, Admin and their {@code /camunda/api}) keep their own session login.
 */
@Configuration
public class ApiSecurityConfiguration {

  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> apiAuthentication(IdentityService identityService) {
    FilterRegistrationBean<BasicAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new BasicAuthenticationFilter(identityService));
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setName("apiAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
