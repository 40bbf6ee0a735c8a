// SetSchemaMetadata, HoistField, Flatten and HeaderFrom (spec §9): reshaping keys and values.
#include "transform_test_util.h"

using namespace connectdesk;
using namespace connectdesk::transforms;
using namespace connectdesk::transforms::testing;
using sdk::Schema;
using sdk::Struct;

class TstStructureTransforms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void setSchemaMetadata_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("version"); // -1: not set
        QTest::addColumn<QString>("expectedName");
        QTest::addColumn<int>("expectedVersion");
        QTest::newRow("name") << "com.example.New" << -1 << "com.example.New" << 1;
        QTest::newRow("version") << "" << 3 << "com.example.Old" << 3;
        QTest::newRow("both") << "n" << 4 << "n" << 4;
    }
    void setSchemaMetadata()
    {
        QFETCH(QString, name);
        QFETCH(int, version);
        QFETCH(QString, expectedName);
        QFETCH(int, expectedVersion);
        const SchemaPtr schema =
            SchemaBuilder::structType()
                .name("com.example.Old")
                .version(1)
                .doc("kept")
                .field("a", SchemaBuilder::int32().optional().defaultValue(std::int32_t{5}).build())
                .build();
        ConfigMap cfg;
        if (!name.isEmpty()) {
            cfg.emplace("schema.name", name.toStdString());
        }
        if (version >= 0) {
            cfg.emplace("schema.version", std::to_string(version));
        }
        auto chain = chainFor("SetSchemaMetadata$Value", cfg);
        Struct v(schema);
        const auto out = chain.apply(valueRecord(schema, v));
        QCOMPARE(q(*out->valueSchema()->name()), expectedName);
        QCOMPARE(*out->valueSchema()->version(), expectedVersion);
        QCOMPARE(*out->valueSchema()->doc(), std::string("kept"));
        const Struct& rebound = out->value().as<Struct>();
        QVERIFY(rebound.schema() == out->valueSchema());
        QCOMPARE(rebound.getWithoutDefault("a"), Value(std::int32_t{5})); // null replaced by the default
    }

    void setSchemaMetadataErrors()
    {
        QCOMPARE(q(messageOf<sdk::ConfigException>([] { (void)chainFor("SetSchemaMetadata$Key", {}); })),
                 QStringLiteral(
                     "Invalid configuration for transforms.t: Neither schema name nor version configured"));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("SetSchemaMetadata$Key", {{"schema.version", "x"}});
                 })),
                 QStringLiteral(
                     "Invalid value x for configuration transforms.t.schema.version: Not a number of type "
                     "INT"));
        auto chain = chainFor("SetSchemaMetadata$Value", {{"schema.name", "n"}});
        QCOMPARE(
            q(messageOf<sdk::DataException>([&] { (void)chain.apply(valueRecord(nullptr, Value("x"))); })),
            QStringLiteral("Schema required for [updating schema metadata]"));
        const auto tomb = valueRecord(nullptr, Value());
        QCOMPARE(*chain.apply(tomb), tomb);
        // A primitive schema is renamed too; the value is unchanged.
        const auto prim = chain.apply(valueRecord(Schema::int64Schema(), std::int64_t{1}));
        QCOMPARE(*prim->valueSchema()->name(), std::string("n"));
        QCOMPARE(prim->valueSchema()->type(), sdk::SchemaType::Int64);
        QCOMPARE(prim->value(), Value(std::int64_t{1}));
    }

    void hoistField()
    {
        auto chain = chainFor("HoistField$Value", {{"field", "wrapped"}});
        const auto out = chain.apply(valueRecord(Schema::int32Schema(), std::int32_t{42}));
        const SchemaPtr expected =
            SchemaBuilder::structType().field("wrapped", Schema::int32Schema()).build();
        QVERIFY(sdk::schemasEqual(out->valueSchema(), expected));
        Struct s(expected);
        s.put("wrapped", std::int32_t{42});
        QCOMPARE(out->value(), Value(s));

        const auto schemaless = chain.apply(valueRecord(nullptr, Value("x")));
        QCOMPARE(schemaless->value(), Value(stringMap({{"wrapped", "x"}})));

        auto key = chainFor("HoistField$Key", {{"field", "k"}});
        const auto keyed = key.apply(sourceRecord(nullptr, Value(std::int64_t{1}), nullptr, Value("v")));
        QCOMPARE(keyed->key(), Value(stringMap({{"k", std::int64_t{1}}})));
        QCOMPARE(keyed->value(), Value("v"));

        // A null value for a required schema cannot go in the struct: the error names the field.
        const std::string msg = messageOf<sdk::DataException>(
            [&] { (void)chain.apply(valueRecord(Schema::int32Schema(), Value())); });
        QVERIFY2(q(msg).contains(QStringLiteral("wrapped")), msg.c_str());
    }

    void flattenWithSchema()
    {
        const SchemaPtr geo = SchemaBuilder::structType().field("lat", Schema::float64Schema()).build();
        const SchemaPtr addr = SchemaBuilder::structType()
                                   .optional()
                                   .field("city", Schema::stringSchema())
                                   .field("geo", geo)
                                   .build();
        const SchemaPtr schema = SchemaBuilder::structType()
                                     .name("com.example.Customer")
                                     .field("id", Schema::int32Schema())
                                     .field("addr", addr)
                                     .field("tags", SchemaBuilder::array(Schema::stringSchema()).build())
                                     .build();
        Struct g(geo);
        g.put("lat", 1.5);
        Struct a(addr);
        a.put("city", "Oslo").put("geo", g);
        Struct v(schema);
        v.put("id", std::int32_t{1}).put("addr", a).put("tags", sdk::Array{Value("x")});

        auto chain = chainFor("Flatten$Value", {});
        const auto out = chain.apply(valueRecord(schema, v));
        // Everything under the optional `addr` becomes optional.
        const SchemaPtr expected = SchemaBuilder::structType()
                                       .name("com.example.Customer")
                                       .field("id", Schema::int32Schema())
                                       .field("addr.city", Schema::optionalStringSchema())
                                       .field("addr.geo.lat", Schema::optionalFloat64Schema())
                                       .field("tags", SchemaBuilder::array(Schema::stringSchema()).build())
                                       .build();
        QVERIFY2(sdk::schemasEqual(out->valueSchema(), expected), out->valueSchema()->toString().c_str());
        const Struct& flat = out->value().as<Struct>();
        QCOMPARE(flat.get("addr.city"), Value("Oslo"));
        QCOMPARE(flat.get("addr.geo.lat"), Value(1.5));
        QCOMPARE(flat.get("tags"), Value(sdk::Array{Value("x")}));

        // A null nested struct leaves its flattened fields null.
        Struct noAddr(schema);
        noAddr.put("id", std::int32_t{2}).put("tags", sdk::Array{});
        const auto out2 = chain.apply(valueRecord(schema, noAddr));
        QCOMPARE(out2->value().as<Struct>().get("addr.city"), Value());
    }

    void flattenSchemalessAndErrors()
    {
        auto chain = chainFor("Flatten$Key", {{"delimiter", "_"}});
        const auto out = chain.apply(sourceRecord(
            nullptr,
            Value(stringMap({{"a", std::int32_t{1}},
                             {"b", Value(stringMap({{"c", "x"}, {"d", Value(stringMap({{"e", true}}))}}))},
                             {"n", Value()}})),
            nullptr, Value()));
        QCOMPARE(out->key(),
                 Value(stringMap({{"a", std::int32_t{1}}, {"b_c", "x"}, {"b_d_e", true}, {"n", Value()}})));

        const SchemaPtr withMap =
            SchemaBuilder::structType()
                .field("m", SchemaBuilder::map(Schema::stringSchema(), Schema::int32Schema()).build())
                .build();
        Struct s(withMap);
        s.put("m", sdk::Map{});
        auto value = chainFor("Flatten$Value", {});
        QCOMPARE(q(messageOf<sdk::DataException>([&] { (void)value.apply(valueRecord(withMap, s)); })),
                 QStringLiteral(
                     "Flatten transformation does not support MAP for record with schemas (for field m)."));
        QCOMPARE(
            q(messageOf<sdk::DataException>([&] { (void)value.apply(valueRecord(nullptr, Value("str"))); })),
            QStringLiteral(
                "Only Map objects supported in absence of schema for [flattening], found: STRING"));
    }

    void headerFrom_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QStringList>("remaining");
        QTest::newRow("copy") << "copy"
                              << QStringList{QStringLiteral("id"), QStringLiteral("trace"),
                                             QStringLiteral("qty")};
        QTest::newRow("move") << "move" << QStringList{QStringLiteral("id")};
    }
    void headerFrom()
    {
        QFETCH(QString, operation);
        QFETCH(QStringList, remaining);
        const SchemaPtr schema =
            SchemaBuilder::structType()
                .field("id", Schema::int32Schema())
                .field("trace", Schema::stringSchema())
                .field("qty", SchemaBuilder::int32().optional().defaultValue(std::int32_t{1}).build())
                .build();
        Struct v(schema);
        v.put("id", std::int32_t{1}).put("trace", "abc");
        auto chain = chainFor(
            "HeaderFrom$Value",
            {{"fields", "trace,qty"}, {"headers", "trace-id,q"}, {"operation", operation.toStdString()}});
        auto rec = valueRecord(schema, v);
        rec.headers().addString("existing", std::string("e"));
        const auto out = chain.apply(rec);
        QCOMPARE(out->headers().size(), std::size_t{3});
        QCOMPARE(out->headers().lastWithName("trace-id")->value(), Value("abc"));
        QVERIFY(out->headers().lastWithName("trace-id")->schema() == Schema::stringSchema());
        QCOMPARE(out->headers().lastWithName("q")->value(), Value(std::int32_t{1}));
        QStringList fields;
        for (const auto& f : out->valueSchema()->fields()) {
            fields << q(f.name());
        }
        QCOMPARE(fields, remaining);
        QCOMPARE(out->value().as<Struct>().get("id"), Value(std::int32_t{1}));

        // Schemaless: header without schema.
        const auto sl =
            chain.apply(valueRecord(nullptr, Value(stringMap({{"trace", "t"}, {"id", std::int32_t{2}}}))));
        QCOMPARE(sl->headers().lastWithName("trace-id")->value(), Value("t"));
        QVERIFY(!sl->headers().lastWithName("trace-id")->schema());
        QCOMPARE(sl->value().as<sdk::Map>().size(),
                 operation == QLatin1String("move") ? std::size_t{1} : std::size_t{2});
    }

    void headerFromConfigErrors()
    {
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("HeaderFrom$Key",
                                    {{"fields", "a,b"}, {"headers", "x"}, {"operation", "copy"}});
                 })),
                 QStringLiteral(
                     "Invalid configuration for transforms.t: 'fields' config must have the same number of "
                     "elements as 'headers' config."));
        QCOMPARE(
            q(messageOf<sdk::ConfigException>([] {
                (void)chainFor("HeaderFrom$Key", {{"fields", "a"}, {"headers", "x"}, {"operation", "swap"}});
            })),
            QStringLiteral(
                "Invalid value swap for configuration transforms.t.operation: String must be one of: "
                "move, copy"));
    }
};

QTEST_GUILESS_MAIN(TstStructureTransforms)
#include "tst_structure_transforms.moc"
