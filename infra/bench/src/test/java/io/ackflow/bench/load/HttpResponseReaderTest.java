package io.ackflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackflow.bench.load.internal.HttpResponseReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void waitsForTheWholeContentLengthBody() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.append(bytes("HTTP/1.1 202 Accepted\r\nContent-Length: 5\r\n\r\nab"));
        assertThat(reader.take()).isNull();
        reader.append(bytes("cde"));
        assertThat(reader.take()).isEqualTo(new HttpResponseReader.Response(202, false));
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void readsChunkedBodiesAcrossReads() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.append(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nabcd\r\n"));
        assertThat(reader.take()).isNull();
        reader.append(bytes("2;ext=1\r\nef\r\n0\r\n"));
        assertThat(reader.take()).isNull();
        reader.append(bytes("\r\n"));
        assertThat(reader.take()).isEqualTo(new HttpResponseReader.Response(200, true));
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void skipsInterimResponsesAndBodilessStatuses() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.append(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"));
        assertThat(reader.take()).isEqualTo(new HttpResponseReader.Response(204, false));
    }

    @Test
    void aBodyUntilCloseCompletesAtEndOfStream() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.append(bytes("HTTP/1.0 503 Service Unavailable\r\n\r\nbusy"));
        assertThat(reader.take()).isNull();
        assertThat(reader.takeAtEndOfStream()).isEqualTo(new HttpResponseReader.Response(503, true));
    }

    @Test
    void rejectsWhatIsNotHttp() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.append(bytes("SSH-2.0-OpenSSH\r\n\r\n"));
        assertThatThrownBy(reader::take).isInstanceOf(IllegalStateException.class);
    }
}
