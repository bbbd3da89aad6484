package io.ackflow.schema.role;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attrs = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        Role role = (Role) attrs.get("value");
        return activeRoles(context.getEnvironment().getProperty(Role.PROPERTY)).contains(role);
    }

    /** Parses {@code ackflow.roles}; blank means every role. Fails on an unknown name. */
    public static Set<Role> activeRoles(String value) {
        if (value == null || value.isBlank()) {
            return Set.of(Role.values());
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return Role.valueOf(s.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                Role.PROPERTY + " has unknown role '" + s + "'; expected ingress, workers or persister");
                    }
                })
                .collect(Collectors.toSet());
    }
}
