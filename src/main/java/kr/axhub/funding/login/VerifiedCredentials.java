package kr.axhub.funding.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic sends the password with every request, and checking it (with the official's groups and tenants) took
 * three identity queries per request. This remembers, for a short time, that an official's password was right when
 * sent from a client address, with the groups and tenants read then, so the next requests of the same client skip
 * the queries. It stays correct:
 *
 * <ul>
 *   <li>any change of users, groups, tenants or their memberships on this node (a new password, a deleted
 *       official, a membership added or removed, an unlock in Admin) forgets everything, when it is made and again
 *       when its transaction commits, so no request can remember what was read before the change;
 *   <li>a refused password forgets the official's entries, so after a wrong attempt every request is checked
 *       again, throttle and lock included; an entry is kept per client address, so an address that did not log in
 *       itself is always checked (the throttle's exemptions of known addresses are unchanged);
 *   <li>an entry expires after {@code axhub.login.verified-credentials-for} (10 s; {@code PT0S} switches this
 *       off), which bounds how late a change made on another cluster node is seen here.
 * </ul>
 *
 * The password itself is not kept: only its SHA-256 digest with a random salt of this node.
 */
@Component
public class VerifiedCredentials {

  /** An official as the request runs: their id, groups and tenants. */
  public record Official(String userId, List<String> groupIds, List<String> tenantIds) {}

  private record Entry(byte[] digest, Official official, long expires) {}

  private static final int MAX_ENTRIES = 10_000;

  private final Duration keepFor;
  private final byte[] salt = new byte[16];
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public VerifiedCredentials(@Value("${axhub.login.verified-credentials-for:PT10S}") Duration keepFor) {
    this.keepFor = keepFor;
    new SecureRandom().nextBytes(salt);
  }

  /**
   * The official these credentials belong to: remembered, or else from {@code check} (the password check and the
   * official's groups and tenants; null when refused), which is then remembered. Null when refused.
   */
  public Official verify(String userId, String password, Supplier<Official> check) {
    if (keepFor.isZero() || keepFor.isNegative()) {
      return check.get();
    }
    String key = userId + '\n' + ClientAddress.current();
    byte[] digest = digest(userId, password);
    Entry entry = entries.get(key);
    long now = ClockUtil.getCurrentTime().getTime();
    if (entry != null && entry.expires() > now && MessageDigest.isEqual(entry.digest(), digest)) {
      return entry.official();
    }
    long before = generation.get();
    Official official = check.get();
    if (official == null) {
      forget(userId);
      return null;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(digest, official, now + keepFor.toMillis()));
    if (generation.get() != before) {
      // Identities changed while they were read: what was read may be older than the change.
      entries.remove(key);
    }
    return official;
  }

  /** Forgets the entries of one official, after a refused password. */
  void forget(String userId) {
    entries.keySet().removeIf(key -> key.startsWith(userId + '\n'));
  }

  /** Users, groups, tenants or memberships change: forget everything now and once the change has committed. */
  void identitiesChanging() {
    forgetAll();
    CommandContext context = Context.getCommandContext();
    if (context != null) {
      context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> forgetAll());
    }
  }

  private void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  private byte[] digest(String userId, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update((userId + '\n' + password).getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
