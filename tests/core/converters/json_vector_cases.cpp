#include "json_vector_cases.h"

#include <connectdesk/sdk/logical_types.h>

namespace connectdesk::testing {

using namespace connectdesk::sdk;

namespace {

const ConfigMap kDefault;
const ConfigMap kNoSchemas{{"schemas.enable", "false"}};
const ConfigMap kNumeric{{"decimal.format", "NUMERIC"}};
const ConfigMap kNoReplace{{"replace.null.with.default", "false"}};

BigDecimal dec(const char* text)
{
    return *BigDecimal::parse(text);
}

Value i64(std::int64_t v)
{
    return Value(v);
}

} // namespace

std::vector<JsonVectorCase> jsonVectorCases()
{
    std::vector<JsonVectorCase> c;
    auto add = [&c](std::string name, const ConfigMap& config, SchemaPtr schema, Value value,
                    std::optional<SchemaAndValue> readBack = std::nullopt) {
        c.push_back({std::move(name), config, std::move(schema), std::move(value), std::move(readBack)});
    };
    const DateTime day19675{19675LL * kMillisPerDay};

    add("int8", kDefault, Schema::int8Schema(), Value(std::int8_t{-8}));
    add("int16", kDefault, Schema::int16Schema(), Value(std::int16_t{1234}));
    add("int32", kDefault, Schema::int32Schema(), Value(std::int32_t{42}));
    add("int64", kDefault, Schema::int64Schema(), i64(1700000000000LL));
    add("int64_min", kDefault, Schema::int64Schema(), i64(INT64_MIN));
    add("float32", kDefault, Schema::float32Schema(), Value(1.5f));
    add("float32_tenth", kDefault, Schema::float32Schema(), Value(0.1f));
    add("float64", kDefault, Schema::float64Schema(), Value(3.25));
    add("float64_tenth", kDefault, Schema::float64Schema(), Value(0.1));
    add("float64_large", kDefault, Schema::float64Schema(), Value(1.0E10));
    add("float64_small", kDefault, Schema::float64Schema(), Value(1.0E-5));
    add("float64_integral", kDefault, Schema::float64Schema(), Value(123456789.0));
    add("float64_negative", kDefault, Schema::float64Schema(), Value(-2.5E-3));
    add("boolean", kDefault, Schema::booleanSchema(), Value(true));
    add("string_escapes", kDefault, Schema::stringSchema(),
        Value(std::string("h\xC3\xA9llo \"q\" \\ / \n\t\r\b\f \x01\x1F \x7F \xF0\x9F\x98\x80 \xE2\x80\xA8")));
    add("bytes", kDefault, Schema::bytesSchema(), Value(Bytes{0xDE, 0xAD, 0xBE, 0xEF}));
    add("bytes_empty", kDefault, Schema::bytesSchema(), Value(Bytes{}));
    add("optional_int32_null", kDefault, Schema::optionalInt32Schema(), Value());
    const SchemaPtr int32Default7 = SchemaBuilder::int32().optional().defaultValue(std::int32_t{7}).build();
    add("default_null_replaced", kDefault, int32Default7, Value(),
        SchemaAndValue{int32Default7, Value(std::int32_t{7})});
    add("default_null_kept", kNoReplace, int32Default7, Value());
    add("decimal_base64", kDefault, Decimal::schema(2), Value(dec("12.34")));
    add("decimal_negative", kDefault, Decimal::schema(2), Value(dec("-12.34")));
    add("decimal_big", kDefault, Decimal::schema(4), Value(dec("-98765432109876543210.1234")));
    add("decimal_numeric", kNumeric, Decimal::schema(2), Value(dec("12.30")));
    add("decimal_numeric_tiny", kNumeric, Decimal::schema(7), Value(dec("1E-7")));
    add("date", kDefault, Date::schema(), Value(day19675));
    add("time", kDefault, Time::schema(), Value(DateTime{3600000}));
    add("timestamp", kDefault, Timestamp::schema(), Value(DateTime{1700000000000LL}));
    add("timestamp_negative", kDefault, Timestamp::schema(), Value(DateTime{-1000}));
    add("array_strings", kDefault, SchemaBuilder::array(Schema::stringSchema()).build(),
        Value(Array{Value("a"), Value("b")}));
    add("array_optional_elements", kDefault, SchemaBuilder::array(Schema::optionalInt32Schema()).build(),
        Value(Array{Value(std::int32_t{1}), Value(), Value(std::int32_t{3})}));
    add("map_string_keys", kDefault,
        SchemaBuilder::map(Schema::stringSchema(), Schema::int32Schema()).build(),
        Value(Map{{Value("a"), Value(std::int32_t{1})}, {Value("b"), Value(std::int32_t{2})}}));
    add("map_int_keys", kDefault, SchemaBuilder::map(Schema::int32Schema(), Schema::stringSchema()).build(),
        Value(Map{{Value(std::int32_t{1}), Value("one")}, {Value(std::int32_t{2}), Value("two")}}));
    const SchemaPtr point = SchemaBuilder::structType()
                                .name("com.example.Point")
                                .field("x", Schema::int32Schema())
                                .field("y", Schema::int32Schema())
                                .build();
    auto makePoint = [&point](std::int32_t x, std::int32_t y) {
        Struct s(point);
        s.put("x", Value(x)).put("y", Value(y));
        return s;
    };
    add("map_struct_keys", kDefault, SchemaBuilder::map(point, Schema::stringSchema()).build(),
        Value(Map{{Value(makePoint(1, 2)), Value("p")}}));

    const SchemaPtr order =
        SchemaBuilder::structType()
            .name("com.example.Order")
            .version(2)
            .field("id", Schema::int64Schema())
            .field("customer", Schema::optionalStringSchema())
            .field("price", Decimal::schema(2))
            .field("created", Timestamp::schema())
            .field("ship_date", Date::builder().optional().build())
            .field("cutoff", Time::schema())
            .field("tags", SchemaBuilder::array(Schema::stringSchema()).build())
            .field("attrs",
                   SchemaBuilder::map(Schema::stringSchema(), Schema::stringSchema()).optional().build())
            .field("raw", Schema::optionalBytesSchema())
            .build();
    Struct orderValue(order);
    orderValue.put("id", i64(1001))
        .put("customer", Value("ACME"))
        .put("price", Value(dec("12.34")))
        .put("created", Value(DateTime{1700000000000LL}))
        .put("ship_date", Value(day19675))
        .put("cutoff", Value(DateTime{3600000}))
        .put("tags", Value(Array{Value("a"), Value("b")}))
        .put("attrs", Value(Map{{Value("k"), Value("v")}}))
        .put("raw", Value(Bytes{0xDE, 0xAD, 0xBE, 0xEF}));
    add("struct_order", kDefault, order, Value(orderValue));
    add("struct_order_numeric", kNumeric, order, Value(orderValue));
    add("struct_order_schemaless", kNoSchemas, order, Value(orderValue),
        SchemaAndValue{nullptr, Value(Map{{Value("id"), i64(1001)},
                                          {Value("customer"), Value("ACME")},
                                          {Value("price"), Value("BNI=")},
                                          {Value("created"), i64(1700000000000LL)},
                                          {Value("ship_date"), i64(19675)},
                                          {Value("cutoff"), i64(3600000)},
                                          {Value("tags"), Value(Array{Value("a"), Value("b")})},
                                          {Value("attrs"), Value(Map{{Value("k"), Value("v")}})},
                                          {Value("raw"), Value("3q2+7w==")}})});

    const SchemaPtr line = SchemaBuilder::structType()
                               .name("com.example.Line")
                               .field("sku", Schema::stringSchema())
                               .field("qty", Schema::int16Schema())
                               .build();
    auto makeLine = [&line](const char* sku, std::int16_t qty) {
        Struct s(line);
        s.put("sku", Value(sku)).put("qty", Value(qty));
        return s;
    };
    const SchemaPtr nested =
        SchemaBuilder::structType()
            .field("point", point)
            .field("lines", SchemaBuilder::array(line).build())
            .field("byName", SchemaBuilder::map(Schema::stringSchema(), line).build())
            .field("maybe",
                   SchemaBuilder::structType().field("v", Schema::float32Schema()).optional().build())
            .build();
    Struct nestedValue(nested);
    nestedValue.put("point", Value(makePoint(-1, 7)))
        .put("lines", Value(Array{Value(makeLine("A", 2)), Value(makeLine("B", -3))}))
        .put("byName", Value(Map{{Value("a"), Value(makeLine("A", 2))}}));
    add("struct_nested", kDefault, nested, Value(nestedValue));

    const SchemaPtr withDefaults =
        SchemaBuilder::structType()
            .name("com.example.Defaults")
            .doc("fields with defaults")
            .field("a", SchemaBuilder::int32().defaultValue(std::int32_t{5}).build())
            .field("b", SchemaBuilder::string().optional().defaultValue("dflt").build())
            .field("c", SchemaBuilder::string().optional().defaultValue("x").build())
            .field("d", SchemaBuilder::array(Schema::int32Schema())
                            .optional()
                            .defaultValue(Array{Value(std::int32_t{1}), Value(std::int32_t{2})})
                            .build())
            .field("e", Decimal::builder(1).optional().defaultValue(dec("0.5")).build())
            .build();
    Struct defaultsValue(withDefaults);
    defaultsValue.put("a", Value(std::int32_t{3})).put("c", Value("set"));
    Struct defaultsRead(withDefaults);
    defaultsRead.put("a", Value(std::int32_t{3}))
        .put("b", Value("dflt"))
        .put("c", Value("set"))
        .put("d", Value(Array{Value(std::int32_t{1}), Value(std::int32_t{2})}))
        .put("e", Value(dec("0.5")));
    add("struct_defaults_replaced", kDefault, withDefaults, Value(defaultsValue),
        SchemaAndValue{withDefaults, Value(defaultsRead)});
    add("struct_defaults_kept", kNoReplace, withDefaults, Value(defaultsValue));

    const SchemaPtr optionalStruct = SchemaBuilder::structType()
                                         .name("com.example.Opt")
                                         .field("v", Schema::int32Schema())
                                         .optional()
                                         .build();
    add("struct_optional_null", kDefault, optionalStruct, Value());
    const SchemaPtr params = SchemaBuilder::string()
                                 .name("com.example.Text")
                                 .version(3)
                                 .doc("a \"doc\"")
                                 .parameter("b", "2")
                                 .parameter("a", "1")
                                 .build();
    add("string_with_parameters", kDefault, params, Value("text"));
    add("tombstone", kDefault, nullptr, Value());
    add("tombstone_schemaless", kNoSchemas, nullptr, Value());
    add("schemaless_null_schema_envelope", kDefault, nullptr, Value(std::int32_t{5}),
        SchemaAndValue{nullptr, i64(5)});
    add("schemaless_map", kNoSchemas, nullptr,
        Value(Map{{Value("a"), i64(1)},
                  {Value("b"), Value(Array{Value(true), Value(2.5)})},
                  {Value("c"), Value()}}));
    add("schemaless_map_int_keys", kNoSchemas, nullptr,
        Value(Map{{Value(std::int32_t{1}), Value("x")}, {Value(std::int32_t{2}), Value("y")}}),
        SchemaAndValue{nullptr,
                       Value(Array{Value(Array{i64(1), Value("x")}), Value(Array{i64(2), Value("y")})})});
    add("schemaless_bytes", kNoSchemas, nullptr, Value(Bytes{1, 2, 3}),
        SchemaAndValue{nullptr, Value("AQID")});
    add("schemaless_scalars", kNoSchemas, nullptr,
        Value(Array{Value(std::int8_t{1}), Value(std::int16_t{2}), Value(std::int32_t{3}), i64(4),
                    Value(1.5f), Value(2.5), Value("s"), Value(false)}),
        SchemaAndValue{nullptr, Value(Array{i64(1), i64(2), i64(3), i64(4), Value(1.5), Value(2.5),
                                            Value("s"), Value(false)})});
    add("schemaless_with_schema_int32", kNoSchemas, Schema::int32Schema(), Value(std::int32_t{42}),
        SchemaAndValue{nullptr, i64(42)});
    return c;
}

} // namespace connectdesk::testing
