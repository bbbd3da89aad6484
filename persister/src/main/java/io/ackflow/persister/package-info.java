/** The persister role: batch upserts of fact topics into PostgreSQL, exactly once; the read side. */
package io.ackflow.persister;
