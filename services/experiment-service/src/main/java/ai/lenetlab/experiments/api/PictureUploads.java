package ai.lenetlab.experiments.api;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The one route that takes multipart bodies larger than the API's JSON: pictures to predict on
 * ({@code POST /api/runs/{id}/predict}). It reads and changes nothing but the answer, so a form a
 * page on another site makes a browser send can learn nothing and alter nothing (the Origin and
 * Sec-Fetch-Site checks still apply).
 */
final class PictureUploads {

    private PictureUploads() {}

    static boolean route(ContainerRequestContext request) {
        return route(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
    }

    static boolean route(String method, String rawPath) {
        return "POST".equals(method) && rawPath.startsWith("/api/runs/") && rawPath.endsWith("/predict");
    }
}
