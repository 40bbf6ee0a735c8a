// Every converter and header converter the real Apache Kafka Connect 4.1.1 of the harness lists,
// and its config definition (GET /connector-plugins/{plugin}/config, KIP-769), asked of Apache and
// of our StandaloneHerder's REST server and compared field by field (spec/connect-rest-api.md §4.21,
// §4.22).
#include "converters/converter_registry.h"
#include "harness_env.h"
#include "kafka/sandbox_cluster.h"
#include "rest/rest_server.h"
#include "rest_case_table.h"
#include "runtime/plugins.h"
#include "runtime/standalone_herder.h"
#include "sandbox_rest_worker.h"

#include <connectdesk/sdk/converter_plugin.h>
#include <connectdesk/sdk/plugin.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

namespace connectdesk::testing {

namespace {

QString text(const QJsonValue& v)
{
    if (v.isUndefined())
        return QStringLiteral("(absent)");
    if (v.isString())
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

bool isConverterType(const QString& type)
{
    return type == QLatin1String("converter") || type == QLatin1String("header_converter");
}

} // namespace

class ConverterConfigConformanceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pluginList();
    void configDef_data();
    void configDef();

private:
    HttpResult get(const QUrl& base, const QString& path);
    QJsonArray converterEntries(const QUrl& base);

    QTemporaryDir m_dir;
    std::unique_ptr<kafka::SandboxCluster> m_kafka;
    std::unique_ptr<runtime::Plugins> m_plugins;
    std::unique_ptr<runtime::StandaloneHerder> m_herder;
    std::unique_ptr<rest::RestServer> m_server;
    QNetworkAccessManager m_network;
    QUrl m_apache;
    QUrl m_ours;
    QJsonArray m_apacheConverters;
    // Figures for the summary printed at the end.
    int m_answersCompared = 0;
    int m_keysCompared = 0;
    int m_fieldsCompared = 0;
    QJsonArray m_observed;
    QJsonObject m_lists;
};

HttpResult ConverterConfigConformanceTest::get(const QUrl& base, const QString& path)
{
    RestCase c;
    c.method = "GET";
    c.path = path;
    return sendRestCase(m_network, base, c);
}

QJsonArray ConverterConfigConformanceTest::converterEntries(const QUrl& base)
{
    const HttpResult r = get(base, QStringLiteral("/connector-plugins?connectorsOnly=false"));
    QJsonArray out;
    if (r.status != 200)
        return out;
    for (const auto& entry : QJsonDocument::fromJson(r.body).array())
        if (isConverterType(entry[QLatin1String("type")].toString()))
            out.append(entry);
    return out;
}

void ConverterConfigConformanceTest::initTestCase()
{
    const QString url = harnessValue(QStringLiteral("CONNECT_URL"));
    QVERIFY2(!url.isEmpty(),
             "CONNECT_URL missing: run through ctest -L connect-ref so the connect_ref fixture starts "
             "the real Apache Kafka Connect first");
    m_apache = QUrl(url);

    QVERIFY(m_dir.isValid());
    m_kafka = std::make_unique<kafka::SandboxCluster>();
    m_kafka->start();
    m_plugins = std::make_unique<runtime::Plugins>();
    // The built-in converters registered as the worker executables register them.
    m_plugins->addBuiltinConverters();
    m_herder = testing::startSandboxHerder(
        {{"bootstrap.servers", "sandbox"},
         {"key.converter", "org.apache.kafka.connect.json.JsonConverter"},
         {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
         {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("connect.offsets")).toStdString()}},
        *m_plugins, *m_kafka);
    QVERIFY(m_herder->ready());
    std::string problem;
    m_ours = testing::startLoopbackRestServer(*m_herder, {}, m_server, problem);
    QVERIFY2(!m_ours.isEmpty(), problem.c_str());

    m_apacheConverters = converterEntries(m_apache);
    // 4.1.1 lists JsonConverter, StringConverter, ByteArrayConverter and the six number converters
    // as both kinds, and SimpleHeaderConverter as a header converter.
    QVERIFY2(m_apacheConverters.size() >= 19,
             qPrintable(QStringLiteral("Apache listed %1 converters").arg(m_apacheConverters.size())));
}

void ConverterConfigConformanceTest::cleanupTestCase()
{
    QSet<QString> classes;
    for (const auto& e : m_apacheConverters)
        classes.insert(e[QLatin1String("class")].toString());
    qInfo("%lld converter classes (%lld list entries); %d config answers compared with Apache (class names "
          "and aliases): %d keys, %d fields",
          static_cast<long long>(classes.size()), static_cast<long long>(m_apacheConverters.size()),
          m_answersCompared, m_keysCompared, m_fieldsCompared);
    QFile out(QStringLiteral(CONNECTDESK_CONVERTER_CONFIGS_OBSERVED));
    if (out.open(QIODevice::WriteOnly))
        out.write(QJsonDocument(QJsonObject{{QStringLiteral("converter_plugin_lists"), m_lists},
                                            {QStringLiteral("config_answers"), m_observed}})
                      .toJson(QJsonDocument::Indented));
    m_server.reset();
    if (m_herder)
        m_herder->stop();
    m_herder.reset();
    m_plugins.reset();
    m_kafka.reset();
}

void ConverterConfigConformanceTest::pluginList()
{
    // GET /connector-plugins?connectorsOnly=false: the same converter classes of the same kinds, in
    // the same order (converters, then header converters, each by class name), each with a version.
    const QJsonArray ours = converterEntries(m_ours);
    QStringList apacheNames;
    QStringList ourNames;
    for (const auto& e : m_apacheConverters)
        apacheNames << e[QLatin1String("type")].toString() + QLatin1Char(' ') +
                           e[QLatin1String("class")].toString();
    for (const auto& e : ours)
        ourNames << e[QLatin1String("type")].toString() + QLatin1Char(' ') +
                        e[QLatin1String("class")].toString();
    m_lists = QJsonObject{{QStringLiteral("apache"), m_apacheConverters}, {QStringLiteral("ours"), ours}};
    QCOMPARE(ourNames, apacheNames);
    // Versions are each product's own (Apache's is its release), but both must report one.
    QStringList withoutVersion;
    for (qsizetype i = 0; i < ours.size(); ++i) {
        const bool apacheHasVersion = !m_apacheConverters[i][QLatin1String("version")].toString().isEmpty();
        const bool oursHasVersion = !ours[i][QLatin1String("version")].toString().isEmpty();
        if (apacheHasVersion != oursHasVersion)
            withoutVersion << ourNames[i];
    }
    QVERIFY2(withoutVersion.isEmpty(), qPrintable(QStringLiteral("version present on one side only: ") +
                                                  withoutVersion.join(QStringLiteral(", "))));
}

void ConverterConfigConformanceTest::configDef_data()
{
    QTest::addColumn<QString>("plugin");
    // Every class Apache lists, by its class name and by the aliases Connect computes for it
    // (PluginUtils: the simple name and the name without the type suffix).
    QSet<QString> seen;
    for (const auto& e : m_apacheConverters) {
        const QString cls = e[QLatin1String("class")].toString();
        const bool header = e[QLatin1String("type")].toString() == QLatin1String("header_converter");
        const QString simple = cls.mid(cls.lastIndexOf(QLatin1Char('.')) + 1);
        const QString suffix = header ? QStringLiteral("HeaderConverter") : QStringLiteral("Converter");
        const qsizetype cut = simple.lastIndexOf(suffix);
        for (const QString& name : {cls, simple, cut > 0 ? simple.left(cut) : simple}) {
            if (!seen.contains(name)) {
                seen.insert(name);
                QTest::newRow(qPrintable(name)) << name;
            }
        }
    }
}

void ConverterConfigConformanceTest::configDef()
{
    QFETCH(QString, plugin);
    const QString path = QStringLiteral("/connector-plugins/%1/config").arg(plugin);
    const HttpResult apache = get(m_apache, path);
    const HttpResult ours = get(m_ours, path);
    m_observed.append(
        QJsonObject{{QStringLiteral("request"), path},
                    {QStringLiteral("apache_status"), apache.status},
                    {QStringLiteral("apache_body"), QJsonDocument::fromJson(apache.body).array()},
                    {QStringLiteral("ours_status"), ours.status},
                    {QStringLiteral("ours_body"), QJsonDocument::fromJson(ours.body).array()}});
    QCOMPARE(ours.status, apache.status);
    ++m_answersCompared;
    if (apache.status != 200) {
        QCOMPARE(QJsonDocument::fromJson(ours.body), QJsonDocument::fromJson(apache.body));
        return;
    }
    const QJsonArray a = QJsonDocument::fromJson(apache.body).array();
    const QJsonArray o = QJsonDocument::fromJson(ours.body).array();
    QStringList diffs;
    if (a.size() != o.size())
        diffs << QStringLiteral("Apache lists %1 keys, ours %2").arg(a.size()).arg(o.size());
    for (qsizetype i = 0; i < std::min(a.size(), o.size()); ++i) {
        const QJsonObject ak = a[i].toObject();
        const QJsonObject ok = o[i].toObject();
        ++m_keysCompared;
        QStringList fields = ak.keys();
        for (const QString& f : ok.keys())
            if (!fields.contains(f))
                fields << f;
        for (const QString& f : fields) {
            ++m_fieldsCompared;
            if (ak.value(f) != ok.value(f))
                diffs << QStringLiteral("key %1 (#%2) field %3: Apache %4, ours %5")
                             .arg(ak.value(QLatin1String("name")).toString())
                             .arg(i)
                             .arg(f, text(ak.value(f)), text(ok.value(f)));
        }
    }
    QVERIFY2(diffs.isEmpty(),
             qPrintable(plugin + QStringLiteral(":\n  ") + diffs.join(QStringLiteral("\n  "))));
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::ConverterConfigConformanceTest)
#include "tst_converter_config_conformance.moc"
