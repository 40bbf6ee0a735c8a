// The standalone offsets file (offset.storage.file.filename) survives SIGKILL at any moment: 200
// times a headless worker with a running FileStreamSource is killed 50–400 ms after its start; after
// every kill the file must parse (format of core/runtime/file_offset_store.h), the worker must not
// set it aside as corrupt on the next start, and the source position never goes backwards and always
// ends on a line boundary of the input (issue #4: "offsets file parses after 200 kills in a loop").
// Runs against the harness's real broker: a start to first flush takes well under the kill window
// there, so most iterations commit something.
#include "fault_support.h"
#include "harness_env.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <cstdio>
#include <optional>

using namespace connectdesk::faults;
using namespace Qt::StringLiterals;

namespace {

constexpr int kIterations = 200;
constexpr int kLinesPerIteration = 500; // appended before every start, so there is always more to read

QByteArray lineFor(int i)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "o-%07d offsets file robustness line", i);
    return QByteArray(buf) + '\n';
}

struct OffsetsFile {
    bool exists = false;
    QString error; // non-empty: the file does not parse as a ConnectDesk offsets file
    std::optional<qint64> position;
};

// Parses the file the way FileOffsetStore::load does: {"format":"connectdesk-offsets","version":1,
// "offsets":[{"key":<key JSON>,"value":<value JSON>}]}, keys being Connect's ["<connector>",{partition}].
OffsetsFile readOffsets(const QString& path, const QString& connector, const QString& filename)
{
    OffsetsFile out;
    QFile f(path);
    if (!f.exists()) {
        return out;
    }
    out.exists = true;
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = u"cannot open"_s;
        return out;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    const QJsonObject root = doc.object();
    if (pe.error != QJsonParseError::NoError ||
        root.value(u"format"_s).toString() != u"connectdesk-offsets"_s ||
        !root.value(u"offsets"_s).isArray()) {
        out.error = u"not an offsets file: "_s + pe.errorString();
        return out;
    }
    for (const QJsonValue& row : root.value(u"offsets"_s).toArray()) {
        const QJsonArray key =
            QJsonDocument::fromJson(row.toObject().value(u"key"_s).toString().toUtf8()).array();
        const QJsonObject value =
            QJsonDocument::fromJson(row.toObject().value(u"value"_s).toString().toUtf8()).object();
        if (key.size() == 2 && key.at(0).toString() == connector &&
            key.at(1).toObject().value(u"filename"_s).toString() == filename) {
            if (!value.value(u"position"_s).isDouble()) {
                out.error =
                    u"offset without a numeric position: "_s + row.toObject().value(u"value"_s).toString();
                return out;
            }
            out.position = qint64(value.value(u"position"_s).toDouble());
        }
    }
    return out;
}

} // namespace

class TestFaultOffsetsFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bootstrap;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        m_bootstrap = connectdesk::testing::harnessValue(u"KAFKA_BOOTSTRAP"_s);
        QVERIFY2(!m_bootstrap.isEmpty(), "KAFKA_BOOTSTRAP not set: run through ctest (fixture kafka)");
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIntValue("CONNECTDESK_FAULTS_KEEP") == 0);
        qInfo("work dir %s", qPrintable(m_dir.path()));
    }

    void offsetsFileSurvives200Kills()
    {
        const QString topic = u"faults-offsets-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        KafkaClient kafka(m_bootstrap.toStdString());
        const std::string created = kafka.createTopic(topic.toStdString());
        QVERIFY2(created.empty(), created.c_str());

        auto props = baseWorkerProperties(m_dir.path(), m_bootstrap, freePort());
        // Flush very often so that kills land during and between rewrites of the file.
        props[u"offset.flush.interval.ms"_s] = u"10"_s;
        writeProperties(path(u"worker.properties"_s), props);
        const QString input = path(u"in.txt"_s);
        const QString connector = u"offsets-src"_s;
        writeProperties(path(u"source.properties"_s), {{u"name"_s, connector},
                                                       {u"connector.class"_s, u"FileStreamSource"_s},
                                                       {u"file"_s, input},
                                                       {u"topic"_s, topic},
                                                       {u"batch.size"_s, u"100"_s}});
        const qint64 lineBytes = lineFor(0).size();
        QFile in(input);
        QVERIFY(in.open(QIODevice::WriteOnly | QIODevice::Truncate));
        int written = 0;

        WorkerProcess worker(path(u"worker.properties"_s), {path(u"source.properties"_s)},
                             path(u"worker.log"_s));
        const QString offsets = path(u"worker.offsets"_s);
        qint64 last = -1;
        int advanced = 0;
        int committedOnce = -1;
        for (int it = 0; it < kIterations; ++it) {
            for (const int end = written + kLinesPerIteration; written < end; ++written) {
                in.write(lineFor(written));
            }
            in.flush();
            QVERIFY(worker.start());
            // The fault: a SIGKILL at a random moment of the run (the wait is the injection, not a
            // synchronisation).
            QTest::qWait(int(QRandomGenerator::global()->bounded(50, 401)));
            QVERIFY2(worker.running(), worker.logTail().constData());
            worker.kill();

            const OffsetsFile o = readOffsets(offsets, connector, input);
            QVERIFY2(o.error.isEmpty(), qPrintable(u"after kill %1: %2"_s.arg(it + 1).arg(o.error)));
            if (last >= 0) {
                QVERIFY2(o.exists && o.position,
                         qPrintable(u"after kill %1 the committed offset is gone"_s.arg(it + 1)));
            }
            if (!o.position) {
                continue;
            }
            if (committedOnce < 0) {
                committedOnce = it + 1;
            }
            const qint64 p = *o.position;
            QVERIFY2(
                p >= last,
                qPrintable(
                    u"after kill %1 the position went back from %2 to %3"_s.arg(it + 1).arg(last).arg(p)));
            QVERIFY2(
                p % lineBytes == 0 && p <= qint64(written) * lineBytes,
                qPrintable(
                    u"after kill %1 position %2 is not a line boundary of the input"_s.arg(it + 1).arg(p)));
            advanced += p > last ? 1 : 0;
            last = p;
        }
        in.close();
        const QStringList corrupt =
            QDir(m_dir.path()).entryList({u"worker.offsets.corrupt-*"_s}, QDir::Files);
        QVERIFY2(corrupt.isEmpty(), qPrintable(corrupt.join(u", "_s)));
        const QStringList temps = QDir(m_dir.path()).entryList({u"*.tmp.*"_s}, QDir::Files);
        qInfo("%d kills: first committed offset after kill %d, position advanced after %d kills, final "
              "position line %lld of %d; %lld temp files left behind by killed writers",
              kIterations, committedOnce, advanced, last / lineBytes, written,
              static_cast<long long>(temps.size()));
        // A run where the worker seldom got to commit would prove little (about a quarter of the
        // kills come after a new commit on an idle machine; the bound leaves room for a busy one).
        QVERIFY2(advanced >= kIterations / 20, "too few iterations committed a new position");

        // The file the kills left behind still drives a normal run to the end of the input.
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(readOffsets(offsets, connector, input).position.value_or(-1) ==
                                         qint64(written) * lineBytes ||
                                     !worker.running(),
                                 60000);
        QVERIFY2(worker.running(), worker.logTail().constData());
        QVERIFY(worker.terminate(30000));
    }
};

QTEST_GUILESS_MAIN(TestFaultOffsetsFile)
#include "tst_fault_offsets_file.moc"
