/** Local fakes of external HTTP services that behave like the real ones, limits and errors included. */
package io.ackflow.fakes;
