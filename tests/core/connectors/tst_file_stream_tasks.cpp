// The FileStream tasks as loaded from their plugin: what a sink put() is visible in the file at
// once (as with Apache's unbuffered PrintStream), before any flush; a failed write is an error.
#include "runtime/plugins.h"

#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/schema.h>
#include <connectdesk/sdk/sink_record.h>
#include <connectdesk/sdk/sink_task.h>
#include <connectdesk/sdk/source_task.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using connectdesk::runtime::Plugins;
namespace sdk = connectdesk::sdk;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

std::vector<sdk::SinkRecord> records(std::initializer_list<const char*> values, std::int64_t firstOffset)
{
    std::vector<sdk::SinkRecord> out;
    std::int64_t offset = firstOffset;
    for (const char* v : values)
        out.emplace_back("t", 0, nullptr, nullptr, sdk::Schema::stringSchema(), sdk::Value(v), offset++);
    return out;
}

// A source task context with no stored offsets: the task reads from the start of its file.
class EmptyContext : public sdk::SourceTaskContext, public sdk::OffsetStorageReader {
public:
    const sdk::ConfigMap& configs() const override { return m_configs; }
    sdk::OffsetStorageReader& offsetStorageReader() override { return *this; }
    std::optional<sdk::OffsetMap> offset(const sdk::OffsetMap&) override { return std::nullopt; }

private:
    sdk::ConfigMap m_configs;
};

void append(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    QCOMPARE(f.write(bytes), bytes.size());
}

// The lines and positions (offset {"position": n}) of one poll, as "line@position".
QByteArrayList polled(sdk::SourceTask& task)
{
    QByteArrayList out;
    for (const auto& r : task.poll()) {
        const auto* line = r.value().getIf<std::string>();
        const auto* position = r.sourceOffset().at("position").getIf<std::int64_t>();
        out << QByteArray(line ? line->c_str() : "<not a string>") + '@' +
                   QByteArray::number(position ? *position : -1);
    }
    return out;
}

// The values of polled records (a std::vector or a SourceRecordBatch), as text.
template <class Records>
QByteArrayList values(const Records& records)
{
    QByteArrayList out;
    for (const sdk::SourceRecord& r : records) {
        out << QByteArray(r.value().as<std::string>().c_str());
    }
    return out;
}

// Puts a pipe holding `text` in place of this process's stdin until destroyed; `ended` closes the
// pipe's writing end (stdin then ends after the text).
class PipedStdin {
public:
    PipedStdin(const QByteArray& text, bool ended)
    {
        if (::pipe(m_fds) != 0) {
            return;
        }
        const bool written =
            ::write(m_fds[1], text.constData(), static_cast<size_t>(text.size())) == text.size();
        if (ended) {
            ::close(m_fds[1]);
            m_fds[1] = -1;
        }
        m_saved = ::dup(STDIN_FILENO);
        m_ok = written && m_saved >= 0 && ::dup2(m_fds[0], STDIN_FILENO) == STDIN_FILENO;
    }
    ~PipedStdin()
    {
        if (m_saved >= 0) {
            ::dup2(m_saved, STDIN_FILENO);
            ::close(m_saved);
        }
        for (const int fd : m_fds) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    PipedStdin(const PipedStdin&) = delete;
    PipedStdin& operator=(const PipedStdin&) = delete;
    bool ok() const { return m_ok; }

private:
    int m_fds[2] = {-1, -1};
    int m_saved = -1;
    bool m_ok = false;
};

// Polls until `count` lines came or `maxPolls` polls were made.
QByteArrayList pollLines(sdk::SourceTask& task, qsizetype count, int maxPolls)
{
    QByteArrayList lines;
    for (int poll = 0; poll < maxPolls && lines.size() < count; ++poll) {
        lines += polled(task);
    }
    return lines;
}

} // namespace

class TestFileStreamTasks : public QObject {
    Q_OBJECT
    // A FileStreamSourceTask reading `file` from its start, or stdin when `file` is empty (topic "t").
    std::unique_ptr<sdk::SourceTask> startSource(const QString& file, EmptyContext& context,
                                                 sdk::ConfigMap extra = {})
    {
        auto task = m_plugins.newSourceTask("org.apache.kafka.connect.file.FileStreamSourceTask");
        if (task != nullptr) {
            if (!file.isEmpty()) {
                extra.emplace("file", file.toStdString());
            }
            extra.emplace("topic", "t");
            task->initialize(context);
            task->start(extra);
        }
        return task;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_plugins.loadPluginPath({CONNECTDESK_TEST_PLUGIN_DIR}).empty()); }

    // Lines end with \n, \r\n or \r, as Java's BufferedReader sees them; a \r at the end of what
    // was read waits for the next byte (it may start \r\n); an unterminated line waits; the
    // position after each line's terminator is its offset.
    void sourceSplitsLinesOnEveryTerminator()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("in.txt"));
        append(file, QByteArray("a\nbb\r\nc\r\r\nd\r"));
        auto task = m_plugins.newSourceTask("org.apache.kafka.connect.file.FileStreamSourceTask");
        QVERIFY(task != nullptr);
        EmptyContext context;
        task->initialize(context);
        task->start({{"file", file.toStdString()}, {"topic", "t"}});
        QCOMPARE(polled(*task), (QByteArrayList{"a@2", "bb@6", "c@8", "@10"}));
        append(file, QByteArray("\nlast"));
        QCOMPARE(polled(*task), (QByteArrayList{"d@13"}));
        append(file, QByteArray("\n"));
        QCOMPARE(polled(*task), (QByteArrayList{"last@18"}));
        task->stop();
    }

    // A line longer than the task's read-ahead (64 KiB) still comes out whole, and the lines
    // around it too; polls that find no complete line yet return nothing instead of waiting forever.
    void sourceReadsLinesLongerThanItsReadAhead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("in.txt"));
        const QByteArray longLine(3 * 1024 * 1024 + 7, 'x');
        append(file, "first\n" + longLine + "\nafter\n");
        EmptyContext context;
        auto task = startSource(file, context);
        QVERIFY(task != nullptr);
        const QByteArrayList lines = pollLines(*task, 3, 10);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QByteArray("first@6"));
        QCOMPARE(lines[1], longLine + '@' + QByteArray::number(6 + longLine.size() + 1));
        QCOMPARE(lines[2], QByteArray("after@") + QByteArray::number(6 + longLine.size() + 1 + 6));
        task->stop();
    }

    // pollInto() appends to the batch it is given: batch.size counts the records of this poll
    // only and what was there stays first. After clear() the next poll builds its records in
    // place of the spent ones: the same storage and the same value buffers (the lines are longer
    // than std::string's inline buffer, so each has its own allocation), no allocation per record.
    void sourcePollIntoAppendsAndReusesSpentRecords()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("in.txt"));
        const QByteArray a(40, 'a'), b(40, 'b'), c(30, 'c'), d(40, 'd');
        append(file, a + '\n' + b + '\n' + c + '\n' + d + '\n');
        EmptyContext context;
        auto task = startSource(file, context, {{"batch.size", "2"}});
        QVERIFY(task != nullptr);
        sdk::SourceRecordBatch records;
        records.push_back(sdk::SourceRecord(sdk::OffsetMap{}, sdk::OffsetMap{}, "t",
                                            sdk::Schema::stringSchema(), sdk::Value(std::string("kept"))));
        task->pollInto(records);
        QCOMPARE(values(records), (QByteArrayList{"kept", a, b}));
        const sdk::SourceRecord* storage = &records[0];
        const char* buffer1 = records[1].value().as<std::string>().data();
        records.clear();
        QCOMPARE(records.size(), std::size_t{0});
        QCOMPARE(records.held(), std::size_t{3});
        task->pollInto(records);
        QCOMPARE(values(records), (QByteArrayList{c, d}));
        QCOMPARE(&records[0], storage);
        // "kept" was a short string: the first line needed a buffer of its own.
        QCOMPARE(records[1].value().as<std::string>().data(), buffer1);
        QCOMPARE(records[1].sourceOffset(),
                 (sdk::OffsetMap{{"position", sdk::Value(std::int64_t{41 + 41 + 31 + 41})}}));
        QCOMPARE(records[0].sourceOffset(),
                 (sdk::OffsetMap{{"position", sdk::Value(std::int64_t{41 + 41 + 31})}}));
        QCOMPARE(records[0].sourcePartition(),
                 (sdk::OffsetMap{{"filename", sdk::Value(file.toStdString())}}));
        QCOMPARE(records[0].topic(), std::string("t"));
        task->stop();
    }

    // The SDK's default pollInto() appends what poll() returns (a task that only has poll()).
    void defaultPollIntoAppendsPoll()
    {
        class TwoRecords : public sdk::SourceTask {
        public:
            std::string version() const override { return "1"; }
            void start(const sdk::ConfigMap&) override {}
            std::vector<sdk::SourceRecord> poll() override
            {
                std::vector<sdk::SourceRecord> out;
                for (const char* v : {"x", "y"}) {
                    out.emplace_back(sdk::OffsetMap{}, sdk::OffsetMap{}, "t", sdk::Schema::stringSchema(),
                                     sdk::Value(std::string(v)));
                }
                return out;
            }
            void stop() override {}
        } task;
        sdk::SourceRecordBatch records;
        task.pollInto(records);
        QCOMPARE(values(records), (QByteArrayList{"x", "y"}));
        task.pollInto(records);
        QCOMPARE(values(records), (QByteArrayList{"x", "y", "x", "y"}));
        records.clear();
        task.pollInto(records);
        QCOMPARE(values(records), (QByteArrayList{"x", "y"}));
        QCOMPARE(records.held(), std::size_t{4});
    }

    // Lines ended by \r alone (no \n anywhere) and batch.size 0, which Apache's task treats as one
    // record per poll.
    void sourceCarriageReturnLinesAndBatchSizeZero()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("in.txt"));
        QByteArray text;
        for (int i = 0; i < 5000; ++i) {
            text += "line " + QByteArray::number(i) + '\r';
        }
        append(file, text + "end\r\n");
        EmptyContext context;
        auto task = startSource(file, context);
        QVERIFY(task != nullptr);
        const QByteArrayList lines = pollLines(*task, 5001, 20);
        QCOMPARE(lines.size(), 5001);
        QCOMPARE(lines[0], QByteArray("line 0@7"));
        QCOMPARE(lines[4999], QByteArray("line 4999@") + QByteArray::number(text.size()));
        QCOMPARE(lines[5000], QByteArray("end@") + QByteArray::number(text.size() + 5));
        task->stop();

        auto one = startSource(file, context, {{"batch.size", "0"}});
        QVERIFY(one != nullptr);
        QCOMPARE(polled(*one), (QByteArrayList{"line 0@7"}));
        QCOMPARE(polled(*one), (QByteArrayList{"line 1@14"}));
        one->stop();
    }

    // Without `file` the task reads stdin; at its end it waits a second per empty poll, as Apache's
    // task does, instead of returning at once (poll() reports an ended stdin as readable, so the
    // task thread used to spin on a whole core).
    void sourceWaitsAtTheEndOfStdin()
    {
        QByteArrayList lines;
        QElapsedTimer idle;
        int emptyPolls = 0;
        {
            PipedStdin in("a\nb\n", true);
            QVERIFY(in.ok());
            EmptyContext context;
            auto task = startSource({}, context);
            QVERIFY(task != nullptr);
            lines = values(task->poll());
            idle.start();
            for (; emptyPolls < 2 && task->poll().empty(); ++emptyPolls) {
            }
            task->stop();
        }
        QCOMPARE(lines, (QByteArrayList{"a", "b"}));
        QCOMPARE(emptyPolls, 2);
        QVERIFY2(idle.elapsed() >= 1900, qPrintable(QString::number(idle.elapsed())));
    }

    // Complete lines left in the buffer by a small batch.size come out at the next poll even while
    // stdin stays open and idle (they used to wait for more input).
    void sourceDrainsBufferedStdinLinesWhileIdle()
    {
        PipedStdin in("a\nb\n", false);
        QVERIFY(in.ok());
        EmptyContext context;
        auto task = startSource({}, context, {{"batch.size", "1"}});
        QVERIFY(task != nullptr);
        QCOMPARE(values(task->poll()), QByteArrayList{"a"});
        QCOMPARE(values(task->poll()), QByteArrayList{"b"});
        task->stop();
    }

    void sinkLinesAreInTheFileAfterPut()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("out.txt"));
        auto task = m_plugins.newSinkTask("org.apache.kafka.connect.file.FileStreamSinkTask");
        QVERIFY(task != nullptr);
        task->start({{"file", file.toStdString()}, {"topics", "t"}});
        auto batch = records({"one", "two"}, 0);
        task->put(batch);
        QCOMPARE(readAll(file), QByteArray("one\ntwo\n"));
        auto more = records({"three"}, 2);
        task->put(more);
        QCOMPARE(readAll(file), QByteArray("one\ntwo\nthree\n"));
        task->flush({});
        task->stop();
        QCOMPARE(readAll(file), QByteArray("one\ntwo\nthree\n"));
    }

    void sinkAppendsToAnExistingFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("out.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("before\n");
        }
        auto task = m_plugins.newSinkTask("org.apache.kafka.connect.file.FileStreamSinkTask");
        task->start({{"file", file.toStdString()}, {"topics", "t"}});
        auto batch = records({"after"}, 0);
        task->put(batch);
        QCOMPARE(readAll(file), QByteArray("before\nafter\n"));
        task->stop();
    }

    void sinkWriteFailureIsAnError()
    {
        // /dev/full accepts the open and fails every write with ENOSPC: a full disk.
        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("/dev/full is not available here");
        auto task = m_plugins.newSinkTask("org.apache.kafka.connect.file.FileStreamSinkTask");
        task->start({{"file", "/dev/full"}, {"topics", "t"}});
        auto batch = records({"lost?"}, 0);
        bool thrown = false;
        try {
            task->put(batch);
        } catch (const sdk::ConnectException& e) {
            thrown = true;
            QVERIFY2(std::string(e.what()).find("/dev/full") != std::string::npos, e.what());
        }
        QVERIFY(thrown);
        task->stop();
    }

private:
    Plugins m_plugins;
};

QTEST_MAIN(TestFileStreamTasks)
#include "tst_file_stream_tasks.moc"
