/** What every worker group shares: containers, the one error policy, publishing, reference data, metrics, replay. */
package io.ackflow.workers.support;
