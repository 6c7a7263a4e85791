package kr.axhub.funding.browser;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The valid inputs of every form as the process tests define them ({@code PipelineForms}, {@code KickoffForms}),
 * reused to position instances through the Java API before a browser step. Those classes are package-private in the
 * process tests' packages, so they are reached by name.
 */
final class ValidInputs {

  private static final String PIPELINE = "kr.axhub.funding.pipeline.PipelineForms";
  private static final String KICKOFF = "kr.axhub.funding.kickoff.KickoffForms";

  private ValidInputs() {}

  static Map<String, Object> pipeline(String method, Object... arguments) {
    return call(PIPELINE, method, arguments);
  }

  static Map<String, Object> kickoff(String method, Object... arguments) {
    return call(KICKOFF, method, arguments);
  }

  /** As the process tests pass them to the Java API: a JSON variable stays a typed JSON value. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> kickoffTyped(String method, Object... arguments) {
    try {
      for (Method candidate : Class.forName(KICKOFF).getDeclaredMethods()) {
        if (candidate.getName().equals(method) && accepts(candidate, arguments)) {
          candidate.setAccessible(true);
          return (Map<String, Object>) candidate.invoke(null, arguments);
        }
      }
      throw new IllegalArgumentException(KICKOFF + " has no " + method);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code PipelineForms.RndTask} for {@code implementationPlan}. */
  static Object rndTask(String code, String title, String track, String sector, long budget) {
    try {
      Class<?> type = Class.forName(PIPELINE + "$RndTask");
      var constructor = type.getDeclaredConstructors()[0];
      constructor.setAccessible(true);
      return constructor.newInstance(code, title, track, sector, budget);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(String className, String name, Object... arguments) {
    try {
      Class<?> forms = Class.forName(className);
      for (Method method : forms.getDeclaredMethods()) {
        if (method.getName().equals(name) && accepts(method, arguments)) {
          method.setAccessible(true);
          Object[] actual = method.isVarArgs() ? varArgs(method, arguments) : arguments;
          return plain((Map<String, Object>) method.invoke(null, actual));
        }
      }
      throw new IllegalArgumentException(className + " has no " + name + Arrays.toString(arguments));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON variables stay as their serialized text: they are not deserialized outside the engine. */
  private static Map<String, Object> plain(Map<String, Object> variables) {
    Map<String, Object> plain = new LinkedHashMap<>();
    if (variables instanceof VariableMap typed) {
      typed.keySet().forEach(name -> {
        TypedValue value = typed.getValueTyped(name);
        plain.put(name, value instanceof SerializableValue serializable && !serializable.isDeserialized()
            ? serializable.getValueSerialized() : value.getValue());
      });
    } else {
      plain.putAll(variables);
    }
    return plain;
  }

  private static boolean accepts(Method method, Object[] arguments) {
    Class<?>[] types = method.getParameterTypes();
    if (method.isVarArgs()) {
      return true;
    }
    if (types.length != arguments.length) {
      return false;
    }
    for (int i = 0; i < types.length; i++) {
      if (arguments[i] != null && !box(types[i]).isInstance(arguments[i])) {
        return false;
      }
    }
    return true;
  }

  private static Object[] varArgs(Method method, Object[] arguments) {
    Class<?> element = method.getParameterTypes()[0].getComponentType();
    Object array = java.lang.reflect.Array.newInstance(element, arguments.length);
    for (int i = 0; i < arguments.length; i++) {
      java.lang.reflect.Array.set(array, i, arguments[i]);
    }
    return new Object[] {array};
  }

  private static Class<?> box(Class<?> type) {
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == int.class) {
      return Integer.class;
    }
    return type;
  }
}
