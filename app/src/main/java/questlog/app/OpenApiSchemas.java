package questlog.app;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.DefinitionKey;
import com.github.victools.jsonschema.generator.naming.SchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import questlog.common.ApiBody;
import questlog.common.ApiEnum;
import questlog.common.Page;

/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) generated from the Java types named in
 * {@link questlog.common.ApiOperation}s, by victools' jsonschema-generator with its Jackson
 * module. Property names come from the app's own {@link ObjectMapper}, so the global snake_case
 * strategy and any {@code @JsonProperty} apply exactly as on the wire. Every field that is not
 * a primitive is nullable, because nulls are written, never omitted. In response types every
 * property is required (fields are always present, unless the field says
 * {@code @JsonInclude(NON_NULL)}); in request types none is, since input may leave fields out.
 * A record used both ways is documented with its response shape.
 *
 * <p>Use: ask for every body's schema with {@link #response}/{@link #request} (they return
 * placeholders), then call {@link #components()} once, which fills the placeholders with
 * {@code $ref}s to {@code #/components/schemas/<Name>}.
 */
final class OpenApiSchemas {
    static final String COMPONENTS = "components/schemas";

    private final ObjectMapper json;
    private final Map<Class<?>, Map<String, String>> propertyNames = new ConcurrentHashMap<>();
    private final SchemaBuilder responses;
    private final SchemaBuilder requests;
    private final SchemaGenerator inline;
    /** Members some types get besides their own fields ({@link ApiBody#members()}), with their schemas. */
    private final Map<Class<?>, Map<String, ObjectNode>> extraMembers = new LinkedHashMap<>();
    private final Map<Class<?>, Map<String, ApiBody>> extraMemberBodies = new LinkedHashMap<>();
    private boolean collected;

    OpenApiSchemas(ObjectMapper json) {
        this.json = json;
        this.responses = generator(true).buildMultipleSchemaDefinitions();
        this.requests = generator(false).buildMultipleSchemaDefinitions();
        this.inline = generator(false);
    }

    /** The schema of a response body (a {@code $ref} placeholder until {@link #components()}). */
    ObjectNode response(ApiBody body) {
        return schema(body, responses);
    }

    /** The schema of a request body (a {@code $ref} placeholder until {@link #components()}). */
    ObjectNode request(ApiBody body) {
        return schema(body, requests);
    }

    /** The schema of a path, query or header parameter: always inline. */
    ObjectNode parameter(Class<?> type) {
        ObjectNode schema = inline.generateSchema(type);
        schema.remove("$schema");
        return schema;
    }

    /**
     * Every named schema, response shapes first; call once, after the last body. Two different
     * types that would share a name are a startup error rather than a silently wrong document.
     */
    ObjectNode components() {
        if (collected) {
            throw new IllegalStateException("components() was already called");
        }
        collected = true;
        ObjectNode all = responses.collectDefinitions(COMPONENTS);
        addExtraMembers(all, extraMembers);
        ObjectNode fromRequests = requests.collectDefinitions(COMPONENTS);
        for (Map.Entry<String, JsonNode> entry : fromRequests.properties()) {
            JsonNode existing = all.get(entry.getKey());
            if (existing == null) {
                all.set(entry.getKey(), entry.getValue());
            } else if (!withoutRequired(existing).equals(withoutRequired(entry.getValue()))) {
                throw new IllegalStateException("two different types are both named '" + entry.getKey()
                        + "' in the OpenAPI document; rename one of them");
            }
        }
        return all;
    }

    private ObjectNode schema(ApiBody body, SchemaBuilder builder) {
        if (collected) {
            throw new IllegalStateException("schemas are already collected");
        }
        Class<?> type = body.type();
        return switch (body.shape()) {
            // text is a string; other raw bodies (scripts are text too, images are not) may be any bytes
            case RAW -> body.mediaType().startsWith("text/") ? json.createObjectNode().put("type", "string")
                    : json.createObjectNode();
            case OBJECT -> {
                if (!body.members().isEmpty()) {
                    extend(type, body.members(), builder);
                }
                yield named(type) ? builder.createSchemaReference(type) : parameter(type);
            }
            case ARRAY -> {
                ObjectNode array = json.createObjectNode().put("type", "array");
                array.set("items", named(type) ? builder.createSchemaReference(type) : parameter(type));
                yield array;
            }
            case PAGE -> builder.createSchemaReference(Page.class, type);
        };
    }

    /**
     * Remembers members a type gets besides its own fields; the same type must get the same
     * members wherever it appears, since it is one component.
     */
    private void extend(Class<?> type, Map<String, ApiBody> members, SchemaBuilder builder) {
        Map<String, ApiBody> earlier = extraMemberBodies.putIfAbsent(type, members);
        if (earlier != null) {
            if (!earlier.equals(members)) {
                throw new IllegalStateException(type.getSimpleName() + " is described with different extra members");
            }
            return;
        }
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        members.forEach((name, member) -> schemas.put(name, schema(member, builder)));
        extraMembers.put(type, schemas);
    }

    /** Adds the extra members to their types' components, after the types' own properties; all are always written. */
    private static void addExtraMembers(ObjectNode components, Map<Class<?>, Map<String, ObjectNode>> extraMembers) {
        extraMembers.forEach((type, members) -> {
            JsonNode component = components.get(type.getSimpleName());
            if (!(component instanceof ObjectNode schema) || !schema.has("properties")) {
                throw new IllegalStateException("no object schema named " + type.getSimpleName() + " to add members to");
            }
            ObjectNode properties = (ObjectNode) schema.get("properties");
            var required = schema.has("required") ? (com.fasterxml.jackson.databind.node.ArrayNode) schema.get("required")
                    : schema.putArray("required");
            members.forEach((name, member) -> {
                if (properties.has(name)) {
                    throw new IllegalStateException(type.getSimpleName() + " already has a member named " + name);
                }
                properties.set(name, member);
                required.add(name);
            });
        });
    }

    /** Records and our other classes become named components; JDK types and enums stay inline. */
    private static boolean named(Class<?> type) {
        return type.isRecord() || (!type.isPrimitive() && !type.isEnum() && !type.isArray()
                && !type.getName().startsWith("java.") && !JsonNode.class.isAssignableFrom(type));
    }

    private SchemaGenerator generator(boolean forResponses) {
        var config = new SchemaGeneratorConfigBuilder(json, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.INLINE_NULLABLE_SCHEMAS, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                        Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.NULLABLE_FIELDS_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields()
                .withPropertyNameOverrideResolver(field -> wireProperties(field).get(field.getDeclaredName()))
                .withNullableCheck(field -> !field.getType().isPrimitive())
                .withRequiredCheck(field -> forResponses ? alwaysWritten(field) : requiredInput(field))
                .withEnumResolver(OpenApiSchemas::allowedValues);
        config.forTypesInGeneral()
                .withDefinitionNamingStrategy(new Names())
                .withCustomDefinitionProvider(new Placement())
                // properties in the order the mapper writes them (a record's component order)
                .withPropertySorter(Comparator.comparingInt(this::wirePosition));
        config.with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY));
        return new SchemaGenerator(config.build());
    }

    /**
     * Where a type's schema goes: our records and classes always become a named component;
     * maps are always written inline; JSON trees and {@code Object} accept any JSON value.
     */
    private final class Placement implements CustomDefinitionProviderV2 {
        @Override
        public CustomDefinition provideCustomSchemaDefinition(ResolvedType type, SchemaGenerationContext context) {
            Class<?> raw = type.getErasedType();
            if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
                return new CustomDefinition(json.createObjectNode(), true);
            }
            if (named(raw)) {
                return new CustomDefinition(context.createStandardDefinition(type, this),
                        CustomDefinition.DefinitionType.ALWAYS_REF, CustomDefinition.AttributeInclusion.YES);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new CustomDefinition(context.createStandardDefinition(type, this), true);
            }
            return null;
        }
    }

    /** Java field name to JSON property name, in the order the app's ObjectMapper writes them. */
    private Map<String, String> wireProperties(MemberScope<?, ?> member) {
        return propertyNames.computeIfAbsent(member.getDeclaringType().getErasedType(), owner -> {
            BeanDescription bean = json.getSerializationConfig().introspect(json.constructType(owner));
            Map<String, String> names = new LinkedHashMap<>();
            for (BeanPropertyDefinition property : bean.findProperties()) {
                names.put(property.getInternalName(), property.getName());
            }
            return names;
        });
    }

    private int wirePosition(MemberScope<?, ?> member) {
        int position = 0;
        for (String name : wireProperties(member).keySet()) {
            if (name.equals(member.getDeclaredName())) {
                return position;
            }
            position++;
        }
        return position;
    }

    private static boolean alwaysWritten(FieldScope field) {
        JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
        if (include == null) {
            include = field.getDeclaringType().getErasedType().getAnnotation(JsonInclude.class);
        }
        return include == null || include.value() == JsonInclude.Include.ALWAYS
                || include.value() == JsonInclude.Include.USE_DEFAULTS;
    }

    /** A request field the record marks {@code @JsonProperty(required = true)}; {@code Bodies} enforces it. */
    private static boolean requiredInput(FieldScope field) {
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        return property != null && property.required();
    }

    /** The values {@link ApiEnum} allows, on a text field or on the items of a list of texts. */
    private static List<String> allowedValues(FieldScope field) {
        ApiEnum allowed = field.getAnnotationConsideringFieldAndGetter(ApiEnum.class);
        if (allowed == null) {
            return null;
        }
        boolean text = field.getType().getErasedType() == String.class;
        return text ? List.of(allowed.value()) : null;
    }

    private static ObjectNode withoutRequired(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        copy.remove("required");
        return copy;
    }

    /**
     * Component names: the simple class name ({@code GameDetail}); a generic type adds its
     * arguments ({@code PageOfGameSummary}); nested types that clash get their outer class's
     * name in front ({@code LibraryModuleReport}).
     */
    private static final class Names implements SchemaDefinitionNamingStrategy {
        @Override
        public String getDefinitionNameForKey(DefinitionKey key, SchemaGenerationContext context) {
            return name(key.getType(), false);
        }

        @Override
        public void adjustDuplicateNames(Map<DefinitionKey, String> duplicates, SchemaGenerationContext context) {
            duplicates.replaceAll((key, name) -> name(key.getType(), true));
            Map<String, Long> counts = duplicates.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            int[] index = {1};
            duplicates.replaceAll((key, name) -> counts.get(name) > 1 ? name + "_" + index[0]++ : name);
        }

        @Override
        public String adjustNullableName(DefinitionKey key, String definitionName, SchemaGenerationContext context) {
            return definitionName + "OrNull";
        }

        private static String name(ResolvedType type, boolean qualified) {
            Class<?> raw = type.getErasedType();
            StringBuilder name = new StringBuilder(raw.getSimpleName());
            if (qualified && raw.getEnclosingClass() != null) {
                name.insert(0, raw.getEnclosingClass().getSimpleName());
            }
            var parameters = type.getTypeParameters();
            for (int i = 0; i < parameters.size(); i++) {
                name.append(i == 0 ? "Of" : "And").append(name(parameters.get(i), qualified));
            }
            return name.toString().replaceAll("[^A-Za-z0-9._-]", "");
        }
    }
}
