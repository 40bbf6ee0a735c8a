// Tests of the checked librdkafka configuration builder and KafkaError.
#include "kafka/kafka_conf.h"
#include "kafka/kafka_error.h"

#include <QTest>

#include <array>

using namespace connectdesk::kafka;

class TstKafkaConf : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void appliesEveryProperty()
    {
        RdKafkaConfPtr conf =
            makeConf({{"bootstrap.servers", "127.0.0.1:1"}, {"linger.ms", "17"}, {"acks", "all"}});
        QVERIFY(conf);
        std::array<char, 64> buf{};
        std::size_t size = buf.size();
        QCOMPARE(rd_kafka_conf_get(conf.get(), "linger.ms", buf.data(), &size), RD_KAFKA_CONF_OK);
        QCOMPARE(QByteArray(buf.data()), QByteArray("17"));
        size = buf.size();
        QCOMPARE(rd_kafka_conf_get(conf.get(), "bootstrap.servers", buf.data(), &size), RD_KAFKA_CONF_OK);
        QCOMPARE(QByteArray(buf.data()), QByteArray("127.0.0.1:1"));
        // librdkafka stores acks=all as -1 (its documented alias).
        size = buf.size();
        QCOMPARE(rd_kafka_conf_get(conf.get(), "acks", buf.data(), &size), RD_KAFKA_CONF_OK);
        QCOMPARE(QByteArray(buf.data()), QByteArray("-1"));
    }

    void rejectedPropertyIsNamed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("unknown key") << QStringLiteral("foo.bar") << QStringLiteral("1");
        QTest::newRow("bad enum value") << QStringLiteral("acks") << QStringLiteral("banana");
        QTest::newRow("out of range") << QStringLiteral("linger.ms") << QStringLiteral("-5");
        QTest::newRow("not a boolean") << QStringLiteral("enable.idempotence") << QStringLiteral("maybe");
        QTest::newRow("not a number") << QStringLiteral("message.max.bytes") << QStringLiteral("lots");
    }

    void rejectedPropertyIsNamed()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const ClientProperties props{{"bootstrap.servers", "127.0.0.1:1"},
                                     {key.toStdString(), value.toStdString()}};
        try {
            makeConf(props);
            QFAIL("makeConf accepted a property librdkafka rejects");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__INVALID_ARG);
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QLatin1Char('\'') + key + QLatin1Char('\'')), qPrintable(message));
            QVERIFY2(message.startsWith(QStringLiteral("invalid Kafka client property")),
                     qPrintable(message));
        }
    }

    void makeClientWithoutConfFails()
    {
        try {
            makeClient(RD_KAFKA_PRODUCER, RdKafkaConfPtr());
            QFAIL("makeClient accepted a null configuration");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__INVALID_ARG);
        }
    }

    void makeClientReportsWhatLibrdkafkaRejects()
    {
        // sasl.mechanism is only checked when the client is created, not by rd_kafka_conf_set.
        RdKafkaConfPtr conf = makeConf({{"security.protocol", "sasl_plaintext"}, {"sasl.mechanism", "NOPE"}});
        try {
            makeClient(RD_KAFKA_PRODUCER, std::move(conf));
            QFAIL("makeClient accepted an unknown SASL mechanism");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__INVALID_ARG);
            const QByteArray message(e.what());
            QVERIFY2(message.startsWith("cannot create Kafka producer: "), e.what());
            QVERIFY2(message.contains("sasl.mechanism") || message.contains("NOPE"), e.what());
        }
    }

    void makeClientTakesConfOwnership()
    {
        RdKafkaConfPtr conf = makeConf({{"bootstrap.servers", "127.0.0.1:1"}});
        RdKafkaPtr producer = makeClient(RD_KAFKA_PRODUCER, std::move(conf));
        QVERIFY(producer);
        QVERIFY(!conf); // released to librdkafka, not double-freed
    }

    void errorCarriesCodeAndName()
    {
        const KafkaError e =
            KafkaError::fromCode(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, "reading offsets of t-0");
        QCOMPARE(e.code(), RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        QCOMPARE(QByteArray(e.codeName()), QByteArray("UNKNOWN_TOPIC_OR_PART"));
        QVERIFY(QByteArray(e.what()).startsWith("reading offsets of t-0: "));
    }
};

QTEST_GUILESS_MAIN(TstKafkaConf)
#include "tst_kafka_conf.moc"
