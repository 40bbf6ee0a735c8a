// The observability readers against a broker that is not there (an unused localhost port): each
// must report a readable errorOccurred naming the address, and stop() must return promptly.
#include "observe/internal_topic_reader.h"
#include "observe/status_history_reader.h"
#include "observe/throughput_sampler.h"
#include "observe/topic_peek.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <cmath>

using namespace connectdesk::observe;

namespace {

constexpr int kErrorWaitMs = 15000;
constexpr qint64 kPromptStopMs = 3000;

// A port nothing listens on: bound once by us to get a free one, then released.
quint16 unusedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    return server.serverPort();
}

bool mentionsRefusedAddress(const QSignalSpy& spy, const QString& address, QString* all)
{
    bool found = false;
    for (const QList<QVariant>& call : spy) {
        const QString message = call.at(0).toString();
        *all += message + QLatin1Char('\n');
        // Repeats of librdkafka's connect failure come without its counter, so they are not news.
        if (message.contains(QLatin1String("identical error(s) suppressed")))
            return false;
        if (message.contains(address) &&
            (message.contains(QLatin1String("refused")) || message.contains(QLatin1String("down"))))
            found = true;
    }
    return found;
}

} // namespace

class TestDeadBroker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void statusReaderReportsAndStops();
    void internalTopicReaderReportsAndStops_data();
    void internalTopicReaderReportsAndStops();
    void samplerReportsAndStops();
    void peekReportsWithinItsTimeout();
    void peekRefusesAnUnknownConverter();

private:
    ClientProperties m_properties;
    QString m_address;
};

void TestDeadBroker::initTestCase()
{
    m_address = QStringLiteral("127.0.0.1:%1").arg(unusedPort());
    m_properties = {{"bootstrap.servers", m_address.toStdString()},
                    {"socket.connection.setup.timeout.ms", "1000"},
                    {"reconnect.backoff.ms", "100"}};
}

void TestDeadBroker::statusReaderReportsAndStops()
{
    StatusHistoryReader reader(m_properties, QStringLiteral("connect-status"));
    QSignalSpy errors(&reader, &StatusHistoryReader::errorOccurred);
    QSignalSpy events(&reader, &StatusHistoryReader::eventsReceived);
    reader.start();
    QVERIFY(reader.isRunning());
    QString all;
    QTRY_VERIFY_WITH_TIMEOUT(mentionsRefusedAddress(errors, m_address, &(all = QString())), kErrorWaitMs);
    // librdkafka retries every 100 ms here; a second of that must not repeat a message (not a
    // synchronisation sleep: the absence of repeats can only be observed over time).
    QTest::qWait(1000);
    (void)mentionsRefusedAddress(errors, m_address, &(all = QString()));
    qInfo().noquote() << "errors reported:\n" << all.trimmed();
    QStringList texts;
    for (const QList<QVariant>& call : errors)
        texts << call.at(0).toString();
    QCOMPARE(QSet<QString>(texts.begin(), texts.end()).size(), texts.size());
    QVERIFY(events.isEmpty());
    QElapsedTimer timer;
    timer.start();
    reader.stop();
    qInfo() << "stop() took" << timer.elapsed() << "ms";
    QVERIFY2(timer.elapsed() < kPromptStopMs, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!reader.isRunning());
}

void TestDeadBroker::internalTopicReaderReportsAndStops_data()
{
    QTest::addColumn<InternalTopicReader::Kind>("kind");
    QTest::newRow("config") << InternalTopicReader::Kind::Config;
    QTest::newRow("offsets") << InternalTopicReader::Kind::Offsets;
}

void TestDeadBroker::internalTopicReaderReportsAndStops()
{
    QFETCH(InternalTopicReader::Kind, kind);
    InternalTopicReader reader(m_properties, kind, QStringLiteral("connect-internal"));
    QSignalSpy errors(&reader, &InternalTopicReader::errorOccurred);
    QSignalSpy caughtUp(&reader, &InternalTopicReader::caughtUp);
    reader.start();
    QString all;
    QTRY_VERIFY_WITH_TIMEOUT(mentionsRefusedAddress(errors, m_address, &(all = QString())), kErrorWaitMs);
    QVERIFY(caughtUp.isEmpty());
    QElapsedTimer timer;
    timer.start();
    reader.stop();
    QVERIFY2(timer.elapsed() < kPromptStopMs, qPrintable(QString::number(timer.elapsed())));
}

void TestDeadBroker::samplerReportsAndStops()
{
    ThroughputSampler sampler(m_properties);
    sampler.setIntervalMs(200);
    sampler.watchSource(QStringLiteral("src"), {QStringLiteral("t1")});
    sampler.watchSink(QStringLiteral("snk"), QString(), {QStringLiteral("t2")});
    QSignalSpy errors(&sampler, &ThroughputSampler::errorOccurred);
    QSignalSpy samples(&sampler, &ThroughputSampler::sampled);
    sampler.start();
    QString all;
    QTRY_VERIFY_WITH_TIMEOUT(mentionsRefusedAddress(errors, m_address, &(all = QString())), kErrorWaitMs);
    qInfo().noquote() << "errors reported:\n" << all.trimmed();
    // Nothing could be measured: any sample carries unknown rates, never made-up zeros.
    for (const QList<QVariant>& call : samples) {
        for (const RateSample& rate : call.at(0).value<QList<RateSample>>()) {
            QVERIFY(std::isnan(rate.inPerSec) && std::isnan(rate.outPerSec));
            QCOMPARE(rate.totalIn, qint64(-1));
            QCOMPARE(rate.totalOut, qint64(-1));
        }
        QVERIFY(call.at(1).value<QList<LagSample>>().isEmpty());
    }
    QElapsedTimer timer;
    timer.start();
    sampler.stop();
    qInfo() << "stop() took" << timer.elapsed() << "ms";
    QVERIFY2(timer.elapsed() < kPromptStopMs, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!sampler.isRunning());
}

void TestDeadBroker::peekReportsWithinItsTimeout()
{
    PeekRequest request;
    request.properties = m_properties;
    request.topic = QStringLiteral("t");
    request.timeoutMs = 2000;
    QElapsedTimer timer;
    timer.start();
    const PeekResult result = peekLast(request);
    qInfo().noquote() << "peek error after" << timer.elapsed() << "ms:" << result.error;
    QVERIFY(result.records.isEmpty());
    QVERIFY2(result.error.contains(QLatin1String("'t'")) && result.error.contains(m_address),
             qPrintable(result.error));
    QVERIFY2(timer.elapsed() < request.timeoutMs + kPromptStopMs,
             qPrintable(QString::number(timer.elapsed())));
}

void TestDeadBroker::peekRefusesAnUnknownConverter()
{
    PeekRequest request;
    request.properties = m_properties;
    request.topic = QStringLiteral("t");
    request.converterConfig = {
        {QStringLiteral("value.converter"), QStringLiteral("com.example.NoSuchConverter")}};
    const PeekResult result = peekLast(request);
    QVERIFY2(result.error.contains(QLatin1String("com.example.NoSuchConverter")), qPrintable(result.error));
    request.converterConfig = {{QStringLiteral("value.converter"), QStringLiteral("JsonConverter")},
                               {QStringLiteral("value.converter.schemas.enable"), QStringLiteral("maybe")}};
    const PeekResult bad = peekLast(request);
    QVERIFY2(bad.error.contains(QLatin1String("schemas.enable")), qPrintable(bad.error));
}

QTEST_GUILESS_MAIN(TestDeadBroker)
#include "test_dead_broker.moc"
