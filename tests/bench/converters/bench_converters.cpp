// JsonConverter throughput (records/s, MB/s) for a flat 10-field and a nested record, schemas on
// and off, against RapidJSON's own parse-only ceiling and Apache's JsonConverter in Java (run in
// the same invocation via tests/vectors/JsonBench.java). Prints figures and ratios; not a test.
//
//   bench_converters [seconds-per-measurement] [--no-java]
#include "converters/json_converter.h"

#include <connectdesk/sdk/logical_types.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>

using namespace connectdesk;
using namespace connectdesk::sdk;
using Clock = std::chrono::steady_clock;

namespace {

SchemaPtr flatSchema()
{
    return SchemaBuilder::structType()
        .name("bench.Flat")
        .field("id", Schema::int64Schema())
        .field("customer", Schema::stringSchema())
        .field("email", Schema::stringSchema())
        .field("amount", Schema::float64Schema())
        .field("qty", Schema::int32Schema())
        .field("active", Schema::booleanSchema())
        .field("score", Schema::float32Schema())
        .field("country", Schema::stringSchema())
        .field("created", Schema::int64Schema())
        .field("note", Schema::optionalStringSchema())
        .build();
}

Value flatValue(const SchemaPtr& s)
{
    Struct v(s);
    v.put("id", Value(std::int64_t{1234567890123LL}))
        .put("customer", Value("ACME Corporation"))
        .put("email", Value("orders@acme.example.com"))
        .put("amount", Value(1234.5))
        .put("qty", Value(std::int32_t{42}))
        .put("active", Value(true))
        .put("score", Value(0.75f))
        .put("country", Value("NZ"))
        .put("created", Value(std::int64_t{1700000000000LL}))
        .put("note", Value("deliver to the back door"));
    return Value(std::move(v));
}

SchemaPtr nestedSchema()
{
    auto address = SchemaBuilder::structType()
                       .name("bench.Address")
                       .field("street", Schema::stringSchema())
                       .field("city", Schema::stringSchema())
                       .field("zip", Schema::optionalStringSchema())
                       .build();
    auto line = SchemaBuilder::structType()
                    .name("bench.Line")
                    .field("sku", Schema::stringSchema())
                    .field("qty", Schema::int32Schema())
                    .field("price", Decimal::schema(2))
                    .build();
    return SchemaBuilder::structType()
        .name("bench.Order")
        .field("id", Schema::int64Schema())
        .field("customer", Schema::stringSchema())
        .field("address", address)
        .field("lines", SchemaBuilder::array(line).build())
        .field("attrs", SchemaBuilder::map(Schema::stringSchema(), Schema::stringSchema()).build())
        .field("total", Decimal::schema(2))
        .build();
}

Value nestedValue(const SchemaPtr& s)
{
    const SchemaPtr& addressSchema = s->field("address")->schema();
    const SchemaPtr& lineSchema = s->field("lines")->schema()->valueSchema();
    Struct address(addressSchema);
    address.put("street", Value("1 Queen Street")).put("city", Value("Auckland")).put("zip", Value("1010"));
    Array lines;
    for (int i = 0; i < 3; ++i) {
        Struct l(lineSchema);
        l.put("sku", Value("SKU-" + std::to_string(1000 + i)))
            .put("qty", Value(std::int32_t{i + 1}))
            .put("price", Value(*BigDecimal::parse("19.99")));
        lines.emplace_back(std::move(l));
    }
    Struct v(s);
    v.put("id", Value(std::int64_t{987654321}))
        .put("customer", Value("ACME Corporation"))
        .put("address", Value(std::move(address)))
        .put("lines", Value(std::move(lines)))
        .put("attrs", Value(Map{{Value("channel"), Value("web")}, {Value("priority"), Value("high")}}))
        .put("total", Value(*BigDecimal::parse("59.97")));
    return Value(std::move(v));
}

struct Figure {
    double recordsPerSec = 0;
    double mbPerSec = 0;
};

template <class F>
Figure measure(double seconds, std::size_t bytesPerRecord, F&& body)
{
    for (int i = 0; i < 20000; ++i)
        body();
    // Best of five windows: the machine is shared, and the best window is the least disturbed
    // one (JsonBench.java reports the same way, so ratios compare like with like).
    double best = 0;
    for (int window = 0; window < 5; ++window) {
        std::size_t n = 0;
        const auto start = Clock::now();
        const auto deadline = start + std::chrono::duration<double>(seconds / 5);
        Clock::time_point now;
        do {
            for (int i = 0; i < 2000; ++i)
                body();
            n += 2000;
        } while ((now = Clock::now()) < deadline);
        best = std::max(best, static_cast<double>(n) / std::chrono::duration<double>(now - start).count());
    }
    return {best, best * static_cast<double>(bytesPerRecord) / 1e6};
}

using Key = std::tuple<std::string, std::string, std::string>; // record, schemas, op

std::map<Key, Figure> runJava(double seconds)
{
    std::map<Key, Figure> out;
    const std::string vectors = CONNECTDESK_SOURCE_DIR "/tests/vectors";
    const std::string cmd = "set -e; libs=$(" CONNECTDESK_SOURCE_DIR "/tests/harness/fetch_kafka.sh); "
                            "d=$(mktemp -d); javac -d \"$d\" -cp \"$libs/*\" " +
                            vectors + "/JsonBench.java; java -cp \"$libs/*:$d\" JsonBench " +
                            std::to_string(seconds) + " 2>/dev/null; rm -rf \"$d\"";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return out;
    char record[32], schemas[8], op[16];
    double rps = 0, mbps = 0;
    while (std::fscanf(p, "%31s %7s %15s %lf %lf", record, schemas, op, &rps, &mbps) == 5)
        out[{record, schemas, op}] = {rps, mbps};
    pclose(p);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 1.0;
    bool java = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--no-java")
            java = false;
        else
            seconds = std::atof(argv[i]);
    }

    std::map<Key, Figure> ours;
    std::map<Key, Figure> ceiling;
    std::map<Key, std::size_t> sizes;
    const std::pair<const char*, SchemaPtr> records[] = {{"flat", flatSchema()}, {"nested", nestedSchema()}};
    for (const char* schemas : {"on", "off"}) {
        for (const auto& [name, schema] : records) {
            const Value value = std::string(name) == "flat" ? flatValue(schema) : nestedValue(schema);
            converters::JsonConverter c;
            c.configure({{"schemas.enable", std::string(schemas) == "on" ? "true" : "false"}}, false);
            Headers headers;
            Bytes buffer;
            c.fromConnectDataInto("t", headers, schema, value, buffer);
            const Bytes encoded = buffer;
            sizes[{name, schemas, ""}] = encoded.size();
            ours[{name, schemas, "serialize"}] = measure(
                seconds, encoded.size(), [&] { c.fromConnectDataInto("t", headers, schema, value, buffer); });
            const ByteView view(encoded.data(), encoded.size());
            std::size_t sink = 0;
            ours[{name, schemas, "parse"}] = measure(seconds, encoded.size(), [&] {
                sink += c.toConnectData("t", headers, view).value.kind() == ValueKind::Struct ? 1 : 2;
            });
            // RapidJSON's DOM parse of the same bytes: the ceiling for any converter built on it.
            const std::string text(encoded.begin(), encoded.end());
            ceiling[{name, schemas, "parse"}] = measure(seconds, encoded.size(), [&] {
                rapidjson::Document d;
                d.Parse(text.data(), text.size());
                sink += d.IsObject() ? 1 : 0;
            });
            if (sink == 42)
                std::puts("#");
        }
    }

    std::map<Key, Figure> apache;
    if (java)
        apache = runJava(seconds);

    std::printf("%-7s %-7s %-9s %6s %14s %9s %14s %8s %14s %8s\n", "record", "schemas", "op", "bytes",
                "ours rec/s", "ours MB/s", "apache rec/s", "x apache", "rapidjson rec/s", "of ceil");
    for (const char* schemas : {"on", "off"}) {
        for (const char* name : {"flat", "nested"}) {
            for (const char* op : {"serialize", "parse"}) {
                const Figure o = ours[{name, schemas, op}];
                const auto a = apache.find({name, schemas, op});
                const auto ce = ceiling.find({name, schemas, op});
                char apacheRps[32] = "-", ratio[16] = "-", ceilRps[32] = "-", ceilRatio[16] = "-";
                if (a != apache.end()) {
                    std::snprintf(apacheRps, sizeof apacheRps, "%.0f", a->second.recordsPerSec);
                    std::snprintf(ratio, sizeof ratio, "%.2fx", o.recordsPerSec / a->second.recordsPerSec);
                }
                if (ce != ceiling.end()) {
                    std::snprintf(ceilRps, sizeof ceilRps, "%.0f", ce->second.recordsPerSec);
                    std::snprintf(ceilRatio, sizeof ceilRatio, "%.0f%%",
                                  100.0 * o.recordsPerSec / ce->second.recordsPerSec);
                }
                std::printf("%-7s %-7s %-9s %6zu %14.0f %9.1f %14s %8s %14s %8s\n", name, schemas, op,
                            sizes[{name, schemas, ""}], o.recordsPerSec, o.mbPerSec, apacheRps, ratio,
                            ceilRps, ceilRatio);
            }
        }
    }
    if (java && apache.empty())
        std::puts(
            "(Apache figures missing: java or tests/harness/fetch_kafka.sh failed; rerun with --no-java)");
    return 0;
}
