package kr.axhub.funding.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address of the client whose request is being served, for the password check deep inside the engine. Set
 * first of all filters, since the APIs' authentication runs before Spring's own request context exists. Behind
 * the load balancer it is the official's address from {@code X-Forwarded-For} ({@code forward-headers-strategy}).
 */
@Configuration
class ClientAddress {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  static String current() {
    return CURRENT.get();
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> clientAddressFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            CURRENT.set(request.getRemoteAddr());
            try {
              chain.doFilter(request, response);
            } finally {
              CURRENT.remove();
            }
          }
        });
    registration.setName("clientAddress");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
