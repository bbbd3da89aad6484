package io.ackflow.workers.orders;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the gateway by {@code ackflow.workers.orders.broker.kind}: {@code paper} (default) or {@code http}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersProperties.class)
public class BrokerGatewayConfiguration {

    @Bean
    BrokerGateway brokerGateway(OrdersProperties props) {
        return OrdersProperties.Broker.HTTP.equals(props.broker().kind())
                ? new HttpBrokerGateway(props.broker())
                : new PaperBrokerGateway(props);
    }
}
