package ai.lenetlab.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every request a test sends through RestAssured, and the service's answer, checked against the
 * OpenAPI document the service serves ({@code /q/openapi}): the operation, its answered status, the
 * content type, the JSON body against the schema (JSON Schema 2020-12, OpenAPI 3.1's dialect), the
 * API's headers, and, for requests the service accepted (2xx), the query parameters and the body.
 * A field, status or header the document does not describe fails the test, naming what is missing.
 * A refused request (4xx) may break the document's rules: that it is refused is the point.
 */
public final class OpenApiContract implements Filter {

    public static final OpenApiContract INSTANCE = new OpenApiContract();

    /** The headers that carry API meaning; protective ones (Cache-Control, CSP …) are the server's, not an operation's. */
    static final Set<String> API_HEADERS = Set.of(
            "x-total-count",
            "location",
            "retry-after",
            "www-authenticate",
            "content-disposition",
            "allow",
            "digest",
            "server-timing");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Document> documents = new ConcurrentHashMap<>();

    /** A document to hold the service to instead of the one it serves: for the test that this check fails. */
    private final JsonNode given;

    private OpenApiContract() {
        this(null);
    }

    OpenApiContract(JsonNode given) {
        this.given = given;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getRawPath() == null
                || !uri.getRawPath().startsWith("/api/")
                // the REST layer's own answers (allowed methods, CORS preflight), not operations of the API
                || request.getMethod().equals("OPTIONS")
                || request.getMethod().equals("HEAD")) {
            return response;
        }
        Document document = given != null
                ? documents.computeIfAbsent("given", k -> new Document(given))
                : documents.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), Document::load);
        List<String> problems = document.check(request, uri, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the OpenAPI document (/q/openapi) does not describe "
                    + request.getMethod() + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " → " + response.statusCode() + ":\n  - " + String.join("\n  - ", problems)
                    + "\nresponse body: " + abbreviate(response.asString()));
        }
        return response;
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    /** The served document, its path templates and the schemas built from it. */
    private static final class Document {

        private final JsonNode root;
        private final Map<String, Pattern> templates = new LinkedHashMap<>();
        private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
        private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));

        private Document(JsonNode served) {
            this.root = served.deepCopy();
            closeObjects(root.path("components").path("schemas"));
            root.path("paths").fieldNames().forEachRemaining(t -> templates.put(t, template(t)));
        }

        /**
         * Objects here take no properties beyond those they list, so that a field the service sends and
         * the document does not name fails (the document itself leaves answers open to new fields).
         */
        private static void closeObjects(JsonNode node) {
            if (node instanceof ObjectNode object) {
                if (object.has("properties") && !object.has("additionalProperties")) {
                    object.put("additionalProperties", false);
                }
            }
            node.forEach(OpenApiContract.Document::closeObjects);
        }

        static Document load(String origin) {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> served = http.send(
                        HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Document(JSON.readTree(served.body()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the OpenAPI document", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static Pattern template(String path) {
            StringBuilder regex = new StringBuilder();
            for (String part : path.split("(?=\\{)|(?<=})")) {
                regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }

        List<String> check(FilterableRequestSpecification request, URI uri, Response response) {
            List<String> problems = new ArrayList<>();
            // JAX-RS matches /api/runs/ as /api/runs
            String path = uri.getRawPath().length() > 1 && uri.getRawPath().endsWith("/")
                    ? uri.getRawPath().substring(0, uri.getRawPath().length() - 1)
                    : uri.getRawPath();
            int status = response.statusCode();
            // a literal path wins over a template ("/api/compare.csv" over nothing, "/api/me" over "/api/{x}")
            String template = templates.entrySet().stream()
                    .filter(t -> t.getValue().matcher(path).matches())
                    .map(Map.Entry::getKey)
                    .min(Comparator.comparingLong(
                            t -> t.chars().filter(c -> c == '{').count()))
                    .orElse(null);
            if (template == null) {
                if (status != 404) {
                    problems.add("the path " + path + " (no path in the document matches it)");
                }
                return problems;
            }
            String method = request.getMethod().toLowerCase(Locale.ROOT);
            JsonNode operation = root.path("paths").path(template).path(method);
            if (operation.isMissingNode()) {
                if (status != 405) {
                    problems.add("the operation " + method.toUpperCase(Locale.ROOT) + " " + template);
                }
                return problems;
            }
            String where = method.toUpperCase(Locale.ROOT) + " " + template;
            String pointer = "/paths/" + escape(template) + "/" + method;
            String statusKey = operation.path("responses").has(String.valueOf(status))
                    ? String.valueOf(status)
                    : operation.path("responses").has("default") ? "default" : null;
            if (statusKey == null) {
                problems.add("status " + status + " of " + where + " (responses: " + names(operation.path("responses"))
                        + ")");
                return problems;
            }
            JsonNode answer = operation.path("responses").path(statusKey);
            String answerPointer = pointer + "/responses/" + statusKey;
            checkHeaders(response, answer, where + " → " + status, problems);
            checkBody(response, answer, answerPointer, where + " → " + status, problems);
            if (status >= 200 && status < 300) {
                checkQuery(uri, operation, where, problems);
                checkRequestBody(request, operation, pointer, where, problems);
            }
            return problems;
        }

        private void checkHeaders(Response response, JsonNode answer, String where, List<String> problems) {
            for (var header : response.getHeaders()) {
                String name = header.getName().toLowerCase(Locale.ROOT);
                if (API_HEADERS.contains(name) && !hasIgnoringCase(answer.path("headers"), name)) {
                    problems.add("the response header " + header.getName() + " of " + where);
                }
            }
        }

        private void checkBody(
                Response response, JsonNode answer, String answerPointer, String where, List<String> problems) {
            String body = response.asString();
            String contentType = response.contentType();
            if (body.isEmpty() && (contentType == null || contentType.isEmpty())) {
                if (answer.path("content").size() > 0 && response.statusCode() != 204) {
                    problems.add("an empty body for " + where + " (the document says " + names(answer.path("content"))
                            + ")");
                }
                return;
            }
            String mediaType =
                    contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
            String key = mediaTypeKey(answer.path("content"), mediaType);
            if (key == null) {
                problems.add("the content type " + mediaType + " of " + where + " (content: "
                        + names(answer.path("content")) + ")");
                return;
            }
            if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
                JsonNode schema = answer.path("content").path(key).path("schema");
                if (!schema.isMissingNode()) {
                    validate(answerPointer + "/content/" + escape(key) + "/schema", body, where, problems);
                }
            }
        }

        private void checkQuery(URI uri, JsonNode operation, String where, List<String> problems) {
            if (uri.getRawQuery() == null) {
                return;
            }
            for (String pair : uri.getRawQuery().split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                String value =
                        pair.contains("=") ? URLDecoder.decode(pair.split("=", 2)[1], StandardCharsets.UTF_8) : "";
                if (value.isEmpty()) {
                    continue; // JAX-RS reads "?status=" as no value: the parameter's default
                }
                JsonNode parameter = null;
                for (JsonNode p : operation.path("parameters")) {
                    if (p.path("in").asText().equals("query")
                            && p.path("name").asText().equals(name)) {
                        parameter = p;
                    }
                }
                if (parameter == null) {
                    problems.add("the query parameter " + name + " of " + where + ", which the service accepted");
                    continue;
                }
                JsonNode schema = resolve(parameter.path("schema"));
                JsonNode asJson = queryValue(value, schema);
                List<Error> errors =
                        schemaAt(null, wrap(parameter.path("schema"))).validate(asJson);
                for (Error error : errors) {
                    problems.add("the query value " + name + "=" + value + ", which the service accepted: "
                            + error.getMessage());
                }
            }
        }

        /** A query value as the JSON its schema describes: a number for integer, true/false for boolean. */
        private static JsonNode queryValue(String value, JsonNode schema) {
            String type = schema.path("type").isArray()
                    ? schema.path("type").path(0).asText()
                    : schema.path("type").asText();
            try {
                return switch (type) {
                    case "integer", "number", "boolean" -> JSON.readTree(value);
                    default -> JSON.getNodeFactory().textNode(value);
                };
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(value);
            }
        }

        private void checkRequestBody(
                FilterableRequestSpecification request,
                JsonNode operation,
                String pointer,
                String where,
                List<String> problems) {
            Object body = request.getBody();
            String contentType = request.getContentType();
            if (body == null || contentType == null) {
                return;
            }
            String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
            String key = mediaTypeKey(operation.path("requestBody").path("content"), mediaType);
            if (key == null) {
                problems.add("a " + mediaType + " request body for " + where + ", which the service accepted");
                return;
            }
            if (mediaType.equals("application/json")
                    && !operation
                            .path("requestBody")
                            .path("content")
                            .path(key)
                            .path("schema")
                            .isMissingNode()) {
                String text =
                        body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
                validate(
                        pointer + "/requestBody/content/" + escape(key) + "/schema",
                        text,
                        "the request body of " + where + ", which the service accepted",
                        problems);
            }
        }

        private void validate(String pointer, String json, String where, List<String> problems) {
            JsonNode instance;
            try {
                instance = JSON.readTree(json);
            } catch (IOException e) {
                problems.add(where + ": not JSON: " + e.getMessage());
                return;
            }
            Schema schema = schemaAt(pointer, wrap(root.at(pointer)));
            for (Error error : schema.validate(instance)) {
                problems.add(where + ": " + error.getInstanceLocation() + ": " + error.getMessage());
            }
        }

        /** The schema with the document's components beside it, so that its #/components/… refs resolve. */
        private ObjectNode wrap(JsonNode schema) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("components", root.path("components"));
            wrapped.set("allOf", JSON.createArrayNode().add(schema));
            return wrapped;
        }

        private Schema schemaAt(String pointer, ObjectNode wrapped) {
            if (pointer == null) {
                return registry.getSchema(wrapped);
            }
            return schemas.computeIfAbsent(pointer, p -> registry.getSchema(wrapped));
        }

        private JsonNode resolve(JsonNode schema) {
            String ref = schema.path("$ref").asText("");
            return ref.startsWith("#") ? root.at(ref.substring(1)) : schema;
        }

        private static String mediaTypeKey(JsonNode content, String mediaType) {
            for (Iterator<String> keys = content.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                String bare = key.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (bare.equals(mediaType) || bare.equals("*/*")) {
                    return key;
                }
            }
            return null;
        }

        private static boolean hasIgnoringCase(JsonNode object, String name) {
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                if (keys.next().equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        private static String names(JsonNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            return names.isEmpty() ? "none" : String.join(", ", names);
        }

        private static String escape(String pointerPart) {
            return pointerPart.replace("~", "~0").replace("/", "~1");
        }
    }
}
