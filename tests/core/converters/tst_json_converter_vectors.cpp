// Byte compatibility with Apache's JsonConverter: our output must equal the checked-in bytes
// written by the real Apache converter, and we must read those bytes back to the expected data.
#include "json_vector_cases.h"

#include "converters/json_converter.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace connectdesk;

Q_DECLARE_METATYPE(std::size_t)

class TestJsonConverterVectors : public QObject {
    Q_OBJECT

private:
    std::vector<testing::JsonVectorCase> m_cases = testing::jsonVectorCases();

    // nullopt when Apache wrote a Kafka null (<case>.null).
    static std::optional<QByteArray> apacheBytes(const std::string& name)
    {
        const QString base = QStringLiteral(CONNECTDESK_VECTORS_DIR "/") + QString::fromStdString(name);
        if (QFile::exists(base + QStringLiteral(".null")))
            return std::nullopt;
        QFile f(base + QStringLiteral(".json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing vector %s", qPrintable(f.fileName()));
        return f.readAll();
    }

private Q_SLOTS:
    void everyVectorHasACase()
    {
        // A vector without a C++ case (or the reverse) means the two tables drifted apart.
        QDir dir(QStringLiteral(CONNECTDESK_VECTORS_DIR));
        const auto files = dir.entryList(QDir::Files);
        QCOMPARE(static_cast<std::size_t>(files.size()), m_cases.size());
    }

    void serialisesLikeApache_data()
    {
        QTest::addColumn<std::size_t>("index");
        for (std::size_t i = 0; i < m_cases.size(); ++i)
            QTest::newRow(m_cases[i].name.c_str()) << i;
    }
    void serialisesLikeApache()
    {
        QFETCH(std::size_t, index);
        const auto& c = m_cases[index];
        converters::JsonConverter converter;
        converter.configure(c.config, false);
        sdk::Headers headers;
        const auto ours = converter.fromConnectData("topic", headers, c.schema, c.value);
        const auto apache = apacheBytes(c.name);
        QCOMPARE(ours.has_value(), apache.has_value());
        if (ours)
            QCOMPARE(
                QByteArray(reinterpret_cast<const char*>(ours->data()), static_cast<qsizetype>(ours->size())),
                *apache);
    }

    void readsApacheBytes_data() { serialisesLikeApache_data(); }
    void readsApacheBytes()
    {
        QFETCH(std::size_t, index);
        const auto& c = m_cases[index];
        converters::JsonConverter converter;
        converter.configure(c.config, false);
        const auto apache = apacheBytes(c.name);
        std::optional<sdk::ByteView> view;
        if (apache)
            view = sdk::ByteView(reinterpret_cast<const std::uint8_t*>(apache->constData()),
                                 static_cast<std::size_t>(apache->size()));
        const sdk::SchemaAndValue read = converter.toConnectData("topic", sdk::Headers(), view);
        const sdk::SchemaAndValue expected =
            c.readBack ? *c.readBack : sdk::SchemaAndValue{c.schema, c.value};
        // The in-place form reads the same, whatever the value held before (a string buffer it
        // may reuse, another type, null).
        for (const sdk::Value& held :
             {sdk::Value(std::string(40, 'z')), sdk::Value(std::int64_t{5}), sdk::Value()}) {
            sdk::SchemaPtr schema = sdk::Schema::int8Schema();
            sdk::Value value = held;
            converter.toConnectDataInto("topic", sdk::Headers(), view, schema, value);
            QVERIFY(sdk::schemasEqual(schema, read.schema));
            QVERIFY(value == read.value);
        }
        if (!apache) {
            QVERIFY(read.isNull());
            return;
        }
        QVERIFY2(sdk::schemasEqual(read.schema, expected.schema),
                 read.schema ? read.schema->toString().c_str() : "null schema");
        QVERIFY(read.value == expected.value);
    }

    void readsTwiceThroughSchemaCache()
    {
        // The second read takes the schema from the JSON -> Connect cache: same result, same object.
        const auto& c = m_cases[static_cast<std::size_t>(
            std::find_if(m_cases.begin(), m_cases.end(),
                         [](const auto& x) { return x.name == "struct_order"; }) -
            m_cases.begin())];
        converters::JsonConverter converter;
        converter.configure(c.config, false);
        const QByteArray bytes = *apacheBytes(c.name);
        const sdk::ByteView view(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                 static_cast<std::size_t>(bytes.size()));
        const auto first = converter.toConnectData("t", sdk::Headers(), view);
        const auto second = converter.toConnectData("t", sdk::Headers(), view);
        QCOMPARE(first.schema.get(), second.schema.get());
        QVERIFY(second.value == c.value);
    }
};

QTEST_GUILESS_MAIN(TestJsonConverterVectors)
#include "tst_json_converter_vectors.moc"
