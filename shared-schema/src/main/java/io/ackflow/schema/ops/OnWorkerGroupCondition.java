package io.ackflow.schema.ops;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnWorkerGroupCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attrs = metadata.getAnnotationAttributes(ConditionalOnWorkerGroup.class.getName());
        String group = (String) attrs.get("value");
        String selection = context.getEnvironment().getProperty(AckflowGroups.WORKER_GROUPS_PROPERTY);
        return AckflowGroups.isWorkerSelected(selection, group);
    }
}
