package kr.axhub.funding.security;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;

/**
 * The arguments an official's call handed to one of Camunda's commands. Camunda keeps them in protected fields
 * without accessors, and the submitted variables must be seen before the command applies them: afterwards the
 * stored values they replaced are gone. 7.24 is Camunda 7's last Community Edition release, so the fields read here
 * no longer change; {@code OfficialInputRestTest} fails if one ever does.
 */
final class CommandArguments {

  private static final String JSON_FORMAT = "application/json";

  private CommandArguments() {}

  static Object read(Object command, String name) {
    try {
      return field(command.getClass(), name).get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The submitted variables by name, as plain values (a serialized object as its serialized text). */
  static Map<String, Object> values(Map<String, ?> variables) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (variables == null) {
      return values;
    }
    for (String name : variables.keySet()) {
      Object value = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
      values.put(name, plain(value));
    }
    return values;
  }

  /** Replaces the command's variables by the same without these names. */
  @SuppressWarnings("unchecked")
  static void leaveOut(Object command, String name, Set<String> names) {
    if (names.isEmpty()) {
      return;
    }
    Map<String, ?> variables = (Map<String, ?>) read(command, name);
    VariableMap kept = Variables.createVariables();
    for (String variable : variables.keySet()) {
      if (!names.contains(variable)) {
        kept.put(variable, variables instanceof VariableMap typed ? typed.getValueTyped(variable)
            : variables.get(variable));
      }
    }
    try {
      field(command.getClass(), name).set(command, kept);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value itself. The REST API hands {@code Json} values (lists from Tasklist) over still serialized: they are
   * read as JSON, so that a list sent back unchanged compares equal to the stored one.
   */
  private static Object plain(Object value) {
    if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      String serialized = serializable.getValueSerialized();
      if (serialized != null && JSON_FORMAT.equals(serializable.getSerializationDataFormat())) {
        try {
          return Spin.JSON(serialized);
        } catch (RuntimeException notJson) {
          return serialized;
        }
      }
      return serialized;
    }
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      try {
        Field field = current.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException notHere) {
        // declared further up
      }
    }
    throw new IllegalStateException(type.getName() + " has no field '" + name + "'");
  }
}
