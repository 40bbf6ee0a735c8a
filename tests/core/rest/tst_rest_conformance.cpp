// Runs the scripted REST conversation (data/rest_cases.json) against the real Apache Kafka
// Connect of the harness, recording every status code and body, so the expectations the unit
// test holds our server to are proven to be Apache's (spec/connect-rest-api.md §1, §2.5, §4).
#include "harness_env.h"
#include "rest_case_table.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QtTest>

namespace connectdesk::testing {

class RestConformanceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conversation_data();
    void conversation();
    void cleanupTestCase();

private:
    QNetworkAccessManager m_network;
    QUrl m_base;
    std::vector<RestCase> m_cases;
    QJsonArray m_observed;
};

void RestConformanceTest::initTestCase()
{
    const QString url = harnessValue(QStringLiteral("CONNECT_URL"));
    QVERIFY2(!url.isEmpty(),
             "CONNECT_URL missing: run through ctest -L connect-ref so the connect_ref fixture starts "
             "the real Apache Kafka Connect first");
    m_base = QUrl(url);
    // A fresh name per run: the reference worker keeps connectors in its config topic.
    const QString name = QStringLiteral("cd-rest-%1").arg(QDateTime::currentMSecsSinceEpoch());
    m_cases = loadRestCases(QStringLiteral(CONNECTDESK_REST_CASES), name);
    QVERIFY(m_cases.size() >= 60);
}

void RestConformanceTest::conversation_data()
{
    QTest::addColumn<int>("index");
    const auto cases = loadRestCases(QStringLiteral(CONNECTDESK_REST_CASES), QStringLiteral("x"));
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases[i].id)) << static_cast<int>(i);
}

void RestConformanceTest::conversation()
{
    QFETCH(int, index);
    const RestCase& restCase = m_cases.at(static_cast<std::size_t>(index));
    HttpResult result;
    QString why;
    const bool matched = runRestCase(m_network, m_base, restCase, result, why);
    m_observed.append(QJsonObject{
        {QStringLiteral("id"), restCase.id},
        {QStringLiteral("request"), QString::fromLatin1(restCase.method) + QLatin1Char(' ') + restCase.path},
        {QStringLiteral("status"), result.status},
        {QStringLiteral("body"), QString::fromUtf8(result.body.left(4000))},
        {QStringLiteral("matched"), matched},
        {QStringLiteral("why"), why}});
    QVERIFY2(matched, qPrintable(QString::fromLatin1(restCase.method) + QLatin1Char(' ') + restCase.path +
                                 QStringLiteral(": ") + why));
}

void RestConformanceTest::cleanupTestCase()
{
    // The transcript stays in the build tree for comparing against our server by hand.
    QFile out(QStringLiteral(CONNECTDESK_REST_OBSERVED));
    if (out.open(QIODevice::WriteOnly))
        out.write(QJsonDocument(m_observed).toJson(QJsonDocument::Indented));
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::RestConformanceTest)
#include "tst_rest_conformance.moc"
