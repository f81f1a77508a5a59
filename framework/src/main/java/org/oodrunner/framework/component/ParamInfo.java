package org.oodrunner.framework.component;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of a params record as users see it: its spec name (snake_case), its type,
 * default, range and documentation.
 */
public record ParamInfo(
        String name,
        Type javaType,
        String doc,
        String defaultYaml,
        double min,
        double max,
        boolean exclusiveMin) {

    public boolean required() {
        return defaultYaml == null;
    }

    public static List<ParamInfo> of(Class<? extends Record> paramsType) {
        List<ParamInfo> out = new ArrayList<>();
        for (RecordComponent rc : paramsType.getRecordComponents()) {
            Param p = rc.getAnnotation(Param.class);
            if (p == null) {
                throw new IllegalStateException(paramsType.getName() + "." + rc.getName()
                        + " needs a @Param annotation (documentation and default)");
            }
            out.add(new ParamInfo(snakeCase(rc.getName()), rc.getGenericType(), p.doc(),
                    Param.REQUIRED.equals(p.value()) ? null : p.value(), p.min(), p.max(), p.exclusiveMin()));
        }
        return out;
    }

    /** {@code hiddenChannels} -> {@code hidden_channels}, as Jackson's SNAKE_CASE does. */
    public static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) sb.append('_');
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A short type name for listings: integer, number, boolean, string, one of {a, b}, list of ... */
    public String typeName() {
        return typeName(javaType);
    }

    public static String typeName(Type t) {
        if (t instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (List.class.isAssignableFrom(raw)) return "list of " + typeName(pt.getActualTypeArguments()[0]);
            if (java.util.Map.class.isAssignableFrom(raw)) return "mapping";
            return raw.getSimpleName();
        }
        Class<?> c = (Class<?>) t;
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return "integer";
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) return "number";
        if (c == boolean.class || c == Boolean.class) return "boolean";
        if (c == String.class) return "string";
        if (c.isEnum()) {
            return "one of {" + String.join(", ", Arrays.stream(c.getEnumConstants())
                    .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).toList()) + "}";
        }
        if (c.isRecord()) return "mapping";
        return c.getSimpleName();
    }
}
