// Parsing of sink connector offsets in the REST shape (spec/connect-rest-api.md §3.11, §4.20):
// accepted forms and Apache's 400 messages (SinkUtils.parseSinkConnectorOffsets), written by hand.
#include "runtime/sink_offsets.h"

#include <QtTest>

using namespace connectdesk::runtime;

class TestSinkOffsets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("partition");
        QTest::addColumn<QString>("offset");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<int>("number");
        QTest::addColumn<qlonglong>("value"); // -1: reset
        QTest::newRow("numbers") << R"({"kafka_topic":"t","kafka_partition":3})"
                                 << R"({"kafka_offset":42})"
                                 << "t" << 3 << 42LL;
        QTest::newRow("strings") << R"({"kafka_topic":"t","kafka_partition":"3"})"
                                 << R"({"kafka_offset":"9000000000"})"
                                 << "t" << 3 << 9000000000LL;
        QTest::newRow("null offset") << R"({"kafka_topic":"t","kafka_partition":0})"
                                     << "null"
                                     << "t" << 0 << -1LL;
        QTest::newRow("extra keys ignored") << R"({"kafka_topic":"t","kafka_partition":1,"x":true})"
                                            << R"({"kafka_offset":0,"y":1})"
                                            << "t" << 1 << 0LL;
    }
    void accepted()
    {
        QFETCH(QString, partition);
        QFETCH(QString, offset);
        QFETCH(QString, topic);
        QFETCH(int, number);
        QFETCH(qlonglong, value);
        std::string error;
        const auto parsed = parseSinkOffsets({{partition.toStdString(), offset.toStdString()}}, &error);
        QVERIFY2(parsed.has_value(), error.c_str());
        QCOMPARE(parsed->size(), std::size_t{1});
        const auto& [tp, o] = *parsed->begin();
        QCOMPARE(QString::fromStdString(tp.topic), topic);
        QCOMPARE(tp.partition, number);
        if (value < 0) {
            QVERIFY(!o.has_value());
        } else {
            QCOMPARE(static_cast<qlonglong>(o.value_or(-2)), value);
        }
    }

    void refused_data()
    {
        QTest::addColumn<QString>("partition");
        QTest::addColumn<QString>("offset");
        QTest::addColumn<QString>("message");
        QTest::newRow("null partition")
            << "null"
            << "null"
            << "The partition for a sink connector offset cannot be null or missing";
        QTest::newRow("no keys") << "{}"
                                 << "null"
                                 << "The partition for a sink connector offset must contain the keys "
                                    "'kafka_topic' and 'kafka_partition'";
        QTest::newRow("no partition key")
            << R"({"kafka_topic":"t"})"
            << "null"
            << "The partition for a sink connector offset must contain the keys "
               "'kafka_topic' and 'kafka_partition'";
        QTest::newRow("null topic") << R"({"kafka_topic":null,"kafka_partition":1})"
                                    << "null"
                                    << "Kafka topic names must be valid strings and may not be null";
        QTest::newRow("null partition number")
            << R"({"kafka_topic":"t","kafka_partition":null})"
            << "null"
            << "Kafka partitions must be valid numbers and may not be null";
        QTest::newRow("bad partition")
            << R"({"kafka_topic":"t","kafka_partition":"not a number"})"
            << "null"
            << "Failed to parse the following Kafka partition value in the provided "
               "offsets: 'not a number'. Partition values for sink connectors need "
               "to be integers.";
        QTest::newRow("fractional partition")
            << R"({"kafka_topic":"t","kafka_partition":1.5})"
            << "null"
            << "Failed to parse the following Kafka partition value in the "
               "provided offsets: '1.5'. Partition values for sink connectors "
               "need to be integers.";
        QTest::newRow("empty offset")
            << R"({"kafka_topic":"t","kafka_partition":1})"
            << "{}"
            << "The offset for a sink connector should either be null or contain the "
               "key 'kafka_offset'";
        QTest::newRow("bad offset")
            << R"({"kafka_topic":"t","kafka_partition":1})"
            << R"({"kafka_offset":"x"})"
            << "Failed to parse the following Kafka offset value in the provided offsets: "
               "'x'. Offset values for sink connectors need to be integers.";
    }
    void refused()
    {
        QFETCH(QString, partition);
        QFETCH(QString, offset);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!parseSinkOffsets({{partition.toStdString(), offset.toStdString()}}, &error).has_value());
        QCOMPARE(QString::fromStdString(error), message);
    }

    void consumerGroup()
    {
        QCOMPARE(sinkConsumerGroup("s", {}), std::string("connect-s"));
        QCOMPARE(sinkConsumerGroup("s", {{"consumer.override.group.id", "mine"}}), std::string("mine"));
    }
};

QTEST_GUILESS_MAIN(TestSinkOffsets)
#include "tst_sink_offsets.moc"
