// Filter, InsertHeader and DropHeaders (spec §9), on source and sink records.
#include "transform_test_util.h"

using namespace connectdesk;
using namespace connectdesk::transforms;
using namespace connectdesk::transforms::testing;
using sdk::Schema;

class TstHeaderTransforms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void filterDropsEverything()
    {
        auto source = chainFor("Filter", {});
        QVERIFY(!source.apply(valueRecord(nullptr, Value("v"))).has_value());
        auto sink = chainFor<SinkRecord>("org.apache.kafka.connect.transforms.Filter", {});
        QVERIFY(!sink.apply(SinkRecord("t", 0, nullptr, Value(), nullptr, Value(), 1)).has_value());
    }

    void insertHeader_data()
    {
        QTest::addColumn<QString>("literal");
        QTest::addColumn<int>("schemaType"); // sdk::SchemaType
        QTest::addColumn<Value>("expected");
        QTest::newRow("small int is INT8") << "42" << int(sdk::SchemaType::Int8) << Value(std::int8_t{42});
        QTest::newRow("int32") << "100000" << int(sdk::SchemaType::Int32) << Value(std::int32_t{100000});
        QTest::newRow("boolean") << "true" << int(sdk::SchemaType::Boolean) << Value(true);
        QTest::newRow("text") << "hello world" << int(sdk::SchemaType::String) << Value("hello world");
    }
    void insertHeader()
    {
        QFETCH(QString, literal);
        QFETCH(int, schemaType);
        QFETCH(Value, expected);
        auto chain = chainFor("InsertHeader", {{"header", "h"}, {"value.literal", literal.toStdString()}});
        auto rec = valueRecord(nullptr, Value("v"));
        rec.headers().addString("h", std::string("old"));
        const auto out = chain.apply(rec);
        QCOMPARE(out->headers().size(), std::size_t{2}); // existing headers are kept
        const sdk::Header* h = out->headers().lastWithName("h");
        QCOMPARE(h->value(), expected);
        QCOMPARE(int(h->schema()->type()), schemaType);
        QCOMPARE(out->value(), Value("v"));
    }

    void insertHeaderNeedsBothKeys()
    {
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("InsertHeader", {{"header", "h"}});
                 })),
                 QStringLiteral(
                     "Missing required configuration \"transforms.t.value.literal\" which has no default "
                     "value."));
    }

    void dropHeaders()
    {
        auto chain = chainFor("DropHeaders", {{"headers", "a, b"}});
        auto rec = valueRecord(nullptr, Value());
        rec.headers().addInt("a", 1).addInt("c", 2).addInt("a", 3).addInt("b", 4);
        const auto out = chain.apply(rec);
        QCOMPARE(out->headers().size(), std::size_t{1});
        QCOMPARE(q(out->headers().at(0).key()), QStringLiteral("c"));
        QCOMPARE(q(messageOf<sdk::ConfigException>([] {
                     (void)chainFor("DropHeaders", {{"headers", ""}});
                 })),
                 QStringLiteral("Invalid value [] for configuration transforms.t.headers: Empty list"));
    }
};

QTEST_GUILESS_MAIN(TstHeaderTransforms)
#include "tst_header_transforms.moc"
