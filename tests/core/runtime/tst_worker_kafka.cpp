// The whole worker (EmbeddedWorker: plugins, herder, stores, task loops) against the real Apache
// Kafka broker of the harness: file → Kafka → file with MD5 equality and a throughput figure,
// pause yields no records, persisted connectors come back after a worker restart.
#include "full_disk.h"
#include "harness_env.h"
#include "herder_test_util.h"
#include "runtime/embedded_worker.h"
#include "runtime/kafka_clients.h"
#include "text_lines.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <array>
#include <map>

using namespace connectdesk::runtime;
using namespace connectdesk::runtime::testutil;
using connectdesk::testing::readLines;

class TestWorkerKafka : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_bootstrap;
    std::string m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString();

    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    // A worker that also loads the test plugins (test.CommitRecordConnector).
    std::unique_ptr<EmbeddedWorker> newWorkerWithTestPlugins()
    {
        return newWorker({{"plugin.path", std::string(CONNECTDESK_TEST_PLUGIN_DIR) + "," +
                                              CONNECTDESK_TEST_COMMIT_PLUGIN_DIR}});
    }
    // test.CommitRecordConnector: `count` numbered records to `topic`, 500 records per request.
    static ConfigMap numbersSource(const std::string& name, const std::string& topic, int count,
                                   const ConfigMap& extra)
    {
        ConfigMap config{{"name", name},
                         {"connector.class", "test.CommitRecordConnector"},
                         {"topic", topic},
                         {"count", std::to_string(count)},
                         {"producer.override.batch.num.messages", "500"}};
        config.insert(extra.begin(), extra.end());
        return config;
    }
    // A worker running test.CommitRecordConnector `name` (`count` records, commitRecord() calls
    // logged to <name>.log) into a new topic of the same name.
    struct NumbersRun {
        std::unique_ptr<EmbeddedWorker> worker;
        QString log;
    };
    NumbersRun runNumbers(const std::string& name, int count, ConfigMap extra = {})
    {
        const auto t = topic(name.c_str());
        createTopic(t);
        NumbersRun run{newWorkerWithTestPlugins(), path((name + ".log").c_str())};
        extra["log.file"] = run.log.toStdString();
        run.worker->putConnector(numbersSource(name, t, count, extra));
        return run;
    }
    std::unique_ptr<EmbeddedWorker> newWorker(const ConfigMap& extra = {})
    {
        ConfigMap props{{"bootstrap.servers", m_bootstrap},
                        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"offset.storage.file.filename", path("worker.offsets").toStdString()},
                        {"offset.flush.interval.ms", "1000"},
                        {"consumer.session.timeout.ms", "10000"}};
        for (const auto& [k, v] : extra) {
            props[k] = v;
        }
        auto w = std::make_unique<EmbeddedWorker>(props, EmbeddedWorker::Options{false});
        w->start();
        return w;
    }
    std::string topic(const char* base) const { return std::string(base) + "-" + m_suffix; }
    // What test.CommitRecordTask logs for records 0..n-1 acknowledged at Kafka offsets 0..n-1.
    static QList<QByteArray> ackedInOrder(int n)
    {
        QList<QByteArray> lines;
        for (int i = 0; i < n; ++i) {
            lines.append(QByteArray::number(i) + '@' + QByteArray::number(i));
        }
        return lines;
    }
    // Partition count from the cluster metadata (all topics, so the lookup never auto-creates);
    // -1 while the topic does not exist.
    int partitionCount(const std::string& name)
    {
        auto rk = makeClient(RD_KAFKA_PRODUCER, makeClientConf({{"bootstrap.servers", m_bootstrap}}));
        const rd_kafka_metadata_t* md = nullptr;
        if (rd_kafka_metadata(rk.get(), 1, nullptr, &md, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return -2;
        }
        int count = -1;
        for (int i = 0; i < md->topic_cnt; ++i) {
            if (name == md->topics[i].topic && md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                count = md->topics[i].partition_cnt;
            }
        }
        rd_kafka_metadata_destroy(md);
        return count;
    }
    void createTopic(const std::string& name, int partitions = 1)
    {
        auto rk = makeClient(RD_KAFKA_PRODUCER, makeClientConf({{"bootstrap.servers", m_bootstrap}}));
        RdKafkaQueuePtr q(rd_kafka_queue_new(rk.get()));
        char err[256];
        rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(name.c_str(), partitions, 1, err, sizeof err);
        rd_kafka_CreateTopics(rk.get(), &nt, 1, nullptr, q.get());
        rd_kafka_NewTopic_destroy(nt);
        rd_kafka_event_t* ev = rd_kafka_queue_poll(q.get(), 30000);
        QVERIFY(ev != nullptr);
        size_t n = 0;
        const auto** res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        QCOMPARE(n, size_t{1});
        QCOMPARE(rd_kafka_topic_result_error(res[0]), RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_event_destroy(ev);
    }
    // A metric of task 0 of `task`, or -1 while that task does not exist yet.
    template <class Herder>
    static double taskMetric(Herder& herder, const char* task, const char* name)
    {
        const auto all = herder.taskMetrics();
        const auto it = all.find(TaskId{task, 0});
        return it == all.end() ? -1.0 : it->second.at(name);
    }
    // The committed offset (REST JSON) of a connector with exactly one partition, or "" while it
    // has none (or several, or the call fails).
    template <class Herder>
    static std::string singleOffset(Herder& herder, const std::string& connector)
    {
        auto o = sync<std::vector<ConnectorOffset>>([&](auto cb) { herder.connectorOffsets(connector, cb); });
        return o.ok() && o.value->size() == 1 ? o.value->front().offsetJson : std::string();
    }
    ConfigMap source(const char* name, const char* file, const std::string& t)
    {
        return {{"name", name},
                {"connector.class", "FileStreamSource"},
                {"file", path(file).toStdString()},
                {"topic", t}};
    }
    ConfigMap sink(const std::string& name, const char* file, const std::string& t)
    {
        return {{"name", name},
                {"connector.class", "FileStreamSink"},
                {"file", path(file).toStdString()},
                {"topics", t}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP")).toStdString();
        if (m_bootstrap.empty()) {
            QSKIP("KAFKA_BOOTSTRAP not set: run with the harness fixture (ctest -L kafka)");
        }
        QVERIFY(m_dir.isValid());
    }

    void fileToKafkaToFile()
    {
        const auto t = topic("e2e");
        // Named per run, as the topics are: the sink's group (connect-<name>) starts with no offsets
        // even when the suite runs again against the same broker.
        const std::string sinkName = topic("e2e-sink");
        createTopic(t);
        appendLines(path("in.txt"), 0, 200000);
        auto worker = newWorker();
        QElapsedTimer timer;
        timer.start();
        worker->putConnector(source("e2e-src", "in.txt", t));
        worker->putConnector(sink(sinkName, "out.txt", t));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("out.txt")), qint64{200000}, 120000);
        const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        QCOMPARE(md5Of(path("out.txt")), md5Of(path("in.txt")));
        qInfo("file -> Kafka -> file: 200000 lines (%lld bytes) in %.2f s = %.0f records/s end to end",
              static_cast<long long>(QFileInfo(path("in.txt")).size()), seconds, 200000 / seconds);
        const auto metric = [&](const std::string& task, const char* name) {
            return worker->herder().taskMetrics().at(TaskId{task, 0}).at(name);
        };
        // Acknowledgements are served between the task's poll() calls, so this can trail the sink.
        QTRY_COMPARE_WITH_TIMEOUT(metric("e2e-src", "source-record-write-total"), 200000.0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(metric(sinkName, "sink-record-send-total"), 200000.0, 10000);
        QCOMPARE(metric(sinkName, "sink-record-read-total"), 200000.0);
        // Records in flight stayed within the default bound (batch.num.messages, 10,000 records,
        // times the 1 request in flight + 2 queued).
        QVERIFY(metric("e2e-src", "source-record-active-count-max") >= 1.0);
        QVERIFY2(metric("e2e-src", "source-record-active-count-max") <= 30000.0,
                 qPrintable(QString::number(metric("e2e-src", "source-record-active-count-max"))));
        // The sink's committed group offsets are visible in the REST offsets shape.
        QTRY_COMPARE_WITH_TIMEOUT(singleOffset(worker->herder(), sinkName),
                                  std::string("{\"kafka_offset\":200000}"), 20000);
        // The running source's committed offset reaches the exact end of its file once everything
        // is acknowledged. The worker keeps the offset of every 32nd record and of the newest one;
        // 200,007 lines end between two of those checkpoints.
        appendLines(path("in.txt"), 200000, 7);
        const std::string endOfFile =
            "{\"position\":" + std::to_string(QFileInfo(path("in.txt")).size()) + "}";
        QTRY_COMPARE_WITH_TIMEOUT(singleOffset(worker->herder(), "e2e-src"), endOfFile, 20000);
        QVERIFY(allTasks(worker->herder(), "e2e-src", State::Running));
    }

    // The offsets file cannot be written for a while (a full disk, here this process's file-size
    // limit: EFBIG, which binds root too): the source goes on, its commits fail and are counted,
    // the end of the file is not committed, and the offsets it kept pending are committed once the
    // disk has room again.
    void sourceOffsetsWaitOutAFullDisk()
    {
        const auto t = topic("full-disk");
        createTopic(t);
        constexpr int n = 2000;
        appendLines(path("fd-in.txt"), 0, n);
        const std::string endOfFile =
            "{\"position\":" + std::to_string(QFileInfo(path("fd-in.txt")).size()) + "}";
        auto worker = newWorker({{"offset.flush.interval.ms", "200"}});
        worker->putConnector(source("fd-src", "fd-in.txt", t)); // its config is on disk first
        FullDisk disk;
        QVERIFY(disk.full());
        const auto metric = [&](const char* name) { return taskMetric(worker->herder(), "fd-src", name); };
        const auto committed = [&] { return singleOffset(worker->herder(), "fd-src"); };
        QTRY_COMPARE_WITH_TIMEOUT(metric("source-record-write-total"), double{n}, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(metric("offset-commit-failure-percentage") > 0.0, 5000);
        QTest::qWait(500); // a few more commit attempts, all failing
        QVERIFY2(committed() != endOfFile, committed().c_str());
        QVERIFY(allTasks(worker->herder(), "fd-src", State::Running));
        disk.room();
        QTRY_COMPARE_WITH_TIMEOUT(committed(), endOfFile, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(metric("offset-commit-success-percentage") > 0.0, 5000);
    }

    void pauseYieldsNoRecords()
    {
        const auto t = topic("paused");
        createTopic(t);
        appendLines(path("p-in.txt"), 0, 100);
        auto worker = newWorker();
        worker->putConnector(source("p-src", "p-in.txt", t));
        worker->putConnector(sink("p-sink", "p-out.txt", t));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("p-out.txt")), qint64{100}, 60000);
        QVERIFY(sync<Empty>([&](auto cb) { worker->herder().pauseConnector("p-sink", cb); }).ok());
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(worker->herder(), "p-sink", State::Paused), 10000);
        appendLines(path("p-in.txt"), 100, 100);
        // The source keeps producing; the paused sink must not write any of it.
        QTRY_VERIFY_WITH_TIMEOUT(
            worker->herder().taskMetrics().at(TaskId{"p-src", 0}).at("source-record-write-total") == 200.0,
            30000);
        QTest::qWait(3000); // bounded observation window for the absence of records
        QCOMPARE(lineCount(path("p-out.txt")), qint64{100});
        QVERIFY(sync<Empty>([&](auto cb) { worker->herder().resumeConnector("p-sink", cb); }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("p-out.txt")), qint64{200}, 60000);
        QCOMPARE(md5Of(path("p-out.txt")), md5Of(path("p-in.txt")));
    }

    // KIP-875 on a stopped sink (spec REST §4.20): GET shows the group's committed offset, PATCH
    // to 0 makes the resumed sink deliver everything again, DELETE drops the group.
    void sinkOffsetsAlterAndReset()
    {
        const auto t = topic("sink-offsets");
        const std::string sinkName = topic("so-sink"); // a group of its own in every run
        createTopic(t);
        constexpr int n = 500;
        appendLines(path("so-in.txt"), 0, n);
        auto worker = newWorker();
        auto& h = worker->herder();
        worker->putConnector(source("so-src", "so-in.txt", t));
        worker->putConnector(sink(sinkName, "so-out.txt", t));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("so-out.txt")), qint64{n}, 60000);
        const auto offsetsOf = [&] {
            auto o = sync<std::vector<ConnectorOffset>>([&](auto cb) { h.connectorOffsets(sinkName, cb); });
            return o.ok() ? *o.value : std::vector<ConnectorOffset>{{"error", o.error->message}};
        };
        const std::string partition = "{\"kafka_partition\":0,\"kafka_topic\":\"" + t + "\"}";
        QTRY_VERIFY_WITH_TIMEOUT(offsetsOf().size() == 1 &&
                                     offsetsOf().front().offsetJson ==
                                         "{\"kafka_offset\":" + std::to_string(n) + "}",
                                 20000);
        QCOMPARE(offsetsOf().front().partitionJson, partition);

        // A running sink refuses, as Apache does.
        auto running = sync<std::string>([&](auto cb) {
            h.alterConnectorOffsets(sinkName, {{partition, "{\"kafka_offset\":0}"}}, cb);
        });
        QVERIFY(!running.ok());
        QCOMPARE(running.error->status, 400);

        QVERIFY(sync<Empty>([&](auto cb) { h.stopConnector(sinkName, cb); }).ok());
        auto bad = sync<std::string>([&](auto cb) {
            h.alterConnectorOffsets(sinkName, {{"{\"kafka_topic\":\"x\"}", "{\"kafka_offset\":0}"}}, cb);
        });
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error->status, 400);
        QCOMPARE(
            bad.error->message,
            std::string("The partition for a sink connector offset must contain the keys 'kafka_topic' and "
                        "'kafka_partition'"));

        // Partition number as a string is accepted, like Apache's parser.
        auto altered = sync<std::string>([&](auto cb) {
            h.alterConnectorOffsets(
                sinkName,
                {{"{\"kafka_topic\":\"" + t + "\",\"kafka_partition\":\"0\"}", "{\"kafka_offset\":0}"}}, cb);
        });
        QVERIFY2(altered.ok(), altered.ok() ? "" : altered.error->message.c_str());
        QCOMPARE(*altered.value,
                 std::string("The offsets for this connector have been altered successfully"));
        QCOMPARE(offsetsOf().size(), std::size_t{1});
        QCOMPARE(offsetsOf().front().offsetJson, std::string("{\"kafka_offset\":0}"));

        QVERIFY(sync<Empty>([&](auto cb) { h.resumeConnector(sinkName, cb); }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("so-out.txt")), qint64{2 * n}, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(offsetsOf().size() == 1 &&
                                     offsetsOf().front().offsetJson ==
                                         "{\"kafka_offset\":" + std::to_string(n) + "}",
                                 20000);

        QVERIFY(sync<Empty>([&](auto cb) { h.stopConnector(sinkName, cb); }).ok());
        // A null offset removes that partition's committed offset (DeleteConsumerGroupOffsets).
        auto dropped = sync<std::string>([&](auto cb) {
            h.alterConnectorOffsets(sinkName, {{partition, "null"}}, cb);
        });
        QVERIFY2(dropped.ok(), dropped.ok() ? "" : dropped.error->message.c_str());
        QVERIFY(offsetsOf().empty());
        auto reset = sync<std::string>([&](auto cb) { h.resetConnectorOffsets(sinkName, cb); });
        QVERIFY2(reset.ok(), reset.ok() ? "" : reset.error->message.c_str());
        QCOMPARE(*reset.value, std::string("The offsets for this connector have been reset successfully"));
        QVERIFY(offsetsOf().empty());
        // Idempotent: the group is already gone.
        QVERIFY(sync<std::string>([&](auto cb) { h.resetConnectorOffsets(sinkName, cb); }).ok());
        // Without a committed offset the resumed sink starts from the earliest record again.
        QVERIFY(sync<Empty>([&](auto cb) { h.resumeConnector(sinkName, cb); }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("so-out.txt")), qint64{3 * n}, 60000);
    }

    // KIP-158 (spec §5.4): the source task creates its missing topic through the Admin API before
    // its first record, with the partitions of the first matching creation group.
    void sourceCreatesItsTopic()
    {
        const auto t1 = topic("created-default");
        const auto t2 = topic("created-group");
        QCOMPARE(partitionCount(t1), -1);
        QCOMPARE(partitionCount(t2), -1);
        appendLines(path("tc-in.txt"), 0, 100);
        auto worker = newWorker();
        auto withDefault = source("tc-default", "tc-in.txt", t1);
        withDefault["topic.creation.default.partitions"] = "3";
        withDefault["topic.creation.default.replication.factor"] = "1";
        worker->putConnector(withDefault);
        auto withGroup = source("tc-group", "tc-in.txt", t2);
        withGroup["topic.creation.default.partitions"] = "5";
        withGroup["topic.creation.default.replication.factor"] = "-1";
        withGroup["topic.creation.groups"] = "other,two";
        withGroup["topic.creation.other.include"] = "nothing-.*";
        withGroup["topic.creation.other.partitions"] = "4";
        withGroup["topic.creation.two.include"] = "created-group-.*";
        withGroup["topic.creation.two.partitions"] = "2";
        withGroup["topic.creation.two.retention.ms"] = "3600000";
        worker->putConnector(withGroup);
        const auto written = [&](const char* task) {
            const auto all = worker->herder().taskMetrics();
            const auto it = all.find(TaskId{task, 0});
            return it == all.end() ? -1.0 : it->second.at("source-record-write-total");
        };
        // A topic that exists is used as it is.
        const auto t3 = topic("created-existing");
        createTopic(t3);
        auto existing = source("tc-existing", "tc-in.txt", t3);
        existing["topic.creation.default.partitions"] = "3";
        existing["topic.creation.default.replication.factor"] = "1";
        worker->putConnector(existing);
        QTRY_COMPARE_WITH_TIMEOUT(written("tc-default"), 100.0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(written("tc-group"), 100.0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(written("tc-existing"), 100.0, 30000);
        QCOMPARE(partitionCount(t1), 3);
        QCOMPARE(partitionCount(t2), 2);
        QCOMPARE(partitionCount(t3), 1);
    }

    // librdkafka 2.0 stops fetching once queued.min.messages are queued (10,000 by the worker's
    // default) and then sleeps up to a second before it looks again; the sink wakes it as soon as
    // the queue drains. Here 200,000 records took 8.3 s without the wake-up and 0.3-0.4 s with it,
    // so 4 s tells them apart.
    void sinkDrainsSmallPrefetchQueueWithoutStalls()
    {
        constexpr int n = 200000;
        appendLines(path("w-in.txt"), 0, n);
        auto worker = newWorker();
        const auto t = topic("wake");
        createTopic(t);
        worker->putConnector(source("w-src", "w-in.txt", t));
        QTRY_COMPARE_WITH_TIMEOUT(taskMetric(worker->herder(), "w-src", "source-record-write-total"),
                                  double{n}, 60000);
        QElapsedTimer timer;
        timer.start();
        worker->putConnector(sink("w-sink", "w-out.txt", t));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("w-out.txt")), qint64{n}, 4000);
        qInfo("%d records through a 10,000-record prefetch queue in %lld ms", n,
              static_cast<long long>(timer.elapsed()));
        QCOMPARE(md5Of(path("w-out.txt")), md5Of(path("w-in.txt")));
    }

    // Records without a partition go to partition 0 without librdkafka's partitioner only when their
    // topic has one partition; on a topic of 3 the partitioner spreads them (sticky for 10 ms at a
    // time), so no partition holds most of them, and acknowledgements come out of order.
    void sourceRecordsSpreadOverTheTopicsPartitions()
    {
        constexpr int n = 200000;
        appendLines(path("spread-in.txt"), 0, n);
        const auto t = topic("spread");
        createTopic(t, 3);
        auto worker = newWorker();
        worker->putConnector(source("spread-src", "spread-in.txt", t));
        QTRY_COMPARE_WITH_TIMEOUT(taskMetric(worker->herder(), "spread-src", "source-record-write-total"),
                                  double{n}, 60000);
        auto rk = makeClient(RD_KAFKA_PRODUCER, makeClientConf({{"bootstrap.servers", m_bootstrap}}));
        std::int64_t total = 0;
        std::int64_t most = 0;
        for (int p = 0; p < 3; ++p) {
            std::int64_t low = 0;
            std::int64_t high = 0;
            QCOMPARE(rd_kafka_query_watermark_offsets(rk.get(), t.c_str(), p, &low, &high, 10000),
                     RD_KAFKA_RESP_ERR_NO_ERROR);
            qInfo("partition %d: %lld records", p, static_cast<long long>(high));
            total += high;
            most = std::max(most, high);
        }
        QCOMPARE(total, std::int64_t{n});
        QVERIFY2(most < n * 8 / 10, qPrintable(QString::number(most)));
        // Each partition acknowledges its records in its own order, so the file's one source
        // partition sees them out of order; once all are in, its committed offset is the exact end.
        const std::string endOfFile =
            "{\"position\":" + std::to_string(QFileInfo(path("spread-in.txt")).size()) + "}";
        QTRY_COMPARE_WITH_TIMEOUT(singleOffset(worker->herder(), "spread-src"), endOfFile, 20000);
    }

    // A sink's poll mixes records of several partitions and topics; each partition's committed
    // offset must end at its own end (the task looks each one's entry up once per run of records).
    void sinkCommitsEachPartitionOfEachTopic()
    {
        const auto spread = topic("sink-spread");
        const auto single = topic("sink-single");
        const std::string sinkName = topic("sp-sink");
        createTopic(spread, 3);
        createTopic(single);
        // Partitions 0, 1 and 2 get 9,000, 12,000 and 15,000 records, interleaved in runs of 100,
        // and the second topic 700.
        auto rk = makeClient(RD_KAFKA_PRODUCER,
                             makeClientConf({{"bootstrap.servers", m_bootstrap}, {"linger.ms", "5"}}));
        const std::array<std::int64_t, 3> counts{9000, 12000, 15000};
        std::array<std::int64_t, 3> sent{};
        const std::string line = "a record of the spread topic";
        for (bool more = true; more;) {
            more = false;
            for (int p = 0; p < 3; ++p) {
                for (int i = 0; i < 100 && sent[p] < counts[p]; ++i, ++sent[p]) {
                    ProduceArgs args;
                    args.topic = spread.c_str();
                    args.partition = p;
                    args.value = line.data();
                    args.valueLen = line.size();
                    QCOMPARE(produceCopy(rk.get(), args), RD_KAFKA_RESP_ERR_NO_ERROR);
                }
                more = more || sent[p] < counts[p];
            }
            rd_kafka_poll(rk.get(), 0);
        }
        QCOMPARE(rd_kafka_flush(rk.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
        appendLines(path("sp-b.txt"), 0, 700);
        auto worker = newWorker();
        auto& h = worker->herder();
        worker->putConnector(source("sp-src-b", "sp-b.txt", single));
        auto config = sink(sinkName, "sp-out.txt", spread);
        config["topics"] = spread + "," + single;
        worker->putConnector(config);
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("sp-out.txt")), qint64{36700}, 60000);
        const std::map<std::string, std::string> expected{
            {"{\"kafka_partition\":0,\"kafka_topic\":\"" + spread + "\"}", "{\"kafka_offset\":9000}"},
            {"{\"kafka_partition\":1,\"kafka_topic\":\"" + spread + "\"}", "{\"kafka_offset\":12000}"},
            {"{\"kafka_partition\":2,\"kafka_topic\":\"" + spread + "\"}", "{\"kafka_offset\":15000}"},
            {"{\"kafka_partition\":0,\"kafka_topic\":\"" + single + "\"}", "{\"kafka_offset\":700}"}};
        const auto committed = [&] {
            std::map<std::string, std::string> out;
            auto o = sync<std::vector<ConnectorOffset>>([&](auto cb) { h.connectorOffsets(sinkName, cb); });
            for (const auto& offset : o.ok() ? *o.value : std::vector<ConnectorOffset>{}) {
                out[offset.partitionJson] = offset.offsetJson;
            }
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(committed(), expected, 20000);
    }

    // The sink task rebuilds the records of a delivered batch for the next ones: nothing of a
    // spent record may show in the record built over it. Records with a `drop` header (filtered
    // out, so spent at once), tombstones and 6,000-character values (too large to be kept) are
    // mixed with plain ones, over many batches; both the transform path that moves the record
    // (no retries) and the one that copies it (errors.retry.timeout set) must write exactly the
    // values of the records without the header, in order.
    void sinkReusedRecordsCarryNothingOver()
    {
        const auto t = topic("sink-reuse");
        createTopic(t);
        auto rk = makeClient(RD_KAFKA_PRODUCER,
                             makeClientConf({{"bootstrap.servers", m_bootstrap}, {"linger.ms", "5"}}));
        constexpr int n = 5000;
        QByteArrayList expected;
        for (int i = 0; i < n; ++i) {
            std::string value = "value " + std::to_string(i);
            if (i % 250 == 0) {
                value += std::string(6000, static_cast<char>('a' + i % 26));
            }
            const bool tombstone = i % 11 == 0;
            const bool dropped = i % 3 == 0;
            ProduceArgs args;
            args.topic = t.c_str();
            args.partition = 0;
            const std::string key = "key " + std::to_string(i);
            if (i % 2 == 0) {
                args.key = key.data();
                args.keyLen = key.size();
            }
            if (!tombstone) {
                args.value = value.data();
                args.valueLen = value.size();
            }
            if (dropped) {
                args.headers = rd_kafka_headers_new(1);
                rd_kafka_header_add(args.headers, "drop", -1, "yes", 3);
            }
            QCOMPARE(produceCopy(rk.get(), args), RD_KAFKA_RESP_ERR_NO_ERROR);
            if (!dropped) {
                expected << (tombstone ? QByteArray("null") : QByteArray::fromStdString(value));
            }
            rd_kafka_poll(rk.get(), 0);
        }
        QCOMPARE(rd_kafka_flush(rk.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
        auto worker = newWorker();
        for (const bool retries : {false, true}) {
            auto config = sink(topic(retries ? "reuse-copy" : "reuse-move"),
                               retries ? "reuse-copy.txt" : "reuse-move.txt", t);
            config["transforms"] = "dropMarked";
            config["transforms.dropMarked.type"] = "org.apache.kafka.connect.transforms.Filter";
            config["transforms.dropMarked.predicate"] = "marked";
            config["predicates"] = "marked";
            config["predicates.marked.type"] = "org.apache.kafka.connect.transforms.predicates.HasHeaderKey";
            config["predicates.marked.name"] = "drop";
            if (retries) {
                config["errors.retry.timeout"] = "1000";
            }
            worker->putConnector(config);
        }
        for (const char* file : {"reuse-move.txt", "reuse-copy.txt"}) {
            QTRY_COMPARE_WITH_TIMEOUT(lineCount(path(file)), qint64(expected.size()), 60000);
            QCOMPARE(readLines(path(file)), expected);
        }
    }

    // Records in flight (sent, not acknowledged) are bounded by batch.num.messages and by
    // buffer.memory (bytes of keys and values), as Apache bounds them by buffer.memory; everything
    // still arrives.
    void sourceInFlightIsBounded()
    {
        constexpr int n = 20000;
        appendLines(path("b-in.txt"), 0, n);
        auto worker = newWorker();
        const auto t1 = topic("bounded-records");
        createTopic(t1);
        auto byRecords = source("b-records", "b-in.txt", t1);
        byRecords["producer.override.batch.num.messages"] = "300";
        worker->putConnector(byRecords);
        const auto t2 = topic("bounded-bytes");
        createTopic(t2);
        auto byBytes = source("b-bytes", "b-in.txt", t2);
        byBytes["producer.override.buffer.memory"] = "3000";
        worker->putConnector(byBytes);
        const auto metric = [&](const char* task, const char* name) {
            return taskMetric(worker->herder(), task, name);
        };
        QTRY_COMPARE_WITH_TIMEOUT(metric("b-records", "source-record-write-total"), double{n}, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(metric("b-bytes", "source-record-write-total"), double{n}, 60000);
        const double maxRecords = metric("b-records", "source-record-active-count-max");
        const double maxBytesCase = metric("b-bytes", "source-record-active-count-max");
        qInfo("records in flight at most: %.0f (bound 900 records), %.0f (bound 3000 bytes)", maxRecords,
              maxBytesCase);
        // 300 records per request: one request in flight and two queued.
        QVERIFY(maxRecords >= 1.0 && maxRecords <= 900.0);
        // Lines are 24..30 bytes: below 3000 bytes at most 125 fit, plus the one that crosses.
        QVERIFY(maxBytesCase >= 1.0 && maxBytesCase <= 126.0);
    }

    // A task that uses commitRecord() (the default) gets every record back once Kafka acknowledged
    // it, in order, with the offset Kafka gave it; FileStreamSource, which does not, lets the worker
    // keep only offsets (the other tests).
    void commitRecordSeesEveryAcknowledgedRecord()
    {
        constexpr int n = 3000;
        const auto [worker, log] = runNumbers("commit-record", n);
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(log), qint64{n}, 60000);
        QCOMPARE(readLines(log), ackedInOrder(n));
    }

    // The same task with its records spread over 3 Kafka partitions: each acknowledges in its own
    // order, so the one source partition's records come back out of order. Every record still gets
    // commitRecord() once, and the committed offset ends at the last record.
    void commitRecordWithAcknowledgementsOutOfOrder()
    {
        constexpr int n = 50000;
        const auto t = topic("commit-record-spread");
        createTopic(t, 3);
        auto worker = newWorkerWithTestPlugins();
        const QString log = path("commit-record-spread.log");
        worker->putConnector(numbersSource("commit-record-spread", t, n, {{"log.file", log.toStdString()}}));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(log), qint64{n}, 60000);
        std::vector<bool> seen(n, false);
        int before = -1;
        int outOfOrder = 0;
        for (const QByteArray& line : readLines(log)) { // "<record>@<Kafka offset>"
            const int i = line.left(line.indexOf('@')).toInt();
            QVERIFY2(i >= 0 && i < n && !seen[static_cast<std::size_t>(i)], line.constData());
            seen[static_cast<std::size_t>(i)] = true;
            outOfOrder += i < before ? 1 : 0;
            before = i;
        }
        qInfo("%d times in %d acknowledgements the next one was for an earlier record", outOfOrder, n);
        QVERIFY(outOfOrder > 0); // the case this test is for did happen
        QTRY_COMPARE_WITH_TIMEOUT(singleOffset(worker->herder(), "commit-record-spread"),
                                  "{\"n\":" + std::to_string(n - 1) + "}", 20000);
    }

    // What poll() throws fails the task, with its message in the task's trace, and only after the
    // records of the polls before it are sent and acknowledged.
    void pollFailureFailsTheTaskAfterTheRecordsBeforeIt()
    {
        constexpr int n = 5000;
        constexpr int polledBefore = 3000; // three polls of 1,000 records, then the fourth throws
        const auto [worker, log] =
            runNumbers("poll-fails", n, {{"fail.after", std::to_string(polledBefore)}});
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(worker->herder(), "poll-fails", State::Failed), 60000);
        auto status =
            sync<ConnectorStateInfo>([&](auto cb) { worker->herder().connectorStatus("poll-fails", cb); });
        QVERIFY(status.ok());
        const std::string& trace = status.value->tasks.at(0).trace;
        QVERIFY2(trace.find("poll() failed on purpose after 3000 records") != std::string::npos,
                 trace.c_str());
        // The task stops after the last acknowledgement it waits for: then its log is complete.
        QTRY_VERIFY_WITH_TIMEOUT(readLines(log).contains("stop"), 20000);
        QCOMPARE(readLines(log), ackedInOrder(polledBefore) << "stop");
    }

    // A RetriableException from poll() is logged and poll() is called again: every record arrives
    // once, in order, and the task keeps running.
    void retriablePollIsRetried()
    {
        constexpr int n = 3000;
        const auto [worker, log] = runNumbers("poll-retries", n, {{"retriable.at", "1500"}});
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(log), qint64{n}, 60000);
        QCOMPARE(readLines(log), ackedInOrder(n));
        QVERIFY(allTasks(worker->herder(), "poll-retries", State::Running));
    }

    // The task thread serves the delivery reports between poll() batches; while poll() blocks the
    // committer does, so every record is acknowledged (and its offset committable) meanwhile.
    void acknowledgementsGoOnWhilePollBlocks()
    {
        constexpr int n = 3000;
        const QString release = path("poll-blocks.release");
        const auto [worker, log] =
            runNumbers("poll-blocks", n, {{"block.until.file", release.toStdString()}});
        // poll() ignores stop: whatever happens below, let it return before the worker goes away.
        const auto releasePoll = qScopeGuard([&] {
            QFile marker(release);
            marker.open(QIODevice::WriteOnly);
        });
        const auto metric = [&](const char* name) {
            return taskMetric(worker->herder(), "poll-blocks", name);
        };
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(log), qint64{n}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(metric("source-record-write-total"), double{n}, 5000);
        QCOMPARE(metric("source-record-active-count"), 0.0);
        // The task wrote this when its poll() began to block, and that poll() has not returned since.
        QVERIFY(QFile::exists(release + QStringLiteral(".blocking")));
        // The task is stopped (SourceTask::stop()) only after the poll() in progress returned, never
        // during it. The deletion is not waited for: it waits for that poll().
        worker->herder().deleteConnector("poll-blocks", [](const auto&) {});
        QTest::qWait(500);
        QCOMPARE(readLines(log).size(), qsizetype{n}); // not stopped yet
        QFile marker(release);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        QTRY_COMPARE_WITH_TIMEOUT(readLines(log).size(), qsizetype{n + 1}, 20000);
        QCOMPARE(readLines(log).back(), QByteArray("stop"));
    }

    // Records of three source partitions in runs of 7 (as a task reading several files in turn),
    // most sharing their partition's map (as FileStreamSource shares its one map), every fifth with
    // its own equal copy: every committed offset belongs to its partition, and each partition ends
    // at its own last record once everything is acknowledged.
    void sourcePartitionsInterleavedCommitTheirOwnOffsets()
    {
        constexpr int n = 3001;
        const auto partitionOf = [](std::int64_t i) { return (i / 7) % 3; };
        std::map<std::string, std::string> expected;
        for (std::int64_t i = 0; i < n; ++i) { // the last record of each partition wins
            expected["{\"source\":\"numbers-" + std::to_string(partitionOf(i)) + "\"}"] =
                "{\"n\":" + std::to_string(i) + "}";
        }
        const auto t = topic("interleaved");
        createTopic(t);
        auto worker = newWorkerWithTestPlugins();
        worker->putConnector(numbersSource("interleaved", t, n, {{"partitions", "3"}}));
        std::map<std::string, std::string> committed;
        std::string misplaced;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto o = sync<std::vector<ConnectorOffset>>(
                    [&](auto cb) { worker->herder().connectorOffsets("interleaved", cb); });
                committed.clear();
                if (o.ok()) {
                    for (const auto& entry : *o.value) {
                        committed[entry.partitionJson] = entry.offsetJson;
                        // {"n":<i>} under {"source":"numbers-<p>"}: p must be record i's partition.
                        const std::int64_t i = std::stoll(entry.offsetJson.substr(5));
                        const std::string p = entry.partitionJson.substr(entry.partitionJson.size() - 3, 1);
                        if (std::to_string(partitionOf(i)) != p && misplaced.empty()) {
                            misplaced = entry.partitionJson + " " + entry.offsetJson;
                        }
                    }
                }
                return !misplaced.empty() || committed == expected;
            }(),
            60000);
        QVERIFY2(misplaced.empty(), misplaced.c_str());
        QCOMPARE(taskMetric(worker->herder(), "interleaved", "source-record-write-total"), double{n});
    }

    void persistedConnectorsComeBack()
    {
        const auto t = topic("persist");
        createTopic(t);
        appendLines(path("r-in.txt"), 0, 1000);
        {
            auto worker = newWorker();
            worker->putConnector(source("r-src", "r-in.txt", t));
            worker->putConnector(sink("r-sink", "r-out.txt", t));
            QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("r-out.txt")), qint64{1000}, 60000);
            QVERIFY(sync<Empty>([&](auto cb) { worker->herder().stopConnector("p-src", cb); }).ok());
        } // worker shut down
        appendLines(path("r-in.txt"), 1000, 500);
        auto worker = newWorker(); // no connector files this time: everything comes from the store
        QTRY_VERIFY_WITH_TIMEOUT(allTasks(worker->herder(), "r-src", State::Running), 30000);
        QCOMPARE(connectorState(worker->herder(), "p-src"), State::Stopped);
        // Exactly once from the committed offsets on: no duplicates, nothing missing.
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(path("r-out.txt")), qint64{1500}, 60000);
        QCOMPARE(md5Of(path("r-out.txt")), md5Of(path("r-in.txt")));
    }
};

QTEST_GUILESS_MAIN(TestWorkerKafka)
#include "tst_worker_kafka.moc"
