package io.ackflow.schema.event;

import java.math.BigDecimal;

/** The body of a trading webhook: {@code {"symbol","side","quantity","price","order_type"}}. */
public record TradingSignal(String symbol, String side, BigDecimal quantity, BigDecimal price, String orderType) {}
