/** Auctions (admin definitions) and bids. Ingress never checks that an auction exists; the bid worker does. */
package io.ackflow.ingress.auction;
