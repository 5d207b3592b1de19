package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCodes;
import org.junit.jupiter.api.Test;

class JsonParsingErrorHandlerTest {

    @Test
    void unparsableRequestsGetTheApisErrorShape() throws Exception {
        HttpResponse r = new JsonParsingErrorHandler().handle(StatusCodes.BadRequest(),
                new ErrorInfo("Illegal request-target", "Invalid input 'z', expected HEXDIG (line 1, column 18)"),
                null, null);
        assertEquals(400, r.status().intValue());
        assertEquals("application/json", r.entity().getContentType().toString());
        String body = ((HttpEntity.Strict) r.entity()).getData().utf8String();
        assertEquals("{\"error\":\"bad_request\",\"message\":\"Illegal request-target: Invalid input 'z', "
                + "expected HEXDIG (line 1, column 18)\"}", body);
    }

    @Test
    void oversizedHeadersKeepTheirStatus() {
        HttpResponse r = new JsonParsingErrorHandler().handle(StatusCodes.RequestHeaderFieldsTooLarge(),
                new ErrorInfo("HTTP header value exceeds the configured limit of 8192 characters", ""), null, null);
        assertEquals(431, r.status().intValue());
        String body = ((HttpEntity.Strict) r.entity()).getData().utf8String();
        assertEquals("{\"error\":\"headers_too_large\",\"message\":"
                + "\"HTTP header value exceeds the configured limit of 8192 characters\"}", body);
    }
}
