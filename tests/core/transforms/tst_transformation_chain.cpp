// TransformationChain: building from connector config (spec §5.1), the registry's names, predicate
// application with negate, dropping, and the configuration error messages.
#include "transform_test_util.h"

using namespace connectdesk;
using namespace connectdesk::transforms;
using namespace connectdesk::transforms::testing;

Q_DECLARE_METATYPE(connectdesk::sdk::ConfigMap)

class TstTransformationChain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resolvesNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("className"); // empty: not found
        QTest::newRow("full") << "org.apache.kafka.connect.transforms.InsertField$Value"
                              << "org.apache.kafka.connect.transforms.InsertField$Value";
        QTest::newRow("simple nested") << "InsertField$Key"
                                       << "org.apache.kafka.connect.transforms.InsertField$Key";
        QTest::newRow("simple") << "RegexRouter"
                                << "org.apache.kafka.connect.transforms.RegexRouter";
        QTest::newRow("abstract outer") << "InsertField"
                                        << "";
        QTest::newRow("unknown") << "com.example.Nope"
                                 << "";
        QTest::newRow("predicate is not a transformation") << "HasHeaderKey"
                                                           << "";
    }
    void resolvesNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, className);
        const auto* p = registry().findTransformation(name.toStdString());
        QCOMPARE(p == nullptr ? QString() : q(p->className), className);
    }

    void everyBuiltinIsRegistered()
    {
        const char* names[] = {"InsertField$Key",
                               "InsertField$Value",
                               "ReplaceField$Key",
                               "ReplaceField$Value",
                               "MaskField$Key",
                               "MaskField$Value",
                               "ValueToKey",
                               "ExtractField$Key",
                               "ExtractField$Value",
                               "SetSchemaMetadata$Key",
                               "SetSchemaMetadata$Value",
                               "TimestampRouter",
                               "RegexRouter",
                               "Flatten$Key",
                               "Flatten$Value",
                               "Cast$Key",
                               "Cast$Value",
                               "TimestampConverter$Key",
                               "TimestampConverter$Value",
                               "HoistField$Key",
                               "HoistField$Value",
                               "Filter",
                               "InsertHeader",
                               "DropHeaders",
                               "HeaderFrom$Key",
                               "HeaderFrom$Value"};
        for (const char* n : names) {
            QVERIFY2(registry().findTransformation(std::string("org.apache.kafka.connect.transforms.") + n) !=
                         nullptr,
                     n);
        }
        QCOMPARE(registry().transformations().size(), std::size(names));
        for (const char* n : {"TopicNameMatches", "HasHeaderKey", "RecordIsTombstone"}) {
            QVERIFY(
                registry().findPredicate(std::string("org.apache.kafka.connect.transforms.predicates.") + n));
            QVERIFY(registry().findPredicate(n));
        }
    }

    void configErrors_data()
    {
        QTest::addColumn<sdk::ConfigMap>("props");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown class")
            << ConfigMap{{"transforms", "x"}, {"transforms.x.type", "com.example.Nope"}}
            << "Invalid value com.example.Nope for configuration transforms.x.type: Class "
               "com.example.Nope could not be found.";
        QTest::newRow("missing type")
            << ConfigMap{{"transforms", "x"}}
            << "Missing required configuration \"transforms.x.type\" which has no default "
               "value.";
        QTest::newRow("abstract")
            << ConfigMap{{"transforms", "x"},
                         {"transforms.x.type", "org.apache.kafka.connect.transforms.Flatten"}}
            << "Invalid value org.apache.kafka.connect.transforms.Flatten for configuration "
               "transforms.x.type: Transformation is abstract and cannot be created. Did you mean "
               "org.apache.kafka.connect.transforms.Flatten$Key, "
               "org.apache.kafka.connect.transforms.Flatten$Value?";
        QTest::newRow("duplicate alias")
            << ConfigMap{{"transforms", "a, b,a"}}
            << "Invalid value [a, b, a] for configuration transforms: Duplicate alias "
               "provided.";
        QTest::newRow("negate without predicate") << ConfigMap{{"transforms", "f"},
                                                               {"transforms.f.type", "Filter"},
                                                               {"transforms.f.negate", "true"}}
                                                  << "Config 'transforms.f.negate' was provided but there is "
                                                     "no config 'transforms.f.predicate' defining a "
                                                     "predicate to be negated.";
        QTest::newRow("missing replacement")
            << singleStage("RegexRouter", {{"regex", "raw-(.*)"}})
            << "Missing required configuration \"transforms.t.replacement\" which "
               "has no default value.";
        QTest::newRow("bad boolean")
            << singleStage("InsertField$Value", {{"topic.field", "t"}, {"replace.null.with.default", "yes"}})
            << "Invalid value yes for configuration transforms.t.replace.null.with.default: "
               "Expected value to be either true or false";
        QTest::newRow("nothing to insert")
            << singleStage("InsertField$Value", {})
            << "Invalid configuration for transforms.t: No field insertion configured";
        QTest::newRow("predicate not listed") << ConfigMap{{"transforms", "f"},
                                                           {"transforms.f.type", "Filter"},
                                                           {"transforms.f.predicate", "p"}}
                                              << "Invalid value p for configuration transforms.f.predicate: "
                                                 "Predicate alias p is not listed in the "
                                                 "'predicates' configuration.";
        QTest::newRow("predicate missing type")
            << ConfigMap{{"predicates", "p"}}
            << "Missing required configuration \"predicates.p.type\" which has no "
               "default value.";
        QTest::newRow("predicate unknown class")
            << ConfigMap{{"predicates", "p"}, {"predicates.p.type", "Filter"}}
            << "Invalid value Filter for configuration predicates.p.type: Class Filter could not be found.";
        QTest::newRow("predicate missing key")
            << ConfigMap{{"predicates", "p"}, {"predicates.p.type", "HasHeaderKey"}}
            << "Missing required configuration \"predicates.p.name\" which has no "
               "default value.";
        QTest::newRow("predicate empty pattern")
            << ConfigMap{{"predicates", "p"},
                         {"predicates.p.type", "TopicNameMatches"},
                         {"predicates.p.pattern", ""}}
            << "Invalid value  for configuration predicates.p.pattern: String must be non-empty";
    }
    void configErrors()
    {
        QFETCH(sdk::ConfigMap, props);
        QFETCH(QString, message);
        const std::string got = messageOf<sdk::ConfigException>(
            [&] { (void)TransformationChain<SourceRecord>::fromConfig(props, registry()); });
        QCOMPARE(q(got), message);
    }

    // Connector validation calls config().validate(), which also runs validators on missing or
    // unparsable values: every built-in must report errors there, never throw.
    void builtinConfigDefsValidateEmptyConfigs()
    {
        for (const auto* p : registry().transformations()) {
            const auto t = p->createForSource();
            std::size_t errors = 0;
            for (const auto& cv : t->config().validate(ConfigMap{})) {
                errors += cv.errors.size();
            }
            const auto keys = t->config().keys();
            const auto required =
                std::count_if(keys.begin(), keys.end(), [](const auto& k) { return k.required(); });
            // At least one error per required key (validString also rejects null, as Apache's does).
            QVERIFY2(errors >= static_cast<std::size_t>(required), p->className.c_str());
        }
        for (const auto* p : registry().predicates()) {
            QVERIFY(p->createForSink() != nullptr);
            (void)p->createForSink()->config().validate(ConfigMap{});
        }
    }

    void emptyConfigIsAnEmptyChain()
    {
        auto chain = TransformationChain<SinkRecord>::fromConfig({{"name", "c"}}, registry());
        QVERIFY(chain.isEmpty());
        SinkRecord r("t", 0, nullptr, Value(), nullptr, Value("v"), 5);
        const auto out = chain.apply(r);
        QVERIFY(out.has_value());
        QCOMPARE(*out, r);
    }

    // The example connector config of spec §9, applied to four records.
    void specExample()
    {
        const ConfigMap props{
            {"transforms", "dropTombstones,route,addTs"},
            {"transforms.dropTombstones.type", "org.apache.kafka.connect.transforms.Filter"},
            {"transforms.dropTombstones.predicate", "isTombstone"},
            {"transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"},
            {"transforms.route.regex", "raw-(.*)"},
            {"transforms.route.replacement", "clean-$1"},
            {"transforms.addTs.type", "org.apache.kafka.connect.transforms.InsertField$Value"},
            {"transforms.addTs.timestamp.field", "ingest_ts"},
            {"transforms.addTs.predicate", "hasTrace"},
            {"transforms.addTs.negate", "true"},
            {"predicates", "isTombstone,hasTrace"},
            {"predicates.isTombstone.type",
             "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone"},
            {"predicates.hasTrace.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey"},
            {"predicates.hasTrace.name", "trace-id"}};
        auto chain = TransformationChain<SourceRecord>::fromConfig(props, registry());
        QCOMPARE(chain.stages().size(), std::size_t{3});
        QCOMPARE(q(chain.stages()[2].className),
                 QStringLiteral("org.apache.kafka.connect.transforms.InsertField$Value"));
        QVERIFY(chain.stages()[2].negate);

        // A tombstone is dropped by the first stage.
        QVERIFY(!chain.apply(sourceRecord(nullptr, Value("k"), nullptr, Value(), "raw-a")).has_value());

        // No trace header: routed and the timestamp inserted (negated predicate is true).
        auto out = chain.apply(sourceRecord(
            nullptr, Value(), nullptr, Value(stringMap({{"id", std::int32_t{1}}})), "raw-orders", 0, 1234));
        QVERIFY(out.has_value());
        QCOMPARE(q(out->topic()), QStringLiteral("clean-orders"));
        QCOMPARE(out->value(),
                 Value(stringMap({{"id", std::int32_t{1}}, {"ingest_ts", std::int64_t{1234}}})));

        // With the trace header the InsertField stage is skipped; a topic the regex does not match
        // as a whole is kept.
        auto traced = sourceRecord(nullptr, Value(), nullptr, Value(stringMap({{"id", std::int32_t{2}}})),
                                   "xraw-o", 0, 99);
        traced.headers().addString("trace-id", std::string("abc"));
        out = chain.apply(traced);
        QVERIFY(out.has_value());
        QCOMPARE(q(out->topic()), QStringLiteral("xraw-o"));
        QCOMPARE(out->value(), Value(stringMap({{"id", std::int32_t{2}}})));
        QCOMPARE(out->headers().size(), std::size_t{1});
    }

    void predicates_data()
    {
        QTest::addColumn<QString>("predicateType");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("paramValue");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<bool>("tombstone");
        QTest::addColumn<bool>("withHeader");
        QTest::addColumn<bool>("expected");
        QTest::newRow("topic whole match") << "TopicNameMatches"
                                           << "pattern"
                                           << "orders-.*"
                                           << "orders-eu" << false << false << true;
        QTest::newRow("topic partial is no match") << "TopicNameMatches"
                                                   << "pattern"
                                                   << "orders"
                                                   << "orders-eu" << false << false << false;
        QTest::newRow("topic alternation") << "TopicNameMatches"
                                           << "pattern"
                                           << "a|ab"
                                           << "ab" << false << false << true;
        QTest::newRow("header present") << "HasHeaderKey"
                                        << "name"
                                        << "h"
                                        << "t" << false << true << true;
        QTest::newRow("header absent") << "HasHeaderKey"
                                       << "name"
                                       << "other"
                                       << "t" << false << true << false;
        QTest::newRow("tombstone") << "RecordIsTombstone"
                                   << ""
                                   << ""
                                   << "t" << true << false << true;
        QTest::newRow("not tombstone") << "RecordIsTombstone"
                                       << ""
                                       << ""
                                       << "t" << false << false << false;
    }
    void predicates()
    {
        QFETCH(QString, predicateType);
        QFETCH(QString, param);
        QFETCH(QString, paramValue);
        QFETCH(QString, topic);
        QFETCH(bool, tombstone);
        QFETCH(bool, withHeader);
        QFETCH(bool, expected);
        for (const bool negate : {false, true}) {
            ConfigMap props{{"transforms", "drop"},
                            {"transforms.drop.type", "Filter"},
                            {"transforms.drop.predicate", "p"},
                            {"transforms.drop.negate", negate ? "true" : "false"},
                            {"predicates", "p"},
                            {"predicates.p.type", predicateType.toStdString()}};
            if (!param.isEmpty()) {
                props.emplace("predicates.p." + param.toStdString(), paramValue.toStdString());
            }
            auto chain = TransformationChain<SourceRecord>::fromConfig(props, registry());
            auto record = sourceRecord(nullptr, Value(), nullptr, tombstone ? Value() : Value("v"),
                                       topic.toStdString());
            if (withHeader) {
                record.headers().addInt("h", 1);
            }
            // Filter applies (drops) when test XOR negate.
            const bool dropped = !chain.apply(record).has_value();
            QCOMPARE(dropped, expected != negate);
        }
    }

    // Sink records keep their pre-transform coordinates (spec §1.4), which sink offsets rely on.
    void sinkRecordsKeepOriginals()
    {
        auto chain = chainFor<SinkRecord>("RegexRouter", {{"regex", "in-(.*)"}, {"replacement", "out-$1"}});
        const auto out = chain.apply(SinkRecord("in-a", 2, nullptr, Value(), nullptr, Value("v"), 77));
        QCOMPARE(q(out->topic()), QStringLiteral("out-a"));
        QCOMPARE(q(out->originalTopic()), QStringLiteral("in-a"));
        QCOMPARE(out->originalKafkaPartition(), 2);
        QCOMPARE(out->kafkaOffset(), std::int64_t{77});
    }

    // A plugin author's transformation registered like a loaded plugin: found by full and simple
    // name, configured with its prefix stripped, and run in order with the built-ins.
    void pluginTransformation()
    {
        struct Upper final : sdk::Transformation<SourceRecord> {
            std::string suffix;
            void configure(const ConfigMap& props) override { suffix = props.at("suffix"); }
            sdk::ConfigDef config() const override { return {}; }
            std::optional<SourceRecord> apply(SourceRecord r) override
            {
                return r.newRecord(r.topic() + suffix, r.kafkaPartition(), r.keySchema(), r.key(),
                                   r.valueSchema(), r.value(), r.timestamp());
            }
        };
        TransformRegistry reg = TransformRegistry::withBuiltins();
        sdk::TransformationPlugin p;
        p.className = "com.example.Suffix";
        p.createForSource = [] { return std::make_unique<Upper>(); };
        reg.add(p);
        QVERIFY(reg.findTransformation("Suffix") != nullptr);
        auto chain = TransformationChain<SourceRecord>::fromConfig({{"transforms", "s,r"},
                                                                    {"transforms.s.type", "Suffix"},
                                                                    {"transforms.s.suffix", "-x"},
                                                                    {"transforms.r.type", "RegexRouter"},
                                                                    {"transforms.r.regex", "(.*)-x"},
                                                                    {"transforms.r.replacement", "$1.done"}},
                                                                   reg);
        QCOMPARE(q(chain.apply(valueRecord(nullptr, Value()))->topic()), QStringLiteral("orders.done"));
        // It offers no sink factory.
        QCOMPARE(q(messageOf<sdk::ConfigException>([&] {
                     (void)TransformationChain<SinkRecord>::fromConfig(
                         {{"transforms", "s"}, {"transforms.s.type", "com.example.Suffix"}}, reg);
                 })),
                 QStringLiteral("Invalid value com.example.Suffix for configuration transforms.s.type: "
                                "com.example.Suffix cannot be used by sink connectors."));
    }

    void failedStageIsReported()
    {
        auto chain = TransformationChain<SourceRecord>::fromConfig({{"transforms", "a,b"},
                                                                    {"transforms.a.type", "HoistField$Value"},
                                                                    {"transforms.a.field", "x"},
                                                                    {"transforms.b.type", "ValueToKey"},
                                                                    {"transforms.b.fields", "missing"}},
                                                                   registry());
        const std::string msg = messageOf<sdk::DataException>(
            [&] { (void)chain.apply(valueRecord(sdk::Schema::int32Schema(), std::int32_t{1})); });
        QCOMPARE(q(msg), QStringLiteral("Field does not exist: missing"));
        const auto* failed = chain.lastFailedStage();
        QVERIFY(failed != nullptr);
        QCOMPARE(failed != nullptr ? q(failed->alias) : QString(), QStringLiteral("b"));
        // A later successful record clears it.
        const auto ok = chain.apply(valueRecord(nullptr, Value("no schema")));
        QVERIFY(ok.has_value());
        QCOMPARE(ok->key(), Value(stringMap({{"missing", Value()}})));
        QVERIFY(chain.lastFailedStage() == nullptr);
    }

    void badRegexNamesTheKey()
    {
        const std::string msg = messageOf<sdk::ConfigException>([] {
            (void)chainFor("RegexRouter", {{"regex", "raw-("}, {"replacement", "x"}});
        });
        QVERIFY2(q(msg).startsWith(
                     QStringLiteral("Invalid value raw-( for configuration transforms.t.regex: must be a "
                                    "valid regular expression: ")),
                 msg.c_str());
    }
};

QTEST_GUILESS_MAIN(TstTransformationChain)
#include "tst_transformation_chain.moc"
