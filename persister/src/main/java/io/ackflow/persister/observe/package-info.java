/** What the persister reports: metrics, and the cached database state behind the readiness check. */
package io.ackflow.persister.observe;
