// SimpleHeaderConverter: Values text form out, type inference in (spec §3.1). Expected results
// were observed from Apache 4.1.1's SimpleHeaderConverter in a UTC JVM.
#include "converters/converter_registry.h"
#include "converters/simple_header_converter.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <QTest>

using namespace connectdesk;
using namespace connectdesk::sdk;
using namespace connectdesk::converters;

Q_DECLARE_METATYPE(SchemaPtr)
Q_DECLARE_METATYPE(Value)

class TestSimpleHeaderConverter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<SchemaPtr>("schema");
        QTest::addColumn<Value>("value");
        QTest::newRow("int8") << QStringLiteral("42") << Schema::int8Schema() << Value(std::int8_t{42});
        QTest::newRow("padded") << QStringLiteral("  42  ") << Schema::int8Schema() << Value(std::int8_t{42});
        QTest::newRow("int16") << QStringLiteral("1000") << Schema::int16Schema()
                               << Value(std::int16_t{1000});
        QTest::newRow("int64") << QStringLiteral("-5000000000") << Schema::int64Schema()
                               << Value(std::int64_t{-5000000000LL});
        QTest::newRow("float32") << QStringLiteral("1.5") << Schema::float32Schema() << Value(1.5f);
        QTest::newRow("integral fraction")
            << QStringLiteral("1.0") << Schema::int8Schema() << Value(std::int8_t{1});
        QTest::newRow("beyond int64") << QStringLiteral("99999999999999999999") << Decimal::schema(0)
                                      << Value(*BigDecimal::parse("99999999999999999999"));
        QTest::newRow("true") << QStringLiteral("true") << Schema::booleanSchema() << Value(true);
        QTest::newRow("null") << QStringLiteral("null") << SchemaPtr() << Value();
        QTest::newRow("empty") << QString() << Schema::stringSchema() << Value(std::string());
        QTest::newRow("words") << QStringLiteral("hello world") << Schema::stringSchema()
                               << Value("hello world");
        QTest::newRow("broken brackets") << QStringLiteral("{bad") << Schema::stringSchema() << Value("{bad");
        QTest::newRow("date") << QStringLiteral("2023-11-14") << Date::schema()
                              << Value(DateTime{19675LL * kMillisPerDay});
        QTest::newRow("time") << QStringLiteral("01:00:00.000Z") << Time::schema()
                              << Value(DateTime{3600000});
        QTest::newRow("timestamp") << QStringLiteral("2023-11-14T22:13:20.000Z") << Timestamp::schema()
                                   << Value(DateTime{1700000000000LL});
        QTest::newRow("int array") << QStringLiteral("[1,2,3]")
                                   << SchemaBuilder::array(Schema::int8Schema()).build()
                                   << Value(Array{Value(std::int8_t{1}), Value(std::int8_t{2}),
                                                  Value(std::int8_t{3})});
        QTest::newRow("widened array")
            << QStringLiteral("[1,2.5]") << SchemaBuilder::array(Schema::float32Schema()).build()
            << Value(Array{Value(1.0f), Value(2.5f)});
        QTest::newRow("mixed array") << QStringLiteral("[1,\"a\"]") << SchemaBuilder::arrayOfNull().build()
                                     << Value(Array{Value(std::int8_t{1}), Value("a")});
        QTest::newRow("empty array") << QStringLiteral("[]") << SchemaBuilder::arrayOfNull().build()
                                     << Value(Array{});
        QTest::newRow("map") << QStringLiteral("{\"a\":1,\"b\":2}")
                             << SchemaBuilder::map(Schema::stringSchema(), Schema::int8Schema()).build()
                             << Value(Map{{Value("a"), Value(std::int8_t{1})},
                                          {Value("b"), Value(std::int8_t{2})}});
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(SchemaPtr, schema);
        QFETCH(Value, value);
        SimpleHeaderConverter c;
        const QByteArray bytes = text.toUtf8();
        const auto result =
            c.toConnectHeader("t", "k",
                              ByteView(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                       static_cast<std::size_t>(bytes.size())));
        QVERIFY2(schemasEqual(result.schema, schema),
                 result.schema ? result.schema->toString().c_str() : "null");
        QVERIFY(result.value == value);
    }

    void format_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QString>("text");
        auto schema = SchemaBuilder::structType()
                          .field("a", Schema::int32Schema())
                          .field("b", Schema::optionalStringSchema())
                          .field("c", SchemaBuilder::int8().defaultValue(std::int8_t{9}).build())
                          .build();
        Struct s(schema);
        s.put("a", Value(std::int32_t{1})).put("b", Value("q\"x"));
        QTest::newRow("struct uses defaults")
            << Value(s) << QStringLiteral("{\"a\":1,\"b\":\"q\\\"x\",\"c\":9}");
        QTest::newRow("list") << Value(Array{Value("a"), Value(std::int32_t{1}), Value(Bytes{1, 2})})
                              << QStringLiteral("[\"a\",1,\"AQI=\"]");
        QTest::newRow("timestamp") << Value(DateTime{1700000000000LL})
                                   << QStringLiteral("2023-11-14T22:13:20.000Z");
        QTest::newRow("time") << Value(DateTime{3600000}) << QStringLiteral("01:00:00.000Z");
        QTest::newRow("date") << Value(DateTime{19675LL * kMillisPerDay}) << QStringLiteral("2023-11-14");
        QTest::newRow("top-level bytes") << Value(Bytes{1, 2, 3}) << QStringLiteral("AQID");
        QTest::newRow("top-level string") << Value("raw \"text\"") << QStringLiteral("raw \"text\"");
        QTest::newRow("float") << Value(1.5f) << QStringLiteral("1.5");
        QTest::newRow("map") << Value(Map{{Value("k"), Value(true)}}) << QStringLiteral("{\"k\":true}");
    }
    void format()
    {
        QFETCH(Value, value);
        QFETCH(QString, text);
        SimpleHeaderConverter c;
        const auto bytes = c.fromConnectHeader("t", "k", nullptr, value);
        QVERIFY(bytes);
        QCOMPARE(QString::fromUtf8(reinterpret_cast<const char*>(bytes->data()),
                                   static_cast<qsizetype>(bytes->size())),
                 text);
    }

    void hostileNestingFallsBackToString()
    {
        const std::string deep(100000, '[');
        const auto r = valuesParseString(deep);
        QCOMPARE(r.schema.get(), Schema::stringSchema().get());
        QCOMPARE(r.value.as<std::string>().size(), deep.size());
    }

    void nulls()
    {
        SimpleHeaderConverter c;
        QVERIFY(!c.fromConnectHeader("t", "k", Schema::optionalStringSchema(), Value()));
        QVERIFY(c.toConnectHeader("t", "k", std::nullopt).isNull());
    }

    void registryResolvesNamesAndAliases_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("className");
        QTest::newRow("full") << QStringLiteral("org.apache.kafka.connect.json.JsonConverter")
                              << QStringLiteral("org.apache.kafka.connect.json.JsonConverter");
        QTest::newRow("simple") << QStringLiteral("JsonConverter")
                                << QStringLiteral("org.apache.kafka.connect.json.JsonConverter");
        QTest::newRow("pruned") << QStringLiteral("Json")
                                << QStringLiteral("org.apache.kafka.connect.json.JsonConverter");
        QTest::newRow("String") << QStringLiteral("String")
                                << QStringLiteral("org.apache.kafka.connect.storage.StringConverter");
        QTest::newRow("ByteArray") << QStringLiteral("ByteArray")
                                   << QStringLiteral(
                                          "org.apache.kafka.connect.converters.ByteArrayConverter");
        QTest::newRow("Long") << QStringLiteral("LongConverter")
                              << QStringLiteral("org.apache.kafka.connect.converters.LongConverter");
        QTest::newRow("Simple") << QStringLiteral("Simple")
                                << QStringLiteral("org.apache.kafka.connect.storage.SimpleHeaderConverter");
    }
    void registryResolvesNamesAndAliases()
    {
        QFETCH(QString, name);
        QFETCH(QString, className);
        const auto registry = ConverterRegistry::withBuiltins();
        const auto* p = registry.find(name.toStdString());
        QVERIFY(p);
        QCOMPARE(QString::fromStdString(p->className), className);
    }

    void registryErrorsAndAmbiguity()
    {
        auto registry = ConverterRegistry::withBuiltins();
        QVERIFY(registry.createConverter("Json") != nullptr);
        QVERIFY(registry.createHeaderConverter("Simple") != nullptr);
        try {
            registry.createConverter("Simple");
            QFAIL("no exception");
        } catch (const ConfigException& e) {
            QCOMPARE(
                QString::fromUtf8(e.what()),
                QStringLiteral("org.apache.kafka.connect.storage.SimpleHeaderConverter is not a Converter"));
        }
        QVERIFY_THROWS_EXCEPTION(ConfigException, registry.createConverter("Nope"));
        // A third-party com.acme.JsonConverter makes the short names ambiguous; full names still work.
        ConverterPlugin other = JsonConverterLike();
        registry.add(other);
        QVERIFY(registry.find("JsonConverter") == nullptr);
        QVERIFY(registry.find("Json") == nullptr);
        QVERIFY(registry.find("org.apache.kafka.connect.json.JsonConverter") != nullptr);
        QVERIFY(registry.find("com.acme.JsonConverter") != nullptr);
    }

private:
    static ConverterPlugin JsonConverterLike()
    {
        ConverterPlugin p;
        p.className = "com.acme.JsonConverter";
        p.aliases = defaultPluginAliases(p.className, "Converter");
        return p;
    }
};

QTEST_GUILESS_MAIN(TestSimpleHeaderConverter)
#include "tst_simple_header_converter.moc"
