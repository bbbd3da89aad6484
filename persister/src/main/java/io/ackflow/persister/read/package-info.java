/** The read side: leaderboards, orders and event status, each request one SQL query. */
package io.ackflow.persister.read;
