// InsertField, ReplaceField, MaskField, ValueToKey and ExtractField (spec §9): schema and
// schemaless paths, $Key/$Value, replace.null.with.default, and bad-data errors.
#include "transform_test_util.h"

using namespace connectdesk;
using namespace connectdesk::transforms;
using namespace connectdesk::transforms::testing;
using sdk::Schema;
using sdk::Struct;

namespace {

SchemaPtr orderSchema()
{
    static const SchemaPtr s =
        SchemaBuilder::structType()
            .name("com.example.Order")
            .field("id", Schema::int32Schema())
            .field("name", Schema::optionalStringSchema())
            .field("qty", SchemaBuilder::int32().optional().defaultValue(std::int32_t{7}).build())
            .build();
    return s;
}

Struct order(std::int32_t id, Value name, Value qty)
{
    Struct s(orderSchema());
    s.put("id", id).put("name", std::move(name)).put("qty", std::move(qty));
    return s;
}

} // namespace

class TstFieldTransforms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void insertFieldWithSchema()
    {
        auto chain = chainFor("InsertField$Value", {{"topic.field", "topic!"},
                                                    {"partition.field", "part"},
                                                    {"timestamp.field", "ts?"},
                                                    {"static.field", "src"},
                                                    {"static.value", "web"}});
        const auto out = chain.apply(valueRecord(orderSchema(), order(1, "a", Value())));
        QVERIFY(out.has_value());
        const SchemaPtr expected =
            SchemaBuilder::structType()
                .name("com.example.Order")
                .field("id", Schema::int32Schema())
                .field("name", Schema::optionalStringSchema())
                .field("qty", SchemaBuilder::int32().optional().defaultValue(std::int32_t{7}).build())
                .field("topic", Schema::stringSchema())
                .field("part", Schema::optionalInt32Schema())
                .field("ts", sdk::Timestamp::builder().optional().build())
                .field("src", Schema::optionalStringSchema())
                .build();
        QVERIFY(sdk::schemasEqual(out->valueSchema(), expected));
        const Struct& v = out->value().as<Struct>();
        QCOMPARE(v.getInt32("id"), 1);
        QCOMPARE(v.getString("topic"), std::string("orders"));
        QCOMPARE(v.get("part"), Value(std::int32_t{3}));
        QCOMPARE(v.get("ts"), Value(sdk::DateTime{1700000000000}));
        QCOMPARE(v.getString("src"), std::string("web"));
        // replace.null.with.default=true (default): the null qty is copied as its default 7.
        QCOMPARE(v.getWithoutDefault("qty"), Value(std::int32_t{7}));
    }

    void insertFieldKeepsRawNullWhenAsked()
    {
        auto chain =
            chainFor("InsertField$Value", {{"topic.field", "t"}, {"replace.null.with.default", "false"}});
        const auto out = chain.apply(valueRecord(orderSchema(), order(1, "a", Value())));
        QCOMPARE(out->value().as<Struct>().getWithoutDefault("qty"), Value());
    }

    void insertFieldSchemalessAndKey()
    {
        auto chain = chainFor("InsertField$Key", {{"topic.field", "t"}, {"timestamp.field", "ts"}});
        const auto out =
            chain.apply(sourceRecord(nullptr, Value(stringMap({{"k", "v"}})), nullptr, Value("value")));
        QCOMPARE(out->key(),
                 Value(stringMap({{"k", "v"}, {"t", "orders"}, {"ts", std::int64_t{1700000000000}}})));
        QCOMPARE(out->value(), Value("value"));
    }

    void insertFieldOffsetNeedsSinkRecord()
    {
        auto source = chainFor("InsertField$Value", {{"offset.field", "off"}});
        QCOMPARE(q(messageOf<sdk::DataException>([&] {
                     (void)source.apply(valueRecord(nullptr, Value(stringMap({{"a", std::int32_t{1}}}))));
                 })),
                 QStringLiteral("Only SinkRecord supported for [field insertion], found: SourceRecord"));
        auto sink = chainFor<SinkRecord>("InsertField$Value", {{"offset.field", "off!"}});
        const auto out =
            sink.apply(SinkRecord("t", 1, nullptr, Value(), orderSchema(), order(2, Value(), 3), 42));
        QCOMPARE(out->value().as<Struct>().get("off"), Value(std::int64_t{42}));
        QCOMPARE(out->valueSchema()->field("off")->schema(), Schema::int64Schema());
    }

    void insertFieldBadData_data()
    {
        QTest::addColumn<bool>("withSchema");
        QTest::addColumn<QString>("message");
        QTest::newRow("schemaless needs a map")
            << false
            << "Only Map objects supported in absence of schema for [field "
               "insertion], found: STRING";
        QTest::newRow("schema needs a struct")
            << true
            << "Only Struct objects supported for [field insertion], found: "
               "STRING";
    }
    void insertFieldBadData()
    {
        QFETCH(bool, withSchema);
        QFETCH(QString, message);
        auto chain = chainFor("InsertField$Value", {{"topic.field", "t"}});
        const auto rec = valueRecord(withSchema ? Schema::stringSchema() : nullptr, Value("text"));
        QCOMPARE(q(messageOf<sdk::DataException>([&] { (void)chain.apply(rec); })), message);
        // Tombstones pass through untouched.
        const auto tomb = valueRecord(Schema::optionalStringSchema(), Value());
        QCOMPARE(*chain.apply(tomb), tomb);
    }

    void replaceField_data()
    {
        QTest::addColumn<QString>("exclude");
        QTest::addColumn<QString>("include");
        QTest::addColumn<QString>("renames");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("nothing") << ""
                                 << ""
                                 << ""
                                 << QStringList{QStringLiteral("id"), QStringLiteral("name"),
                                                QStringLiteral("qty")};
        QTest::newRow("exclude") << "name"
                                 << ""
                                 << "" << QStringList{QStringLiteral("id"), QStringLiteral("qty")};
        QTest::newRow("include") << ""
                                 << "qty,id"
                                 << "" << QStringList{QStringLiteral("id"), QStringLiteral("qty")};
        QTest::newRow("exclude wins") << "id"
                                      << "id,name"
                                      << "" << QStringList{QStringLiteral("name")};
        QTest::newRow("renames") << ""
                                 << ""
                                 << "id:order_id,qty:count"
                                 << QStringList{QStringLiteral("order_id"), QStringLiteral("name"),
                                                QStringLiteral("count")};
    }
    void replaceField()
    {
        QFETCH(QString, exclude);
        QFETCH(QString, include);
        QFETCH(QString, renames);
        QFETCH(QStringList, fields);
        const ConfigMap cfg{{"exclude", exclude.toStdString()},
                            {"include", include.toStdString()},
                            {"renames", renames.toStdString()}};
        // With schema: field list in order, schema name kept, values follow their renamed fields.
        auto chain = chainFor("ReplaceField$Value", cfg);
        const auto out = chain.apply(valueRecord(orderSchema(), order(5, "n", std::int32_t{2})));
        QStringList got;
        for (const auto& f : out->valueSchema()->fields()) {
            got << q(f.name());
        }
        QCOMPARE(got, fields);
        QCOMPARE(*out->valueSchema()->name(), std::string("com.example.Order"));
        if (fields.contains(QStringLiteral("order_id"))) {
            QCOMPARE(out->value().as<Struct>().get("order_id"), Value(std::int32_t{5}));
            QCOMPARE(out->value().as<Struct>().get("count"), Value(std::int32_t{2}));
        }
        // Schemaless: the same keys.
        auto schemaless = chainFor("ReplaceField$Value", cfg);
        const auto outMap = schemaless.apply(valueRecord(
            nullptr, Value(stringMap({{"id", std::int32_t{5}}, {"name", "n"}, {"qty", std::int32_t{2}}}))));
        QStringList keys;
        for (const auto& [k, v] : outMap->value().as<sdk::Map>()) {
            keys << q(k.as<std::string>());
        }
        QCOMPARE(keys, fields);
    }

    void replaceFieldBadRename()
    {
        QCOMPARE(
            q(messageOf<sdk::ConfigException>([] {
                (void)chainFor("ReplaceField$Key", {{"renames", "a-b"}});
            })),
            QStringLiteral(
                "Invalid value [a-b] for configuration transforms.t.renames: Invalid rename mapping: a-b"));
    }

    void maskField_data()
    {
        QTest::addColumn<QString>("replacement");
        QTest::addColumn<Value>("input");
        QTest::addColumn<Value>("expected");
        QTest::newRow("string") << "" << Value("secret") << Value("");
        QTest::newRow("int32") << "" << Value(std::int32_t{42}) << Value(std::int32_t{0});
        QTest::newRow("int64") << "" << Value(std::int64_t{42}) << Value(std::int64_t{0});
        QTest::newRow("float64") << "" << Value(1.5) << Value(0.0);
        QTest::newRow("boolean") << "" << Value(true) << Value(false);
        QTest::newRow("array") << "" << Value(sdk::Array{Value(std::int32_t{1})}) << Value(sdk::Array{});
        QTest::newRow("null stays null") << "" << Value() << Value();
        QTest::newRow("string replacement") << "***" << Value("secret") << Value("***");
        QTest::newRow("int replacement") << "9" << Value(std::int32_t{42}) << Value(std::int32_t{9});
        QTest::newRow("float replacement") << "2.5" << Value(1.5) << Value(2.5);
    }
    void maskField()
    {
        QFETCH(QString, replacement);
        QFETCH(Value, input);
        QFETCH(Value, expected);
        ConfigMap cfg{{"fields", "f"}};
        if (!replacement.isEmpty()) {
            cfg.emplace("replacement", replacement.toStdString());
        }
        auto chain = chainFor("MaskField$Value", cfg);
        const auto out = chain.apply(valueRecord(nullptr, Value(stringMap({{"f", input}, {"keep", "k"}}))));
        QCOMPARE(out->value(), Value(stringMap({{"f", expected}, {"keep", "k"}})));
    }

    void maskFieldWithSchemaAndErrors()
    {
        auto chain = chainFor("MaskField$Key", {{"fields", "name,qty"}});
        const auto out =
            chain.apply(sourceRecord(orderSchema(), order(1, "bob", std::int32_t{3}), nullptr, Value()));
        QCOMPARE(out->key(), Value(order(1, "", std::int32_t{0})));
        QVERIFY(out->keySchema() == orderSchema());

        auto bad = chainFor("MaskField$Value", {{"fields", "f"}, {"replacement", "x"}});
        QCOMPARE(q(messageOf<sdk::DataException>([&] {
                     (void)bad.apply(valueRecord(nullptr, Value(stringMap({{"f", std::int32_t{1}}}))));
                 })),
                 QStringLiteral("Unable to convert x to INT32"));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] { (void)chainFor("MaskField$Value", {}); })),
                 QStringLiteral(
                     "Missing required configuration \"transforms.t.fields\" which has no default value."));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("MaskField$Value", {{"fields", "a"}, {"replacement", ""}});
                 })),
                 QStringLiteral(
                     "Invalid value  for configuration transforms.t.replacement: String must be non-empty"));
        // Not tombstone-safe (spec §9).
        QCOMPARE(
            q(messageOf<sdk::DataException>([&] { (void)bad.apply(valueRecord(nullptr, Value())); })),
            QStringLiteral("Only Map objects supported in absence of schema for [mask fields], found: null"));
    }

    void valueToKey()
    {
        auto chain = chainFor("ValueToKey", {{"fields", "name,id"}});
        const auto out = chain.apply(valueRecord(orderSchema(), order(4, "x", Value())));
        const SchemaPtr keySchema = SchemaBuilder::structType()
                                        .field("name", Schema::optionalStringSchema())
                                        .field("id", Schema::int32Schema())
                                        .build();
        QVERIFY(sdk::schemasEqual(out->keySchema(), keySchema));
        Struct key(keySchema);
        key.put("name", "x").put("id", std::int32_t{4});
        QCOMPARE(out->key(), Value(key));
        QVERIFY(out->valueSchema() == orderSchema());

        const auto schemaless =
            chain.apply(valueRecord(nullptr, Value(stringMap({{"id", std::int32_t{1}}}))));
        QCOMPARE(schemaless->key(), Value(stringMap({{"name", Value()}, {"id", std::int32_t{1}}})));

        auto missing = chainFor("ValueToKey", {{"fields", "nope"}});
        QCOMPARE(q(messageOf<sdk::DataException>(
                     [&] { (void)missing.apply(valueRecord(orderSchema(), order(4, "x", Value()))); })),
                 QStringLiteral("Field does not exist: nope"));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("ValueToKey", {{"fields", ""}});
                 })),
                 QStringLiteral("Invalid value [] for configuration transforms.t.fields: Empty list"));
    }

    void extractField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("syntax");
        QTest::addColumn<Value>("expected");
        QTest::addColumn<QString>("error"); // with schema
        QTest::newRow("v1 top") << "id"
                                << "V1" << Value(std::int32_t{9}) << "";
        QTest::newRow("v1 dotted name") << "a.b"
                                        << "V1" << Value("dotted") << "";
        QTest::newRow("v2 nested") << "inner.n"
                                   << "V2" << Value(std::int64_t{5}) << "";
        QTest::newRow("v2 backticks") << "`a.b`"
                                      << "v2" << Value("dotted") << "";
        QTest::newRow("v2 unknown") << "inner.zz"
                                    << "V2" << Value() << "Unknown field: inner.zz";
        QTest::newRow("v1 nested is unknown") << "inner.n"
                                              << "V1" << Value() << "Unknown field: inner.n";
    }
    void extractField()
    {
        QFETCH(QString, field);
        QFETCH(QString, syntax);
        QFETCH(Value, expected);
        QFETCH(QString, error);
        const SchemaPtr inner = SchemaBuilder::structType().field("n", Schema::int64Schema()).build();
        const SchemaPtr schema = SchemaBuilder::structType()
                                     .field("id", Schema::int32Schema())
                                     .field("a.b", Schema::stringSchema())
                                     .field("inner", inner)
                                     .build();
        Struct in(inner);
        in.put("n", std::int64_t{5});
        Struct s(schema);
        s.put("id", std::int32_t{9}).put("a.b", "dotted").put("inner", in);
        auto chain = chainFor("ExtractField$Value", {{"field", field.toStdString()},
                                                     {"field.syntax.version", syntax.toStdString()}});
        if (!error.isEmpty()) {
            QCOMPARE(q(messageOf<sdk::DataException>([&] { (void)chain.apply(valueRecord(schema, s)); })),
                     error);
            return;
        }
        const auto out = chain.apply(valueRecord(schema, s));
        QCOMPARE(out->value(), expected);
        QCOMPARE(out->valueSchema()->type(),
                 sdk::schemaTypeFromName(sdk::valueKindName(expected.kind())).value());

        // The same path over nested maps.
        const auto schemaless = chain.apply(
            valueRecord(nullptr, Value(stringMap({{"id", std::int32_t{9}},
                                                  {"a.b", "dotted"},
                                                  {"inner", Value(stringMap({{"n", std::int64_t{5}}}))}}))));
        QCOMPARE(schemaless->value(), expected);
        QVERIFY(!schemaless->valueSchema());
    }

    void extractFieldKeyAndNulls()
    {
        auto chain = chainFor("ExtractField$Key", {{"field", "id"}});
        const auto out =
            chain.apply(sourceRecord(orderSchema(), order(3, Value(), Value()), nullptr, Value("v")));
        QCOMPARE(out->key(), Value(std::int32_t{3}));
        QVERIFY(out->keySchema() == Schema::int32Schema());
        QCOMPARE(out->value(), Value("v"));
        const auto nullKey = chain.apply(sourceRecord(nullptr, Value(), nullptr, Value("v")));
        QCOMPARE(nullKey->key(), Value());
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("ExtractField$Key", {{"field", "a"}, {"field.syntax.version", "V3"}});
                 })),
                 QStringLiteral(
                     "Invalid value V3 for configuration transforms.t.field.syntax.version: String must be "
                     "one of (case insensitive): V1, V2"));
    }
};

QTEST_GUILESS_MAIN(TstFieldTransforms)
#include "tst_field_transforms.moc"
