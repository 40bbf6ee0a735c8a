// Tests of the embedded sandbox broker: real clients reach it through bootstrapServers(), records
// round-trip exactly, it restarts cleanly, and its retention limit makes consumers skip, not stall.
#include "kafka/kafka_conf.h"
#include "kafka/kafka_error.h"
#include "kafka/sandbox_cluster.h"

#include <QSet>
#include <QTest>

#include <cstring>
#include <map>
#include <vector>

using namespace connectdesk::kafka;

namespace {

struct DeliveryCounts {
    int ok = 0;
    int failed = 0;
};

void countDelivery(rd_kafka_t* /*rk*/, const rd_kafka_message_t* msg, void* opaque)
{
    auto* counts = static_cast<DeliveryCounts*>(opaque);
    if (msg->err)
        ++counts->failed;
    else
        ++counts->ok;
}

RdKafkaPtr makeProducer(const SandboxCluster& sandbox, DeliveryCounts& counts)
{
    RdKafkaConfPtr conf = makeConf({{"bootstrap.servers", sandbox.bootstrapServers()}, {"acks", "all"}});
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &countDelivery);
    rd_kafka_conf_set_opaque(conf.get(), &counts);
    return makeClient(RD_KAFKA_PRODUCER, std::move(conf));
}

// Produces (key, value) to a partition, waiting on a full local queue instead of dropping.
void produce(rd_kafka_t* producer, rd_kafka_topic_t* topic, std::int32_t partition, const QByteArray& key,
             const QByteArray& value)
{
    while (rd_kafka_produce(topic, partition, RD_KAFKA_MSG_F_COPY, const_cast<char*>(value.constData()),
                            static_cast<std::size_t>(value.size()), key.constData(),
                            static_cast<std::size_t>(key.size()), nullptr) == -1) {
        const rd_kafka_resp_err_t err = rd_kafka_last_error();
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
            throw KafkaError::fromCode(err, "produce");
        rd_kafka_poll(producer, 10);
    }
}

RdKafkaPtr makeConsumer(const SandboxCluster& sandbox, const std::string& group)
{
    ClientProperties props = SandboxCluster::consumerDefaults();
    props["bootstrap.servers"] = sandbox.bootstrapServers();
    props["group.id"] = group;
    props["enable.auto.commit"] = "false";
    return makeClient(RD_KAFKA_CONSUMER, makeConf(props));
}

struct Received {
    QByteArray key;
    QByteArray value;
    std::int32_t partition;
    std::int64_t offset;
};

// Takes whatever the consumer has ready; returns how many records are held in total.
int drain(rd_kafka_t* consumer, std::vector<Received>& into, int pollTimeoutMs = 50)
{
    while (rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, pollTimeoutMs)) {
        if (!m->err) {
            into.push_back({QByteArray(static_cast<const char*>(m->key), static_cast<int>(m->key_len)),
                            QByteArray(static_cast<const char*>(m->payload), static_cast<int>(m->len)),
                            m->partition, m->offset});
        }
        rd_kafka_message_destroy(m);
    }
    return static_cast<int>(into.size());
}

// Topic names the brokers report, through a fresh client (not the sandbox's own probe).
QSet<QString> topicsSeenBy(const SandboxCluster& sandbox, int* brokerCount = nullptr)
{
    RdKafkaPtr client = makeClient(
        RD_KAFKA_PRODUCER,
        makeConf({{"bootstrap.servers", sandbox.bootstrapServers()}, {"allow.auto.create.topics", "false"}}));
    const rd_kafka_metadata_t* md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(client.get(), 1, nullptr, &md, 5000);
    if (err)
        throw KafkaError::fromCode(err, "metadata");
    QSet<QString> names;
    for (int i = 0; i < md->topic_cnt; ++i)
        names.insert(QString::fromUtf8(md->topics[i].topic));
    if (brokerCount)
        *brokerCount = md->broker_cnt;
    rd_kafka_metadata_destroy(md);
    return names;
}

} // namespace

class TstSandboxCluster : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void labelSaysInMemoryNotDurable()
    {
        const QString label = QString::fromUtf8(SandboxCluster::kLabel);
        QVERIFY(label.contains(QStringLiteral("in-memory")));
        QVERIFY(label.contains(QStringLiteral("not durable")));
    }

    void startListensOnLoopback_data()
    {
        QTest::addColumn<int>("brokers");
        QTest::newRow("one broker") << 1;
        QTest::newRow("three brokers") << 3;
    }

    void startListensOnLoopback()
    {
        QFETCH(int, brokers);
        SandboxCluster sandbox(SandboxCluster::Options{brokers, 5000});
        QVERIFY(!sandbox.isRunning());
        QVERIFY(sandbox.bootstrapServers().empty());
        sandbox.start();
        QVERIFY(sandbox.isRunning());
        QCOMPARE(sandbox.brokerCount(), brokers);
        QVERIFY(!sandbox.clusterId().empty());

        const QStringList servers =
            QString::fromStdString(sandbox.bootstrapServers()).split(QLatin1Char(','));
        QCOMPARE(servers.size(), brokers);
        for (const QString& server : servers)
            QVERIFY2(server.startsWith(QStringLiteral("127.0.0.1:")), qPrintable(server));

        // A separate client sees the same number of brokers and the same cluster id.
        int seenBrokers = 0;
        topicsSeenBy(sandbox, &seenBrokers);
        QCOMPARE(seenBrokers, brokers);
        RdKafkaPtr client =
            makeClient(RD_KAFKA_PRODUCER, makeConf({{"bootstrap.servers", sandbox.bootstrapServers()}}));
        char* id = rd_kafka_clusterid(client.get(), 5000);
        QVERIFY(id);
        QCOMPARE(QByteArray(id), QByteArray::fromStdString(sandbox.clusterId()));
        rd_kafka_mem_free(nullptr, id);
    }

    void roundTripsTenThousandRecordsExactly()
    {
        constexpr int kRecords = 10000;
        constexpr int kPartitions = 3;
        SandboxCluster sandbox;
        sandbox.start();
        sandbox.createTopic("roundtrip", kPartitions);

        DeliveryCounts delivered;
        RdKafkaPtr producer = makeProducer(sandbox, delivered);
        RdKafkaTopicPtr topic(rd_kafka_topic_new(producer.get(), "roundtrip", nullptr));
        for (int i = 0; i < kRecords; ++i) {
            produce(producer.get(), topic.get(), i % kPartitions, "key-" + QByteArray::number(i),
                    "value-" + QByteArray::number(i) + '-' + QByteArray(64, 'v'));
            rd_kafka_poll(producer.get(), 0);
        }
        QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(delivered.failed, 0);
        QCOMPARE(delivered.ok, kRecords);

        RdKafkaPtr consumer = makeConsumer(sandbox, "roundtrip-reader");
        RdKafkaTopicPartitionListPtr subscription(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(subscription.get(), "roundtrip", RD_KAFKA_PARTITION_UA);
        QCOMPARE(rd_kafka_subscribe(consumer.get(), subscription.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
        std::vector<Received> received;
        QTRY_VERIFY_WITH_TIMEOUT(drain(consumer.get(), received) >= kRecords, 30000);
        // Nothing beyond what was produced turns up.
        drain(consumer.get(), received);
        QCOMPARE(static_cast<int>(received.size()), kRecords);

        QSet<QByteArray> keys;
        std::map<std::int32_t, std::int64_t> nextOffset;
        for (const Received& r : received) {
            QVERIFY2(r.key.startsWith("key-"), r.key.constData());
            const int i = r.key.mid(4).toInt();
            QCOMPARE(r.value, "value-" + QByteArray::number(i) + '-' + QByteArray(64, 'v'));
            QCOMPARE(r.partition, i % kPartitions);
            QCOMPARE(r.offset, nextOffset[r.partition]); // in order, no gaps
            ++nextOffset[r.partition];
            keys.insert(r.key);
        }
        QCOMPARE(keys.size(), kRecords);
        rd_kafka_consumer_close(consumer.get());

        for (int p = 0; p < kPartitions; ++p) {
            const SandboxCluster::Watermarks marks = sandbox.watermarks("roundtrip", p);
            QCOMPARE(marks.low, std::int64_t{0});
            QCOMPARE(marks.high, std::int64_t{(kRecords + kPartitions - 1 - p) / kPartitions});
        }
    }

    void restartsTwiceAndForgetsData()
    {
        SandboxCluster sandbox;
        for (int round = 0; round < 2; ++round) {
            sandbox.start();
            QVERIFY2(!topicsSeenBy(sandbox).contains(QStringLiteral("kept")), "data survived a restart");
            sandbox.createTopic("kept", 1);
            DeliveryCounts delivered;
            {
                RdKafkaPtr producer = makeProducer(sandbox, delivered);
                RdKafkaTopicPtr topic(rd_kafka_topic_new(producer.get(), "kept", nullptr));
                produce(producer.get(), topic.get(), 0, "k", "v");
                QCOMPARE(rd_kafka_flush(producer.get(), 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
            }
            QCOMPARE(delivered.ok, 1);
            QVERIFY(topicsSeenBy(sandbox).contains(QStringLiteral("kept")));
            sandbox.stop();
            QVERIFY(!sandbox.isRunning());
            QVERIFY(sandbox.bootstrapServers().empty());
            QVERIFY(sandbox.clusterId().empty());
            sandbox.stop(); // idempotent
        }
    }

    void startWhileRunningIsAnError()
    {
        SandboxCluster sandbox;
        sandbox.start();
        const std::string before = sandbox.bootstrapServers();
        try {
            sandbox.start();
            QFAIL("second start() succeeded");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__STATE);
            QVERIFY2(QByteArray(e.what()).contains("already running"), e.what());
        }
        QVERIFY(sandbox.isRunning());
        QCOMPARE(sandbox.bootstrapServers(), before);
    }

    void invalidUseGivesClearErrors()
    {
        SandboxCluster noBrokers(SandboxCluster::Options{0, 5000});
        try {
            noBrokers.start();
            QFAIL("started with 0 brokers");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__INVALID_ARG);
            QVERIFY2(QByteArray(e.what()).contains("broker count"), e.what());
        }
        QVERIFY(!noBrokers.isRunning());

        SandboxCluster stopped;
        try {
            stopped.createTopic("t", 1);
            QFAIL("created a topic on a stopped sandbox");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__STATE);
            QVERIFY2(QByteArray(e.what()).contains("'t'"), e.what());
        }

        stopped.start();
        try {
            stopped.createTopic("t", 1, 2); // replication factor above the single broker
            QFAIL("accepted replication factor 2 on one broker");
        } catch (const KafkaError& e) {
            QCOMPARE(e.code(), RD_KAFKA_RESP_ERR__INVALID_ARG);
        }
    }

    // A consumer already running with consumerDefaults() reads everything a producer writes past the
    // 5 MiB retention: 60,000 records of ~110 bytes. The producer may run up to 40,000 records
    // (~4.4 MiB, inside retention) ahead, so a machine too busy to schedule the reader does not turn
    // this into a race; the unpaced race, and how librdkafka's default fetch.wait.max.ms=500 loses it
    // (the mock parks a caught-up consumer's Fetch for 500 ms), is measured by bench_sandbox
    // "live-latest-1p" (docs/sandbox.md).
    void liveConsumerWithDefaultsLosesNothing()
    {
        constexpr int kRecords = 60000;
        SandboxCluster sandbox;
        sandbox.start();
        sandbox.createTopic("live", 1);

        ClientProperties props = SandboxCluster::consumerDefaults();
        props["bootstrap.servers"] = sandbox.bootstrapServers();
        props["group.id"] = "live-reader";
        props["enable.partition.eof"] = "true";
        RdKafkaPtr consumer = makeClient(RD_KAFKA_CONSUMER, makeConf(props));
        RdKafkaTopicPartitionListPtr assignment(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(assignment.get(), "live", 0)->offset = 0;
        QCOMPARE(rd_kafka_assign(consumer.get(), assignment.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
        // Running means it has fetched once: the empty partition reports EOF.
        bool atEof = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                while (rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 10)) {
                    atEof = atEof || m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF;
                    rd_kafka_message_destroy(m);
                }
                return atEof;
            }(),
            10000);

        std::vector<Received> received;
        DeliveryCounts delivered;
        RdKafkaPtr producer = makeProducer(sandbox, delivered);
        RdKafkaTopicPtr topic(rd_kafka_topic_new(producer.get(), "live", nullptr));
        const QByteArray value(100, 'r');
        for (int i = 0; i < kRecords; ++i) {
            produce(producer.get(), topic.get(), 0, QByteArray::number(i), value);
            rd_kafka_poll(producer.get(), 0);
            if (i % 1000 == 0) {
                drain(consumer.get(), received, 0); // alongside, as a sink task would
                while (i - static_cast<int>(received.size()) > 40000)
                    drain(consumer.get(), received, 50);
            }
        }
        QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(delivered.ok, kRecords);
        QVERIFY2(sandbox.watermarks("live", 0).low > 0,
                 "retention did not delete anything: test proves nothing");
        QTRY_VERIFY_WITH_TIMEOUT(drain(consumer.get(), received) >= kRecords, 30000);
        QCOMPARE(static_cast<int>(received.size()), kRecords);
        for (int i = 0; i < kRecords; ++i)
            QCOMPARE(received[static_cast<std::size_t>(i)].offset, std::int64_t{i});
        rd_kafka_consumer_close(consumer.get());
    }

    // librdkafka 2.0.2's mock keeps 5 MiB per partition (docs/sandbox.md). 60,000 records of
    // 100 bytes are ~6.7 MiB on the wire, so the oldest must be gone; a consumer resuming at offset
    // 0 with consumerDefaults() must continue at the low watermark and read the rest, not stall.
    void consumerSkipsRecordsLostToRetention()
    {
        constexpr int kRecords = 60000;
        SandboxCluster sandbox;
        sandbox.start();
        sandbox.createTopic("retention", 1);
        DeliveryCounts delivered;
        {
            RdKafkaPtr producer = makeProducer(sandbox, delivered);
            RdKafkaTopicPtr topic(rd_kafka_topic_new(producer.get(), "retention", nullptr));
            QByteArray value(100, '\0');
            quint32 x = 2463534242u;
            for (int i = 0; i < kRecords; ++i) {
                for (char& c : value) { // incompressible, like real payloads
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    c = static_cast<char>(x & 0xff);
                }
                produce(producer.get(), topic.get(), 0, QByteArray::number(i), value);
                rd_kafka_poll(producer.get(), 0);
            }
            QCOMPARE(rd_kafka_flush(producer.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
        }
        QCOMPARE(delivered.ok, kRecords);
        const SandboxCluster::Watermarks marks = sandbox.watermarks("retention", 0);
        QCOMPARE(marks.high, std::int64_t{kRecords});
        QVERIFY2(marks.low > 0, "the mock kept more than its documented 5 MiB");
        QVERIFY2(marks.high - marks.low < kRecords, "nothing was deleted");

        RdKafkaPtr consumer = makeConsumer(sandbox, "retention-reader");
        RdKafkaTopicPartitionListPtr assignment(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(assignment.get(), "retention", 0)->offset = 0;
        QCOMPARE(rd_kafka_assign(consumer.get(), assignment.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
        std::vector<Received> received;
        const int retained = static_cast<int>(marks.high - marks.low);
        QTRY_VERIFY_WITH_TIMEOUT(drain(consumer.get(), received) >= retained, 30000);
        QCOMPARE(static_cast<int>(received.size()), retained);
        QCOMPARE(received.front().offset, marks.low);
        QCOMPARE(received.front().key, QByteArray::number(marks.low));
        QCOMPARE(received.back().offset, marks.high - 1);
        rd_kafka_consumer_close(consumer.get());
    }
};

QTEST_GUILESS_MAIN(TstSandboxCluster)
#include "tst_sandbox_cluster.moc"
