// Struct: put validation, defaults on get, typed getters, validate() (spec §1.2).
#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema_builder.h>

#include <QTest>

using namespace connectdesk::sdk;

class TestStruct : public QObject {
    Q_OBJECT

    SchemaPtr m_schema = SchemaBuilder::structType()
                             .name("com.example.S")
                             .field("id", Schema::int64Schema())
                             .field("name", Schema::optionalStringSchema())
                             .field("qty", SchemaBuilder::int32().defaultValue(std::int32_t{5}).build())
                             .field("tags", SchemaBuilder::array(Schema::stringSchema()).optional().build())
                             .build();

private Q_SLOTS:
    void putAndGet()
    {
        Struct s(m_schema);
        s.put("id", Value(std::int64_t{7})).put("name", Value("n"));
        QCOMPARE(s.getInt64("id"), std::int64_t{7});
        QCOMPARE(s.getString("name"), std::string("n"));
        QVERIFY(s.get("tags").isNull());
        s.validate();
    }

    void getAppliesDefaultsButGetWithoutDefaultDoesNot()
    {
        Struct s(m_schema);
        QCOMPARE(s.get("qty").as<std::int32_t>(), 5);
        QVERIFY(s.getWithoutDefault("qty").isNull());
        QCOMPARE(s.getInt32("qty"), 5);
    }

    void putRejectsWrongTypeNamingTheField()
    {
        Struct s(m_schema);
        try {
            s.put("id", Value("seven"));
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral(
                         "Invalid value for field \"id\": expected INT64 for schema type INT64, got STRING"));
        }
        QVERIFY(s.getWithoutDefault("id").isNull()); // nothing stored on failure
    }

    void putRejectsNullForRequired()
    {
        Struct s(m_schema);
        QVERIFY_THROWS_EXCEPTION(DataException, s.put("id", Value()));
    }

    void unknownFieldAndTypedGetterMismatch()
    {
        Struct s(m_schema);
        try {
            s.get("nope");
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("nope is not a valid field name"));
        }
        s.put("id", Value(std::int64_t{1}));
        try {
            s.getInt32("id");
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("Field 'id' is not of type INT32"));
        }
        QVERIFY_THROWS_EXCEPTION(DataException, s.getString("name")); // null, no default
    }

    void validateNeedsRequiredFieldsUnlessDefaulted()
    {
        Struct s(m_schema);
        QVERIFY_THROWS_EXCEPTION(DataException, s.validate()); // id missing
        s.put("id", Value(std::int64_t{1}));
        s.validate(); // qty null but has a default, name/tags optional
    }

    void notAStructSchema()
    {
        QVERIFY_THROWS_EXCEPTION(DataException, Struct(Schema::int32Schema()));
        QVERIFY_THROWS_EXCEPTION(DataException, Struct(nullptr));
    }

    void equalityAndCopies()
    {
        Struct a(m_schema);
        a.put("id", Value(std::int64_t{1})).put("tags", Value(Array{Value("x")}));
        Struct b = a;
        QVERIFY(a == b);
        b.put("name", Value("other"));
        QVERIFY(!(a == b));
        Value moved(std::move(b));
        QCOMPARE(moved.as<Struct>().getString("name"), std::string("other"));
    }

    void valueAccessors()
    {
        Value v(std::int32_t{3});
        QCOMPARE(v.kind(), ValueKind::Int32);
        QVERIFY(v.getIf<std::int64_t>() == nullptr);
        try {
            (void)v.as<std::string>();
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("Expected a value of type STRING but got INT32"));
        }
        QVERIFY(Value() == Value(nullptr));
        QCOMPARE(Value("s").kind(), ValueKind::String);
        QVERIFY(Value(Map{{Value(std::int32_t{1}), Value("a")}}) ==
                Value(Map{{Value(std::int32_t{1}), Value("a")}}));
        QVERIFY(!(Value(std::int32_t{1}) == Value(std::int64_t{1})));
    }
};

QTEST_GUILESS_MAIN(TestStruct)
#include "tst_struct.moc"
