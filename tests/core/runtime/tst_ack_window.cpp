// AckWindow against a plain model: records spread over several Kafka partitions, each partition
// acknowledging its own records in order, the partitions interleaving at random, some records taken
// back unsent. After every step head() must be the first record the model has not seen acknowledged.
#include "runtime/ack_window.h"

#include <QRandomGenerator>
#include <QtTest>

#include <deque>
#include <vector>

using connectdesk::runtime::AckWindow;

class TestAckWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void inOrderOnlyMovesHead()
    {
        AckWindow w;
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(w.push(), std::uint64_t(i));
        }
        w.acknowledge(0, 4);
        QCOMPARE(w.head(), std::uint64_t{4});
        w.acknowledge(4, 6);
        QVERIFY(w.empty());
        QCOMPARE(w.tail(), std::uint64_t{10});
    }

    void earlyAcknowledgementsWaitForTheGap()
    {
        AckWindow w;
        for (int i = 0; i < 300; ++i) {
            w.push();
        }
        w.acknowledge(5, 3);     // 5..7 early
        w.acknowledge(200, 100); // 200..299 early: the ring grows past its first 64
        QCOMPARE(w.head(), std::uint64_t{0});
        w.acknowledge(0, 5); // the gap before 5 closes: head runs through 5..7 and stops at 8
        QCOMPARE(w.head(), std::uint64_t{8});
        w.acknowledge(8, 192);
        QVERIFY(w.empty());
        // Marks were cleared on the way: the same ring slots serve the next records.
        for (int i = 0; i < 300; ++i) {
            w.push();
        }
        w.acknowledge(301, 1);
        QCOMPARE(w.head(), std::uint64_t{300});
        w.acknowledge(300, 1);
        QCOMPARE(w.head(), std::uint64_t{302});
    }

    void takenBackRecordIsNotWaitedFor()
    {
        AckWindow w;
        w.push();
        w.push();
        w.popBack(); // record 1 was not sent
        QCOMPARE(w.tail(), std::uint64_t{1});
        w.acknowledge(0, 1);
        QVERIFY(w.empty());
        QCOMPARE(w.push(), std::uint64_t{1}); // the number is given again
    }

    void expandCrossesThirtyTwoBits()
    {
        const std::uint64_t start = (std::uint64_t{1} << 32) - 3;
        AckWindow w(start);
        for (int i = 0; i < 6; ++i) {
            w.push();
        }
        for (std::uint64_t seq = start; seq < start + 6; ++seq) {
            QCOMPARE(w.expand(static_cast<std::uint32_t>(seq)), seq);
        }
        w.acknowledge(w.expand(static_cast<std::uint32_t>(start + 4)), 2);
        w.acknowledge(start, 4);
        QVERIFY(w.empty());
        QCOMPARE(w.head(), start + 6);
    }

    void matchesTheModel_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("kafkaPartitions");
        QTest::addColumn<quint64>("start");
        QTest::newRow("one partition") << 1u << 1 << quint64{0};
        QTest::newRow("three partitions") << 2u << 3 << quint64{0};
        QTest::newRow("seven partitions") << 3u << 7 << quint64{0};
        QTest::newRow("three, across 2^32") << 4u << 3 << ((quint64{1} << 32) - 5000);
        QTest::newRow("twelve, another seed") << 5u << 12 << quint64{123456789};
    }
    void matchesTheModel()
    {
        QFETCH(quint32, seed);
        QFETCH(int, kafkaPartitions);
        QFETCH(quint64, start);
        QRandomGenerator random(seed);
        AckWindow w(start);
        std::vector<bool> acked; // index: seq - start
        std::vector<std::deque<std::uint64_t>> inFlight(static_cast<std::size_t>(kafkaPartitions));
        std::uint64_t modelHead = start;
        int sticky = 0;
        int current = 0;
        const auto check = [&] {
            while (modelHead - start < acked.size() && acked[modelHead - start]) {
                ++modelHead;
            }
            QCOMPARE(w.head(), modelHead);
            QCOMPARE(w.tail(), start + acked.size());
        };
        for (int step = 0; step < 20000; ++step) {
            if (random.bounded(3) != 0) {
                // A batch of sends, sticky to one Kafka partition for a while.
                const int n = 1 + static_cast<int>(random.bounded(40));
                for (int i = 0; i < n; ++i) {
                    if (sticky-- <= 0) {
                        current = static_cast<int>(random.bounded(kafkaPartitions));
                        sticky = static_cast<int>(random.bounded(50));
                    }
                    const std::uint64_t seq = w.push();
                    QCOMPARE(seq, start + acked.size());
                    if (random.bounded(50) == 0) {
                        w.popBack(); // the send failed: never acknowledged, the number reused
                        continue;
                    }
                    acked.push_back(false);
                    inFlight[static_cast<std::size_t>(current)].push_back(seq);
                }
            } else {
                // One partition acknowledges a prefix of its records, passed on as runs of
                // consecutive numbers (as the worker folds its delivery reports).
                auto& queue = inFlight[random.bounded(kafkaPartitions)];
                std::size_t n = std::min<std::size_t>(queue.size(), random.bounded(60));
                while (n > 0) {
                    const std::uint64_t first = queue.front();
                    std::uint64_t count = 0;
                    while (n > 0 && queue.front() == first + count) {
                        acked[queue.front() - start] = true;
                        queue.pop_front();
                        ++count;
                        --n;
                    }
                    QCOMPARE(w.expand(static_cast<std::uint32_t>(first)), first);
                    w.acknowledge(first, count);
                }
            }
            check();
        }
        for (auto& queue : inFlight) { // everything still in flight comes, partition by partition
            while (!queue.empty()) {
                acked[queue.front() - start] = true;
                w.acknowledge(queue.front(), 1);
                queue.pop_front();
            }
        }
        check();
        QVERIFY(w.empty());
        qInfo("%zu records, head %llu", acked.size(), static_cast<unsigned long long>(w.head() - start));
    }
};

QTEST_APPLESS_MAIN(TestAckWindow)
#include "tst_ack_window.moc"
