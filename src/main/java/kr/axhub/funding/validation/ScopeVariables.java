package kr.axhub.funding.validation;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The variables of a task or execution as validation reads them: each one fetched from the engine when a check
 * asks for it, with the values the check itself puts on top. A form's rules, its conditions and the domain rules
 * read a handful of variables by name, while a programme holds dozens, JSON lists among them; reading them all would
 * fetch and parse every one at every completion. Only walking the whole map (which no check needs) reads them all.
 */
final class ScopeVariables extends AbstractMap<String, Object> {

  private static final Object ABSENT = new Object();

  private final VariableScope scope;
  private final Map<String, Object> read = new HashMap<>();

  ScopeVariables(VariableScope scope) {
    this.scope = scope;
  }

  @Override
  public Object get(Object key) {
    Object value = lookUp(key);
    return value == ABSENT ? null : value;
  }

  @Override
  public boolean containsKey(Object key) {
    return lookUp(key) != ABSENT;
  }

  @Override
  public Object put(String key, Object value) {
    Object previous = get(key);
    read.put(key, value);
    return previous;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> all = new HashMap<>(scope.getVariables());
    read.forEach((name, value) -> {
      if (value != ABSENT) {
        all.put(name, value);
      }
    });
    return all.entrySet();
  }

  private Object lookUp(Object key) {
    if (!(key instanceof String name)) {
      return ABSENT;
    }
    return read.computeIfAbsent(name, n -> scope.hasVariable(n) ? scope.getVariable(n) : ABSENT);
  }

  /** These values over those: what the variables will be once a submission is applied, read lazily as well. */
  static Map<String, Object> over(Map<String, Object> values, Map<String, Object> base) {
    return new AbstractMap<>() {
      @Override
      public Object get(Object key) {
        return values.containsKey(key) ? values.get(key) : base.get(key);
      }

      @Override
      public boolean containsKey(Object key) {
        return values.containsKey(key) || base.containsKey(key);
      }

      @Override
      public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new HashMap<>(base);
        all.putAll(values);
        return all.entrySet();
      }
    };
  }

  /** A FEEL context that resolves each name an expression uses from the map, one at a time. */
  static VariableContext context(Map<String, Object> values) {
    return new VariableContext() {
      @Override
      public TypedValue resolve(String name) {
        return values.containsKey(name) ? Variables.untypedValue(values.get(name)) : null;
      }

      @Override
      public boolean containsVariable(String name) {
        return values.containsKey(name);
      }

      @Override
      public Set<String> keySet() {
        return values.keySet();
      }
    };
  }
}
