/** The workers role: consumer groups that decide and act (bids, orders, quizzes, Telegram). */
package io.ackflow.workers;
