package dev.jobcast.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jobcast.api.dashboard.DashboardRequests;
import java.net.InetAddress;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardRequestsTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // What browsers send when they navigate to a page.
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8 | true",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
            "application/xhtml+xml | true",
            "TEXT/HTML | true",
            "text/html; charset=utf-8 | true",
            // What API clients send.
            "*/* | false",
            "application/json | false",
            "application/json, text/plain, */* | false",
            "text/* | false",
            // Both named: the weights decide, a tie goes to the page.
            "application/json, text/html;q=0.5 | false",
            "text/html, application/json | true",
            "text/html;q=0 | false",
            "text/html;q=abc | false",
            "text/html;q=2 | false",
    })
    void browsersNavigatingAskForHtmlByName(String accept, boolean browser) {
        assertEquals(browser, DashboardRequests.wantsHtml(accept));
    }

    @Test
    void noAcceptHeaderIsNoBrowser() {
        assertFalse(DashboardRequests.wantsHtml(null));
        assertFalse(DashboardRequests.wantsHtml(" "));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"127.0.0.1, true", "127.0.0.2, true", "::1, true", "10.0.0.7, false", "192.168.1.20, false",
            "2001:db8::1, false"})
    void onlyTheConnectionsOwnLoopbackPeerIsThisMachine(String address, boolean local) throws Exception {
        HttpRequest request = HttpRequest.GET("/dashboard/dev-session")
                .addAttribute(AttributeKeys.remoteAddress, RemoteAddress.create(InetAddress.getByName(address)));
        assertEquals(local, DashboardRequests.fromThisMachine(request));
    }

    @Test
    void aRequestWithoutAPeerAddressIsNotFromThisMachineWhateverItsHeadersSay() {
        HttpRequest request = HttpRequest.GET("/dashboard/dev-session")
                .addHeader(RawHeader.create("X-Forwarded-For", "127.0.0.1"));
        assertFalse(DashboardRequests.fromThisMachine(request));
    }
}
