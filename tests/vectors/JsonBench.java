// Apache JsonConverter throughput on the same records as tests/bench/converters/bench_converters.cpp,
// so the C++ benchmark can print side-by-side ratios. Output lines:
//   <record> <schemas on|off> <serialize|parse> <records/s> <MB/s>
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

public final class JsonBench {
    static Schema flatSchema() {
        return SchemaBuilder.struct().name("bench.Flat")
                .field("id", Schema.INT64_SCHEMA)
                .field("customer", Schema.STRING_SCHEMA)
                .field("email", Schema.STRING_SCHEMA)
                .field("amount", Schema.FLOAT64_SCHEMA)
                .field("qty", Schema.INT32_SCHEMA)
                .field("active", Schema.BOOLEAN_SCHEMA)
                .field("score", Schema.FLOAT32_SCHEMA)
                .field("country", Schema.STRING_SCHEMA)
                .field("created", Schema.INT64_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
    }

    static Struct flatValue(Schema s) {
        return new Struct(s).put("id", 1234567890123L).put("customer", "ACME Corporation")
                .put("email", "orders@acme.example.com").put("amount", 1234.5).put("qty", 42).put("active", true)
                .put("score", 0.75f).put("country", "NZ").put("created", 1700000000000L)
                .put("note", "deliver to the back door");
    }

    static Schema addressSchema() {
        return SchemaBuilder.struct().name("bench.Address").field("street", Schema.STRING_SCHEMA)
                .field("city", Schema.STRING_SCHEMA).field("zip", Schema.OPTIONAL_STRING_SCHEMA).build();
    }

    static Schema lineSchema() {
        return SchemaBuilder.struct().name("bench.Line").field("sku", Schema.STRING_SCHEMA)
                .field("qty", Schema.INT32_SCHEMA).field("price", Decimal.schema(2)).build();
    }

    static Schema nestedSchema() {
        return SchemaBuilder.struct().name("bench.Order")
                .field("id", Schema.INT64_SCHEMA)
                .field("customer", Schema.STRING_SCHEMA)
                .field("address", addressSchema())
                .field("lines", SchemaBuilder.array(lineSchema()).build())
                .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
                .field("total", Decimal.schema(2))
                .build();
    }

    static Struct nestedValue(Schema s) {
        Schema a = s.field("address").schema();
        Schema l = s.field("lines").schema().valueSchema();
        List<Struct> lines = new ArrayList<>();
        for (int i = 0; i < 3; ++i)
            lines.add(new Struct(l).put("sku", "SKU-" + (1000 + i)).put("qty", i + 1)
                    .put("price", new BigDecimal("19.99")));
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("channel", "web");
        attrs.put("priority", "high");
        return new Struct(s).put("id", 987654321L).put("customer", "ACME Corporation")
                .put("address", new Struct(a).put("street", "1 Queen Street").put("city", "Auckland").put("zip", "1010"))
                .put("lines", lines).put("attrs", attrs).put("total", new BigDecimal("59.97"));
    }

    static void run(String name, Schema schema, Object value, boolean schemas, double seconds) {
        JsonConverter c = new JsonConverter();
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("schemas.enable", Boolean.toString(schemas));
        c.configure(cfg, false);
        byte[] bytes = c.fromConnectData("t", schema, value);
        long sink = 0;
        // Warm-up lets the JIT compile both paths before timing.
        for (int i = 0; i < 200_000; ++i) {
            sink += c.fromConnectData("t", schema, value).length;
            sink += c.toConnectData("t", bytes).hashCode() & 1;
        }
        // Best of five windows, as the C++ side measures.
        double best = 0;
        for (int w = 0; w < 5; ++w) {
            long n = 0;
            long start = System.nanoTime();
            long deadline = start + (long) (seconds / 5 * 1e9);
            long now;
            do {
                for (int i = 0; i < 2_000; ++i)
                    sink += c.fromConnectData("t", schema, value).length;
                n += 2_000;
            } while ((now = System.nanoTime()) < deadline);
            best = Math.max(best, n / ((now - start) / 1e9));
        }
        report(name, schemas, "serialize", best, bytes.length);
        best = 0;
        for (int w = 0; w < 5; ++w) {
            long n = 0;
            long start = System.nanoTime();
            long deadline = start + (long) (seconds / 5 * 1e9);
            long now;
            do {
                for (int i = 0; i < 2_000; ++i)
                    sink += c.toConnectData("t", bytes).hashCode() & 1;
                n += 2_000;
            } while ((now = System.nanoTime()) < deadline);
            best = Math.max(best, n / ((now - start) / 1e9));
        }
        report(name, schemas, "parse", best, bytes.length);
        if (sink == 42)
            System.out.println("#");
    }

    static void report(String name, boolean schemas, String op, double perSec, int size) {
        System.out.printf("%s %s %s %.0f %.1f%n", name, schemas ? "on" : "off", op, perSec, perSec * size / 1e6);
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        Schema flat = flatSchema();
        Schema nested = nestedSchema();
        for (boolean schemas : new boolean[] {true, false}) {
            run("flat", flat, flatValue(flat), schemas, seconds);
            run("nested", nested, nestedValue(nested), schemas, seconds);
        }
    }
}
