// The standalone offsets file: round trip, Connect's key/value bytes (spec §8.3), tombstones,
// corrupt files kept aside, and crash safety when the writer is killed mid-write.
#include "full_disk.h"
#include "runtime/file_offset_store.h"
#include "runtime/offset_json.h"
#include "runtime/standalone_config_store.h"

#include <connectdesk/sdk/errors.h>

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using connectdesk::runtime::FileOffsetStore;
using connectdesk::sdk::OffsetMap;
using connectdesk::sdk::Value;

namespace {
std::string slurp(const QString& path)
{
    std::ifstream in(path.toStdString());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every partition of one flush carries the same generation: a torn write would mix them.
void writeGeneration(FileOffsetStore& store, std::int64_t generation, int partitions)
{
    std::vector<std::pair<OffsetMap, std::optional<OffsetMap>>> rows;
    for (int p = 0; p < partitions; ++p) {
        rows.push_back({OffsetMap{{"filename", Value(std::string("file-") + std::to_string(p))}},
                        OffsetMap{{"position", Value(generation)}}});
    }
    std::string error;
    if (!store.put("gen", rows, &error)) {
        std::abort();
    }
}
} // namespace

class TestOffsetStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyAndValueBytes()
    {
        // Hand-written from spec §8.3's FileStreamSource example.
        QCOMPARE(connectdesk::runtime::offsetKeyJson("orders-src", {{"filename", Value("/data/orders.txt")}}),
                 std::string(R"(["orders-src",{"filename":"/data/orders.txt"}])"));
        QCOMPARE(connectdesk::runtime::offsetMapToJson({{"position", Value(std::int64_t{20480})}}),
                 std::string(R"({"position":20480})"));
        const auto key = connectdesk::runtime::parseOffsetKey(R"(["c",{"a":1,"b":"x","c":null,"d":true}])");
        QVERIFY(key.has_value());
        QCOMPARE(key->first, std::string("c"));
        QCOMPARE(key->second.at("a"), Value(std::int64_t{1}));
        QVERIFY(key->second.at("c").isNull());
        QVERIFY(!connectdesk::runtime::parseOffsetKey(R"(["c"])").has_value());
        QVERIFY(!connectdesk::runtime::parseOffsetKey(R"([1,{}])").has_value());
    }

    void roundTripAndTombstone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/connect.offsets"));
        {
            FileOffsetStore store(path.toStdString());
            QCOMPARE(store.load(), std::string()); // missing file is an empty store
            std::string error;
            QVERIFY(
                store.put("src",
                          {{{{"filename", Value("a.txt")}}, OffsetMap{{"position", Value(std::int64_t{30})}}},
                           {{{"filename", Value("b.txt")}}, OffsetMap{{"position", Value(std::int64_t{7})}}}},
                          &error));
            QVERIFY(store.put("other", {{{{"k", Value("v")}}, OffsetMap{{"o", Value(1.5)}}}}, &error));
        }
        QVERIFY(slurp(path).find(R"(["src",{\"filename\":\"a.txt\"}])") ==
                std::string::npos); // stored as strings
        QVERIFY(slurp(path).find(R"([\"src\",{\"filename\":\"a.txt\"}])") != std::string::npos);
        FileOffsetStore again(path.toStdString());
        QCOMPARE(again.load(), std::string());
        const auto a = again.get("src", {{"filename", Value("a.txt")}});
        QVERIFY(a.has_value());
        QCOMPARE(a->at("position"), Value(std::int64_t{30}));
        QCOMPARE(again.connectorOffsets("src").size(), std::size_t{2});
        std::string error;
        QVERIFY(again.put("src", {{{{"filename", Value("a.txt")}}, std::nullopt}}, &error));
        QVERIFY(!again.get("src", {{"filename", Value("a.txt")}}).has_value());
        QVERIFY(again.resetConnector("src", &error));
        QVERIFY(again.connectorOffsets("src").empty());
        QCOMPARE(again.connectorOffsets("other").size(), std::size_t{1});
    }

    void rejectsNestedValues()
    {
        QTemporaryDir dir;
        FileOffsetStore store(dir.filePath(QStringLiteral("o")).toStdString());
        std::string error;
        const auto putNested = [&] {
            store.put("c", {{{{"p", Value("x")}}, OffsetMap{{"n", Value(connectdesk::sdk::Array{})}}}},
                      &error);
        };
        QVERIFY_THROWS_EXCEPTION(connectdesk::sdk::DataException, putNested());
        QVERIFY(store.connectorOffsets("c").empty());
    }

    void corruptFileKeptAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connect.offsets"));
        {
            std::ofstream out(path.toStdString());
            out << "\xac\xed\x00\x05 not ours";
        }
        FileOffsetStore store(path.toStdString());
        const std::string message = store.load();
        QVERIFY2(message.find("moved to") != std::string::npos, message.c_str());
        QVERIFY(store.connectorOffsets("x").empty());
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("connect.offsets.corrupt-*")}).size(), 1);
    }

    // A child process rewrites a 3000-partition offsets file in a loop and is SIGKILLed at varying
    // moments; the file must always load, with every partition from the same flush.
    void killMidWrite()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("connect.offsets")).toStdString();
        constexpr int kPartitions = 3000;
        int survivedGenerations = 0;
        for (int round = 0; round < 12; ++round) {
            const pid_t child = fork();
            QVERIFY(child >= 0);
            if (child == 0) {
                FileOffsetStore store(path);
                store.load();
                for (std::int64_t g = 1;; ++g) {
                    writeGeneration(store, g, kPartitions);
                }
            }
            // Let the child get through a varying number of flushes before the kill.
            const auto deadline =
                std::chrono::steady_clock::now() + std::chrono::milliseconds(20 + round * 17);
            while (std::chrono::steady_clock::now() < deadline) {
                QThread::usleep(500);
            }
            ::kill(child, SIGKILL);
            int status = 0;
            ::waitpid(child, &status, 0);
            QVERIFY(WIFSIGNALED(status));

            FileOffsetStore store(path);
            const std::string message = store.load();
            QVERIFY2(message.empty(), message.c_str());
            const auto rows = store.connectorOffsets("gen");
            if (rows.empty()) {
                continue; // killed before the first rename: no file yet, which is a consistent state
            }
            QCOMPARE(rows.size(), std::size_t{kPartitions});
            const Value first = rows.front().second.at("position");
            for (const auto& [partition, offset] : rows) {
                QCOMPARE(offset.at("position"), first);
            }
            ++survivedGenerations;
        }
        QVERIFY(survivedGenerations > 0);
        // Only temp files of killed writers may remain beside the store, never a torn store.
        QVERIFY(QFile::exists(QString::fromStdString(path)));
    }

    void connectorStorePersists()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("connectors.json")).toStdString();
        using connectdesk::runtime::StandaloneConfigStore;
        using connectdesk::runtime::TargetState;
        {
            StandaloneConfigStore store(path);
            QCOMPARE(store.load(), std::string());
            std::string error;
            QVERIFY(store.putConnector(
                "a", {{{"name", "a"}, {"connector.class", "FileStreamSource"}}, TargetState::Started},
                &error));
            QVERIFY(store.putConnector("b", {{{"name", "b"}}, TargetState::Started}, &error));
            QVERIFY(store.setTargetState("a", TargetState::Stopped, &error));
            QVERIFY(store.removeConnector("b", &error));
        }
        StandaloneConfigStore again(path);
        QCOMPARE(again.load(), std::string());
        QCOMPARE(again.connectors().size(), std::size_t{1});
        QCOMPARE(again.connectors().at("a").config.at("connector.class"), std::string("FileStreamSource"));
        QVERIFY(again.connectors().at("a").targetState == TargetState::Stopped);
    }

    // A disk that fills up while the offsets or connector files are rewritten: the write fails
    // with a message naming the file, the file on disk and the store in memory keep their last
    // good state, no temp file is left, and the next write after the disk has room again succeeds.
    // The full disk is this process's file-size limit (RLIMIT_FSIZE, EFBIG), which binds root too.
    void fullDiskKeepsTheLastGoodState()
    {
        QTemporaryDir dir;
        const QString offsetsPath = dir.filePath(QStringLiteral("connect.offsets"));
        const QString connectorsPath = dir.filePath(QStringLiteral("connectors.json"));
        FileOffsetStore offsets(offsetsPath.toStdString());
        connectdesk::runtime::StandaloneConfigStore connectors(connectorsPath.toStdString());
        QCOMPARE(offsets.load(), std::string());
        QCOMPARE(connectors.load(), std::string());
        std::string error;
        const OffsetMap partition{{"filename", Value("a.txt")}};
        QVERIFY(offsets.put("src", {{partition, OffsetMap{{"position", Value(std::int64_t{10})}}}}, &error));
        const connectdesk::runtime::StoredConnector stored{{{"name", "a"}},
                                                           connectdesk::runtime::TargetState::Started};
        QVERIFY(connectors.putConnector("a", stored, &error));
        const std::string offsetsBefore = slurp(offsetsPath);
        const std::string connectorsBefore = slurp(connectorsPath);

        FullDisk disk(64); // both files are larger than this once they hold what follows
        QVERIFY(disk.full());
        std::vector<std::pair<OffsetMap, std::optional<OffsetMap>>> many;
        for (int p = 0; p < 20; ++p) {
            many.push_back({OffsetMap{{"filename", Value("file-" + std::to_string(p) + ".txt")}},
                            OffsetMap{{"position", Value(std::int64_t{1000 + p})}}});
        }
        many.push_back({partition, OffsetMap{{"position", Value(std::int64_t{99})}}});
        std::string offsetsError;
        const bool offsetsWritten = offsets.put("src", many, &offsetsError);
        std::string connectorsError;
        const bool connectorWritten = connectors.putConnector(
            "b",
            {{{"name", "b"}, {"connector.class", "FileStreamSink"}, {"file", std::string(200, 'x')}},
             connectdesk::runtime::TargetState::Started},
            &connectorsError);
        disk.room();

        QVERIFY(!offsetsWritten);
        QVERIFY2(offsetsError.find("connect.offsets") != std::string::npos &&
                     offsetsError.find(std::strerror(EFBIG)) != std::string::npos,
                 offsetsError.c_str());
        QVERIFY(!connectorWritten);
        QVERIFY2(connectorsError.find("connectors.json") != std::string::npos, connectorsError.c_str());
        QCOMPARE(slurp(offsetsPath), offsetsBefore);
        QCOMPARE(slurp(connectorsPath), connectorsBefore);
        QCOMPARE(offsets.get("src", partition)->at("position"), Value(std::int64_t{10}));
        QCOMPARE(offsets.connectorOffsets("src").size(), std::size_t{1});
        QCOMPARE(connectors.connectors().size(), std::size_t{1});
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2); // no temp file left behind

        // Room again: the same write goes through, and a fresh load sees it.
        QVERIFY2(offsets.put("src", many, &error), error.c_str());
        FileOffsetStore reloaded(offsetsPath.toStdString());
        QCOMPARE(reloaded.load(), std::string());
        QCOMPARE(reloaded.connectorOffsets("src").size(), std::size_t{21});
        QCOMPARE(reloaded.get("src", partition)->at("position"), Value(std::int64_t{99}));
    }
};

QTEST_GUILESS_MAIN(TestOffsetStore)
#include "tst_offset_store.moc"
