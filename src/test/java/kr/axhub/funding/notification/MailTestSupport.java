package kr.axhub.funding.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A real SMTP server (GreenMail) that tests start and stop at will, and the officials of the tests. */
final class MailTestSupport {

  private MailTestSupport() {}

  /**
   * A free port rather than GreenMail's fixed 3025, so the mail tests do not collide with another build on the
   * same machine.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GreenMail smtp(int port) {
    return new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
  }

  /** A mail sender for the SMTP server on {@code port}, as a dispatcher built by hand takes it. */
  static ObjectProvider<JavaMailSender> sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("localhost");
    sender.setPort(port);
    return new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
  }

  static List<MimeMessage> to(GreenMail mail, String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
      try {
        return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void group(IdentityService identity, String id) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      var group = identity.newGroup(id);
      group.setName(id);
      identity.saveGroup(group);
    }
  }

  /** Basic credentials of {@code notification-admin} for the application's API. */
  static String adminAuthorization() {
    return "Basic " + java.util.Base64.getEncoder().encodeToString("notification-admin:secret".getBytes());
  }

  static void user(IdentityService identity, String id, String email, String... groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(id);
      user.setLastName("Official");
      user.setEmail(email);
      user.setPassword("secret");
      identity.saveUser(user);
      for (String group : groups) {
        group(identity, group);
        identity.createMembership(id, group);
      }
    }
  }

  static void tenant(IdentityService identity, String id, String... users) {
    if (identity.createTenantQuery().tenantId(id).count() == 0) {
      identity.saveTenant(identity.newTenant(id));
    }
    for (String user : users) {
      if (identity.createTenantQuery().tenantId(id).userMember(user).count() == 0) {
        identity.createTenantUserMembership(id, user);
      }
    }
  }

  /** The standard officials: two ministry officials (and one without e-mail), planners and directors of two regions. */
  static void officials(IdentityService identity) {
    user(identity, "msit-kim", "kim@msit.example.kr", "msit-officers");
    user(identity, "msit-lee", "lee@msit.example.kr", "msit-officers");
    user(identity, "msit-nomail", null, "msit-officers");
    user(identity, "daegu-planner", "planner@daegu.example.kr", "region-planners");
    user(identity, "gwangju-planner", "planner@gwangju.example.kr", "region-planners");
    user(identity, "daegu-director", "director@daegu.example.kr", "region-directors");
    user(identity, "gwangju-director", "director@gwangju.example.kr", "region-directors");
    user(identity, "jeonbuk-planner", "planner@jeonbuk.example.kr", "region-planners");
    user(identity, "tenant-planner-a", "planner-a@jeonbuk.example.kr", "region-planners");
    user(identity, "notification-admin", "admin@axhub.example.kr", "camunda-admin");
    // As real officials: a region's officials belong to its tenant, national bodies to every region's. The id rule
    // of Recipients covers instances without a tenant; jeonbuk-planner is deliberately not a tenant member.
    tenant(identity, "daegu", "daegu-planner", "daegu-director", "msit-kim", "msit-lee", "msit-nomail");
    tenant(identity, "gwangju", "gwangju-planner", "gwangju-director", "msit-kim", "msit-lee", "msit-nomail");
    tenant(identity, "jeonbuk", "tenant-planner-a");
  }
}
