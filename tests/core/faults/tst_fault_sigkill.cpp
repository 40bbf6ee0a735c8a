// File → Kafka → file through the headless worker while it is SIGKILLed three times and restarted
// with the same offsets file: at-least-once delivery means nothing may be missing from the sink
// file or the topic; duplicates are allowed and counted (issue #4, tests).
#include "fault_support.h"
#include "harness_env.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <cstdio>
#include <functional>
#include <vector>

using namespace connectdesk::faults;
using namespace Qt::StringLiterals;

namespace {

constexpr int kLines = 100000;
constexpr int kChunk = 1000;       // input lines appended per feeding step
constexpr int kChunkEveryMs = 200; // 20 s of input: the source is still reading at every kill
constexpr int kPollMs = 5;         // how often progress is checked between kills

QByteArray lineFor(int i)
{
    char buf[80];
    std::snprintf(buf, sizeof buf, "line-%06d numbered payload for the kill test", i);
    return QByteArray(buf);
}

// Index of a well-formed line, or -1 (a line torn by a kill mid-write, or garbage).
int indexOf(const QByteArray& line)
{
    if (!line.startsWith("line-") || line.size() < 11) {
        return -1;
    }
    bool ok = false;
    const int i = line.mid(5, 6).toInt(&ok);
    return ok && i >= 0 && i < kLines && line == lineFor(i) ? i : -1;
}

struct Tally {
    int distinct = 0;
    int duplicates = 0;
    int malformed = 0;
    int missing = 0;
    int firstMissing = -1;
};

template <typename Lines>
Tally tally(const Lines& lines)
{
    std::vector<int> seen(kLines, 0);
    Tally t;
    for (const QByteArray& line : lines) {
        const int i = indexOf(line);
        if (i < 0) {
            ++t.malformed;
        } else if (seen[std::size_t(i)]++ > 0) {
            ++t.duplicates;
        }
    }
    for (int i = 0; i < kLines; ++i) {
        if (seen[std::size_t(i)] > 0) {
            ++t.distinct;
        } else {
            if (t.firstMissing < 0) {
                t.firstMissing = i;
            }
            ++t.missing;
        }
    }
    return t;
}

qint64 fileSize(const QString& path)
{
    return QFileInfo(path).size();
}

} // namespace

class TestFaultSigkill : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bootstrap;

    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_bootstrap = connectdesk::testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
        QVERIFY2(!m_bootstrap.isEmpty(), "KAFKA_BOOTSTRAP not set: run through ctest (fixture kafka)");
        QVERIFY(m_dir.isValid());
        // CONNECTDESK_FAULTS_KEEP=1 keeps the worker logs and files for a post-mortem.
        m_dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        qInfo("work dir %s", qPrintable(m_dir.path()));
    }

    void threeKillsLoseNothing()
    {
        const std::string topic =
            "faults-kill-" + QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString();
        KafkaClient kafka(m_bootstrap.toStdString());
        const std::string created = kafka.createTopic(topic);
        QVERIFY2(created.empty(), created.c_str());

        auto props = baseWorkerProperties(m_dir.path(), m_bootstrap, freePort());
        props[QStringLiteral("offset.flush.interval.ms")] = QStringLiteral("200");
        writeProperties(path("worker.properties"), props);
        writeProperties(path("source.properties"), {{u"name"_s, u"kill-src"_s},
                                                    {u"connector.class"_s, u"FileStreamSource"_s},
                                                    {u"file"_s, path("in.txt")},
                                                    {u"topic"_s, QString::fromStdString(topic)}});
        writeProperties(path("sink.properties"), {{u"name"_s, u"kill-sink"_s},
                                                  {u"connector.class"_s, u"FileStreamSink"_s},
                                                  {u"file"_s, path("out.txt")},
                                                  {u"topics"_s, QString::fromStdString(topic)}});
        QFile in(path("in.txt"));
        QVERIFY(in.open(QIODevice::WriteOnly | QIODevice::Truncate));
        int written = 0;
        const auto feed = [&](int upTo) {
            for (; written < upTo && written < kLines; ++written) {
                in.write(lineFor(written) + '\n');
            }
            in.flush();
        };
        const qint64 lineBytes = lineFor(0).size() + 1;

        WorkerProcess worker(path("worker.properties"), {path("source.properties"), path("sink.properties")},
                             path("worker.log"));
        QVERIFY(worker.start());
        QElapsedTimer clock;
        clock.start();
        // Three kills in three different states: (1) early, while the sink writes its first batches
        // and has barely committed; (2) once the sink group has committed half the lines (steady
        // state, after its rejoin); (3) once the source has committed 85 % of the input to the
        // offsets file (while the sink rejoins and catches up). The source is reading at all three.
        const QString offsetsFile = path("worker.offsets");
        const auto sourcePosition = [&]() -> qint64 {
            QFile f(offsetsFile);
            if (!f.open(QIODevice::ReadOnly)) {
                return -1;
            }
            // The value is Connect's offset JSON kept as a string: ..."value":"{\"position\":N}"...
            const QByteArray text = f.readAll();
            const QByteArray needle = QByteArrayLiteral("position\\\":");
            const qsizetype at = text.indexOf(needle);
            return at < 0 ? -1 : text.mid(at + needle.size()).split('}').first().toLongLong();
        };
        const auto committed = [&] { return kafka.committedOffset("connect-kill-sink", topic).value_or(-1); };
        const std::function<bool()> killWhen[] = {
            [&] { return fileSize(path("out.txt")) / lineBytes >= kLines / 5; },
            [&] { return committed() >= kLines / 2; },
            [&] { return sourcePosition() >= qint64(kLines) * 85 / 100 * lineBytes; },
        };
        const int pollMs[] = {kPollMs, 100, 20};
        for (int k = 0; k < 3; ++k) {
            QElapsedTimer wait;
            wait.start();
            while (!killWhen[k]()) {
                feed(int(clock.elapsed() / kChunkEveryMs + 1) * kChunk);
                QVERIFY2(worker.running(), worker.logTail().constData());
                QVERIFY2(wait.elapsed() < 120000, "no progress for 120 s before a kill");
                QTest::qWait(pollMs[k]);
            }
            const qint64 atLines = fileSize(path("out.txt")) / lineBytes;
            const auto inTopic = kafka.endOffsets(topic);
            const qint64 position = sourcePosition();
            worker.kill();
            qInfo("SIGKILL %d at %.2f s: %d input lines written, source committed line %lld, ~%lld in the "
                  "topic, ~%lld sink lines, sink group committed offset %lld",
                  k + 1, double(clock.elapsed()) / 1000.0, written,
                  static_cast<long long>(position / lineBytes), static_cast<long long>(inTopic.value_or(-1)),
                  static_cast<long long>(atLines), static_cast<long long>(committed()));
            QVERIFY(worker.start());
        }
        feed(kLines);
        in.close();

        // Everything arrives eventually (a missing line would keep this from ever becoming true).
        QTRY_VERIFY_WITH_TIMEOUT(tally(readLines(path("out.txt"))).missing == 0 || !worker.running(), 180000);
        QVERIFY2(worker.running(), worker.logTail().constData());
        const double seconds = double(clock.elapsed()) / 1000.0;
        QVERIFY(worker.terminate(30000));

        const Tally sink = tally(readLines(path("out.txt")));
        qInfo("sink file after 3 kills: %d of %d distinct lines, %d missing (first %d), %d duplicates, "
              "%d torn/garbage lines; %.1f s in all",
              sink.distinct, kLines, sink.missing, sink.firstMissing, sink.duplicates, sink.malformed,
              seconds);
        QCOMPARE(sink.missing, 0);

        std::string error;
        const auto records = kafka.readAll(topic, 60000, &error);
        QVERIFY2(records, error.c_str());
        std::vector<QByteArray> values;
        values.reserve(records->size());
        for (const auto& r : *records) {
            values.push_back(r.value);
        }
        const Tally inTopic = tally(values);
        qInfo(
            "topic after 3 kills: %zu records, %d distinct, %d missing (first %d), %d duplicates, %d foreign",
            records->size(), inTopic.distinct, inTopic.missing, inTopic.firstMissing, inTopic.duplicates,
            inTopic.malformed);
        QCOMPARE(inTopic.missing, 0);
        QCOMPARE(inTopic.malformed, 0);
    }
};

QTEST_GUILESS_MAIN(TestFaultSigkill)
#include "tst_fault_sigkill.moc"
