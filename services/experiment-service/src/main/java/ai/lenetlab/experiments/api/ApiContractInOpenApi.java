package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.Nulls;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The OpenAPI document says what the service does, in one place rather than on each of its
 * operations (OpenApiContract in the tests holds every API test's requests and answers to it):
 * <ul>
 *   <li>which fields may be {@code null} ({@code type: [X, "null"]}): Java's reference-typed fields,
 *       as Jackson writes them, but those a class leaves out when null or refuses null for;
 *   <li>which fields every answer has ({@code required}): all of them, as Jackson writes every field,
 *       in schemas only answers use (a request body leaves out what it likes); schemas requests use
 *       take no unknown fields ({@code additionalProperties: false}), as the API refuses them;
 *   <li>one {@code ProblemDetails} schema ({@link ApiProblem}, {@code application/problem+json}) on
 *       every error status an operation can answer, by the rules in {@link #errorStatuses};
 *   <li>the headers: {@code Location} on 201, {@code X-Total-Count} on the run list,
 *       {@code WWW-Authenticate} on 401, {@code Retry-After} on 429 and 503, {@code Content-Disposition}
 *       on files, {@code Digest} on models, {@code Server-Timing} on predictions;
 *   <li>operation ids from the Java methods ({@code RunResource_list} → {@code runList}).
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContractInOpenApi implements OASFilter {

    static final String PROBLEM = "ProblemDetails";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    private static final Map<String, String> ERROR_DESCRIPTIONS = Map.ofEntries(
            Map.entry("400", "The request is invalid: detail says why, violations name each bad field"),
            Map.entry("401", "Not signed in, or a wrong user name or password"),
            Map.entry("403", "The user's role does not allow this, or a change sent from another site's page"),
            Map.entry("404", "No such resource"),
            Map.entry("406", "None of the accepted media types can be produced"),
            Map.entry("409", "The resource's state does not allow this now"),
            Map.entry("413", "The request body is too large"),
            Map.entry("414", "The request's path and query are too long"),
            Map.entry("415", "The request body's media type is not accepted"),
            Map.entry("429", "Too many: a quota, or sign-in attempts; Retry-After says when to try again"),
            Map.entry("431", "The request's headers are too large"),
            Map.entry("500", "An unexpected failure (see the service log)"),
            Map.entry(
                    "503",
                    "The database or the message broker is unavailable, or sign-ins are busy;"
                            + " nothing was changed"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        api.getComponents().addSchema(PROBLEM, problemSchema());
        describeNulls(api);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation :
                    path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), operation.getKey(), operation.getValue());
            }
        }
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .addProperty("field", text("The bad field's JSON path, e.g. runs[0].overrides.epochs"))
                .addProperty("message", text("What is wrong with it"))
                .addRequired("field")
                .addRequired("message");
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("An error as RFC 9457 application/problem+json")
                .addProperty("type", text("about:blank"))
                .addProperty("title", text("The status's reason phrase"))
                .addProperty(
                        "status",
                        OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", text("What went wrong, for a person"))
                .addProperty(
                        "violations",
                        OASFactory.createSchema()
                                .addType(SchemaType.ARRAY)
                                .items(violation)
                                .description("Each bad field (only where fields are at fault)"))
                .addRequired("type")
                .addRequired("title")
                .addRequired("status");
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    // ---- operations: ids, statuses, headers

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getOperationId() != null) {
            operation.setOperationId(operationId(operation.getOperationId()));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (String status : errorStatuses(path, method, operation)) {
            APIResponse response = responses.getAPIResponse(status);
            if (response == null) {
                response = OASFactory.createAPIResponse();
                responses.addAPIResponse(status, response);
            }
            response.setDescription(ERROR_DESCRIPTIONS.get(status));
            response.setContent(OASFactory.createContent()
                    .addMediaType(
                            ApiProblem.MEDIA_TYPE,
                            OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            if (status.equals("401")) {
                response.addHeader(
                        "WWW-Authenticate", header("The challenge: Basic realm=\"LeNet Lab\"", SchemaType.STRING));
            }
            if (status.equals("429") || status.equals("503")) {
                response.addHeader("Retry-After", header("Seconds to wait before trying again", SchemaType.INTEGER));
                // a sign-in refused while throttled or busy keeps the server's challenge
                response.addHeader(
                        "WWW-Authenticate", header("On a refused sign-in: the challenge (basic)", SchemaType.STRING));
            }
        }
        if (responses.getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> answer : responses.getAPIResponses().entrySet()) {
            successHeaders(path, answer.getKey(), answer.getValue());
        }
    }

    /**
     * What every operation can answer (sign-in, limits, failures), and by its shape what some can:
     * 400 where it reads parameters or a body, 404 where it names a resource, 409 where a state can be
     * in the way, 415 where it takes a body.
     */
    static List<String> errorStatuses(String path, PathItem.HttpMethod method, Operation operation) {
        boolean names = path.contains("{") || path.startsWith("/api/compare");
        boolean reads = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        boolean changes = method != PathItem.HttpMethod.GET;
        List<String> statuses = new ArrayList<>();
        if (reads || changes) {
            statuses.add("400");
        }
        statuses.add("401");
        statuses.add("403");
        if (names) {
            statuses.add("404");
        }
        statuses.add("406");
        if (names || changes) {
            statuses.add("409");
        }
        statuses.add("413");
        statuses.add("414");
        if (changes) {
            statuses.add("415");
        }
        statuses.add("429");
        statuses.add("431");
        statuses.add("500");
        statuses.add("503");
        return statuses;
    }

    private static void successHeaders(String path, String status, APIResponse response) {
        if (status.equals("201")) {
            response.addHeader(
                    "Location",
                    header("The new resource, a path on this server", SchemaType.STRING)
                            .required(true));
        }
        if (!status.startsWith("2") || response.getContent() == null) {
            return;
        }
        Content content = response.getContent();
        if (path.equals("/api/runs") && content.hasMediaType("application/json")) {
            response.addHeader(
                    RunResource.TOTAL_COUNT,
                    header("How many runs match the filter, over all pages", SchemaType.INTEGER)
                            .required(true));
        }
        boolean file = content.getMediaTypes().keySet().stream()
                .map(t -> t.toLowerCase(Locale.ROOT))
                .noneMatch(t -> t.contains("json") || t.contains("event-stream"));
        if (file) {
            response.addHeader(
                    "Content-Disposition",
                    header("attachment; filename=\"…\": the file's name", SchemaType.STRING)
                            .required(true));
        }
        if (content.hasMediaType("application/octet-stream")) {
            response.addHeader("Digest", header("sha-256=<base64 of the file's SHA-256>", SchemaType.STRING));
        }
        if (path.endsWith("/predict")) {
            response.addHeader(
                    "Server-Timing", header("predict;dur=<milliseconds the prediction took>", SchemaType.STRING));
        }
    }

    private static Header header(String description, SchemaType type) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema().addType(type));
    }

    /** {@code RunResource_list} → {@code runList}, {@code UserResource_me} → {@code userMe}. */
    static String operationId(String classAndMethod) {
        int split = classAndMethod.indexOf('_');
        if (split < 0) {
            return classAndMethod;
        }
        String resource = classAndMethod.substring(0, split).replaceFirst("Resource$", "");
        String method = classAndMethod.substring(split + 1);
        return Character.toLowerCase(resource.charAt(0))
                + resource.substring(1)
                + Character.toUpperCase(method.charAt(0))
                + method.substring(1);
    }

    // ---- schemas: nulls and required fields, from the Java classes the API reads and writes

    private static void describeNulls(OpenAPI api) {
        Map<String, Class<?>> classes = apiClasses();
        Set<String> requestSchemas = requestSchemas(api);
        for (Map.Entry<String, Schema> named : api.getComponents().getSchemas().entrySet()) {
            Class<?> type = classes.get(named.getKey());
            Schema schema = named.getValue();
            if (type == null || schema.getProperties() == null || named.getKey().equals(PROBLEM)) {
                continue;
            }
            boolean answerOnly = !requestSchemas.contains(named.getKey());
            if (!answerOnly && schema.getAdditionalPropertiesSchema() == null) {
                // request bodies are read strictly (quarkus.jackson.fail-on-unknown-properties): 400 for an unknown
                // field
                schema.setAdditionalPropertiesBoolean(false);
            }
            Map<String, Field> javaProperties = properties(type);
            // a field a request must send (@Schema(required = true)) is refused when null
            List<String> mustSend =
                    answerOnly || schema.getRequired() == null ? List.of() : List.copyOf(schema.getRequired());
            for (Map.Entry<String, Field> java : javaProperties.entrySet()) {
                if (!schema.getProperties().containsKey(java.getKey())) {
                    // SmallRye drops a field whose name an unwrapped one ignores (RunDetails' epochs)
                    Schema missing = schemaFor(java.getValue().getGenericType(), classes);
                    if (missing != null) {
                        schema.addProperty(java.getKey(), missing);
                    }
                }
            }
            Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
            for (Map.Entry<String, Schema> property : properties.entrySet()) {
                Field java = javaProperties.get(property.getKey());
                if (java == null) {
                    continue;
                }
                Schema described = nonFinite(property.getValue(), java.getGenericType());
                boolean primitive = java.getType().isPrimitive();
                boolean leftOutWhenNull = leftOutWhenNull(java.getDeclaringClass(), java);
                if (!primitive && !leftOutWhenNull && !refusesNull(java) && !mustSend.contains(property.getKey())) {
                    described = nullable(described);
                }
                schema.addProperty(property.getKey(), described);
                if (answerOnly && !leftOutWhenNull) {
                    if (schema.getRequired() == null || !schema.getRequired().contains(property.getKey())) {
                        schema.addRequired(property.getKey());
                    }
                }
            }
        }
    }

    private static final List<Object> NON_FINITE = List.of("NaN", "Infinity", "-Infinity");

    /**
     * Jackson writes a double that is not finite (a diverged loss) as the text NaN, Infinity or
     * -Infinity; in lists (also a map's) a boxed number may be null: a run without a value there
     * (Compare's series of a shorter run, a class without test images).
     */
    private static Schema nonFinite(Schema schema, Type java) {
        if (java instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (java.util.Collection.class.isAssignableFrom(raw) && schema.getItems() != null) {
                Schema items = nonFinite(schema.getItems(), arguments[0]);
                boolean boxedNumber = arguments[0] instanceof Class<?> c && Number.class.isAssignableFrom(c);
                schema.setItems(boxedNumber ? nullable(items) : items);
            } else if (java.util.Map.class.isAssignableFrom(raw) && schema.getAdditionalPropertiesSchema() != null) {
                schema.setAdditionalPropertiesSchema(nonFinite(schema.getAdditionalPropertiesSchema(), arguments[1]));
            }
            return schema;
        }
        if (java instanceof Class<?> c && c.isArray() && schema.getItems() != null) {
            schema.setItems(nonFinite(schema.getItems(), c.getComponentType()));
            return schema;
        }
        if (java != double.class && java != Double.class && java != float.class && java != Float.class) {
            return schema;
        }
        return OASFactory.createSchema()
                .description(schema.getDescription())
                .addAnyOf(OASFactory.createSchema().addType(SchemaType.NUMBER).format(schema.getFormat()))
                .addAnyOf(OASFactory.createSchema().addType(SchemaType.STRING).enumeration(NON_FINITE));
    }

    /** The schema of a Java type SmallRye left out: lists, the API's own classes, plain values. */
    private static Schema schemaFor(Type java, Map<String, Class<?>> classes) {
        if (java instanceof ParameterizedType generic
                && generic.getRawType() instanceof Class<?> raw
                && java.util.Collection.class.isAssignableFrom(raw)) {
            Schema items = schemaFor(generic.getActualTypeArguments()[0], classes);
            return items == null
                    ? null
                    : OASFactory.createSchema().addType(SchemaType.ARRAY).items(items);
        }
        if (!(java instanceof Class<?> c)) {
            return null;
        }
        if (classes.get(c.getSimpleName()) == c) {
            return OASFactory.createSchema().ref("#/components/schemas/" + c.getSimpleName());
        }
        if (c == String.class) {
            return OASFactory.createSchema().addType(SchemaType.STRING);
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return OASFactory.createSchema().addType(SchemaType.INTEGER);
        }
        if (c == double.class || c == Double.class) {
            return OASFactory.createSchema().addType(SchemaType.NUMBER).format("double");
        }
        if (c == boolean.class || c == Boolean.class) {
            return OASFactory.createSchema().addType(SchemaType.BOOLEAN);
        }
        return null;
    }

    private static Schema nullable(Schema property) {
        if (property.getAnyOf() != null) {
            if (property.getAnyOf().stream()
                    .noneMatch(s -> s.getType() != null && s.getType().contains(SchemaType.NULL))) {
                property.addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL));
            }
            return property;
        }
        if (property.getRef() != null) {
            return OASFactory.createSchema()
                    .addAnyOf(OASFactory.createSchema().ref(property.getRef()))
                    .addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL))
                    .description(property.getDescription());
        }
        if (property.getType() != null
                && !property.getType().isEmpty()
                && !property.getType().contains(SchemaType.NULL)) {
            property.addType(SchemaType.NULL);
            if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                property.addEnumeration(null);
            }
        }
        return property;
    }

    private static boolean leftOutWhenNull(Class<?> type, AnnotatedElement property) {
        JsonInclude include = property.getAnnotation(JsonInclude.class);
        if (include == null) {
            include = type.getAnnotation(JsonInclude.class);
        }
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }

    private static boolean refusesNull(AnnotatedElement property) {
        JsonSetter setter = property.getAnnotation(JsonSetter.class);
        return setter != null && setter.nulls() == Nulls.FAIL;
    }

    /** The schemas request bodies and parameters use, directly or through others. */
    private static Set<String> requestSchemas(OpenAPI api) {
        Set<String> found = new HashSet<>();
        List<Schema> pending = new ArrayList<>();
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().getMediaTypes().values().stream()
                                .map(m -> m.getSchema())
                                .forEach(pending::add);
                    }
                    if (operation.getParameters() != null) {
                        operation.getParameters().stream()
                                .map(Parameter::getSchema)
                                .forEach(pending::add);
                    }
                }
            }
        }
        Map<String, Schema> components = api.getComponents().getSchemas();
        while (!pending.isEmpty()) {
            Schema schema = pending.removeLast();
            if (schema == null) {
                continue;
            }
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (found.add(name) && components.get(name) != null) {
                    pending.add(components.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            pending.add(schema.getItems());
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.add(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> composed : new ArrayList<>(
                    List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf())))) {
                pending.addAll(composed);
            }
        }
        return found;
    }

    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    /** The classes behind the schemas, by the simple names SmallRye gives them, found from the resources. */
    static Map<String, Class<?>> apiClasses() {
        Map<String, Class<?>> classes = new HashMap<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    collect(method.getGenericReturnType(), classes);
                    for (Type parameter : method.getGenericParameterTypes()) {
                        collect(parameter, classes);
                    }
                }
            }
        }
        return classes;
    }

    private static void collect(Type type, Map<String, Class<?>> classes) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), classes);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, classes);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c.isArray()) {
            collect(c.getComponentType(), classes);
            return;
        }
        if (c.isPrimitive()
                || c.isEnum()
                || c.getName().startsWith("java.")
                || !c.getName().startsWith("ai.lenetlab.")
                || classes.putIfAbsent(c.getSimpleName(), c) != null) {
            return;
        }
        for (Field property : properties(c).values()) {
            collect(property.getGenericType(), classes);
        }
    }

    /**
     * A class's JSON properties: its instance fields (a record's components are its fields, and carry
     * their Jackson annotations); an unwrapped one's own properties in its place, but those it ignores.
     */
    private static Map<String, Field> properties(Class<?> type) {
        Map<String, Field> properties = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                continue;
            }
            if (field.isAnnotationPresent(JsonUnwrapped.class)) {
                Map<String, Field> unwrapped = properties(field.getType());
                JsonIgnoreProperties ignored = field.getAnnotation(JsonIgnoreProperties.class);
                if (ignored != null) {
                    unwrapped.keySet().removeAll(List.of(ignored.value()));
                }
                unwrapped.forEach(properties::putIfAbsent);
            } else {
                properties.put(jsonName(field, field.getName()), field);
            }
        }
        return properties;
    }

    private static String jsonName(AnnotatedElement element, String javaName) {
        JsonProperty named = element.getAnnotation(JsonProperty.class);
        return named == null || named.value().isEmpty() ? javaName : named.value();
    }

    /** The JAX-RS resources: the classes with {@code @Path} in this package. */
    private static List<Class<?>> resources() {
        String pkg = ApiContractInOpenApi.class.getPackageName();
        ClassLoader loader = ApiContractInOpenApi.class.getClassLoader();
        List<Class<?>> resources = new ArrayList<>();
        for (String name : classNames(loader, pkg)) {
            try {
                Class<?> c = Class.forName(name, false, loader);
                if (c.isAnnotationPresent(Path.class)) {
                    resources.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not a class the API can use
            }
        }
        return resources;
    }

    private static List<String> classNames(ClassLoader loader, String pkg) {
        String dir = pkg.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(dir);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    File[] files = new File(root.toURI()).listFiles((d, n) -> n.endsWith(".class"));
                    for (File file : files == null ? new File[0] : files) {
                        names.add(pkg + "." + file.getName().replaceFirst("\\.class$", ""));
                    }
                } else if (root.getProtocol().equals("jar")) {
                    var jar = ((JarURLConnection) root.openConnection()).getJarFile();
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(dir + "/")
                                && entry.endsWith(".class")
                                && entry.indexOf('/', dir.length() + 1) < 0) {
                            names.add(entry.replace('/', '.').replaceFirst("\\.class$", ""));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
