package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

/** The fallback for rejections the API does not handle itself: Pekko's text answers, reshaped. */
class ErrorHandlingTest {

    @Test
    void aDefaultTextAnswerBecomesJsonWithItsStatusAndHeaders() {
        HttpResponse text = HttpResponse.create().withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE)
                .addHeader(RawHeader.create("X-Hint", "json"))
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "The request's Content-Type is not supported."));
        HttpResponse json = ErrorHandling.asJson(text);
        assertEquals(415, json.status().intValue());
        assertEquals("json", json.getHeader("X-Hint").orElseThrow().value());
        assertEquals(ContentTypes.APPLICATION_JSON, json.entity().getContentType());
        assertEquals("{\"error\":\"unsupported_media_type\",\"message\":\"The request's Content-Type is not supported.\"}",
                ((HttpEntity.Strict) json.entity()).getData().utf8String());
    }

    @Test
    void anEmptyAnswerIsNamedByItsStatus() {
        HttpResponse json = ErrorHandling.asJson(HttpResponse.create().withStatus(StatusCodes.NOT_ACCEPTABLE));
        assertEquals("{\"error\":\"not_acceptable\",\"message\":\"Not Acceptable\"}",
                ((HttpEntity.Strict) json.entity()).getData().utf8String());
    }
}
