package io.ackflow.ingress.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /openapi.json}: the contract-first description of every ingress endpoint. It is written by hand in
 * {@code src/main/resources/openapi/ingress.json}; {@code OpenApiContractIT} checks that every route is in it and that
 * real answers carry the documented status codes and fields.
 */
@RestController
class OpenApiController {
    static final String RESOURCE = "/openapi/ingress.json";

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/openapi.json")
    ResponseEntity<byte[]> document() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }
}
