/** The Telegram update worker: /start, /quiz and answer buttons, turned into replies and quiz answers. */
package io.ackflow.workers.telegram.updates;
