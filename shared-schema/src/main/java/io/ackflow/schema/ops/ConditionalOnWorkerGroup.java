package io.ackflow.schema.ops;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated bean or configuration only when {@code ackflow.workers.groups} selects this group (or is
 * blank: every group). An unknown name in the property fails the context.
 *
 * <pre>{@code @ConditionalOnWorkerGroup(ConsumerGroups.BID_WORKER) class BidWorkerConfiguration { ... }}</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnWorkerGroupCondition.class)
public @interface ConditionalOnWorkerGroup {
    /** The group id, one of the {@code ackflow.workers.*} constants in {@link io.ackflow.schema.ConsumerGroups}. */
    String value();
}
