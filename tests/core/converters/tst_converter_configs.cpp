// The built-in converters parse their configs with their ConfigDefs at configure(): a bad value is
// refused with the message Apache Kafka Connect 4.1.1's converter gives for it, and what Apache
// accepts is accepted (spec/connect-data-and-config.md §2.1).
#include "converters/converter_registry.h"
#include "converters/json_converter.h"
#include "converters/string_converter.h"

#include <connectdesk/sdk/errors.h>

#include <QtTest>

#include <memory>

using namespace connectdesk;
using connectdesk::converters::ConverterRegistry;

class TestConverterConfigs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void configure_data()
    {
        QTest::addColumn<QString>("converter");
        // key or value: Converter.configure(configs, isKey); header: HeaderConverter.configure(configs).
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        // Empty: accepted. Otherwise the ConfigException message, each one printed by the real
        // converter of Apache Kafka Connect 4.1.1 configured the same way.
        QTest::addColumn<QString>("message");
        const QString json = QStringLiteral("org.apache.kafka.connect.json.JsonConverter");
        const QString string = QStringLiteral("org.apache.kafka.connect.storage.StringConverter");
        const QString notBool = QStringLiteral("Expected value to be either true or false");
        const QString notInt = QStringLiteral("Not a number of type INT");
        const QString decimalChoice =
            QStringLiteral("String must be one of (case insensitive): NUMERIC, BASE64");
        const QString typeChoice = QStringLiteral("String must be one of: key, value, header");
        const auto invalid = [](const QString& value, const QString& key, const QString& why) {
            return QStringLiteral("Invalid value %1 for configuration %2: %3").arg(value, key, why);
        };

        QTest::newRow("json schemas.enable=maybe")
            << json << "value"
            << "schemas.enable"
            << "maybe" << invalid(QStringLiteral("maybe"), QStringLiteral("schemas.enable"), notBool);
        QTest::newRow("json schemas.enable=' TRUE '") << json << "value"
                                                      << "schemas.enable"
                                                      << " TRUE " << QString();
        QTest::newRow("json replace.null.with.default=1")
            << json << "key"
            << "replace.null.with.default"
            << "1" << invalid(QStringLiteral("1"), QStringLiteral("replace.null.with.default"), notBool);
        QTest::newRow("json schemas.cache.size=abc")
            << json << "value"
            << "schemas.cache.size"
            << "abc" << invalid(QStringLiteral("abc"), QStringLiteral("schemas.cache.size"), notInt);
        QTest::newRow("json schemas.cache.size beyond INT")
            << json << "value"
            << "schemas.cache.size"
            << "99999999999"
            << invalid(QStringLiteral("99999999999"), QStringLiteral("schemas.cache.size"), notInt);
        QTest::newRow("json schemas.cache.size=' 12 '") << json << "value"
                                                        << "schemas.cache.size"
                                                        << " 12 " << QString();
        QTest::newRow("json decimal.format=foo")
            << json << "value"
            << "decimal.format"
            << "foo" << invalid(QStringLiteral("foo"), QStringLiteral("decimal.format"), decimalChoice);
        QTest::newRow("json decimal.format empty")
            << json << "header"
            << "decimal.format"
            << "" << invalid(QString(), QStringLiteral("decimal.format"), decimalChoice);
        QTest::newRow("json decimal.format=' numeric '") << json << "value"
                                                         << "decimal.format"
                                                         << " numeric " << QString();
        QTest::newRow("json header converter.type=bogus")
            << json << "header"
            << "converter.type"
            << "bogus" << invalid(QStringLiteral("bogus"), QStringLiteral("converter.type"), typeChoice);
        QTest::newRow("json header converter.type=KEY")
            << json << "header"
            << "converter.type"
            << "KEY" << invalid(QStringLiteral("KEY"), QStringLiteral("converter.type"), typeChoice);
        // configure(configs, isKey) puts its own converter.type over the given one.
        QTest::newRow("json key converter.type=bogus") << json << "key"
                                                       << "converter.type"
                                                       << "bogus" << QString();
        QTest::newRow("string header converter.type=bogus")
            << string << "header"
            << "converter.type"
            << "bogus" << invalid(QStringLiteral("bogus"), QStringLiteral("converter.type"), typeChoice);
        QTest::newRow("string converter.encoding=' utf-16 '") << string << "value"
                                                              << "converter.encoding"
                                                              << " utf-16 " << QString();
        QTest::newRow("long header converter.type=bogus")
            << QStringLiteral("org.apache.kafka.connect.converters.LongConverter") << "header"
            << "converter.type"
            << "bogus" << invalid(QStringLiteral("bogus"), QStringLiteral("converter.type"), typeChoice);
        QTest::newRow("boolean header converter.type=bogus")
            << QStringLiteral("org.apache.kafka.connect.converters.BooleanConverter") << "header"
            << "converter.type"
            << "bogus" << invalid(QStringLiteral("bogus"), QStringLiteral("converter.type"), typeChoice);
        // Apache's ByteArrayConverter and SimpleHeaderConverter read no config at all.
        QTest::newRow("bytearray header converter.type=bogus")
            << QStringLiteral("org.apache.kafka.connect.converters.ByteArrayConverter") << "header"
            << "converter.type"
            << "bogus" << QString();
        QTest::newRow("simpleheader converter.type=bogus")
            << QStringLiteral("org.apache.kafka.connect.storage.SimpleHeaderConverter") << "header"
            << "converter.type"
            << "bogus" << QString();
    }

    void configure()
    {
        QFETCH(QString, converter);
        QFETCH(QString, role);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const auto registry = ConverterRegistry::withBuiltins();
        const sdk::ConfigMap configs{{key.toStdString(), value.toStdString()}};
        QString thrown;
        try {
            if (role == QLatin1String("header"))
                registry.createHeaderConverter(converter.toStdString())->configure(configs);
            else
                registry.createConverter(converter.toStdString())
                    ->configure(configs, role == QLatin1String("key"));
        } catch (const sdk::ConfigException& e) {
            thrown = QString::fromUtf8(e.what());
        }
        QCOMPARE(thrown, message);
    }

    void acceptedValuesAreApplied()
    {
        // ConfigDef trims and case-folds as Java's does; the parsed values are the ones used.
        converters::JsonConverter json;
        json.configure({{"schemas.enable", " FALSE "},
                        {"decimal.format", " numeric "},
                        {"schemas.cache.size", " 12 "},
                        {"replace.null.with.default", "False"}},
                       true);
        QVERIFY(!json.config().schemasEnable);
        QCOMPARE(json.config().decimalFormat, converters::DecimalFormat::Numeric);
        QCOMPARE(json.config().schemasCacheSize, 12);
        QVERIFY(!json.config().replaceNullWithDefault);
        QCOMPARE(json.config().type, sdk::ConverterType::Key);

        converters::StringConverter string;
        string.configure({{"converter.encoding", " utf-16 "}}, false);
        QCOMPARE(string.encoding(), converters::TextEncoding::Utf16);
    }

    void everyBuiltinDeclaresItsConfig()
    {
        // What GET /connector-plugins/{plugin}/config lists for each (compared with Apache, field by
        // field, by tst_converter_config_conformance): the key names in Apache's order.
        const auto registry = ConverterRegistry::withBuiltins();
        QCOMPARE(registry.plugins().size(), std::size_t{10});
        for (const auto* plugin : registry.plugins()) {
            QVERIFY2(static_cast<bool>(plugin->config), plugin->className.c_str());
            QStringList names;
            const sdk::ConfigDef def = plugin->config();
            for (const auto& k : def.keys())
                names << QString::fromStdString(k.name);
            QStringList expected;
            if (plugin->className == "org.apache.kafka.connect.json.JsonConverter")
                expected = {QStringLiteral("converter.type"), QStringLiteral("schemas.enable"),
                            QStringLiteral("schemas.cache.size"), QStringLiteral("decimal.format"),
                            QStringLiteral("replace.null.with.default")};
            else if (plugin->className == "org.apache.kafka.connect.storage.StringConverter")
                expected = {QStringLiteral("converter.type"), QStringLiteral("converter.encoding")};
            else if (plugin->className != "org.apache.kafka.connect.storage.SimpleHeaderConverter")
                expected = {QStringLiteral("converter.type")};
            QCOMPARE(names, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestConverterConfigs)
#include "tst_converter_configs.moc"
