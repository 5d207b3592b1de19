package dev.jobcast.api.dashboard;

/** What GET /dashboard/dev-session answers: a ready token for the demo user ({@code {token, user_id}}). */
public record DevSession(String token, long userId) {
}
