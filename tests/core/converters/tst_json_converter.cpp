// JsonConverter options, null handling and bad data: every failure is a DataException or
// ConfigException with a message naming the problem (and field path), never a crash (spec §2).
#include "converters/json_converter.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <QTest>

using namespace connectdesk;
using namespace connectdesk::sdk;
using connectdesk::converters::JsonConverter;

Q_DECLARE_METATYPE(SchemaPtr)
Q_DECLARE_METATYPE(Value)

namespace {

std::string write(JsonConverter& c, const SchemaPtr& schema, const Value& value)
{
    std::string out;
    if (!c.serialize(schema, value, out))
        return "<kafka null>";
    return out;
}

SchemaAndValue read(JsonConverter& c, std::string_view json)
{
    return c.deserialize(reinterpret_cast<const std::uint8_t*>(json.data()), json.size());
}

JsonConverter configured(ConfigMap config = {})
{
    JsonConverter c;
    c.configure(config, false);
    return c;
}

} // namespace

class TestJsonConverter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void configParsing()
    {
        auto c = configured({{"schemas.enable", " FALSE "},
                             {"decimal.format", "numeric"},
                             {"schemas.cache.size", "5"},
                             {"replace.null.with.default", "false"}});
        QVERIFY(!c.config().schemasEnable);
        QCOMPARE(c.config().decimalFormat, converters::DecimalFormat::Numeric);
        QCOMPARE(c.config().schemasCacheSize, 5);
        QVERIFY(!c.config().replaceNullWithDefault);
        QCOMPARE(c.config().type, ConverterType::Value);
        JsonConverter key;
        key.configure({}, true);
        QCOMPARE(key.config().type, ConverterType::Key);
        JsonConverter header;
        static_cast<HeaderConverter&>(header).configure(ConfigMap{});
        QCOMPARE(header.config().type, ConverterType::Header);
    }

    void badConfig_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("schemas.enable")
            << QStringLiteral("schemas.enable") << QStringLiteral("yes")
            << QStringLiteral("Invalid value yes for configuration schemas.enable: "
                              "Expected value to be either true or false");
        QTest::newRow("decimal.format")
            << QStringLiteral("decimal.format") << QStringLiteral("HEX")
            << QStringLiteral("Invalid value HEX for configuration decimal.format: String "
                              "must be one of (case insensitive): NUMERIC, BASE64");
        QTest::newRow("schemas.cache.size")
            << QStringLiteral("schemas.cache.size") << QStringLiteral("ten")
            << QStringLiteral("Invalid value ten for configuration schemas.cache.size: "
                              "Not a number of type INT");
    }
    void badConfig()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        JsonConverter c;
        try {
            c.configure({{key.toStdString(), value.toStdString()}}, false);
            QFAIL("no exception");
        } catch (const ConfigException& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    void workedExamples()
    {
        // spec §2.7 (a), (b), (d), (f): hand-written expected bytes.
        auto c = configured();
        QCOMPARE(write(c, Schema::int32Schema(), Value(std::int32_t{42})),
                 std::string(R"({"schema":{"type":"int32","optional":false},"payload":42})"));
        auto withDefault = SchemaBuilder::int32().optional().defaultValue(std::int32_t{7}).build();
        QCOMPARE(write(c, withDefault, Value()),
                 std::string(R"({"schema":{"type":"int32","optional":true,"default":7},"payload":7})"));
        auto noReplace = configured({{"replace.null.with.default", "false"}});
        QCOMPARE(write(noReplace, withDefault, Value()),
                 std::string(R"({"schema":{"type":"int32","optional":true,"default":7},"payload":null})"));
        QCOMPARE(write(c, nullptr, Value()), std::string("<kafka null>"));
        auto schemaless = configured({{"schemas.enable", "false"}});
        QCOMPARE(write(schemaless, nullptr, Value()), std::string("<kafka null>"));
        QCOMPARE(write(schemaless, Schema::optionalInt32Schema(), Value()), std::string("null"));
        const auto e = read(schemaless, R"({"a":1,"b":[true,2.5],"c":null})");
        QVERIFY(!e.schema);
        QVERIFY(e.value == Value(Map{{Value("a"), Value(std::int64_t{1})},
                                     {Value("b"), Value(Array{Value(true), Value(2.5)})},
                                     {Value("c"), Value()}}));
    }

    void readNullHandling()
    {
        auto c = configured();
        QVERIFY(c.toConnectData("t", Headers(), std::nullopt).isNull());
        // Missing struct members read as null, then default/optional/error (spec §2.5).
        const auto r = read(c, R"({"schema":{"type":"struct","fields":[)"
                               R"({"type":"int32","optional":false,"default":3,"field":"a"},)"
                               R"({"type":"string","optional":true,"field":"b"}],"optional":false},)"
                               R"("payload":{"extra":1}})");
        QCOMPARE(r.value.as<Struct>().getWithoutDefault("a").as<std::int32_t>(), 3);
        QVERIFY(r.value.as<Struct>().getWithoutDefault("b").isNull());
        auto noReplace = configured({{"replace.null.with.default", "false"}});
        const auto optionalDefault =
            read(noReplace, R"({"schema":{"type":"int32","optional":true,"default":7},"payload":null})");
        QVERIFY(optionalDefault.value.isNull());
        QCOMPARE(*optionalDefault.schema->defaultValue().getIf<std::int32_t>(), 7);
        auto schemaless = configured({{"schemas.enable", "false"}});
        QVERIFY(read(schemaless, "").value.isNull());
        QVERIFY(read(schemaless, "  \n").value.isNull());
    }

    void decimalReadsBothFormats()
    {
        auto c = configured(); // BASE64 for writing, but NUMERIC is always readable
        const std::string schema =
            R"({"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}})";
        const auto fromNumber = read(c, R"({"schema":)" + schema + R"(,"payload":12.345})");
        QCOMPARE(fromNumber.value.as<BigDecimal>().toString(), std::string("12.345")); // not rescaled
        const auto fromBase64 = read(c, R"({"schema":)" + schema + R"(,"payload":"BNI="})");
        QCOMPARE(fromBase64.value.as<BigDecimal>().toString(), std::string("12.34"));
        const auto big =
            read(c, R"({"schema":)" + schema + R"(,"payload":123456789012345678901234567890.12})");
        QCOMPARE(big.value.as<BigDecimal>().toString(), std::string("123456789012345678901234567890.12"));
        QVERIFY_THROWS_EXCEPTION(DataException, read(c, R"({"schema":)" + schema + R"(,"payload":true})"));
    }

    void lenientPrimitiveReads()
    {
        // Apache reads numbers leniently (Jackson intValue()/booleanValue(), spec §2.4).
        auto c = configured();
        QCOMPARE(
            read(c, R"({"schema":{"type":"int8","optional":false},"payload":300})").value.as<std::int8_t>(),
            std::int8_t{44});
        QCOMPARE(
            read(c, R"({"schema":{"type":"int32","optional":false},"payload":2.9})").value.as<std::int32_t>(),
            2);
        QCOMPARE(
            read(c, R"({"schema":{"type":"int64","optional":false},"payload":"7"})").value.as<std::int64_t>(),
            std::int64_t{0});
        QCOMPARE(read(c, R"({"schema":{"type":"boolean","optional":false},"payload":1})").value.as<bool>(),
                 false);
        QCOMPARE(read(c, R"({"schema":{"type":"int64","optional":false},"payload":9223372036854775807})")
                     .value.as<std::int64_t>(),
                 INT64_MAX);
        QCOMPARE(read(c, R"({"schema":{"type":"float","optional":false},"payload":0.1})").value.as<float>(),
                 0.1f);
    }

    void badData_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        const QString on;
        const QString off = QStringLiteral("schemas.enable=false");
        QTest::newRow("malformed") << on << QStringLiteral(R"({"schema":)")
                                   << QStringLiteral("failed due to serialization error");
        QTest::newRow("malformed schemaless")
            << off << QStringLiteral("[1,2") << QStringLiteral("serialization error");
        QTest::newRow("not an envelope")
            << on << QStringLiteral(R"({"a":1})") << QStringLiteral("set schemas.enable=false");
        QTest::newRow("extra envelope member") << on << QStringLiteral(R"({"schema":null,"payload":1,"x":2})")
                                               << QStringLiteral("may not contain additional fields");
        QTest::newRow("plain scalar with schemas")
            << on << QStringLiteral("42") << QStringLiteral("requires \"schema\"");
        QTest::newRow("schema without type")
            << on << QStringLiteral(R"({"schema":{"optional":true},"payload":1})")
            << QStringLiteral("Schema must contain 'type' field");
        QTest::newRow("unknown type") << on << QStringLiteral(R"({"schema":{"type":"float32"},"payload":1})")
                                      << QStringLiteral("Unknown schema type: float32");
        QTest::newRow("array without items")
            << on << QStringLiteral(R"({"schema":{"type":"array"},"payload":[]})")
            << QStringLiteral("Array schema did not specify the element type");
        QTest::newRow("map without keys")
            << on << QStringLiteral(R"({"schema":{"type":"map","values":{"type":"int8"}},"payload":{}})")
            << QStringLiteral("Map schema did not specify the key type");
        QTest::newRow("fields not an array")
            << on << QStringLiteral(R"({"schema":{"type":"struct","fields":{}},"payload":{}})")
            << QStringLiteral("\"fields\" argument is not an array");
        QTest::newRow("field without name")
            << on << QStringLiteral(R"({"schema":{"type":"struct","fields":[{"type":"int8"}]},"payload":{}})")
            << QStringLiteral("field name not specified properly");
        QTest::newRow("non-string parameter")
            << on << QStringLiteral(R"({"schema":{"type":"string","parameters":{"a":1}},"payload":"x"})")
            << QStringLiteral("Schema parameters must have string values.");
        QTest::newRow("required null")
            << on << QStringLiteral(R"({"schema":{"type":"int32","optional":false},"payload":null})")
            << QStringLiteral("Invalid null value for required INT32 field");
        QTest::newRow("nested required string given a number")
            << on
            << QStringLiteral(
                   R"({"schema":{"type":"struct","fields":[{"type":"array","items":{"type":"struct","fields":[)"
                   R"({"type":"string","optional":false,"field":"sku"}]},"field":"lines"}]},)"
                   R"("payload":{"lines":[{"sku":"a"},{"sku":5}]}})")
            << QStringLiteral("null used for required field: \"lines[1].sku\", schema type: STRING");
        QTest::newRow("struct payload not an object")
            << on << QStringLiteral(R"({"schema":{"type":"struct","fields":[]},"payload":[1]})")
            << QStringLiteral("Structs should be encoded as JSON objects, but found ARRAY");
        QTest::newRow("string map given array")
            << on
            << QStringLiteral(
                   R"({"schema":{"type":"map","keys":{"type":"string"},"values":{"type":"int8"}},"payload":[]})")
            << QStringLiteral("Maps with string fields should be encoded as JSON objects, but found ARRAY");
        QTest::newRow("map entry not a pair")
            << on
            << QStringLiteral(
                   R"({"schema":{"type":"map","keys":{"type":"int8"},"values":{"type":"int8"}},"payload":[[1,2,3]]})")
            << QStringLiteral("expected length 2 but found :3");
        QTest::newRow("map entry not an array")
            << on
            << QStringLiteral(
                   R"({"schema":{"type":"map","keys":{"type":"int8"},"values":{"type":"int8"}},"payload":[5]})")
            << QStringLiteral("Found invalid map entry instead of array tuple: NUMBER");
        QTest::newRow("bad base64") << on << QStringLiteral(R"({"schema":{"type":"bytes"},"payload":"***"})")
                                    << QStringLiteral("Invalid bytes field");
        QTest::newRow("date not int")
            << on
            << QStringLiteral(
                   R"({"schema":{"type":"int32","name":"org.apache.kafka.connect.data.Date"},"payload":"x"})")
            << QStringLiteral(
                   "Invalid type for Date, underlying representation should be integer but was STRING");
        QTest::newRow("time out of range")
            << on
            << QStringLiteral(
                   R"({"schema":{"type":"int32","name":"org.apache.kafka.connect.data.Time"},"payload":86400001})")
            << QStringLiteral("Time values must use number of milliseconds");
        QTest::newRow("array payload not an array")
            << on
            << QStringLiteral(R"({"schema":{"type":"array","items":{"type":"int8"}},"payload":{"a":1}})")
            << QStringLiteral("Arrays should be encoded as JSON arrays, but found OBJECT");
    }
    void badData()
    {
        QFETCH(QString, config);
        QFETCH(QString, json);
        QFETCH(QString, message);
        ConfigMap cfg;
        if (!config.isEmpty())
            cfg[config.section(QLatin1Char('='), 0, 0).toStdString()] =
                config.section(QLatin1Char('='), 1).toStdString();
        auto c = configured(cfg);
        try {
            read(c, json.toStdString());
            QFAIL("no exception");
        } catch (const DataException& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void escapesAtEveryOffset()
    {
        // The writer skips plain runs 8 bytes at a time; a special character must be caught
        // wherever it falls in the word.
        auto c = configured({{"schemas.enable", "false"}});
        const std::pair<std::string, std::string> specials[] = {{"\"", "\\\""},
                                                                {"\\", "\\\\"},
                                                                {"\n", "\\n"},
                                                                {"\x01", "\\u0001"},
                                                                {"\xF0\x9F\x98\x80", "\\uD83D\\uDE00"}};
        for (const auto& [raw, escaped] : specials) {
            for (std::size_t k = 0; k < 20; ++k) {
                const std::string in = std::string(k, 'a') + raw + std::string(19 - k, 'b');
                const std::string expected =
                    "\"" + std::string(k, 'a') + escaped + std::string(19 - k, 'b') + "\"";
                QCOMPARE(write(c, Schema::stringSchema(), Value(in)), expected);
            }
        }
        QCOMPARE(write(c, Schema::stringSchema(), Value("\xC3\xA9\xE2\x82\xAC plain ascii and more")),
                 std::string("\"\xC3\xA9\xE2\x82\xAC plain ascii and more\""));
    }

    void hostileNestingIsAnErrorNotACrash()
    {
        auto c = configured({{"schemas.enable", "false"}});
        const std::string deep(100000, '[');
        try {
            read(c, deep);
            QFAIL("no exception");
        } catch (const DataException& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("nested deeper than")), e.what());
        }
        const std::string ok = std::string(100, '[') + std::string(100, ']');
        QVERIFY(read(c, ok).value.is<Array>());
    }

    void badValuesOnWrite_data()
    {
        QTest::addColumn<SchemaPtr>("schema");
        QTest::addColumn<Value>("value");
        QTest::addColumn<QString>("message");
        auto line = SchemaBuilder::structType().field("qty", Schema::int16Schema()).build();
        auto order = SchemaBuilder::structType().field("lines", SchemaBuilder::array(line).build()).build();
        Struct badLine(line);
        badLine.putUnchecked(0, Value(std::int32_t{1})); // int32 where INT16 is declared
        Struct badOrder(order);
        badOrder.putUnchecked(0, Value(Array{Value(badLine)}));
        Struct missing(line);
        QTest::newRow("wrong kind") << Schema::int32Schema() << Value("x")
                                    << QStringLiteral("Invalid type for INT32: got a STRING value");
        QTest::newRow("nested path")
            << order << Value(badOrder)
            << QStringLiteral("Invalid type for INT16: got a INT32 value (at field \"lines[0].qty\")");
        QTest::newRow("required null in struct")
            << line << Value(missing)
            << QStringLiteral(
                   "null value for field that is required and has no default value (at field \"qty\")");
        QTest::newRow("struct with other schema")
            << SchemaBuilder::structType().field("x", Schema::int8Schema()).build() << Value(missing)
            << QStringLiteral("Mismatching schema");
        QTest::newRow("schemaless struct")
            << SchemaPtr() << Value(missing) << QStringLiteral("needs a schema");
        QTest::newRow("schemaless decimal") << SchemaPtr() << Value(BigDecimal::fromUnscaled(1, 0))
                                            << QStringLiteral("does not have a corresponding schema type");
        QTest::newRow("decimal scale mismatch") << Decimal::schema(3) << Value(BigDecimal::fromUnscaled(1, 2))
                                                << QStringLiteral("mismatching scale");
        QTest::newRow("date not midnight")
            << Date::schema() << Value(DateTime{5}) << QStringLiteral("should not have any time fields");
        QTest::newRow("decimal given bytes")
            << Decimal::schema(2) << Value(Bytes{1}) << QStringLiteral("Invalid type for Decimal");
        QTest::newRow("string map with int key")
            << SchemaBuilder::map(Schema::stringSchema(), Schema::int8Schema()).build()
            << Value(Map{{Value(std::int32_t{1}), Value(std::int8_t{1})}})
            << QStringLiteral("STRING map key");
    }
    void badValuesOnWrite()
    {
        QFETCH(SchemaPtr, schema);
        QFETCH(Value, value);
        QFETCH(QString, message);
        auto c = configured();
        try {
            write(c, schema, value);
            QFAIL("no exception");
        } catch (const DataException& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void numericDecimalAndSpecialFloats()
    {
        auto c = configured({{"decimal.format", "NUMERIC"}, {"schemas.enable", "false"}});
        QCOMPARE(write(c, Decimal::schema(2), Value(*BigDecimal::parse("-0.50"))), std::string("-0.50"));
        QCOMPARE(write(c, Schema::float64Schema(), Value(std::numeric_limits<double>::quiet_NaN())),
                 std::string("\"NaN\""));
        QCOMPARE(write(c, Schema::float32Schema(), Value(-std::numeric_limits<float>::infinity())),
                 std::string("\"-Infinity\""));
        QCOMPARE(write(c, Schema::float64Schema(), Value(1e21)), std::string("1.0E21"));
        QCOMPARE(write(c, Schema::float64Schema(), Value(0.001)), std::string("0.001"));
        QCOMPARE(write(c, Schema::float64Schema(), Value(9999999.0)), std::string("9999999.0"));
        QCOMPARE(write(c, Schema::float64Schema(), Value(10000000.0)), std::string("1.0E7"));
    }

    void schemaCacheIsBoundedAndCorrect()
    {
        auto c = configured({{"schemas.cache.size", "2"}});
        std::vector<SchemaPtr> schemas;
        for (int i = 0; i < 5; ++i)
            schemas.push_back(SchemaBuilder::int32().name("s" + std::to_string(i)).build());
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < 5; ++i) {
                const std::string json =
                    write(c, schemas[static_cast<std::size_t>(i)], Value(std::int32_t{i}));
                QCOMPARE(json, R"({"schema":{"type":"int32","optional":false,"name":"s)" + std::to_string(i) +
                                   R"("},"payload":)" + std::to_string(i) + "}");
                const auto back = read(c, json);
                QCOMPARE(*back.schema->name(), "s" + std::to_string(i));
            }
        }
        auto noCache = configured({{"schemas.cache.size", "0"}});
        QCOMPARE(write(noCache, schemas[0], Value(std::int32_t{1})),
                 write(c, schemas[0], Value(std::int32_t{1})));
    }

    void structKeysStayRightAcrossRecordsAndEviction()
    {
        // Member keys are cached per top-level schema; repeated writes, other schemas evicting the
        // entry, and fresh schema objects must all give the same hand-written bytes.
        auto c = configured({{"schemas.enable", "false"}, {"schemas.cache.size", "1"}});
        auto makeSchema = [] {
            auto inner = SchemaBuilder::structType().field("q\"k", Schema::int8Schema()).build();
            return SchemaBuilder::structType()
                .field("a", Schema::int8Schema())
                .field("list", SchemaBuilder::array(inner).build())
                .build();
        };
        auto value = [](const SchemaPtr& schema) {
            const SchemaPtr& inner = schema->field("list")->schema()->valueSchema();
            Struct in(inner);
            in.put("q\"k", Value(std::int8_t{2}));
            Struct out(schema);
            out.put("a", Value(std::int8_t{1})).put("list", Value(Array{Value(in), Value(in)}));
            return Value(std::move(out));
        };
        // (No raw string here: moc's lexer mis-reads a backslash-quote inside one.)
        const std::string expected = "{\"a\":1,\"list\":[{\"q\\\"k\":2},{\"q\\\"k\":2}]}";
        for (int round = 0; round < 3; ++round) {
            auto schema = makeSchema();
            QCOMPARE(write(c, schema, value(schema)), expected);
            QCOMPARE(write(c, schema, value(schema)), expected);
            auto other = SchemaBuilder::structType().field("z", Schema::int8Schema()).build();
            Struct z(other);
            z.put("z", Value(std::int8_t{3}));
            QCOMPARE(write(c, other, Value(z)), std::string(R"({"z":3})"));
        }
    }

    void headerMethodsBehaveLikeValues()
    {
        JsonConverter c;
        static_cast<HeaderConverter&>(c).configure(ConfigMap{});
        const auto bytes = c.fromConnectHeader("t", "h", Schema::stringSchema(), Value("v"));
        QVERIFY(bytes);
        const std::string text(bytes->begin(), bytes->end());
        QCOMPARE(text, std::string(R"({"schema":{"type":"string","optional":false},"payload":"v"})"));
        const auto back = c.toConnectHeader("t", "h", ByteView(bytes->data(), bytes->size()));
        QCOMPARE(back.value.as<std::string>(), std::string("v"));
    }

    // toConnectDataInto reads as toConnectData does; a string payload of a plain string schema,
    // or of none, lands in the string buffer the value already had, and only there.
    void intoReadsAsToConnectData()
    {
        const std::vector<std::pair<ConfigMap, std::string>> cases{
            {{}, R"({"schema":{"type":"string","optional":false},"payload":"a line"})"},
            {{}, R"({"schema":{"type":"string","optional":true},"payload":null})"},
            {{}, R"({"schema":{"type":"string","optional":false,"name":"x.Named"},"payload":"named"})"},
            {{}, R"({"schema":{"type":"bytes","optional":false},"payload":"AAEC"})"},
            {{}, R"({"schema":{"type":"int32","optional":false},"payload":12})"},
            {{},
             "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"esc \\\"q\\\" \\u00e9\"}"},
            {{{"schemas.enable", "false"}}, R"("schemaless text")"},
            {{{"schemas.enable", "false"}}, R"({"a":1})"},
            {{{"schemas.enable", "false"}}, "null"},
            {{{"schemas.enable", "false"}}, ""},
        };
        for (const auto& [config, json] : cases) {
            JsonConverter c = configured(config);
            const ByteView data(reinterpret_cast<const std::uint8_t*>(json.data()), json.size());
            const SchemaAndValue expected = c.toConnectData("t", Headers(), data);
            for (const Value& held : {Value(std::string(48, 'z')), Value(true), Value()}) {
                SchemaPtr schema = Schema::int8Schema();
                Value value = held;
                c.toConnectDataInto("t", Headers(), data, schema, value);
                QVERIFY2(schemasEqual(schema, expected.schema), json.c_str());
                QVERIFY2(value == expected.value, json.c_str());
            }
        }
        JsonConverter c = configured();
        const std::string json = R"({"schema":{"type":"string","optional":false},"payload":"shorter"})";
        SchemaPtr schema;
        Value value(std::string(48, 'z'));
        const char* buffer = value.getIf<std::string>()->data();
        c.toConnectDataInto("t", Headers(),
                            ByteView(reinterpret_cast<const std::uint8_t*>(json.data()), json.size()), schema,
                            value);
        QCOMPARE(value.as<std::string>(), std::string("shorter"));
        QCOMPARE(static_cast<const void*>(value.getIf<std::string>()->data()),
                 static_cast<const void*>(buffer));
        c.toConnectDataInto("t", Headers(), std::nullopt, schema, value);
        QVERIFY(!schema && value.isNull());
    }

    void plugin()
    {
        const auto p = JsonConverter::plugin();
        QCOMPARE(p.className, std::string("org.apache.kafka.connect.json.JsonConverter"));
        QCOMPARE(p.aliases, (std::vector<std::string>{"JsonConverter", "Json"}));
        QVERIFY(p.createConverter() != nullptr);
        QVERIFY(p.createHeaderConverter() != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestJsonConverter)
#include "tst_json_converter.moc"
