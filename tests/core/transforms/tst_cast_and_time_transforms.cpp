// Cast, TimestampConverter, TimestampRouter and RegexRouter (spec §9). Epoch values are worked out
// by hand: 1700000000000 ms = 2023-11-14T22:13:20Z; 2024-02-29T00:00Z = day 19782 = 1709164800000 ms.
#include "transform_test_util.h"

using namespace connectdesk;
using namespace connectdesk::transforms;
using namespace connectdesk::transforms::testing;
using sdk::Schema;
using sdk::Struct;

class TstCastAndTimeTransforms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void castWholeValue_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<Value>("input");
        QTest::addColumn<Value>("expected");
        QTest::newRow("int32 to int8 wraps") << "int8" << Value(std::int32_t{300}) << Value(std::int8_t{44});
        QTest::newRow("int64 to string") << "string" << Value(std::int64_t{42}) << Value("42");
        QTest::newRow("string to int64") << "INT64" << Value("123") << Value(std::int64_t{123});
        QTest::newRow("string to boolean") << "boolean" << Value("TRUE") << Value(true);
        QTest::newRow("other string is false") << "boolean" << Value("yes") << Value(false);
        QTest::newRow("float truncates") << "int32" << Value(3.99) << Value(std::int32_t{3});
        QTest::newRow("negative float truncates") << "int32" << Value(-3.99) << Value(std::int32_t{-3});
        QTest::newRow("float saturates") << "int32" << Value(1e20) << Value(std::int32_t{2147483647});
        QTest::newRow("int to float64") << "float64" << Value(std::int32_t{7}) << Value(7.0);
        QTest::newRow("boolean to int16") << "int16" << Value(true) << Value(std::int16_t{1});
        QTest::newRow("nonzero to boolean") << "boolean" << Value(std::int64_t{-2}) << Value(true);
        QTest::newRow("float to string") << "string" << Value(1.5) << Value("1.5");
        QTest::newRow("bytes to base64") << "string" << Value(sdk::Bytes{0x01, 0x02}) << Value("AQI=");
    }
    void castWholeValue()
    {
        QFETCH(QString, type);
        QFETCH(Value, input);
        QFETCH(Value, expected);
        auto chain = chainFor("Cast$Value", {{"spec", type.toStdString()}});
        const auto out = chain.apply(valueRecord(nullptr, input));
        QCOMPARE(out->value(), expected);
    }

    void castStructFields()
    {
        const SchemaPtr schema =
            SchemaBuilder::structType()
                .name("com.example.R")
                .field("a", Schema::int32Schema())
                .field("b", SchemaBuilder::int64().optional().defaultValue(std::int64_t{9}).build())
                .field("c", Schema::stringSchema())
                .field("day", sdk::Date::schema())
                .field("keep", Schema::float32Schema())
                .build();
        Struct v(schema);
        v.put("a", std::int32_t{300})
            .put("c", "1")
            .put("day", sdk::DateTime{3 * 86400000LL})
            .put("keep", 1.25f);
        auto chain = chainFor("Cast$Value", {{"spec", "a:int8, b:string, c:boolean, day:int32"}});
        const auto out = chain.apply(valueRecord(schema, v));
        const SchemaPtr expected =
            SchemaBuilder::structType()
                .name("com.example.R")
                .field("a", Schema::int8Schema())
                .field("b", SchemaBuilder::string().optional().defaultValue("9").build())
                .field("c", Schema::booleanSchema())
                .field("day", Schema::int32Schema())
                .field("keep", Schema::float32Schema())
                .build();
        QVERIFY2(sdk::schemasEqual(out->valueSchema(), expected), out->valueSchema()->toString().c_str());
        const Struct& r = out->value().as<Struct>();
        QCOMPARE(r.get("a"), Value(std::int8_t{44}));
        QCOMPARE(r.get("b"), Value("9"));   // null replaced by the default, then cast
        QCOMPARE(r.get("c"), Value(false)); // Boolean.parseBoolean("1")
        QCOMPARE(r.get("day"), Value(std::int32_t{3}));
        QCOMPARE(r.get("keep"), Value(1.25f));
    }

    void castErrors()
    {
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("Cast$Value", {{"spec", "a:int99"}});
                 })),
                 QStringLiteral(
                     "Invalid value [a:int99] for configuration transforms.t.spec: Invalid type found in "
                     "casting spec: int99"));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("Cast$Value", {{"spec", "a:int8:x"}});
                 })),
                 QStringLiteral(
                     "Invalid value [a:int8:x] for configuration transforms.t.spec: Invalid cast mapping: "
                     "a:int8:x"));
        QCOMPARE(
            q(messageOf<sdk::ConfigException>([] {
                (void)chainFor("Cast$Value", {{"spec", "bytes"}});
            })),
            QStringLiteral("Invalid value [bytes] for configuration transforms.t.spec: Invalid type found in "
                           "casting spec: bytes"));
        auto chain = chainFor("Cast$Value", {{"spec", "n:int32"}});
        QCOMPARE(q(messageOf<sdk::DataException>([&] {
                     (void)chain.apply(valueRecord(nullptr, Value(stringMap({{"n", "abc"}}))));
                 })),
                 QStringLiteral("Cast transformation could not parse \"abc\" as INT32 (field n)"));
        const SchemaPtr withArray = SchemaBuilder::structType()
                                        .field("n", SchemaBuilder::array(Schema::int32Schema()).build())
                                        .build();
        Struct s(withArray);
        s.put("n", sdk::Array{});
        const std::string msg =
            messageOf<sdk::DataException>([&] { (void)chain.apply(valueRecord(withArray, s)); });
        QVERIFY2(q(msg).startsWith(
                     QStringLiteral("Cast transformation does not support casting from ARRAY to INT32 "
                                    "(field n)")),
                 msg.c_str());
        const auto tomb = valueRecord(Schema::optionalStringSchema(), Value());
        QCOMPARE(*chain.apply(tomb), tomb);
    }

    void timestampConverter_data()
    {
        QTest::addColumn<QString>("targetType");
        QTest::addColumn<QString>("precision");
        QTest::addColumn<Value>("input");
        QTest::addColumn<Value>("expected");
        const std::int64_t ms = 1709214310000; // 2024-02-29T13:45:10Z
        QTest::newRow("string to unix")
            << "unix"
            << "milliseconds" << Value("2024-02-29 13:45:10") << Value(std::int64_t{ms});
        QTest::newRow("string to unix seconds")
            << "unix"
            << "seconds" << Value("2024-02-29 13:45:10") << Value(std::int64_t{1709214310});
        QTest::newRow("unix micros to Timestamp")
            << "Timestamp"
            << "microseconds" << Value(std::int64_t{ms * 1000 + 999}) << Value(sdk::DateTime{ms});
        QTest::newRow("unix to string")
            << "string"
            << "milliseconds" << Value(std::int64_t{ms}) << Value("2024-02-29 13:45:10");
        QTest::newRow("Timestamp to Date")
            << "Date"
            << "milliseconds" << Value(sdk::DateTime{ms}) << Value(sdk::DateTime{1709164800000});
        QTest::newRow("Timestamp to Time")
            << "Time"
            << "milliseconds" << Value(sdk::DateTime{ms}) << Value(sdk::DateTime{49510000});
        QTest::newRow("before epoch to Date")
            << "Date"
            << "milliseconds" << Value(sdk::DateTime{-1}) << Value(sdk::DateTime{-86400000});
        QTest::newRow("Timestamp to nanos")
            << "unix"
            << "nanoseconds" << Value(sdk::DateTime{2}) << Value(std::int64_t{2000000});
    }
    void timestampConverter()
    {
        QFETCH(QString, targetType);
        QFETCH(QString, precision);
        QFETCH(Value, input);
        QFETCH(Value, expected);
        const ConfigMap cfg{{"target.type", targetType.toStdString()},
                            {"format", "yyyy-MM-dd HH:mm:ss"},
                            {"unix.precision", precision.toStdString()}};
        // Schemaless whole value.
        auto whole = chainFor("TimestampConverter$Value", cfg);
        QCOMPARE(whole.apply(valueRecord(nullptr, input))->value(), expected);

        // One field of a struct, schema from the input kind.
        SchemaPtr inSchema = input.is<std::string>()    ? Schema::stringSchema()
                             : input.is<std::int64_t>() ? Schema::int64Schema()
                                                        : sdk::Timestamp::schema();
        const SchemaPtr schema =
            SchemaBuilder::structType().field("id", Schema::int32Schema()).field("ts", inSchema).build();
        Struct v(schema);
        v.put("id", std::int32_t{1}).put("ts", input);
        ConfigMap withField = cfg;
        withField.emplace("field", "ts");
        auto field = chainFor("TimestampConverter$Value", withField);
        const auto out = field.apply(valueRecord(schema, v));
        QCOMPARE(out->value().as<Struct>().get("ts"), expected);
        QCOMPARE(out->value().as<Struct>().get("id"), Value(std::int32_t{1}));
        const auto& outSchema = out->valueSchema()->field("ts")->schema();
        const QString t = targetType;
        if (t == QLatin1String("unix")) {
            QVERIFY(sdk::schemasEqual(outSchema, Schema::int64Schema()));
        } else if (t == QLatin1String("string")) {
            QVERIFY(sdk::schemasEqual(outSchema, Schema::stringSchema()));
        } else {
            QCOMPARE(q(*outSchema->name()), QStringLiteral("org.apache.kafka.connect.data.") + t);
        }
    }

    void timestampConverterErrors()
    {
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("TimestampConverter$Value", {{"target.type", "string"}});
                 })),
                 QStringLiteral(
                     "Invalid configuration for transforms.t: TimestampConverter requires format option to "
                     "be specified when using string timestamps"));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("TimestampConverter$Value", {{"target.type", "date"}});
                 })),
                 QStringLiteral(
                     "Invalid value date for configuration transforms.t.target.type: String must be one of: "
                     "string, unix, Date, Time, Timestamp"));
        QCOMPARE(
            q(messageOf<sdk::ConfigException>([] {
                (void)chainFor("TimestampConverter$Value", {{"target.type", "unix"}, {"format", "yyyy-qq"}});
            })),
            QStringLiteral(
                "Invalid value yyyy-qq for configuration transforms.t.format: TimestampConverter "
                "requires a SimpleDateFormat-compatible pattern for string timestamps: Illegal pattern "
                "character 'q'"));
        auto chain = chainFor("TimestampConverter$Value",
                              {{"target.type", "unix"}, {"format", "yyyy-MM-dd"}, {"field", "when"}});
        QCOMPARE(
            q(messageOf<sdk::DataException>([&] {
                (void)chain.apply(valueRecord(nullptr, Value(stringMap({{"when", "yesterday"}}))));
            })),
            QStringLiteral("Could not parse timestamp: value (yesterday) does not match pattern (yyyy-MM-dd) "
                           "(field when)"));
        QCOMPARE(
            q(messageOf<sdk::DataException>([&] {
                (void)chain.apply(valueRecord(nullptr, Value(stringMap({{"when", true}}))));
            })),
            QStringLiteral("TimestampConverter does not support BOOLEAN objects as timestamps (field when)"));
        // Null passes through.
        QCOMPARE(chain.apply(valueRecord(nullptr, Value(stringMap({{"when", Value()}}))))->value(),
                 Value(stringMap({{"when", Value()}})));
    }

    void timestampRouter_data()
    {
        QTest::addColumn<QString>("topicFormat");
        QTest::addColumn<QString>("timestampFormat");
        QTest::addColumn<qint64>("timestamp");
        QTest::addColumn<QString>("expected");
        QTest::newRow("defaults") << ""
                                  << "" << qint64(1700000000000) << "orders-20231114";
        QTest::newRow("custom") << "${timestamp}_${topic}"
                                << "yyyy-MM-dd'T'HH:mm" << qint64(1700000000000) << "2023-11-14T22:13_orders";
        QTest::newRow("before epoch") << ""
                                      << "" << qint64(-1) << "orders-19691231";
        QTest::newRow("text month") << "${topic}.${timestamp}"
                                    << "dd MMM yyyy" << qint64(1709214310000) << "orders.29 Feb 2024";
    }
    void timestampRouter()
    {
        QFETCH(QString, topicFormat);
        QFETCH(QString, timestampFormat);
        QFETCH(qint64, timestamp);
        QFETCH(QString, expected);
        ConfigMap cfg;
        if (!topicFormat.isEmpty()) {
            cfg.emplace("topic.format", topicFormat.toStdString());
        }
        if (!timestampFormat.isEmpty()) {
            cfg.emplace("timestamp.format", timestampFormat.toStdString());
        }
        auto chain = chainFor("TimestampRouter", cfg);
        const auto out =
            chain.apply(sourceRecord(nullptr, Value(), nullptr, Value("v"), "orders", 1, timestamp));
        QCOMPARE(q(out->topic()), expected);
        QCOMPARE(out->kafkaPartition(), std::optional<std::int32_t>(1));
        QCOMPARE(out->value(), Value("v"));
    }

    void timestampRouterNeedsTimestamp()
    {
        auto chain = chainFor("TimestampRouter", {});
        QCOMPARE(q(messageOf<sdk::DataException>([&] {
                     (void)chain.apply(
                         sourceRecord(nullptr, Value(), nullptr, Value(), "orders", 0, std::nullopt));
                 })),
                 QStringLiteral("Timestamp missing on record with topic orders"));
    }

    void regexRouter_data()
    {
        QTest::addColumn<QString>("regex");
        QTest::addColumn<QString>("replacement");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("expected");
        QTest::newRow("group") << "raw-(.*)"
                               << "clean-$1"
                               << "raw-orders"
                               << "clean-orders";
        QTest::newRow("no whole match") << "raw-(.*)"
                                        << "clean-$1"
                                        << "xraw-orders"
                                        << "xraw-orders";
        QTest::newRow("named group") << "(?<env>[a-z]+)\\.(.*)"
                                     << "${env}-$2"
                                     << "prod.orders"
                                     << "prod-orders";
        QTest::newRow("escaped dollar") << "(.*)"
                                        << "\\$$1"
                                        << "t"
                                        << "$t";
        QTest::newRow("replaceFirst finds the first match") << "a|ab"
                                                            << "X"
                                                            << "ab"
                                                            << "Xb";
        QTest::newRow("two-digit group falls back") << "(a)"
                                                    << "$10"
                                                    << "a"
                                                    << "a0";
    }
    void regexRouter()
    {
        QFETCH(QString, regex);
        QFETCH(QString, replacement);
        QFETCH(QString, topic);
        QFETCH(QString, expected);
        auto chain = chainFor("RegexRouter",
                              {{"regex", regex.toStdString()}, {"replacement", replacement.toStdString()}});
        // Twice: the second goes through the last-topic cache.
        for (int i = 0; i < 2; ++i) {
            const auto out =
                chain.apply(sourceRecord(nullptr, Value(), nullptr, Value(), topic.toStdString()));
            QCOMPARE(q(out->topic()), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TstCastAndTimeTransforms)
#include "tst_cast_and_time_transforms.moc"
