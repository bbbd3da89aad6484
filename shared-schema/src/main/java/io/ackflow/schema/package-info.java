/** Names shared by every role: topics, headers, event types, ids and the JSON codec. */
package io.ackflow.schema;
