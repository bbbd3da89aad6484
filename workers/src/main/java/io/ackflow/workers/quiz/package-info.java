/** The quiz worker: grades answers (HTTP or Telegram), marks quiz closes, and closes quizzes when their time is up. */
package io.ackflow.workers.quiz;
