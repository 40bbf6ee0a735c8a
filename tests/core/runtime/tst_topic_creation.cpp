// topic.creation.* of source connectors (spec/connect-data-and-config.md §5.4; Apache's
// TopicCreationConfig and TopicCreationGroup): when it applies, group order and inheritance,
// topic configs, and the validation messages. Expected values written by hand.
#include "runtime/topic_creation.h"

#include <connectdesk/sdk/errors.h>

#include <QtTest>

using namespace connectdesk::runtime;
namespace sdk = connectdesk::sdk;

class TestTopicCreation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appliesOnlyWhenConfigured()
    {
        QVERIFY(!TopicCreation::parse(true, {{"topic", "t"}}).enabled());
        const ConfigMap keys{{"topic.creation.default.partitions", "3"},
                             {"topic.creation.default.replication.factor", "1"}};
        QVERIFY(!TopicCreation::parse(false, keys).enabled());
        QVERIFY(TopicCreation::parse(true, keys).enabled());
    }

    void groupsInOrder_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("group");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("replicationFactor");
        QTest::newRow("first match wins")
            << QStringLiteral("orders.eu") << QStringLiteral("orders") << 6 << 1;
        QTest::newRow("excluded falls through")
            << QStringLiteral("orders.tmp") << QStringLiteral("tmp") << 1 << 3;
        QTest::newRow("inherits default") << QStringLiteral("x.tmp") << QStringLiteral("tmp") << 1 << 3;
        QTest::newRow("whole-name match only")
            << QStringLiteral("my-orders.eu") << QStringLiteral("default") << 5 << 3;
        QTest::newRow("default") << QStringLiteral("other") << QStringLiteral("default") << 5 << 3;
    }
    void groupsInOrder()
    {
        QFETCH(QString, topic);
        QFETCH(QString, group);
        QFETCH(int, partitions);
        QFETCH(int, replicationFactor);
        const auto creation = TopicCreation::parse(true, {{"topic.creation.default.partitions", "5"},
                                                          {"topic.creation.default.replication.factor", "3"},
                                                          {"topic.creation.default.include", "ignored"},
                                                          {"topic.creation.groups", "orders, tmp"},
                                                          {"topic.creation.orders.include", "orders\\..*"},
                                                          {"topic.creation.orders.exclude", ".*\\.tmp"},
                                                          {"topic.creation.orders.partitions", "6"},
                                                          {"topic.creation.orders.replication.factor", "1"},
                                                          {"topic.creation.tmp.include", "a,.*\\.tmp"},
                                                          {"topic.creation.tmp.partitions", "1"}});
        const auto& g = creation.groupFor(topic.toStdString());
        QCOMPARE(QString::fromStdString(g.name), group);
        QCOMPARE(g.partitions, partitions);
        QCOMPARE(g.replicationFactor, replicationFactor);
    }

    void topicConfigs()
    {
        const auto creation =
            TopicCreation::parse(true, {{"topic.creation.default.partitions", "-1"},
                                        {"topic.creation.default.replication.factor", "-1"},
                                        {"topic.creation.default.cleanup.policy", "compact"},
                                        {"topic.creation.groups", "g"},
                                        {"topic.creation.g.include", "t"},
                                        {"topic.creation.g.retention.ms", "1000"}});
        QCOMPARE(creation.defaultGroup().topicConfigs, (ConfigMap{{"cleanup.policy", "compact"}}));
        QCOMPARE(creation.defaultGroup().partitions, -1);
        QCOMPARE(creation.groupFor("t").topicConfigs, (ConfigMap{{"retention.ms", "1000"}}));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no default rf")
            << QStringLiteral("topic.creation.default.replication.factor") << QString()
            << QStringLiteral("Missing required configuration "
                              "\"topic.creation.default.replication.factor\" which has no "
                              "default value.");
        QTest::newRow("zero rf") << QStringLiteral("topic.creation.default.replication.factor")
                                 << QStringLiteral("0")
                                 << QStringLiteral(
                                        "Invalid value 0 for configuration "
                                        "topic.creation.default.replication.factor: Replication factor "
                                        "must be positive and not larger than the number of brokers in "
                                        "the Kafka cluster, or -1 to use the broker's default");
        QTest::newRow("bad partitions")
            << QStringLiteral("topic.creation.default.partitions") << QStringLiteral("-3")
            << QStringLiteral("Invalid value -3 for configuration "
                              "topic.creation.default.partitions: Number of partitions "
                              "must be positive, or -1 to use the broker's default");
        QTest::newRow("not a number")
            << QStringLiteral("topic.creation.default.partitions") << QStringLiteral("x")
            << QStringLiteral("Invalid value x for configuration "
                              "topic.creation.default.partitions: Not a number of type INT");
    }
    void refused()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        ConfigMap config{{"topic.creation.default.partitions", "1"},
                         {"topic.creation.default.replication.factor", "1"}};
        if (value.isEmpty()) {
            config.erase(key.toStdString());
        } else {
            config[key.toStdString()] = value.toStdString();
        }
        try {
            TopicCreation::parse(true, config);
            QFAIL("no exception");
        } catch (const sdk::ConfigException& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    void validateNamesTheKey()
    {
        QVERIFY(TopicCreation::validate(true, {{"topic", "t"}}).empty());
        const auto missing =
            TopicCreation::validate(true, {{"topic.creation.default.replication.factor", "1"}});
        QCOMPARE(missing.size(), std::size_t{1});
        QCOMPARE(missing[0].first, std::string("topic.creation.default.partitions"));
        QCOMPARE(missing[0].second,
                 std::string("Missing required configuration \"topic.creation.default.partitions\" "
                             "which has no default value."));
        const auto bad = TopicCreation::validate(true, {{"topic.creation.default.replication.factor", "1"},
                                                        {"topic.creation.default.partitions", "0"}});
        QCOMPARE(bad.size(), std::size_t{1});
        QCOMPARE(bad[0].first, std::string("topic.creation.default.partitions"));
        // Off on the worker: nothing to check.
        QVERIFY(TopicCreation::validate(false, {{"topic.creation.default.partitions", "0"}}).empty());
    }
};

QTEST_GUILESS_MAIN(TestTopicCreation)
#include "tst_topic_creation.moc"
