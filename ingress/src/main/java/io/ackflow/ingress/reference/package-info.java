/** In-memory views of the sources and bots ingress authenticates against, read from their compacted topics. */
package io.ackflow.ingress.reference;
