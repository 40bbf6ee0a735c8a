// Schema, SchemaBuilder rules and ConnectSchema.validateValue semantics (spec §1.1–1.2).
#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <QTest>

#include <functional>

using namespace connectdesk::sdk;

Q_DECLARE_METATYPE(std::function<void()>)
Q_DECLARE_METATYPE(SchemaPtr)
Q_DECLARE_METATYPE(Value)

class TestSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builderRules_data()
    {
        QTest::addColumn<std::function<void()>>("action");
        QTest::addColumn<QString>("message");
        QTest::newRow("optional then required")
            << std::function<void()>([] { SchemaBuilder::int32().optional().required(); })
            << QStringLiteral("optional has already been set");
        QTest::newRow("name twice") << std::function<void()>([] {
            SchemaBuilder::int32().name("a").name("b");
        }) << QStringLiteral("name has already been set");
        QTest::newRow("version twice")
            << std::function<void()>([] { SchemaBuilder::int32().version(1).version(2); })
            << QStringLiteral("version has already been set");
        QTest::newRow("doc twice") << std::function<void()>([] { SchemaBuilder::int32().doc("a").doc("b"); })
                                   << QStringLiteral("doc has already been set");
        QTest::newRow("default of wrong type")
            << std::function<void()>([] { SchemaBuilder::int32().defaultValue(Value("x")); })
            << QStringLiteral("Invalid default value");
        QTest::newRow("null default on required")
            << std::function<void()>([] { SchemaBuilder::int32().defaultValue(Value()); })
            << QStringLiteral("Invalid default value");
        QTest::newRow("field on non-struct")
            << std::function<void()>([] { SchemaBuilder::int32().field("a", Schema::int32Schema()); })
            << QStringLiteral("Cannot create fields on type INT32");
        QTest::newRow("duplicate field") << std::function<void()>([] {
            SchemaBuilder::structType().field("a", Schema::int32Schema()).field("a", Schema::stringSchema());
        }) << QStringLiteral("field name duplication a");
        QTest::newRow("empty field name")
            << std::function<void()>([] { SchemaBuilder::structType().field("", Schema::int32Schema()); })
            << QStringLiteral("fieldName cannot be null");
        QTest::newRow("null field schema")
            << std::function<void()>([] { SchemaBuilder::structType().field("a", nullptr); })
            << QStringLiteral("fieldSchema for field a cannot be null");
        QTest::newRow("null array element") << std::function<void()>([] { SchemaBuilder::array(nullptr); })
                                            << QStringLiteral("valueSchema cannot be null");
        QTest::newRow("null map key")
            << std::function<void()>([] { SchemaBuilder::map(nullptr, Schema::int32Schema()); })
            << QStringLiteral("keySchema cannot be null");
    }
    void builderRules()
    {
        QFETCH(std::function<void()>, action);
        QFETCH(QString, message);
        try {
            action();
            QFAIL("no exception");
        } catch (const SchemaBuilderException& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void settingTheSameValueTwiceIsAllowed()
    {
        auto s =
            SchemaBuilder::int32().name("n").name("n").optional().optional().version(3).version(3).build();
        QCOMPARE(*s->name(), std::string("n"));
        QVERIFY(s->isOptional());
        QCOMPARE(*s->version(), 3);
    }

    void builtSchemaCarriesEverything()
    {
        auto s = SchemaBuilder::structType()
                     .name("com.example.Order")
                     .version(2)
                     .doc("an order")
                     .parameter("a", "1")
                     .parameter("b", "2")
                     .field("id", Schema::int64Schema())
                     .field("note", Schema::optionalStringSchema())
                     .optional()
                     .build();
        QCOMPARE(s->type(), SchemaType::Struct);
        QCOMPARE(s->fields().size(), std::size_t{2});
        QCOMPARE(s->fields()[1].index(), 1);
        QCOMPARE(s->field("note")->schema().get(), Schema::optionalStringSchema().get());
        QVERIFY(s->field("missing") == nullptr);
        QCOMPARE(*s->parameter("b"), std::string("2"));
        QCOMPARE(s->parameters().front().first, std::string("a")); // insertion order kept
        QCOMPARE(s->toString(), std::string("Schema{com.example.Order:STRUCT}"));
        QCOMPARE(Schema::int32Schema()->toString(), std::string("Schema{INT32}"));
    }

    void emptyParametersAreNotStored()
    {
        QVERIFY(SchemaBuilder::string().parameters({}).build()->parameters().empty());
    }

    void equality()
    {
        auto a = SchemaBuilder::string().parameter("x", "1").parameter("y", "2").defaultValue("d").build();
        auto b = SchemaBuilder::string().parameter("y", "2").parameter("x", "1").defaultValue("d").build();
        auto c = SchemaBuilder::string().parameter("x", "1").parameter("y", "2").defaultValue("e").build();
        QVERIFY(*a == *b); // parameter order does not matter (Map.equals)
        QVERIFY(!(*a == *c));
        QVERIFY(schemasEqual(nullptr, nullptr));
        QVERIFY(!schemasEqual(a, nullptr));
        QVERIFY(*SchemaBuilder::int32().build() == *Schema::int32Schema());
        QVERIFY(!(*SchemaBuilder::int32().optional().build() == *Schema::int32Schema()));
        auto bytesDefault1 = SchemaBuilder::bytes().defaultValue(Bytes{1, 2}).build();
        auto bytesDefault2 = SchemaBuilder::bytes().defaultValue(Bytes{1, 2}).build();
        QVERIFY(*bytesDefault1 == *bytesDefault2); // deep equality for byte defaults
    }

    void predefinedSchemas()
    {
        QCOMPARE(Schema::primitive(SchemaType::Int16, true).get(), Schema::optionalInt16Schema().get());
        QVERIFY(Schema::optionalBytesSchema()->isOptional());
        QVERIFY(!Schema::booleanSchema()->isOptional());
        QVERIFY(Schema::primitive(SchemaType::Struct, false) == nullptr);
        // They own no reference count (records copy them on hot paths) and still equal the same
        // schema built anew.
        const SchemaPtr copy = Schema::stringSchema();
        QCOMPARE(copy.get(), Schema::stringSchema().get());
        QCOMPARE(copy.use_count(), 0L);
        QVERIFY(*copy == *SchemaBuilder::string().build());
        QVERIFY(*Schema::optionalInt64Schema() == *SchemaBuilder::int64().optional().build());
    }

    void validateValue_data()
    {
        QTest::addColumn<SchemaPtr>("schema");
        QTest::addColumn<Value>("value");
        QTest::addColumn<QString>("error"); // empty = valid
        auto point = SchemaBuilder::structType().name("P").field("x", Schema::int32Schema()).build();
        auto other = SchemaBuilder::structType().name("Q").field("x", Schema::int32Schema()).build();
        Struct p(point);
        p.put("x", Value(std::int32_t{1}));
        Struct q(other);
        q.put("x", Value(std::int32_t{1}));
        auto outer =
            SchemaBuilder::structType()
                .field("lines", SchemaBuilder::array(point).build())
                .field("m", SchemaBuilder::map(Schema::stringSchema(), Schema::int64Schema()).build())
                .build();
        Struct incomplete(point); // x required, never set
        Struct outerBad(outer);
        outerBad.putUnchecked(0, Value(Array{Value(p), Value(incomplete)}));
        outerBad.putUnchecked(1, Value(Map{}));
        Struct outerBadMap(outer);
        outerBadMap.putUnchecked(0, Value(Array{}));
        outerBadMap.putUnchecked(1, Value(Map{{Value("k"), Value("not a long")}}));

        QTest::newRow("int32 ok") << Schema::int32Schema() << Value(std::int32_t{5}) << QString();
        QTest::newRow("int64 for int32") << Schema::int32Schema() << Value(std::int64_t{5})
                                         << QStringLiteral("expected INT32 for schema type INT32, got INT64");
        QTest::newRow("null required")
            << Schema::stringSchema() << Value() << QStringLiteral("null used for required field");
        QTest::newRow("null optional") << Schema::optionalStringSchema() << Value() << QString();
        QTest::newRow("decimal needs BigDecimal")
            << Decimal::schema(2) << Value(Bytes{1})
            << QStringLiteral("expected Decimal (logical type org.apache.kafka.connect.data.Decimal)");
        QTest::newRow("decimal ok") << Decimal::schema(2) << Value(BigDecimal::fromUnscaled(1, 2))
                                    << QString();
        QTest::newRow("date needs DateTime")
            << Date::schema() << Value(std::int32_t{1}) << QStringLiteral("expected DateTime");
        QTest::newRow("struct ok") << point << Value(p) << QString();
        QTest::newRow("struct other schema")
            << point << Value(q) << QStringLiteral("Struct schemas do not match");
        QTest::newRow("nested path in array")
            << outer << Value(outerBad) << QStringLiteral("field: \"lines[1].x\", schema type: INT32");
        QTest::newRow("nested path in map")
            << outer << Value(outerBadMap)
            << QStringLiteral("for field \"m[0].value\": expected INT64 for schema type INT64, got STRING");
        QTest::newRow("array element") << SchemaBuilder::array(Schema::int8Schema()).build()
                                       << Value(Array{Value(std::int8_t{1}), Value(true)})
                                       << QStringLiteral("for field \"[1]\": expected INT8");
        QTest::newRow("no schema accepts anything") << SchemaPtr() << Value("x") << QString();
    }
    void validateValue()
    {
        QFETCH(SchemaPtr, schema);
        QFETCH(Value, value);
        QFETCH(QString, error);
        try {
            Schema::validateValue(schema, value);
            QVERIFY2(error.isEmpty(), "expected an error");
        } catch (const DataException& e) {
            QVERIFY2(!error.isEmpty() && QString::fromUtf8(e.what()).contains(error), e.what());
        }
    }

    void typeNames()
    {
        QCOMPARE(schemaTypeName(SchemaType::Float32), std::string_view("FLOAT32"));
        QCOMPARE(schemaTypeLowerName(SchemaType::Boolean), std::string_view("boolean"));
        QCOMPARE(*schemaTypeFromName("struct"), SchemaType::Struct);
        QVERIFY(!schemaTypeFromName("float"));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
