// StringConverter, ByteArrayConverter and the fixed-width converters: bytes as Kafka's
// serializers write them, Apache's schemas on read, errors for wrong types/lengths (spec §3).
#include "converters/byte_array_converter.h"
#include "converters/number_converters.h"
#include "converters/string_converter.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <QTest>

using namespace connectdesk;
using namespace connectdesk::sdk;
using namespace connectdesk::converters;

Q_DECLARE_METATYPE(Value)

namespace {

QByteArray toQ(const std::optional<Bytes>& b)
{
    if (!b)
        return QByteArray();
    return QByteArray(reinterpret_cast<const char*>(b->data()), static_cast<qsizetype>(b->size()));
}

ByteView view(const QByteArray& b)
{
    return ByteView(reinterpret_cast<const std::uint8_t*>(b.constData()), static_cast<std::size_t>(b.size()));
}

} // namespace

class TestSimpleConverters : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void numbersBigEndian_data()
    {
        QTest::addColumn<QString>("converter");
        QTest::addColumn<Value>("value");
        QTest::addColumn<QByteArray>("bytes");
        // Expected bytes follow Kafka's Short/Integer/Long/Float/DoubleSerializer (big-endian).
        QTest::newRow("short") << QStringLiteral("Short") << Value(std::int16_t{-2})
                               << QByteArray::fromHex("fffe");
        QTest::newRow("integer") << QStringLiteral("Integer") << Value(std::int32_t{0x01020304})
                                 << QByteArray::fromHex("01020304");
        QTest::newRow("long") << QStringLiteral("Long") << Value(std::int64_t{-1})
                              << QByteArray::fromHex("ffffffffffffffff");
        QTest::newRow("float") << QStringLiteral("Float") << Value(1.5f) << QByteArray::fromHex("3fc00000");
        QTest::newRow("double") << QStringLiteral("Double") << Value(-2.0)
                                << QByteArray::fromHex("c000000000000000");
        QTest::newRow("boolean true")
            << QStringLiteral("Boolean") << Value(true) << QByteArray::fromHex("01");
        QTest::newRow("boolean false")
            << QStringLiteral("Boolean") << Value(false) << QByteArray::fromHex("00");
    }
    void numbersBigEndian()
    {
        QFETCH(QString, converter);
        QFETCH(Value, value);
        QFETCH(QByteArray, bytes);
        std::unique_ptr<Converter> c;
        if (converter == QStringLiteral("Short"))
            c = std::make_unique<ShortConverter>();
        else if (converter == QStringLiteral("Integer"))
            c = std::make_unique<IntegerConverter>();
        else if (converter == QStringLiteral("Long"))
            c = std::make_unique<LongConverter>();
        else if (converter == QStringLiteral("Float"))
            c = std::make_unique<FloatConverter>();
        else if (converter == QStringLiteral("Double"))
            c = std::make_unique<DoubleConverter>();
        else
            c = std::make_unique<BooleanConverter>();
        c->configure({}, false);
        Headers h;
        QCOMPARE(toQ(c->fromConnectData("t", h, nullptr, value)), bytes);
        const auto back = c->toConnectData("t", h, view(bytes));
        QVERIFY(back.value == value);
        QVERIFY(back.schema->isOptional());
        // Kafka null: no bytes out, (OPTIONAL_x, null) in - as Apache 4.1.1 returns.
        QVERIFY(!c->fromConnectData("t", h, nullptr, Value()));
        const auto nullBack = c->toConnectData("t", h, std::nullopt);
        QVERIFY(nullBack.value.isNull());
        QCOMPARE(nullBack.schema.get(), back.schema.get());
    }

    void numberErrors()
    {
        IntegerConverter ic;
        Headers h;
        try {
            ic.fromConnectData("t", h, Schema::int32Schema(), Value(std::int64_t{5}));
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("Failed to serialize to integer (was INT64)"));
        }
        try {
            ic.toConnectData("t", h, view(QByteArray(3, '\0')));
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(
                QString::fromUtf8(e.what()),
                QStringLiteral(
                    "Failed to deserialize integer: Size of data received by IntegerDeserializer is not 4"));
        }
        // Apache's number converters ignore the schema type.
        QCOMPARE(toQ(ic.fromConnectData("t", h, Schema::stringSchema(), Value(std::int32_t{5}))),
                 QByteArray::fromHex("00000005"));
        BooleanConverter bc;
        QVERIFY_THROWS_EXCEPTION(DataException, bc.toConnectData("t", h, view(QByteArray::fromHex("02"))));
        QVERIFY_THROWS_EXCEPTION(DataException, bc.toConnectData("t", h, view(QByteArray::fromHex("0101"))));
        try {
            bc.fromConnectData("t", h, Schema::int32Schema(), Value(true));
            QFAIL("no exception");
        } catch (const DataException& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("Invalid schema type for BooleanConverter: INT32"));
        }
    }

    void byteArray()
    {
        ByteArrayConverter c;
        Headers h;
        QCOMPARE(toQ(c.fromConnectData("t", h, Schema::bytesSchema(), Value(Bytes{1, 2}))),
                 QByteArray::fromHex("0102"));
        QCOMPARE(toQ(c.fromConnectData("t", h, nullptr, Value(Bytes{}))), QByteArray());
        QVERIFY(c.fromConnectData("t", h, nullptr, Value(Bytes{})).has_value()); // empty, not null
        QVERIFY_THROWS_EXCEPTION(DataException,
                                 c.fromConnectData("t", h, Schema::stringSchema(), Value(Bytes{1})));
        QVERIFY_THROWS_EXCEPTION(DataException, c.fromConnectData("t", h, nullptr, Value("x")));
        const auto back = c.toConnectData("t", h, view(QByteArray::fromHex("ff00")));
        QCOMPARE(back.schema.get(), Schema::optionalBytesSchema().get());
        QVERIFY(back.value == Value(Bytes{0xFF, 0x00}));
    }

    void stringConverterText_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QString>("text");
        auto schema = SchemaBuilder::structType()
                          .field("a", Schema::int32Schema())
                          .field("b", Schema::optionalStringSchema())
                          .build();
        Struct s(schema);
        s.put("a", Value(std::int32_t{1}));
        // Expected texts observed from Apache 4.1.1's StringConverter in a UTC JVM.
        QTest::newRow("string") << Value("h\xC3\xA9") << QStringLiteral("hé");
        QTest::newRow("empty string") << Value(std::string()) << QString();
        QTest::newRow("struct") << Value(s) << QStringLiteral("Struct{a=1}");
        QTest::newRow("map") << Value(Map{{Value("k"), Value(std::int32_t{1})},
                                          {Value("j"), Value(Array{Value(1.5f), Value("x")})}})
                             << QStringLiteral("{k=1, j=[1.5, x]}");
        QTest::newRow("date") << Value(DateTime{0}) << QStringLiteral("Thu Jan 01 00:00:00 UTC 1970");
        QTest::newRow("double") << Value(1e10) << QStringLiteral("1.0E10");
        QTest::newRow("decimal") << Value(*BigDecimal::parse("1.50")) << QStringLiteral("1.50");
    }
    void stringConverterText()
    {
        QFETCH(Value, value);
        QFETCH(QString, text);
        StringConverter c;
        c.configure({}, false);
        Headers h;
        QCOMPARE(QString::fromUtf8(toQ(c.fromConnectData("t", h, nullptr, value))), text);
        // The hot-path form writes the same bytes into a reused buffer (longer content before).
        Bytes out(64, 0xAA);
        QVERIFY(c.fromConnectDataInto("t", h, nullptr, value, out));
        QCOMPARE(QString::fromUtf8(toQ(std::optional<Bytes>(out))), text);
        QVERIFY(!c.fromConnectDataInto("t", h, nullptr, Value(), out)); // null: Kafka null
    }

    void stringConverterEncodings()
    {
        StringConverter c;
        Headers h;
        c.configure({{"converter.encoding", "UTF-16"}}, false);
        QCOMPARE(toQ(c.fromConnectData("t", h, nullptr, Value("A\xC3\xA9"))),
                 QByteArray::fromHex("feff004100e9"));
        Bytes out;
        QVERIFY(c.fromConnectDataInto("t", h, nullptr, Value("A\xC3\xA9"), out));
        QCOMPARE(toQ(std::optional<Bytes>(out)), QByteArray::fromHex("feff004100e9"));
        QCOMPARE(c.toConnectData("t", h, view(QByteArray::fromHex("fffe4100e900"))).value.as<std::string>(),
                 std::string("A\xC3\xA9"));
        c.configure({{"converter.encoding", "ISO-8859-1"}}, false);
        QCOMPARE(toQ(c.fromConnectData("t", h, nullptr, Value("\xC3\xA9\xE2\x82\xAC"))),
                 QByteArray::fromHex("e93f"));
        QCOMPARE(c.toConnectData("t", h, view(QByteArray::fromHex("e9"))).value.as<std::string>(),
                 std::string("\xC3\xA9"));
        // 7-bit text is itself in every one of these encodings (the decoder's shortcut).
        QCOMPARE(c.toConnectData("t", h, view(QByteArray("plain 7-bit\n"))).value.as<std::string>(),
                 std::string("plain 7-bit\n"));
        c.configure({{"converter.encoding", "utf8"}}, false);
        QCOMPARE(c.encoding(), TextEncoding::Utf8);
        QCOMPARE(c.toConnectData("t", h, view(QByteArray("plain 7-bit"))).value.as<std::string>(),
                 std::string("plain 7-bit"));
        const auto bad = c.toConnectData("t", h, view(QByteArray::fromHex("41ff")));
        QCOMPARE(bad.value.as<std::string>(), std::string("A\xEF\xBF\xBD")); // replacement character
        QCOMPARE(bad.schema.get(), Schema::optionalStringSchema().get());
        QVERIFY_THROWS_EXCEPTION(ConfigException, c.configure({{"converter.encoding", "EBCDIC-XYZ"}}, false));
    }

    // A byte above 0x7F anywhere in the text, at each position of the 8-byte steps and of the
    // tail, takes the text off the 7-bit shortcut: ISO-8859-1's é must come out as UTF-8.
    void stringConverterHighByteAtEachPosition()
    {
        StringConverter c;
        Headers h;
        c.configure({{"converter.encoding", "ISO-8859-1"}}, false);
        for (int length = 1; length <= 19; ++length) {
            for (int at = 0; at < length; ++at) {
                QByteArray raw(length, 'x');
                raw[at] = '\xE9';
                std::string expected(static_cast<std::size_t>(length), 'x');
                expected.replace(static_cast<std::size_t>(at), 1, "\xC3\xA9");
                QCOMPARE(c.toConnectData("t", h, view(raw)).value.as<std::string>(), expected);
            }
        }
    }

    // toConnectDataInto gives what toConnectData gives, whatever the value held before, and
    // text that needs no decoding lands in the string buffer the value already had.
    void stringConverterIntoMatchesToConnectData()
    {
        const std::vector<std::pair<const char*, std::optional<QByteArray>>> cases{
            {"UTF-8", QByteArray("plain 7-bit text of some length")},
            {"UTF-8", QByteArray("caf\xC3\xA9")},
            {"UTF-8", QByteArray::fromHex("41ff")},
            {"UTF-8", QByteArray()},
            {"UTF-8", std::nullopt},
            {"ISO-8859-1", QByteArray::fromHex("e9")},
            {"UTF-16", QByteArray::fromHex("fffe4100e900")},
        };
        const std::vector<Value> before{Value(std::string(64, 'z')), Value(std::int32_t{7}), Value()};
        for (const auto& [encoding, input] : cases) {
            StringConverter c;
            c.configure({{"converter.encoding", encoding}}, false);
            Headers h;
            const std::optional<ByteView> data = input ? std::optional<ByteView>(view(*input)) : std::nullopt;
            const SchemaAndValue expected = c.toConnectData("t", h, data);
            for (const Value& held : before) {
                SchemaPtr schema = Schema::int32Schema();
                Value value = held;
                c.toConnectDataInto("t", h, data, schema, value);
                QCOMPARE(schema.get(), expected.schema.get());
                QVERIFY2(value == expected.value, encoding);
            }
        }
        StringConverter c;
        c.configure({}, false);
        Headers h;
        SchemaPtr schema;
        Value value(std::string(64, 'z'));
        const char* buffer = value.getIf<std::string>()->data();
        c.toConnectDataInto("t", h, view(QByteArray("a shorter line")), schema, value);
        QCOMPARE(value.as<std::string>(), std::string("a shorter line"));
        QCOMPARE(static_cast<const void*>(value.getIf<std::string>()->data()),
                 static_cast<const void*>(buffer));
    }
};

QTEST_GUILESS_MAIN(TestSimpleConverters)
#include "tst_simple_converters.moc"
