// Headers (ordered multimap with validation) and Source/Sink records (spec §1.4–1.5).
#include <connectdesk/sdk/errors.h>
#include <connectdesk/sdk/logical_types.h>
#include <connectdesk/sdk/schema_builder.h>
#include <connectdesk/sdk/sink_record.h>
#include <connectdesk/sdk/source_record.h>
#include <connectdesk/sdk/source_record_batch.h>

#include <QTest>

using namespace connectdesk::sdk;

class TestHeadersRecords : public QObject {
    Q_OBJECT

    static QStringList keys(const Headers& h)
    {
        QStringList out;
        for (const auto& header : h)
            out << QString::fromStdString(header.key());
        return out;
    }

private Q_SLOTS:
    void orderedMultimap()
    {
        Headers h;
        h.addString("a", std::string("1"))
            .addInt("b", 2)
            .addString("a", std::string("3"))
            .addBoolean("c", true);
        QCOMPARE(h.size(), std::size_t{4});
        QCOMPARE(h.allWithName("a").size(), std::size_t{2});
        QCOMPARE(h.lastWithName("a")->value().as<std::string>(), std::string("3"));
        QVERIFY(h.lastWithName("zz") == nullptr);
        QCOMPARE(h.at(1).schema().get(), Schema::int32Schema().get());

        Headers latest = h.duplicate();
        latest.retainLatest();
        QCOMPARE(keys(latest), (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
        Headers oneKey = h.duplicate();
        oneKey.retainLatest("a");
        QCOMPARE(keys(oneKey), (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
        QCOMPARE(oneKey.lastWithName("a")->value().as<std::string>(), std::string("3"));
        h.remove("a");
        QCOMPARE(keys(h), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        h.apply("b", [](const Header& x) { return x.rename("renamed"); });
        QCOMPARE(keys(h), (QStringList{QStringLiteral("renamed"), QStringLiteral("c")}));
        h.clear();
        QVERIFY(h.isEmpty());
    }

    void typedHelpersAndValidation()
    {
        Headers h;
        h.addString("s", std::nullopt);
        QCOMPARE(h.at(0).schema().get(), Schema::optionalStringSchema().get());
        h.add("null", SchemaAndValue{});
        QVERIFY(h.at(1).schemaAndValue().isNull());
        QVERIFY_THROWS_EXCEPTION(DataException, h.add("bad", Value("x"), Schema::int32Schema()));
        QVERIFY_THROWS_EXCEPTION(DataException, h.add("bad", Value(), Schema::int32Schema()));
        QVERIFY_THROWS_EXCEPTION(DataException, h.addDate("d", DateTime{1}));
        QVERIFY_THROWS_EXCEPTION(DataException, h.addTime("t", DateTime{kMillisPerDay + 1}));
        h.addDecimal("dec", *BigDecimal::parse("1.25"));
        QCOMPARE(*h.lastWithName("dec")->schema()->parameter("scale"), std::string("2"));
        QCOMPARE(h.size(), std::size_t{3}); // failed adds left nothing behind
    }

    void sourceRecordNewRecordKeepsOffsets()
    {
        OffsetMap partition{{"filename", Value("in.txt")}};
        OffsetMap offset{{"position", Value(std::int64_t{1234})}};
        Headers headers;
        headers.addInt("h", 1);
        SourceRecord r(partition, offset, "topic", 3, Schema::stringSchema(), Value("k"),
                       Schema::int32Schema(), Value(std::int32_t{1}), 99, headers);
        SourceRecord n =
            r.newRecord("other", std::nullopt, nullptr, Value(), Schema::stringSchema(), Value("v"), 100);
        QCOMPARE(n.topic(), std::string("other"));
        QVERIFY(!n.kafkaPartition());
        QCOMPARE(n.sourceOffset().at("position").as<std::int64_t>(), std::int64_t{1234});
        QCOMPARE(n.sourcePartition().at("filename").as<std::string>(), std::string("in.txt"));
        QCOMPARE(n.headers().size(), std::size_t{1});
        n.headers().addInt("h2", 2);
        QCOMPARE(r.headers().size(), std::size_t{1}); // headers were copied, not shared
        QCOMPARE(*n.timestamp(), std::int64_t{100});
        SourceRecord valueOnly({}, {}, "t", Schema::stringSchema(), Value("x"));
        QVERIFY(!valueOnly.keySchema());
        QVERIFY(r == r.newRecord("topic", 3, Schema::stringSchema(), Value("k"), Schema::int32Schema(),
                                 Value(std::int32_t{1}), 99));
    }

    // A partition map built once is shared by the records built with it and by their newRecord()
    // copies; equality still compares the maps, and a null one reads as the empty map.
    void sourceRecordSharesItsPartitionMap()
    {
        const SharedOffsetMap partition =
            std::make_shared<const OffsetMap>(OffsetMap{{"filename", Value("a.txt")}});
        SourceRecord first(partition, {{"position", Value(std::int64_t{1})}}, "t", std::nullopt, nullptr,
                           Value(), Schema::stringSchema(), Value("one"));
        SourceRecord second(partition, {{"position", Value(std::int64_t{2})}}, "t", std::nullopt, nullptr,
                            Value(), Schema::stringSchema(), Value("two"));
        QCOMPARE(first.sharedSourcePartition().get(), partition.get());
        QCOMPARE(second.sharedSourcePartition().get(), partition.get());
        const SourceRecord routed =
            first.newRecord("other", 0, nullptr, Value(), Schema::stringSchema(), Value("one"), std::nullopt);
        QCOMPARE(routed.sharedSourcePartition().get(), partition.get());
        QCOMPARE(routed.sourceOffset().at("position").as<std::int64_t>(), std::int64_t{1});

        // A record with its own copy of the map equals one sharing it.
        SourceRecord copied(OffsetMap(*partition), {{"position", Value(std::int64_t{1})}}, "t", std::nullopt,
                            nullptr, Value(), Schema::stringSchema(), Value("one"));
        QVERIFY(copied.sharedSourcePartition().get() != partition.get());
        QVERIFY(copied == first);
        QVERIFY(!(copied == second));

        SourceRecord nullPartition(SharedOffsetMap(), {}, "t", std::nullopt, nullptr, Value(),
                                   Schema::stringSchema(), Value("x"));
        QVERIFY(nullPartition.sourcePartition().empty());
        SourceRecord emptyPartition({}, {}, "t", std::nullopt, nullptr, Value(), Schema::stringSchema(),
                                    Value("x"));
        QVERIFY(nullPartition == emptyPartition);
    }

    // addText() builds, in place of a spent record of any shape, the record its constructor builds,
    // and keeps the spent record's buffers where they fit: its value's and its offset's map node.
    void sourceRecordBatchAddTextBuildsWhatTheConstructorBuilds()
    {
        const SharedOffsetMap partition =
            std::make_shared<const OffsetMap>(OffsetMap{{"filename", Value("a.txt")}});
        const std::string longText(64, 'x');
        const auto expected = [&](const char* topic, std::int64_t position, const std::string& text) {
            return SourceRecord(partition, {{"position", Value(position)}}, topic, std::nullopt, nullptr,
                                Value(), Schema::stringSchema(), Value(text), std::int64_t{1000});
        };

        SourceRecordBatch batch;
        // Nothing spent yet: a new record.
        batch.addText(partition, "position", Value(std::int64_t{1}), "topic-a", std::nullopt,
                      Schema::stringSchema(), longText, std::int64_t{1000});
        // Spent records unlike the text records: a key, headers, a struct value, another offset shape,
        // another partition, a Kafka partition.
        const auto structSchema = SchemaBuilder::structType().field("f", Schema::int32Schema()).build();
        Struct value(structSchema);
        value.put("f", std::int32_t{7});
        SourceRecord odd(OffsetMap{{"other", Value("p")}}, {{"a", Value(1)}, {"b", Value(2)}}, "odd", 3,
                         Schema::stringSchema(), Value("key"), structSchema, Value(std::move(value)),
                         std::int64_t{5});
        odd.headers().addString("h", "v");
        batch.push_back(SourceRecord(odd));
        QCOMPARE(batch.size(), std::size_t{2});
        QVERIFY(batch[0] == expected("topic-a", 1, longText));
        QVERIFY(batch[1] == odd);

        const char* textBuffer = batch[0].value().as<std::string>().data();
        const Value* offsetValue = &batch[0].sourceOffset().begin()->second;
        batch.clear();
        QCOMPARE(batch.size(), std::size_t{0});
        QCOMPARE(batch.held(), std::size_t{2});
        batch.addText(partition, "position", Value(std::int64_t{2}), "topic-b", std::nullopt,
                      Schema::stringSchema(), longText.substr(1), std::int64_t{1000});
        batch.addText(partition, "position", Value(std::int64_t{3}), "topic-c", std::nullopt,
                      Schema::stringSchema(), "short", std::int64_t{1000});
        QVERIFY(batch[0] == expected("topic-b", 2, longText.substr(1)));
        QVERIFY(batch[1] == expected("topic-c", 3, "short"));
        QVERIFY(batch[1].headers().isEmpty());
        QVERIFY(!batch[1].kafkaPartition().has_value());
        QCOMPARE(batch[1].sharedSourcePartition().get(), partition.get());
        QCOMPARE(batch[0].value().as<std::string>().data(), textBuffer);
        QCOMPARE(&batch[0].sourceOffset().begin()->second, offsetValue);

        // push_back() over a spent record, and a batch past its spent records grows.
        batch.clear();
        batch.push_back(SourceRecord(odd));
        batch.addText(partition, "position", Value(std::int64_t{4}), "t", std::nullopt,
                      Schema::stringSchema(), "x", std::int64_t{1000});
        batch.addText(partition, "position", Value(std::int64_t{5}), "t", std::nullopt,
                      Schema::stringSchema(), "y", std::int64_t{1000});
        QCOMPARE(batch.size(), std::size_t{3});
        QCOMPARE(batch.held(), std::size_t{3});
        QVERIFY(batch[0] == odd);
        QVERIFY(batch[2] == expected("t", 5, "y"));
        std::size_t iterated = 0;
        for (const SourceRecord& record : batch) {
            QVERIFY(&record == &batch[iterated++]);
        }
        QCOMPARE(iterated, std::size_t{3});

        // A record moved out (the worker keeps it while in flight when the task uses commitRecord())
        // leaves a moved-from one, which addText() builds over as over any other.
        const SourceRecord taken(std::move(batch[2]));
        QVERIFY(taken == expected("t", 5, "y"));
        batch.clear();
        batch.addText(partition, "position", Value(std::int64_t{6}), "t", std::nullopt,
                      Schema::stringSchema(), "a", std::int64_t{1000});
        batch.addText(partition, "position", Value(std::int64_t{7}), "t", std::nullopt,
                      Schema::stringSchema(), "b", std::int64_t{1000});
        batch.addText(partition, "position", Value(std::int64_t{8}), "topic-z", std::nullopt,
                      Schema::stringSchema(), longText, std::int64_t{1000});
        QVERIFY(batch[2] == expected("topic-z", 8, longText));

        batch.release();
        QCOMPARE(batch.size(), std::size_t{0});
        QCOMPARE(batch.held(), std::size_t{0});
    }

    void sinkRecordKeepsOriginals()
    {
        SinkRecord r("orig", 2, nullptr, Value(), Schema::stringSchema(), Value("v"), 41, 1000,
                     TimestampType::CreateTime);
        QCOMPARE(r.originalTopic(), std::string("orig"));
        SinkRecord routed =
            r.newRecord("routed", 5, nullptr, Value(), Schema::stringSchema(), Value("w"), 1001);
        QCOMPARE(routed.topic(), std::string("routed"));
        QCOMPARE(*routed.kafkaPartition(), 5);
        QCOMPARE(routed.kafkaOffset(), std::int64_t{41});
        QCOMPARE(routed.originalTopic(), std::string("orig"));
        QCOMPARE(routed.originalKafkaPartition(), 2);
        QCOMPARE(routed.originalKafkaOffset(), std::int64_t{41});
        QCOMPARE(routed.timestampType(), TimestampType::CreateTime);
        QCOMPARE(timestampTypeName(TimestampType::LogAppendTime), std::string_view("LogAppendTime"));
    }

    // A record rebuilt for the next consumed one equals the one the constructor builds from the
    // same fields: the originals follow, the old headers and routing are gone, the topic's buffer
    // stays.
    void sinkRecordRebuildConsumedBuildsWhatTheConstructorBuilds()
    {
        SinkRecord first("a-consumed-topic-name-longer-than-sso", 2, Schema::stringSchema(), Value("k"),
                         Schema::stringSchema(), Value("v"), 41, 1000, TimestampType::CreateTime);
        first.headers().addString("h1", "x").addString("h2", "y");
        SinkRecord r = first.newRecord("routed-by-a-transform-somewhere", 5, nullptr, Value(),
                                       Schema::int32Schema(), Value(std::int32_t{3}), 1001);
        r.headers().addString("h3", "z");
        const void* topicBuffer = r.topic().data();
        auto slots =
            r.rebuildConsumed("next-consumed-topic", 1, 77, std::nullopt, TimestampType::LogAppendTime);
        slots.keySchema = nullptr;
        slots.key = Value();
        slots.valueSchema = Schema::optionalStringSchema();
        slots.value = Value("next");
        const SinkRecord expected("next-consumed-topic", 1, nullptr, Value(), Schema::optionalStringSchema(),
                                  Value("next"), 77, std::nullopt, TimestampType::LogAppendTime);
        QVERIFY(r == expected);
        QVERIFY(r.headers().isEmpty());
        QCOMPARE(r.originalTopic(), std::string("next-consumed-topic"));
        QCOMPARE(r.originalKafkaPartition(), 1);
        QCOMPARE(r.originalKafkaOffset(), std::int64_t{77});
        QVERIFY(!r.timestamp());
        QCOMPARE(static_cast<const void*>(r.topic().data()), topicBuffer);
    }

    void exceptionHierarchy()
    {
        try {
            throw SchemaBuilderException("x");
        } catch (const DataException&) {
        }
        try {
            throw RetriableException("r");
        } catch (const ConnectException& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("r"));
        }
        const ConfigException c("schemas.enable", "maybe", "Expected value to be either true or false");
        QCOMPARE(QString::fromUtf8(c.what()),
                 QStringLiteral(
                     "Invalid value maybe for configuration schemas.enable: Expected value to be either "
                     "true or false"));
        QCOMPARE(c.configName(), std::string("schemas.enable"));
    }
};

QTEST_GUILESS_MAIN(TestHeadersRecords)
#include "tst_headers_records.moc"
