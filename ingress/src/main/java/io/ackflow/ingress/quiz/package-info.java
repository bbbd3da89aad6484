/** Quizzes: definitions and close commands (admin), answers over HTTP (client key). */
package io.ackflow.ingress.quiz;
