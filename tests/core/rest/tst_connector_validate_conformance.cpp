// The connector's converter keys in connector validation (KIP-769; AbstractHerder.validateConverterConfig):
// PUT /connector-plugins/FileStreamSource/config/validate and POST /connectors with converter
// overrides, asked of the real Apache Kafka Connect 4.1.1 of the harness and of our
// StandaloneHerder's REST server, compared field by field (spec/connect-rest-api.md §4.5, §4.23).
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
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <utility>

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

const QStringList& converterClassKeys()
{
    static const QStringList keys{QStringLiteral("key.converter"), QStringLiteral("value.converter"),
                                  QStringLiteral("header.converter")};
    return keys;
}

// A key of a converter's own ConfigDef as the connector lists it (`value.converter.schemas.enable`);
// `<x>.converter.plugin.version` is a framework key of ConnectorConfig (KIP-891), not the converter's.
bool isConverterOwnKey(const QString& name)
{
    if (name.endsWith(QLatin1String(".plugin.version")))
        return false;
    return std::any_of(converterClassKeys().begin(), converterClassKeys().end(),
                       [&name](const QString& k) { return name.startsWith(k + QLatin1Char('.')); });
}

// A config map from literal pairs (the build forbids implicit casts from char*).
QJsonObject props(std::initializer_list<std::pair<const char*, const char*>> pairs)
{
    QJsonObject out;
    for (const auto& [key, value] : pairs)
        out.insert(QString::fromUtf8(key), QString::fromUtf8(value));
    return out;
}

bool isPluginVersionKey(const QString& name)
{
    return name == QLatin1String("connector.plugin.version") ||
           std::any_of(converterClassKeys().begin(), converterClassKeys().end(),
                       [&name](const QString& k) { return name == k + QStringLiteral(".plugin.version"); });
}

QString entryName(const QJsonValue& entry)
{
    return entry[QLatin1String("value")][QLatin1String("name")].toString();
}

} // namespace

class ConnectorValidateConformanceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void validate_data();
    void validate();
    void createRefused_data();
    void createRefused();

private:
    HttpResult send(const QUrl& base, const QByteArray& method, const QString& path, const QJsonObject& body);
    void compareFields(const QString& where, const QJsonObject& apache, const QJsonObject& ours,
                       QStringList& diffs);

    QTemporaryDir m_dir;
    std::unique_ptr<kafka::SandboxCluster> m_kafka;
    std::unique_ptr<runtime::Plugins> m_plugins;
    std::unique_ptr<runtime::StandaloneHerder> m_herder;
    std::unique_ptr<rest::RestServer> m_server;
    QNetworkAccessManager m_network;
    QUrl m_apache;
    QUrl m_ours;
    // Figures for the summary printed at the end.
    int m_casesCompared = 0;
    int m_entriesCompared = 0;
    int m_converterEntriesCompared = 0;
    int m_fieldsCompared = 0;
    QJsonArray m_observed;
};

HttpResult ConnectorValidateConformanceTest::send(const QUrl& base, const QByteArray& method,
                                                  const QString& path, const QJsonObject& body)
{
    RestCase c;
    c.method = method;
    c.path = path;
    if (!body.isEmpty()) {
        c.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        c.hasBody = true;
        c.contentType = "application/json";
    }
    return sendRestCase(m_network, base, c);
}

void ConnectorValidateConformanceTest::compareFields(const QString& where, const QJsonObject& apache,
                                                     const QJsonObject& ours, QStringList& diffs)
{
    QStringList fields = apache.keys();
    for (const QString& f : ours.keys())
        if (!fields.contains(f))
            fields << f;
    for (const QString& f : fields) {
        ++m_fieldsCompared;
        if (apache.value(f) != ours.value(f))
            diffs << QStringLiteral("%1 field %2: Apache %3, ours %4")
                         .arg(where, f, text(apache.value(f)), text(ours.value(f)));
    }
}

void ConnectorValidateConformanceTest::initTestCase()
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
    m_plugins->loadPluginPath(runtime::defaultPluginDirs());
    QVERIFY2(m_plugins->findConnector("FileStreamSource") != nullptr, "connect-file plugin not found");
    m_plugins->addBuiltinConverters();
    // The harness's Apache worker uses JsonConverter for keys and values.
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
}

void ConnectorValidateConformanceTest::cleanupTestCase()
{
    qInfo("%d answers compared with Apache: %d validate entries (%d of them converter keys), %d fields",
          m_casesCompared, m_entriesCompared, m_converterEntriesCompared, m_fieldsCompared);
    QFile out(QStringLiteral(CONNECTDESK_CONNECTOR_VALIDATE_OBSERVED));
    if (out.open(QIODevice::WriteOnly))
        out.write(QJsonDocument(m_observed).toJson(QJsonDocument::Indented));
    m_server.reset();
    if (m_herder)
        m_herder->stop();
    m_herder.reset();
    m_plugins.reset();
    m_kafka.reset();
}

void ConnectorValidateConformanceTest::validate_data()
{
    QTest::addColumn<QJsonObject>("overrides");
    const char* json = "org.apache.kafka.connect.json.JsonConverter";
    const char* string = "org.apache.kafka.connect.storage.StringConverter";
    QTest::newRow("no converter overrides") << QJsonObject{};
    QTest::newRow("good overrides") << props(
        {{"key.converter", string}, {"value.converter", json}, {"value.converter.schemas.enable", "false"}});
    QTest::newRow("schemas.enable=maybe")
        << props({{"value.converter", json}, {"value.converter.schemas.enable", "maybe"}});
    QTest::newRow("converter class not found") << props({{"value.converter", "com.example.NoSuchConverter"}});
    // Apache's StringConverterConfig has no validator on the encoding: listed without error.
    QTest::newRow("unknown encoding")
        << props({{"key.converter", string}, {"key.converter.converter.encoding", "nope"}});
    QTest::newRow("aliases, bad converter.type and cache size")
        << props({{"header.converter", "SimpleHeaderConverter"},
                  {"value.converter", "JsonConverter"},
                  {"value.converter.converter.type", "bogus"},
                  {"value.converter.schemas.cache.size", "x"}});
    QTest::newRow("header, key and value converters") << props({{"header.converter", "StringConverter"},
                                                                {"header.converter.converter.type", "key"},
                                                                {"key.converter", "JsonConverter"},
                                                                {"key.converter.decimal.format", " numeric "},
                                                                {"value.converter", "IntegerConverter"}});
}

void ConnectorValidateConformanceTest::validate()
{
    QFETCH(QJsonObject, overrides);
    QJsonObject config =
        props({{"connector.class", "FileStreamSource"}, {"name", "validate-me"}, {"topic", "t"}});
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        config.insert(it.key(), it.value());
    const QString path = QStringLiteral("/connector-plugins/FileStreamSource/config/validate");
    const HttpResult apache = send(m_apache, "PUT", path, config);
    const HttpResult ours = send(m_ours, "PUT", path, config);
    const QJsonObject a = QJsonDocument::fromJson(apache.body).object();
    const QJsonObject o = QJsonDocument::fromJson(ours.body).object();
    m_observed.append(QJsonObject{{QStringLiteral("request"), config},
                                  {QStringLiteral("apache_status"), apache.status},
                                  {QStringLiteral("apache_body"), a},
                                  {QStringLiteral("ours_status"), ours.status},
                                  {QStringLiteral("ours_body"), o}});
    QCOMPARE(apache.status, 200);
    QCOMPARE(ours.status, apache.status);
    ++m_casesCompared;

    QStringList diffs;
    for (const char* field : {"name", "error_count", "groups"}) {
        ++m_fieldsCompared;
        if (a.value(QLatin1String(field)) != o.value(QLatin1String(field)))
            diffs << QStringLiteral("%1: Apache %2, ours %3")
                         .arg(QLatin1String(field), text(a.value(QLatin1String(field))),
                              text(o.value(QLatin1String(field))));
    }
    // Every entry in order, every field of definition and value. Known and listed in docs/rest.md:
    // Apache 4.1 also lists connector.plugin.version and the converters' plugin.version keys
    // (KIP-891), which we do not define, so the `order` of the keys after them runs higher by the
    // number of those keys (checked, not ignored).
    const QJsonArray ac = a.value(QLatin1String("configs")).toArray();
    const QJsonArray oc = o.value(QLatin1String("configs")).toArray();
    QJsonArray kept;
    QList<int> skippedBefore; // how many plugin.version keys Apache listed before each kept entry
    int skipped = 0;
    for (const auto& c : ac) {
        if (isPluginVersionKey(entryName(c))) {
            ++skipped;
            continue;
        }
        kept.append(c);
        skippedBefore << skipped;
    }
    if (kept.size() != oc.size())
        diffs << QStringLiteral("Apache lists %1 entries (without plugin.version), ours %2")
                     .arg(kept.size())
                     .arg(oc.size());
    for (qsizetype i = 0; i < std::min(kept.size(), oc.size()); ++i) {
        const QString name = entryName(kept[i]);
        if (name != entryName(oc[i])) {
            diffs << QStringLiteral("entry #%1: Apache %2, ours %3").arg(i).arg(name, entryName(oc[i]));
            continue;
        }
        ++m_entriesCompared;
        if (isConverterOwnKey(name))
            ++m_converterEntriesCompared;
        QJsonObject aDef = kept[i][QLatin1String("definition")].toObject();
        QJsonObject oDef = oc[i][QLatin1String("definition")].toObject();
        // ConnectorConfig numbers Common, Transforms and Predicates with one counter.
        const QString group = aDef.value(QLatin1String("group")).toString();
        const bool sharedCounter = group == QLatin1String("Common") || group == QLatin1String("Transforms") ||
                                   group == QLatin1String("Predicates");
        if (sharedCounter &&
            aDef.value(QLatin1String("order")).toInt() - oDef.value(QLatin1String("order")).toInt() ==
                skippedBefore[i]) {
            aDef.remove(QLatin1String("order"));
            oDef.remove(QLatin1String("order"));
        }
        compareFields(name + QStringLiteral(" definition"), aDef, oDef, diffs);
        compareFields(name + QStringLiteral(" value"), kept[i][QLatin1String("value")].toObject(),
                      oc[i][QLatin1String("value")].toObject(), diffs);
    }
    QVERIFY2(diffs.isEmpty(), qPrintable(QString::fromUtf8(QTest::currentDataTag()) +
                                         QStringLiteral(":\n  ") + diffs.join(QStringLiteral("\n  "))));
}

void ConnectorValidateConformanceTest::createRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("wrapped");
    QTest::newRow("POST /connectors") << QByteArray("POST") << QStringLiteral("/connectors") << true;
    QTest::newRow("PUT /connectors/{c}/config")
        << QByteArray("PUT") << QStringLiteral("/connectors/validate-conformance-bad/config") << false;
}

void ConnectorValidateConformanceTest::createRefused()
{
    // A bad converter value refuses the connector with validation's 400, before anything is created.
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, wrapped);
    const QJsonObject config = props({{"connector.class", "FileStreamSource"},
                                      {"topic", "t"},
                                      {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
                                      {"value.converter.schemas.enable", "maybe"}});
    const QJsonObject body =
        wrapped ? QJsonObject{{QStringLiteral("name"), QStringLiteral("validate-conformance-bad")},
                              {QStringLiteral("config"), config}}
                : config;
    const HttpResult apache = send(m_apache, method, path, body);
    const HttpResult ours = send(m_ours, method, path, body);
    m_observed.append(
        QJsonObject{{QStringLiteral("request"), QString::fromLatin1(method) + QLatin1Char(' ') + path},
                    {QStringLiteral("apache_status"), apache.status},
                    {QStringLiteral("apache_body"), QJsonDocument::fromJson(apache.body).object()},
                    {QStringLiteral("ours_status"), ours.status},
                    {QStringLiteral("ours_body"), QJsonDocument::fromJson(ours.body).object()}});
    QCOMPARE(apache.status, 400);
    QCOMPARE(ours.status, apache.status);
    m_fieldsCompared += 2;
    QCOMPARE(QJsonDocument::fromJson(ours.body), QJsonDocument::fromJson(apache.body));
    ++m_casesCompared;
    // Nothing was created on either side.
    const QString name = QStringLiteral("/connectors/validate-conformance-bad");
    QCOMPARE(send(m_apache, "GET", name, {}).status, 404);
    QCOMPARE(send(m_ours, "GET", name, {}).status, 404);
}

} // namespace connectdesk::testing

QTEST_GUILESS_MAIN(connectdesk::testing::ConnectorValidateConformanceTest)
#include "tst_connector_validate_conformance.moc"
