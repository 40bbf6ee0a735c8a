// Decimal / Date / Time / Timestamp encodings and BigDecimal text (spec §1.3).
#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>

#include <QTest>

using namespace connectdesk::sdk;

class TestLogicalTypes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decimalBytes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("scale");
        QTest::addColumn<QByteArray>("bytes");
        // Java BigInteger.toByteArray of the unscaled value (spec §1.3 examples).
        QTest::newRow("0") << QStringLiteral("0") << 0 << QByteArray::fromHex("00");
        QTest::newRow("127") << QStringLiteral("127") << 0 << QByteArray::fromHex("7f");
        QTest::newRow("128") << QStringLiteral("128") << 0 << QByteArray::fromHex("0080");
        QTest::newRow("-1") << QStringLiteral("-1") << 0 << QByteArray::fromHex("ff");
        QTest::newRow("-128") << QStringLiteral("-128") << 0 << QByteArray::fromHex("80");
        QTest::newRow("-129") << QStringLiteral("-129") << 0 << QByteArray::fromHex("ff7f");
        QTest::newRow("12.34") << QStringLiteral("12.34") << 2 << QByteArray::fromHex("04d2");
        QTest::newRow("-12.34") << QStringLiteral("-12.34") << 2 << QByteArray::fromHex("fb2e");
        QTest::newRow("2^64") << QStringLiteral("18446744073709551616") << 0
                              << QByteArray::fromHex("010000000000000000");
    }
    void decimalBytes()
    {
        QFETCH(QString, text);
        QFETCH(int, scale);
        QFETCH(QByteArray, bytes);
        const auto d = BigDecimal::parse(text.toStdString());
        QVERIFY(d);
        QCOMPARE(d->scale(), scale);
        const Bytes encoded = Decimal::fromLogical(*Decimal::schema(scale), *d);
        QCOMPARE(
            QByteArray(reinterpret_cast<const char*>(encoded.data()), static_cast<qsizetype>(encoded.size())),
            bytes);
        const BigDecimal back = Decimal::toLogical(*Decimal::schema(scale), encoded);
        QVERIFY(back == *d);
        QCOMPARE(QString::fromStdString(back.toString()), text);
    }

    void bigDecimalText_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("javaToString");
        QTest::addColumn<int>("scale");
        // Expected texts are Java's BigDecimal.toString of new BigDecimal(input).
        QTest::newRow("trailing zero kept") << QStringLiteral("12.30") << QStringLiteral("12.30") << 2;
        QTest::newRow("small uses exponent") << QStringLiteral("0.0000001") << QStringLiteral("1E-7") << 7;
        QTest::newRow("exponent input") << QStringLiteral("1E-7") << QStringLiteral("1E-7") << 7;
        QTest::newRow("negative scale") << QStringLiteral("1.23E+5") << QStringLiteral("1.23E+5") << -3;
        QTest::newRow("plain small") << QStringLiteral("0.000001") << QStringLiteral("0.000001") << 6;
        QTest::newRow("leading sign") << QStringLiteral("+5.5") << QStringLiteral("5.5") << 1;
        QTest::newRow("negative fraction") << QStringLiteral("-0.05") << QStringLiteral("-0.05") << 2;
    }
    void bigDecimalText()
    {
        QFETCH(QString, input);
        QFETCH(QString, javaToString);
        QFETCH(int, scale);
        const auto d = BigDecimal::parse(input.toStdString());
        QVERIFY(d);
        QCOMPARE(QString::fromStdString(d->toString()), javaToString);
        QCOMPARE(d->scale(), scale);
    }

    void bigDecimalRejectsNonNumbers()
    {
        QVERIFY(!BigDecimal::parse(""));
        QVERIFY(!BigDecimal::parse("abc"));
        QVERIFY(!BigDecimal::parse("1e"));
        QVERIFY(!BigDecimal::parse("1.2.3"));
        QVERIFY(!BigDecimal::parse("--1"));
    }

    void decimalScaleMustMatch()
    {
        QVERIFY_THROWS_EXCEPTION(DataException,
                                 Decimal::fromLogical(*Decimal::schema(3), *BigDecimal::parse("1.5")));
        QVERIFY_THROWS_EXCEPTION(DataException, Decimal::scale(*Schema::bytesSchema()));
        auto badScale =
            SchemaBuilder::bytes().name(std::string(Decimal::kLogicalName)).parameter("scale", "x").build();
        QVERIFY_THROWS_EXCEPTION(DataException, Decimal::scale(*badScale));
    }

    void dateTimeTimestamp()
    {
        QCOMPARE(Date::fromLogical(*Date::schema(), DateTime{19675LL * kMillisPerDay}), 19675);
        QVERIFY_THROWS_EXCEPTION(DataException,
                                 Date::fromLogical(*Date::schema(), DateTime{19675LL * kMillisPerDay + 1}));
        QCOMPARE(Date::fromLogical(*Date::schema(), DateTime{-kMillisPerDay}), -1);
        QCOMPARE(Time::fromLogical(*Time::schema(), DateTime{3600000}), 3600000);
        QCOMPARE(Time::fromLogical(*Time::schema(), DateTime{kMillisPerDay}),
                 86400000); // inclusive upper bound
        QVERIFY_THROWS_EXCEPTION(DataException,
                                 Time::fromLogical(*Time::schema(), DateTime{kMillisPerDay + 1}));
        QVERIFY_THROWS_EXCEPTION(DataException, Time::toLogical(*Time::schema(), -1));
        QCOMPARE(Timestamp::fromLogical(*Timestamp::schema(), DateTime{-5}), std::int64_t{-5});
        QVERIFY_THROWS_EXCEPTION(DataException, Timestamp::fromLogical(*Schema::int64Schema(), DateTime{1}));
    }

    // Expected fields from Python's datetime (an independent calendar implementation).
    void utcFields_data()
    {
        QTest::addColumn<qint64>("epochMillis");
        QTest::addColumn<qint64>("days");
        QTest::addColumn<QString>("text");
        QTest::newRow("epoch") << qint64(0) << qint64(0) << QStringLiteral("1970-01-01 00:00:00.000");
        QTest::newRow("one ms before")
            << qint64(-1) << qint64(-1) << QStringLiteral("1969-12-31 23:59:59.999");
        QTest::newRow("leap day 2000")
            << qint64(951782400000) << qint64(11016) << QStringLiteral("2000-02-29 00:00:00.000");
        QTest::newRow("year 1") << qint64(-62135596800000) << qint64(-719162)
                                << QStringLiteral("0001-01-01 00:00:00.000");
        QTest::newRow("year 9999") << qint64(253402300799999) << qint64(2932896)
                                   << QStringLiteral("9999-12-31 23:59:59.999");
    }
    void utcFields()
    {
        QFETCH(qint64, epochMillis);
        QFETCH(qint64, days);
        QFETCH(QString, text);
        const auto f = connectdesk::sdk::utcFields(epochMillis);
        QCOMPARE(f.daysSinceEpoch, days);
        const QString got =
            QString::asprintf("%04lld-%02u-%02u %02d:%02d:%02d.%03d", static_cast<long long>(f.date.year),
                              f.date.month, f.date.day, f.hour, f.minute, f.second, f.millis);
        QCOMPARE(got, text);
        QCOMPARE(daysFromCivil(f.date.year, f.date.month, f.date.day), days);
    }
    void logicalSchemas()
    {
        const auto d = Decimal::schema(2);
        QCOMPARE(d->type(), SchemaType::Bytes);
        QCOMPARE(*d->version(), 1);
        QCOMPARE(*d->parameter("scale"), std::string("2"));
        QCOMPARE(logicalTypeOf(*d), LogicalType::Decimal);
        QCOMPARE(logicalTypeOf(*Timestamp::schema()), LogicalType::Timestamp);
        QCOMPARE(Timestamp::schema()->type(), SchemaType::Int64);
        QCOMPARE(logicalTypeOf(*SchemaBuilder::int32().name("other").build()), LogicalType::None);
    }
};

QTEST_GUILESS_MAIN(TestLogicalTypes)
#include "tst_logical_types.moc"
