// Byte-compatibility vectors for ConnectDesk's JsonConverter, produced and checked by the real
// Apache Kafka JsonConverter (spec/connect-data-and-config.md §2, Appendix A).
//
//   java -cp "$(tests/harness/fetch_kafka.sh)/*:<classes>" ConnectVectors generate tests/vectors/json
//       writes Apache's bytes for every case to <dir>/<case>.json (<case>.null for a Kafka null)
//   java ... ConnectVectors check <dir>
//       reads bytes written by ConnectDesk for the same cases and checks Apache decodes them to
//       what it decodes its own bytes to; exit status 1 on any difference
//
// The cases mirror tests/core/converters/json_vector_cases.cpp one for one (same names, same
// records); the C++ side is written by hand from the same table below.
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

public final class ConnectVectors {

    static final class Case {
        final String name;
        final Map<String, String> config;
        final Schema schema;
        final Object value;

        Case(String name, Map<String, String> config, Schema schema, Object value) {
            this.name = name;
            this.config = config;
            this.schema = schema;
            this.value = value;
        }
    }

    static Map<String, String> cfg(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2)
            m.put(kv[i], kv[i + 1]);
        return m;
    }

    static final Map<String, String> DEFAULT = cfg();
    static final Map<String, String> NO_SCHEMAS = cfg("schemas.enable", "false");
    static final Map<String, String> NUMERIC = cfg("decimal.format", "NUMERIC");
    static final Map<String, String> NO_REPLACE = cfg("replace.null.with.default", "false");

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; ++i)
            b[i] = (byte) v[i];
        return b;
    }

    static <K, V> Map<K, V> linked(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") K k = (K) kv[i];
            @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
            m.put(k, v);
        }
        return m;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("int8", DEFAULT, Schema.INT8_SCHEMA, (byte) -8));
        c.add(new Case("int16", DEFAULT, Schema.INT16_SCHEMA, (short) 1234));
        c.add(new Case("int32", DEFAULT, Schema.INT32_SCHEMA, 42));
        c.add(new Case("int64", DEFAULT, Schema.INT64_SCHEMA, 1700000000000L));
        c.add(new Case("int64_min", DEFAULT, Schema.INT64_SCHEMA, Long.MIN_VALUE));
        c.add(new Case("float32", DEFAULT, Schema.FLOAT32_SCHEMA, 1.5f));
        c.add(new Case("float32_tenth", DEFAULT, Schema.FLOAT32_SCHEMA, 0.1f));
        c.add(new Case("float64", DEFAULT, Schema.FLOAT64_SCHEMA, 3.25));
        c.add(new Case("float64_tenth", DEFAULT, Schema.FLOAT64_SCHEMA, 0.1));
        c.add(new Case("float64_large", DEFAULT, Schema.FLOAT64_SCHEMA, 1.0E10));
        c.add(new Case("float64_small", DEFAULT, Schema.FLOAT64_SCHEMA, 1.0E-5));
        c.add(new Case("float64_integral", DEFAULT, Schema.FLOAT64_SCHEMA, 123456789.0));
        c.add(new Case("float64_negative", DEFAULT, Schema.FLOAT64_SCHEMA, -2.5E-3));
        c.add(new Case("boolean", DEFAULT, Schema.BOOLEAN_SCHEMA, true));
        c.add(new Case("string_escapes", DEFAULT, Schema.STRING_SCHEMA,
                "h\u00e9llo \"q\" \\ / \n\t\r\b\f \u0001\u001f \u007f \ud83d\ude00 \u2028"));
        c.add(new Case("bytes", DEFAULT, Schema.BYTES_SCHEMA, bytes(0xDE, 0xAD, 0xBE, 0xEF)));
        c.add(new Case("bytes_empty", DEFAULT, Schema.BYTES_SCHEMA, new byte[0]));
        c.add(new Case("optional_int32_null", DEFAULT, Schema.OPTIONAL_INT32_SCHEMA, null));
        Schema int32Default7 = SchemaBuilder.int32().optional().defaultValue(7).build();
        c.add(new Case("default_null_replaced", DEFAULT, int32Default7, null));
        c.add(new Case("default_null_kept", NO_REPLACE, int32Default7, null));
        c.add(new Case("decimal_base64", DEFAULT, Decimal.schema(2), new BigDecimal("12.34")));
        c.add(new Case("decimal_negative", DEFAULT, Decimal.schema(2), new BigDecimal("-12.34")));
        c.add(new Case("decimal_big", DEFAULT, Decimal.schema(4),
                new BigDecimal("-98765432109876543210.1234")));
        c.add(new Case("decimal_numeric", NUMERIC, Decimal.schema(2), new BigDecimal("12.30")));
        c.add(new Case("decimal_numeric_tiny", NUMERIC, Decimal.schema(7), new BigDecimal("1E-7")));
        c.add(new Case("date", DEFAULT, Date.SCHEMA, new java.util.Date(19675L * 86400000L)));
        c.add(new Case("time", DEFAULT, Time.SCHEMA, new java.util.Date(3600000L)));
        c.add(new Case("timestamp", DEFAULT, Timestamp.SCHEMA, new java.util.Date(1700000000000L)));
        c.add(new Case("timestamp_negative", DEFAULT, Timestamp.SCHEMA, new java.util.Date(-1000L)));
        c.add(new Case("array_strings", DEFAULT, SchemaBuilder.array(Schema.STRING_SCHEMA).build(),
                Arrays.asList("a", "b")));
        c.add(new Case("array_optional_elements", DEFAULT,
                SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build(), Arrays.asList(1, null, 3)));
        c.add(new Case("map_string_keys", DEFAULT,
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), linked("a", 1, "b", 2)));
        c.add(new Case("map_int_keys", DEFAULT,
                SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(), linked(1, "one", 2, "two")));
        Schema point = SchemaBuilder.struct().name("com.example.Point")
                .field("x", Schema.INT32_SCHEMA).field("y", Schema.INT32_SCHEMA).build();
        c.add(new Case("map_struct_keys", DEFAULT, SchemaBuilder.map(point, Schema.STRING_SCHEMA).build(),
                linked(new Struct(point).put("x", 1).put("y", 2), "p")));
        Schema order = SchemaBuilder.struct().name("com.example.Order").version(2)
                .field("id", Schema.INT64_SCHEMA)
                .field("customer", Schema.OPTIONAL_STRING_SCHEMA)
                .field("price", Decimal.schema(2))
                .field("created", Timestamp.SCHEMA)
                .field("ship_date", Date.builder().optional().build())
                .field("cutoff", Time.SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
                .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
        Struct orderValue = new Struct(order).put("id", 1001L).put("customer", "ACME")
                .put("price", new BigDecimal("12.34")).put("created", new java.util.Date(1700000000000L))
                .put("ship_date", new java.util.Date(19675L * 86400000L)).put("cutoff", new java.util.Date(3600000L))
                .put("tags", Arrays.asList("a", "b")).put("attrs", linked("k", "v"))
                .put("raw", bytes(0xDE, 0xAD, 0xBE, 0xEF));
        c.add(new Case("struct_order", DEFAULT, order, orderValue));
        c.add(new Case("struct_order_numeric", NUMERIC, order, orderValue));
        c.add(new Case("struct_order_schemaless", NO_SCHEMAS, order, orderValue));
        Schema line = SchemaBuilder.struct().name("com.example.Line")
                .field("sku", Schema.STRING_SCHEMA).field("qty", Schema.INT16_SCHEMA).build();
        Schema nested = SchemaBuilder.struct()
                .field("point", point)
                .field("lines", SchemaBuilder.array(line).build())
                .field("byName", SchemaBuilder.map(Schema.STRING_SCHEMA, line).build())
                .field("maybe", SchemaBuilder.struct().field("v", Schema.FLOAT32_SCHEMA).optional().build())
                .build();
        Struct nestedValue = new Struct(nested).put("point", new Struct(point).put("x", -1).put("y", 7))
                .put("lines", Arrays.asList(new Struct(line).put("sku", "A").put("qty", (short) 2),
                        new Struct(line).put("sku", "B").put("qty", (short) -3)))
                .put("byName", linked("a", new Struct(line).put("sku", "A").put("qty", (short) 2)));
        c.add(new Case("struct_nested", DEFAULT, nested, nestedValue));
        Schema withDefaults = SchemaBuilder.struct().name("com.example.Defaults").doc("fields with defaults")
                .field("a", SchemaBuilder.int32().defaultValue(5).build())
                .field("b", SchemaBuilder.string().optional().defaultValue("dflt").build())
                .field("c", SchemaBuilder.string().optional().defaultValue("x").build())
                .field("d", SchemaBuilder.array(Schema.INT32_SCHEMA).optional()
                        .defaultValue(Arrays.asList(1, 2)).build())
                .field("e", Decimal.builder(1).optional().defaultValue(new BigDecimal("0.5")).build())
                .build();
        Struct defaultsValue = new Struct(withDefaults).put("a", 3).put("c", "set");
        c.add(new Case("struct_defaults_replaced", DEFAULT, withDefaults, defaultsValue));
        c.add(new Case("struct_defaults_kept", NO_REPLACE, withDefaults, defaultsValue));
        Schema optionalStruct = SchemaBuilder.struct().name("com.example.Opt")
                .field("v", Schema.INT32_SCHEMA).optional().build();
        c.add(new Case("struct_optional_null", DEFAULT, optionalStruct, null));
        Schema params = SchemaBuilder.string().name("com.example.Text").version(3).doc("a \"doc\"")
                .parameter("b", "2").parameter("a", "1").build();
        c.add(new Case("string_with_parameters", DEFAULT, params, "text"));
        c.add(new Case("tombstone", DEFAULT, null, null));
        c.add(new Case("tombstone_schemaless", NO_SCHEMAS, null, null));
        c.add(new Case("schemaless_null_schema_envelope", DEFAULT, null, 5));
        c.add(new Case("schemaless_map", NO_SCHEMAS, null,
                linked("a", 1L, "b", Arrays.asList(true, 2.5), "c", null)));
        c.add(new Case("schemaless_map_int_keys", NO_SCHEMAS, null, linked(1, "x", 2, "y")));
        c.add(new Case("schemaless_bytes", NO_SCHEMAS, null, bytes(1, 2, 3)));
        c.add(new Case("schemaless_scalars", NO_SCHEMAS, null,
                Arrays.asList((byte) 1, (short) 2, 3, 4L, 1.5f, 2.5, "s", false)));
        c.add(new Case("schemaless_with_schema_int32", NO_SCHEMAS, Schema.INT32_SCHEMA, 42));
        return c;
    }

    static JsonConverter converter(Map<String, String> config) {
        JsonConverter converter = new JsonConverter();
        converter.configure(config, false);
        return converter;
    }

    static Path fileFor(Path dir, Case c, boolean isNull) {
        return dir.resolve(c.name + (isNull ? ".null" : ".json"));
    }

    static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Case c : cases()) {
            byte[] out = converter(c.config).fromConnectData("topic", c.schema, c.value);
            Files.deleteIfExists(fileFor(dir, c, true));
            Files.deleteIfExists(fileFor(dir, c, false));
            Files.write(fileFor(dir, c, out == null), out == null ? new byte[0] : out);
        }
        System.out.println("wrote " + cases().size() + " vectors to " + dir);
    }

    // Deep equality that compares byte arrays by content (SchemaAndValue.equals does not).
    static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[])
            return Arrays.equals((byte[]) a, (byte[]) b);
        if (a instanceof List && b instanceof List) {
            List<?> la = (List<?>) a;
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size())
                return false;
            for (int i = 0; i < la.size(); ++i)
                if (!deepEquals(la.get(i), lb.get(i)))
                    return false;
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> ma = (Map<?, ?>) a;
            Map<?, ?> mb = (Map<?, ?>) b;
            if (ma.size() != mb.size())
                return false;
            for (Map.Entry<?, ?> e : ma.entrySet())
                if (!mb.containsKey(e.getKey()) || !deepEquals(e.getValue(), mb.get(e.getKey())))
                    return false;
            return true;
        }
        if (a instanceof Struct && b instanceof Struct) {
            Struct sa = (Struct) a;
            Struct sb = (Struct) b;
            if (!sa.schema().equals(sb.schema()))
                return false;
            for (Field f : sa.schema().fields())
                if (!deepEquals(sa.getWithoutDefault(f.name()), sb.getWithoutDefault(f.name())))
                    return false;
            return true;
        }
        return Objects.equals(a, b);
    }

    static int check(Path dir) throws IOException {
        int failures = 0;
        for (Case c : cases()) {
            JsonConverter converter = converter(c.config);
            byte[] apache = converter.fromConnectData("topic", c.schema, c.value);
            Path nullFile = fileFor(dir, c, true);
            Path jsonFile = fileFor(dir, c, false);
            String problem = null;
            if (Files.exists(nullFile)) {
                if (apache != null)
                    problem = "ConnectDesk wrote a Kafka null, Apache writes " + new String(apache, StandardCharsets.UTF_8);
            } else if (!Files.exists(jsonFile)) {
                problem = "no output file from ConnectDesk";
            } else {
                byte[] ours = Files.readAllBytes(jsonFile);
                if (apache == null) {
                    problem = "Apache writes a Kafka null, ConnectDesk wrote bytes";
                } else {
                    try {
                        SchemaAndValue expected = converter.toConnectData("topic", apache);
                        SchemaAndValue actual = converter.toConnectData("topic", ours);
                        if (!Objects.equals(expected.schema(), actual.schema()))
                            problem = "schema differs: Apache reads " + actual.schema() + ", expected " + expected.schema();
                        else if (!deepEquals(expected.value(), actual.value()))
                            problem = "value differs: Apache reads " + actual.value() + ", expected " + expected.value();
                    } catch (RuntimeException e) {
                        problem = "Apache cannot read ConnectDesk's bytes: " + e;
                    }
                }
            }
            if (problem != null) {
                ++failures;
                System.out.println("FAIL " + c.name + ": " + problem);
            } else {
                System.out.println("PASS " + c.name);
            }
        }
        System.out.println(failures == 0 ? "all " + cases().size() + " cases read back by Apache"
                                         : failures + " of " + cases().size() + " cases failed");
        return failures == 0 ? 0 : 1;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("generate")) {
            generate(Paths.get(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals("check")) {
            System.exit(check(Paths.get(args[1])));
        }
        System.err.println("usage: ConnectVectors generate <dir> | check <dir>");
        System.exit(2);
    }
}
