// Unit tests of ConfigDef parsing/validation and the connector framework keys, against the
// messages Apache Kafka gives (spec/connect-rest-api.md §4.5, spec/connect-data-and-config.md §5).
#include "runtime/connector_config.h"

#include <connectdesk/sdk/config_def.h>
#include <connectdesk/sdk/errors.h>

#include <QtTest>

using connectdesk::runtime::ConfigInfos;
using connectdesk::runtime::ConfigMap;
using connectdesk::runtime::ConnectorType;
using connectdesk::sdk::ConfigDef;
namespace v = connectdesk::sdk::validators;

using Strings = std::vector<std::string>;
Q_DECLARE_METATYPE(ConfigMap)
Q_DECLARE_METATYPE(Strings)

namespace {

ConfigDef sampleDef()
{
    ConfigDef def;
    def.define({.name = "file", .type = ConfigDef::Type::String, .defaultValue = std::nullopt});
    def.define({.name = "batch.size",
                .type = ConfigDef::Type::Int,
                .defaultValue = ConfigDef::Value(std::int32_t{2000}),
                .validator = v::atLeast(1)});
    def.define({.name = "flag", .type = ConfigDef::Type::Boolean, .defaultValue = ConfigDef::Value(false)});
    def.define(
        {.name = "big", .type = ConfigDef::Type::Long, .defaultValue = ConfigDef::Value(std::int64_t{5})});
    def.define(
        {.name = "small", .type = ConfigDef::Type::Short, .defaultValue = ConfigDef::Value(std::int16_t{3})});
    def.define({.name = "ratio",
                .type = ConfigDef::Type::Double,
                .defaultValue = ConfigDef::Value(0.5),
                .validator = v::between(0, 1)});
    def.define({.name = "items",
                .type = ConfigDef::Type::List,
                .defaultValue = ConfigDef::Value(ConfigDef::List{})});
    def.define({.name = "mode",
                .type = ConfigDef::Type::String,
                .defaultValue = ConfigDef::Value(std::string("none")),
                .validator = v::validString({"none", "all"})});
    def.define({.name = "secret", .type = ConfigDef::Type::Password, .defaultValue = ConfigDef::Value{}});
    return def;
}

std::vector<std::string> allErrors(const ConfigInfos& infos)
{
    std::vector<std::string> out;
    for (const auto& c : infos.configs) {
        if (c.value) {
            out.insert(out.end(), c.value->errors.begin(), c.value->errors.end());
        }
    }
    return out;
}

} // namespace

class TestConfigDef : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseErrors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("int not a number")
            << "batch.size"
            << "abc"
            << "Invalid value abc for configuration batch.size: Not a number of type INT";
        QTest::newRow("int overflow")
            << "batch.size"
            << "2147483648"
            << "Invalid value 2147483648 for configuration batch.size: Not a number of type "
               "INT";
        QTest::newRow("int below min")
            << "batch.size"
            << "0"
            << "Invalid value 0 for configuration batch.size: Value must be at least 1";
        QTest::newRow("bool")
            << "flag"
            << "yes"
            << "Invalid value yes for configuration flag: Expected value to be either true or false";
        QTest::newRow("long") << "big"
                              << "1.5"
                              << "Invalid value 1.5 for configuration big: Not a number of type LONG";
        QTest::newRow("short overflow")
            << "small"
            << "40000"
            << "Invalid value 40000 for configuration small: Not a number of type SHORT";
        QTest::newRow("double") << "ratio"
                                << "x"
                                << "Invalid value x for configuration ratio: Not a number of type DOUBLE";
        QTest::newRow("double above max")
            << "ratio"
            << "2"
            << "Invalid value 2.0 for configuration ratio: Value must be no more than 1";
        QTest::newRow("valid string")
            << "mode"
            << "some"
            << "Invalid value some for configuration mode: String must be one of: none, all";
    }
    void parseErrors()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        ConfigMap props{{"file", "a.txt"}, {key.toStdString(), value.toStdString()}};
        try {
            sampleDef().parse(props);
            QFAIL("parse accepted an invalid value");
        } catch (const connectdesk::sdk::ConfigException& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void missingRequired()
    {
        try {
            sampleDef().parse({});
            QFAIL("parse accepted a missing required key");
        } catch (const connectdesk::sdk::ConfigException& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("Missing required configuration \"file\" which has no default value."));
        }
    }

    void typedValues()
    {
        const auto p = sampleDef().parse({{"file", "  in.txt "},
                                          {"batch.size", " 12 "},
                                          {"flag", "TRUE"},
                                          {"big", "-9000000000"},
                                          {"items", " a , b,,c "},
                                          {"ratio", "0.25"}});
        QCOMPARE(p.getString("file"), std::string("in.txt")); // Java trims string values
        QCOMPARE(p.getInt("batch.size"), 12);
        QCOMPARE(p.getBool("flag"), true);
        QCOMPARE(p.getLong("big"), std::int64_t{-9000000000});
        QCOMPARE(p.getShort("small"), std::int16_t{3});
        QCOMPARE(p.getDouble("ratio"), 0.25);
        QCOMPARE(p.getList("items"), (ConfigDef::List{"a", "b", "", "c"}));
        QCOMPARE(p.getString("mode"), std::string("none"));
        QVERIFY(p.isNull("secret"));
    }

    void convertToString()
    {
        QCOMPARE(ConfigDef::convertToString(ConfigDef::List{"a", "b"}, ConfigDef::Type::List).value(),
                 std::string("a,b"));
        QCOMPARE(ConfigDef::convertToString(std::string("pw"), ConfigDef::Type::Password).value(),
                 std::string("[hidden]"));
        QVERIFY(!ConfigDef::convertToString(ConfigDef::Value{}, ConfigDef::Type::String).has_value());
        QCOMPARE(ConfigDef::convertToString(1.0, ConfigDef::Type::Double).value(), std::string("1.0"));
    }

    void validateCollectsAllErrors()
    {
        const auto values = sampleDef().validate({{"batch.size", "0"}, {"flag", "maybe"}});
        QCOMPARE(values.size(), std::size_t{9});
        QCOMPARE(values[0].name, std::string("file"));
        QCOMPARE(values[0].errors.size(), std::size_t{1});
        QCOMPARE(values[1].errors.front(),
                 std::string("Invalid value 0 for configuration batch.size: Value must be at least 1"));
        QCOMPARE(values[2].errors.size(), std::size_t{1});
        QVERIFY(values[3].errors.empty());
    }

    // The example of spec/connect-rest-api.md §4.23: a missing name is one error, tasks.max=2 shown.
    void connectorValidateShape()
    {
        ConfigDef plugin;
        plugin.define(
            {.name = "file",
             .type = ConfigDef::Type::String,
             .defaultValue = ConfigDef::Value{},
             .importance = ConfigDef::Importance::High,
             .documentation = "Destination filename. If not specified, the standard output will be used"});
        const ConfigMap props{{"connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector"},
                              {"tasks.max", "2"},
                              {"topics", "orders"}};
        const auto infos = connectdesk::runtime::validateConnectorProps(
            props.at("connector.class"), ConnectorType::Sink, plugin, plugin.validate(props), props, {});
        QCOMPARE(infos.name, props.at("connector.class"));
        QCOMPARE(infos.errorCount, 1);
        QCOMPARE(
            allErrors(infos),
            std::vector<std::string>{"Missing required configuration \"name\" which has no default value."});
        QCOMPARE(infos.groups,
                 (std::vector<std::string>{"Common", "Transforms", "Predicates", "Error Handling"}));
        const auto& name = infos.configs.front();
        QCOMPARE(name.definition->name, std::string("name"));
        QCOMPARE(name.definition->required, true);
        QCOMPARE(name.definition->width, std::string("MEDIUM"));
        QCOMPARE(name.definition->displayName, std::string("Connector name"));
        QCOMPARE(name.definition->orderInGroup, 1);
        for (const auto& c : infos.configs) {
            if (c.definition && c.definition->name == "tasks.max") {
                QCOMPARE(c.definition->defaultValue.value(), std::string("1"));
                QCOMPARE(c.definition->orderInGroup, 3);
                QCOMPARE(c.value->value.value(), std::string("2"));
            }
        }
        // The plugin's own key is listed after the framework keys, with its documentation.
        QCOMPARE(infos.configs.back().definition->name, std::string("file"));
    }

    void connectorValidateErrors_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<ConfigMap>("props");
        QTest::addColumn<Strings>("errors");
        const ConfigMap base{{"name", "s"}, {"connector.class", "X"}};
        auto with = [&](ConfigMap extra) {
            ConfigMap m = base;
            for (auto& [k, val] : extra) {
                m[k] = val;
            }
            return m;
        };
        QTest::newRow("tasks.max 0") << "sink" << with({{"topics", "t"}, {"tasks.max", "0"}})
                                     << Strings{
                                            "Invalid value 0 for configuration tasks.max: Value must be at "
                                            "least 1"};
        QTest::newRow("empty name") << "source" << with({{"name", ""}})
                                    << Strings{
                                           "Invalid value  for configuration name: String may not be empty"};
        QTest::newRow("sink no topics") << "sink" << base
                                        << Strings{"Must configure one of topics or topics.regex",
                                                   "Must configure one of topics or topics.regex"};
        QTest::newRow("sink both")
            << "sink" << with({{"topics", "a"}, {"topics.regex", "a.*"}})
            << Strings{"topics and topics.regex are mutually exclusive options, but both are set.",
                       "topics and topics.regex are mutually exclusive options, but both are set."};
        QTest::newRow("dlq in topics")
            << "sink" << with({{"topics", "a,b"}, {"errors.deadletterqueue.topic.name", "b"}})
            << Strings{"The DLQ topic 'b' may not be included in the list of topics ('topics=[a, b]') "
                       "consumed by "
                       "the connector"};
        QTest::newRow("tolerance")
            << "source" << with({{"errors.tolerance", "some"}})
            << Strings{
                   "Invalid value some for configuration errors.tolerance: String must be one of: none, all"};
        QTest::newRow("transform type missing")
            << "source" << with({{"transforms", "a"}})
            << Strings{"Missing required configuration \"transforms.a.type\" which has no default value."};
        QTest::newRow("duplicate alias")
            << "source" << with({{"transforms", "a,a"}, {"transforms.a.type", "T"}})
            << Strings{"Invalid value [a, a] for configuration transforms: Duplicate "
                       "alias provided."};
    }
    void connectorValidateErrors()
    {
        QFETCH(QString, type);
        QFETCH(ConfigMap, props);
        QFETCH(Strings, errors);
        const auto t = type == QLatin1String("sink") ? ConnectorType::Sink : ConnectorType::Source;
        const auto infos = connectdesk::runtime::validateConnectorProps("X", t, ConfigDef{}, {}, props, {});
        QCOMPARE(allErrors(infos), errors);
        QCOMPARE(infos.errorCount, static_cast<int>(errors.size()));
    }

    void invalidMessage()
    {
        ConfigInfos infos;
        infos.errorCount = 1;
        connectdesk::runtime::ConfigInfo info;
        info.value = connectdesk::runtime::ConfigValueInfo{};
        info.value->errors = {"Missing required configuration \"file\" which has no default value."};
        infos.configs.push_back(info);
        QCOMPARE(
            connectdesk::runtime::invalidConfigMessage(infos),
            std::string(
                "Connector configuration is invalid and contains the following 1 error(s):\nMissing "
                "required configuration \"file\" which has no default value.\nYou can also find the above "
                "list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"));
    }

    // Expected orders printed by java.util.HashMap on Java 17 (put in order, then values()):
    // JsonConverterConfig's keys, String.hashCode collisions (Aa/BB), a resize past 12 keys,
    // and non-ASCII names hashed over UTF-16 code units.
    void javaHashMapOrder_data()
    {
        QTest::addColumn<Strings>("names");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("JsonConverterConfig")
            << Strings{"converter.type", "schemas.enable", "schemas.cache.size", "decimal.format",
                       "replace.null.with.default"}
            << QList<int>{3, 0, 2, 4, 1};
        QTest::newRow("collisions") << Strings{"BB", "Aa", "converter.type", "AaAa", "BBBB", "AaBB"}
                                    << QList<int>{0, 1, 2, 3, 4, 5};
        QTest::newRow("resized") << Strings{"a1", "a2",  "a3",  "a4",  "a5",  "a6",  "a7", "a8",
                                            "a9", "a10", "a11", "a12", "a13", "a14", "a15"}
                                 << QList<int>{10, 9, 12, 11, 14, 13, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        QTest::newRow("utf-16") << Strings{"n\u00e9", "\U0001F600x", "plain"} << QList<int>{1, 2, 0};
    }
    void javaHashMapOrder()
    {
        QFETCH(Strings, names);
        QFETCH(QList<int>, expected);
        QList<int> order;
        for (const std::size_t i : connectdesk::runtime::javaHashMapOrder(names)) {
            order << static_cast<int>(i);
        }
        QCOMPARE(order, expected);
    }
};

QTEST_GUILESS_MAIN(TestConfigDef)
#include "tst_config_def.moc"
